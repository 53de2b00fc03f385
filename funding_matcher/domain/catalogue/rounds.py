"""Where a programme stands on a given day: open, between two rounds, or ended.

- ``open``: applications possible now or a date ahead (rolling, annual, upcoming fixed dates or
  windows); also when nobody knows the date (kind unknown) but the programme runs.
- ``next``: the programme runs but its last round is over (status ``between_rounds``, or a
  recorded window has passed); the user can prepare for the next round.
- ``ended``: the programme is closed, or no round is open and none announced (deadline kind
  closed); it never appears as a "next round", at most with a pointer to its successor.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from funding_matcher.domain.catalogue.deadlines import is_open_or_upcoming
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.german import format_date

Round = Literal["open", "next", "ended"]

ROUND_LABELS: dict[Round, str] = {
    "open": "Antrag möglich",
    "next": "zwischen zwei Runden",
    "ended": "beendet oder ohne neue Runde",
}


def round_state(programme: Programme, today: date) -> Round:
    """The programme's round on ``today``."""
    if programme.status == "closed" or programme.deadline.kind == "closed":
        return "ended"
    # paused: a code of earlier rounds, still in rows stored before catalogue round three.
    between = programme.status in ("between_rounds", "paused")
    if between or is_open_or_upcoming(programme.deadline, today) is False:
        return "next"
    return "open"


def guideline_expired(programme: Programme, today: date) -> bool:
    """The guideline's own validity ended before ``today``."""
    until = programme.guideline_valid_until
    return until is not None and until < today


def guideline_note(
    programme: Programme,
    today: date,
    project_end: date | None,
    project_start: date | None = None,
) -> str | None:
    """A warning when the guideline expires before the project starts or ends (or has
    expired)."""
    until = programme.guideline_valid_until
    if until is None:
        return None
    if until < today:
        return (
            f"Die Förderrichtlinie ist am {format_date(until)} ausgelaufen: "
            "Verlängerung oder Nachfolgeprogramm beim Fördergeber erfragen."
        )
    if project_start is not None and guideline_expired(programme, project_start):
        return (
            f"Die Förderrichtlinie gilt nur bis {format_date(until)}, Ihr Projekt beginnt erst am "
            f"{format_date(project_start)}: ohne neue Richtlinie keine Förderung – beim "
            "Fördergeber erfragen, ob sie verlängert wird."
        )
    if project_end is not None and until < project_end:
        return (
            f"Die Förderrichtlinie gilt nur bis {format_date(until)}, Ihr Projekt läuft bis "
            f"{format_date(project_end)}: Verlängerung oder Nachfolgeprogramm prüfen."
        )
    return None
