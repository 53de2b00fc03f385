"""How many PDF files are read at once: a bounded queue in front of the sandbox.

A server has a fixed number of threads; each upload holds one while its file is read (up to
the sandbox's time limit). ``ReadQueue`` lets ``slots`` files be read at once and ``waiting``
more wait for a slot, for at most ``wait_seconds``; every further upload is refused at once
with ``Busy``, so uploads can never take every thread of the server.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BUSY_MESSAGE = (
    "Gerade werden zu viele PDF-Dateien gleichzeitig gelesen; bitte die Datei in {seconds} "
    "erneut hochladen."
)


class Busy(Exception):
    """No slot to read a file now; ``retry_after`` seconds is a fair time to try again."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        unit = "Sekunde" if retry_after == 1 else "Sekunden"
        self.message = BUSY_MESSAGE.format(seconds=f"{retry_after} {unit}")
        super().__init__(self.message)


class ReadQueue:
    """At most ``slots`` readings at once, ``waiting`` more in line, the rest refused."""

    def __init__(self, slots: int = 2, waiting: int = 2, wait_seconds: float = 5.0) -> None:
        if slots < 1 or waiting < 0 or wait_seconds < 0:
            raise ValueError("ReadQueue: slots ≥ 1, waiting ≥ 0, wait_seconds ≥ 0")
        self.slots = slots
        self.waiting = waiting
        self.wait_seconds = wait_seconds
        self._free = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._admitted = 0  # reading or waiting

    @property
    def admitted(self) -> int:
        """Uploads reading or waiting right now."""
        with self._lock:
            return self._admitted

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold a reading slot for the ``with`` block; raise ``Busy`` when there is none."""
        retry = max(1, math.ceil(self.wait_seconds))
        with self._lock:
            if self._admitted >= self.slots + self.waiting:
                raise Busy(retry)
            self._admitted += 1
        try:
            if not self._free.acquire(timeout=self.wait_seconds):
                raise Busy(retry)
            try:
                yield
            finally:
                self._free.release()
        finally:
            with self._lock:
                self._admitted -= 1
