from datetime import date, timedelta

import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.planning.reminders import (
    ReminderItem,
    check_reminder_offsets,
    due_reminders,
    reminder_key,
)

DUE = date(2027, 5, 28)
ITEM = ReminderItem("milestone-42", "milestone", "Ratsbeschluss", DUE)


def run_cron(days: list[date], items=(ITEM,), offsets=(30, 14, 7, 1)) -> list[tuple[date, int]]:
    """Simulate the daily job on ``days``, keeping the sent-log like the real job would."""
    sent: set[str] = set()
    log = []
    for today in days:
        for reminder in due_reminders(items, today, sent, offsets):
            assert reminder.key not in sent
            sent.add(reminder.key)
            log.append((today, reminder.offset))
    return log


def days_before(*numbers: int) -> list[date]:
    return [DUE - timedelta(days=n) for n in numbers]


def test_daily_job_sends_each_default_offset_exactly_once():
    every_day = days_before(*range(45, -5, -1))
    assert run_cron(every_day) == [
        (DUE - timedelta(days=30), 30),
        (DUE - timedelta(days=14), 14),
        (DUE - timedelta(days=7), 7),
        (DUE - timedelta(days=1), 1),
    ]


def test_missed_day_still_sends_once_the_next_day():
    # The job did not run 14 days before; it catches up 13 days before.
    days = [d for d in days_before(*range(45, -1, -1)) if d != DUE - timedelta(days=14)]
    log = run_cron(days)
    assert (DUE - timedelta(days=13), 14) in log
    assert [offset for _, offset in log] == [30, 14, 7, 1]


def test_long_outage_sends_only_the_tightest_reminder():
    days = days_before(31, 30, *range(5, -1, -1))  # down from 29 to 6 days before
    assert run_cron(days) == [
        (DUE - timedelta(days=30), 30),
        (DUE - timedelta(days=5), 7),
        (DUE - timedelta(days=1), 1),
    ]


def test_rerun_on_the_same_day_sends_nothing():
    today = DUE - timedelta(days=10)
    first = due_reminders([ITEM], today, set())
    assert [(r.offset, r.days_left) for r in first] == [(14, 10)]
    assert due_reminders([ITEM], today, {first[0].key}) == []


def test_nothing_before_the_first_offset_or_after_the_due_date():
    assert due_reminders([ITEM], DUE - timedelta(days=31), set()) == []
    assert due_reminders([ITEM], DUE + timedelta(days=1), set()) == []


def test_due_today_still_gets_the_last_reminder_if_it_was_missed():
    [reminder] = due_reminders([ITEM], DUE, {reminder_key("milestone-42", DUE, 7)})
    assert (reminder.offset, reminder.days_left) == (1, 0)


def test_a_tighter_reminder_already_sent_blocks_a_looser_one():
    sent = {reminder_key("milestone-42", DUE, 1)}
    assert due_reminders([ITEM], DUE - timedelta(days=5), sent) == []


def test_reminders_sent_under_old_offsets_count():
    # The user used to have a 3-day reminder; it went out; now the offsets are the defaults.
    sent = {reminder_key("milestone-42", DUE, 3)}
    assert due_reminders([ITEM], DUE - timedelta(days=2), sent) == []
    assert [r.offset for r in due_reminders([ITEM], DUE - timedelta(days=1), sent)] == [1]


def test_a_moved_due_date_arms_the_reminders_again():
    sent = {reminder_key("milestone-42", DUE, 7)}
    moved = ReminderItem("milestone-42", "milestone", "Ratsbeschluss", DUE + timedelta(days=3))
    [reminder] = due_reminders([moved], DUE - timedelta(days=5), sent)
    assert reminder.offset == 14
    assert reminder.key == "milestone-42|2027-05-31|T-14"


def test_keys_are_stable_and_name_item_date_and_offset():
    assert reminder_key("milestone-42", DUE, 7) == "milestone-42|2027-05-28|T-7"
    [reminder] = due_reminders([ITEM], DUE - timedelta(days=7), set())
    assert reminder.key == "milestone-42|2027-05-28|T-7"


def test_several_items_nearest_first_and_duplicates_once():
    other = ReminderItem(
        "application-7", "application", "Antragsfrist KJP", DUE - timedelta(days=3)
    )
    today = DUE - timedelta(days=6)
    found = due_reminders([ITEM, other, ITEM], today, set())
    assert [(r.item.key, r.offset) for r in found] == [("application-7", 7), ("milestone-42", 7)]


def test_user_offsets():
    found = due_reminders([ITEM], DUE - timedelta(days=3), set(), offsets=[3, 60])
    assert [r.offset for r in found] == [3]
    assert due_reminders([ITEM], DUE - timedelta(days=3), set(), offsets=[]) == []


def test_bad_offsets_name_the_entry():
    with pytest.raises(InvalidData) as err:
        check_reminder_offsets([30, -1, "7"])
    assert [p.field for p in err.value.problems] == ["reminder_offsets[1]", "reminder_offsets[2]"]
    with pytest.raises(InvalidData, match="doppelt"):
        check_reminder_offsets([7, 7])
    with pytest.raises(InvalidData, match="Liste"):
        check_reminder_offsets("30,14")
    assert check_reminder_offsets([1, 30, 7]) == (30, 7, 1)
