"""The bounded queue in front of the PDF reader: some read, some wait, the rest are refused."""

from __future__ import annotations

import threading
import time

import pytest

from funding_matcher.domain.pdf_import.admission import Busy, ReadQueue


def test_slots_then_waiting_then_refused_at_once():
    queue = ReadQueue(slots=1, waiting=1, wait_seconds=2)
    started = threading.Event()
    release = threading.Event()
    waited = []

    def reader():
        with queue.slot():
            started.set()
            release.wait(5)

    def waiter():
        begin = time.monotonic()
        with queue.slot():
            waited.append(time.monotonic() - begin)

    first = threading.Thread(target=reader)
    first.start()
    started.wait(5)
    second = threading.Thread(target=waiter)
    second.start()
    while queue.admitted < 2:
        time.sleep(0.01)
    begin = time.monotonic()
    with pytest.raises(Busy) as refused, queue.slot():
        pass
    assert time.monotonic() - begin < 0.5  # the third is refused at once, it does not wait
    assert refused.value.retry_after == 2
    assert refused.value.message == (
        "Gerade werden zu viele PDF-Dateien gleichzeitig gelesen; bitte die Datei in "
        "2 Sekunden erneut hochladen."
    )
    release.set()
    first.join(5)
    second.join(5)
    assert len(waited) == 1  # the waiting one got the slot when the first was done
    assert queue.admitted == 0


def test_a_wait_longer_than_allowed_is_refused_and_frees_its_place():
    queue = ReadQueue(slots=1, waiting=1, wait_seconds=0.2)
    with queue.slot():
        with pytest.raises(Busy), queue.slot():
            pass
        assert queue.admitted == 1
    assert queue.admitted == 0
    with queue.slot():  # and the slot is free again after an error inside
        pass


def test_an_error_while_reading_frees_the_slot():
    queue = ReadQueue(slots=1, waiting=0, wait_seconds=0)
    with pytest.raises(ValueError, match="kaputt"), queue.slot():
        raise ValueError("kaputt")
    with queue.slot():
        assert queue.admitted == 1


@pytest.mark.parametrize(("slots", "waiting", "seconds"), [(0, 1, 1), (1, -1, 1), (1, 1, -1)])
def test_nonsense_sizes_are_refused(slots, waiting, seconds):
    with pytest.raises(ValueError, match="ReadQueue"):
        ReadQueue(slots, waiting, seconds)
