"""A programme's status as a user can act on it: open, between two rounds, unclear, closed.

The record states a status with dated evidence (``status_evidence``). What the pages show is the
status *on a given day*: an ``open`` whose evidence has turned twelve months old (and that has no
dated call still running) is shown as unclear, and an ``open`` whose last recorded window has
passed as between two rounds, so that "offen" never stands beside a round that has closed.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

from funding_matcher.domain.catalogue.deadlines import is_open_or_upcoming, next_deadline
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.german import format_date

Status = Literal["open", "between_rounds", "unclear", "closed", "draft"]

EVIDENCE_VALID_MONTHS = 12
# Codes of the first two catalogue rounds; stored rows may still carry them until the next load.
LEGACY_STATUSES = ("active", "paused")

STATUS_LABELS: dict[Status, str] = {
    "open": "offen",
    "between_rounds": "zwischen zwei Förderrunden",
    "unclear": "Status unklar – vor Antrag beim Fördergeber prüfen",
    "closed": "beendet",
    "draft": "Entwurf (ungeprüft)",
}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (31 January + 1 month is 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def evidence_expires(programme: Programme) -> date | None:
    """The day the status evidence turns twelve months old, or None without evidence."""
    evidence = programme.status_evidence
    return add_months(evidence.date, EVIDENCE_VALID_MONTHS) if evidence else None


def evidence_is_current(programme: Programme, today: date) -> bool:
    """The status evidence is younger than twelve months on ``today``."""
    expires = evidence_expires(programme)
    return expires is not None and today < expires


def dated_round_ahead(programme: Programme, today: date) -> bool:
    """A dated call (fixed dates or windows) still ends on or after ``today``.

    Such a call makes a programme open however long ago it was published; a rolling programme or
    a standing yearly date needs evidence younger than twelve months instead.
    """
    deadline = programme.deadline
    return deadline.kind in ("fixed", "windows") and next_deadline(deadline, today) is not None


def open_on_evidence(programme: Programme, today: date) -> bool:
    """An ``open`` record is backed on ``today``: a dated call ahead or evidence under 12 months."""
    return dated_round_ahead(programme, today) or evidence_is_current(programme, today)


def status_on(programme: Programme, today: date) -> Status:
    """The status a user should act on today, from the recorded status, evidence and deadline."""
    status = programme.status
    if status in ("closed", "draft", "unclear"):
        return status  # type: ignore[return-value]
    if status == "active":  # legacy: no evidence was ever recorded
        return "unclear"
    if status == "paused":
        return "between_rounds"
    if status == "open":
        if not open_on_evidence(programme, today):
            return "unclear"
        if is_open_or_upcoming(programme.deadline, today) is False:
            return "between_rounds"
    return status  # type: ignore[return-value]


def status_label(programme: Programme, today: date) -> str:
    """The German status line for pages and lists (never "offen" for a round that has closed)."""
    return STATUS_LABELS[status_on(programme, today)]


def status_problems(programme: Programme, today: date) -> list[str]:
    """What ``programs validate`` rejects on ``today``: an open status on stale evidence."""
    if programme.status != "open" or programme.status_evidence is None:
        return []
    if dated_round_ahead(programme, today):
        return []
    expires = evidence_expires(programme)
    if expires is not None and expires <= today:
        return [
            f"status open, aber der Beleg vom {format_date(programme.status_evidence.date)} ist "
            f"älter als {EVIDENCE_VALID_MONTHS} Monate: neuen Beleg suchen oder status unclear"
        ]
    return []
