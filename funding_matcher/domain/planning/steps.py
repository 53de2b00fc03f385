"""Small builders for milestones of a submission plan: internal steps move back to a working
day, meetings stay as listed (planning.md § 2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Milestone
from .request import Resolved
from .workdays import moved_note, previous_working_day


@dataclass
class Decision:
    """The first decision step D (§ 4) and the rows that lead to it."""

    day: date | None  # D's due; None when D cannot be dated
    phrase: str  # "der Sitzungsvorlage", for notes such as "2 Monate vor der Sitzungsvorlage"
    rows: list[Milestone] = field(default_factory=list)


def intern(
    r: Resolved,
    key: str,
    title: str,
    raw: date | None,
    note: str,
    year: int | None = None,
) -> Milestone:
    """An own step: due = ``raw`` moved back to a working day of the applicant's Land."""
    if raw is None:
        return Milestone(key, title, "intern", None, None, note=note, year=year)
    due = previous_working_day(raw, r.state)
    note = join(note, moved_note(raw, due, r.state))
    return Milestone(key, title, "intern", due, None, note=note, year=year)


def sitzung(key: str, title: str, day: date | None, note: str) -> Milestone:
    """A meeting of a body, dated as listed (or undated with the reason in the note)."""
    return Milestone(key, title, "sitzung", day, None, note=note)


def join(*parts: str) -> str:
    """Non-empty parts joined by "; "."""
    return "; ".join(p for p in parts if p)
