"""Which e-mail reminders are due today (rule R28); sending is someone else's job.

An item due in ``n`` days has crossed every offset ``d >= n``. Only the tightest crossed offset
is reminded, and only if no reminder for that offset or a tighter one went out for the same item
and due date. A cron run that missed a day therefore still sends once, a rerun sends nothing, and
a moved due date arms the reminders again because the due date is part of the key.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from funding_matcher.domain.errors import FieldProblem, InvalidData

DEFAULT_REMINDER_OFFSETS: tuple[int, ...] = (30, 14, 7, 1)
_MAX_OFFSET = 365

ItemKind = Literal["milestone", "application", "programme"]
KIND_LABELS: dict[str, str] = {
    "milestone": "Meilenstein",
    "application": "Antragsfrist",
    "programme": "Frist eines gemerkten Programms",
}


@dataclass(frozen=True)
class ReminderItem:
    """Something with a due date; ``key`` identifies it stably, e.g. ``milestone-42``."""

    key: str
    kind: ItemKind
    title: str
    due: date
    url: str | None = None
    context: str = ""


@dataclass(frozen=True)
class DueReminder:
    """A reminder to send now; record ``key`` in the user's sent-log after sending."""

    item: ReminderItem
    offset: int
    days_left: int
    key: str


def reminder_key(item_key: str, due: date, offset: int) -> str:
    """The sent-log key of one reminder, e.g. ``milestone-42|2027-05-28|T-7``."""
    return f"{item_key}|{due.isoformat()}|T-{offset}"


def check_reminder_offsets(values: object, field: str = "reminder_offsets") -> tuple[int, ...]:
    """Distinct whole days 0..365, largest first; an empty list switches reminders off."""
    if not isinstance(values, Sequence) or isinstance(values, str):
        raise InvalidData([FieldProblem(field, "muss eine Liste von Tagen sein")])
    problems = []
    for index, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(FieldProblem(f"{field}[{index}]", "muss eine ganze Zahl (Tage) sein"))
        elif not 0 <= value <= _MAX_OFFSET:
            message = f"muss zwischen 0 und {_MAX_OFFSET} Tagen liegen"
            problems.append(FieldProblem(f"{field}[{index}]", message))
    if problems:
        raise InvalidData(problems)
    if len(set(values)) != len(values):
        raise InvalidData([FieldProblem(field, "enthält einen Tag doppelt")])
    return tuple(sorted(values, reverse=True))


def due_reminders(
    items: Iterable[ReminderItem],
    today: date,
    sent_keys: Iterable[str],
    offsets: Sequence[int] = DEFAULT_REMINDER_OFFSETS,
) -> list[DueReminder]:
    """The reminders to send today, at most one per item, nearest due date first."""
    offsets = check_reminder_offsets(offsets)
    tightest_sent = _tightest_sent(sent_keys)
    found: dict[tuple[str, date], DueReminder] = {}
    for item in items:
        days_left = (item.due - today).days
        crossed = [d for d in offsets if days_left <= d]
        if days_left < 0 or not crossed or (item.key, item.due) in found:
            continue
        offset = min(crossed)
        already = tightest_sent.get((item.key, item.due.isoformat()))
        if already is not None and already <= offset:
            continue
        key = reminder_key(item.key, item.due, offset)
        found[(item.key, item.due)] = DueReminder(item, offset, days_left, key)
    return sorted(found.values(), key=lambda r: (r.item.due, r.item.title, r.item.key))


@dataclass(frozen=True)
class OverdueReminder:
    """A milestone past its date and not marked done. ``new`` when no digest has named it yet:
    only a new one makes a digest go out; the others are listed in every digest that goes out
    anyway, so an overdue step is never dropped and yet never sends a mail each day."""

    item: ReminderItem
    days_over: int
    key: str
    new: bool


def overdue_reminders(
    items: Iterable[ReminderItem], today: date, sent_keys: Iterable[str]
) -> list[OverdueReminder]:
    """The overdue milestones among ``items``, oldest first."""
    sent = set(sent_keys)
    found: dict[tuple[str, date], OverdueReminder] = {}
    for item in items:
        if item.kind != "milestone" or item.due >= today or (item.key, item.due) in found:
            continue
        key = f"{item.key}|{item.due.isoformat()}|overdue"
        found[(item.key, item.due)] = OverdueReminder(
            item, (today - item.due).days, key, key not in sent
        )
    return sorted(found.values(), key=lambda r: (r.item.due, r.item.title, r.item.key))


def _tightest_sent(sent_keys: Iterable[str]) -> dict[tuple[str, str], int]:
    """(item key, due date) -> smallest offset already sent, whatever the offsets were then."""
    tightest: dict[tuple[str, str], int] = {}
    for key in sent_keys:
        parts = key.rsplit("|", 2)
        if len(parts) != 3 or not parts[2].startswith("T-") or not parts[2][2:].isdigit():
            continue
        item_key, due, offset = parts[0], parts[1], int(parts[2][2:])
        previous = tightest.get((item_key, due))
        tightest[(item_key, due)] = offset if previous is None else min(previous, offset)
    return tightest
