"""Where a programme stands for the matcher: the one place that reads a record's status.

The catalogue's status codes are changing from (active, paused, closed) to (open, between_rounds,
unclear, closed); both sets are read here, so the rest of the matcher never compares status
strings. ``status_class`` maps a code to what the matcher does with it; ``standing`` adds the
deadline on a given day:

- ``open``: applications possible now or a date ahead (or nobody knows the date but it runs);
- ``unclear``: the catalogue could not confirm the programme still runs: ranked below open
  programmes and shown "Status unklar – vor Antrag beim Fördergeber prüfen";
- ``next``: between two rounds (paused, between_rounds, or the last date has passed): with a
  known next date (an annual call, an announced window, or for a Bund programme the date of its
  Land procedure) it is the ordinary way in and competes at full weight, also in the default
  listing; without one it is listed only on request (include_closed);
- ``ended``: closed, or no round open and none announced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from funding_matcher.domain.catalogue.deadlines import is_open_or_upcoming, next_deadline
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.catalogue.rounds import guideline_expired
from funding_matcher.domain.german import format_date
from funding_matcher.domain.matching.weights import STANDING_FACTORS

StatusClass = Literal["open", "unclear", "next", "ended", "draft"]
Round = Literal["open", "next", "ended"]

_CLASSES: dict[str, StatusClass] = {
    "active": "open",  # old code
    "open": "open",
    "unclear": "unclear",
    "paused": "next",  # old code
    "between_rounds": "next",
    "closed": "ended",
    "draft": "draft",
}
UNCLEAR_NOTE = "Status unklar – vor Antrag beim Fördergeber prüfen"
# How much of the newest evidence's quote a card shows.
EVIDENCE_QUOTE_CHARS = 160


def unclear_note(programme: Programme) -> str:
    """The doubt about a status with its newest evidence, so that the user sees what is known
    ("letzter Beleg vom 18.09.2025: „Nach dem 18.09.2025 nehmen wir … keine Anträge mehr an.“")
    instead of a bare "Status unklar"."""
    evidence = programme.status_evidence
    if evidence is None or not evidence.quote:
        return UNCLEAR_NOTE
    quote = " ".join(evidence.quote.split())
    if len(quote) > EVIDENCE_QUOTE_CHARS:
        quote = quote[:EVIDENCE_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    return (
        f"Status unklar – letzter Beleg vom {format_date(evidence.date)}: „{quote}“ – vor Antrag "
        "beim Fördergeber prüfen"
    )


def status_class(status: str) -> StatusClass:
    """What the matcher does with a status code, old or new; an unknown code counts as unclear."""
    return _CLASSES.get(status, "unclear")


@dataclass(frozen=True)
class Standing:
    round: Round
    unclear: bool  # the status itself is in doubt
    factor: float  # score multiplier: 1 for open programmes
    next_window: date | None  # the next deadline or window end, if announced
    guideline_ended: date | None = None  # the guideline ran out on this day (before today)


def standing(programme: Programme, today: date, procedure: Programme | None = None) -> Standing:
    """The programme's standing on ``today`` (round, doubt, rank factor, next window);
    ``procedure`` is the Land procedure one applies through (a Bund programme), whose next date
    stands in when the programme itself names none."""
    factors = STANDING_FACTORS
    cls = status_class(programme.status)
    upcoming = next_deadline(programme.deadline, today)
    if upcoming is None and procedure is not None:
        upcoming = next_deadline(procedure.deadline, today)
    if cls in ("ended", "draft") or programme.deadline.kind == "closed":
        return Standing("ended", False, factors.ended, None)
    if guideline_expired(programme, today):
        # No round runs under an expired guideline: its dates are no next window.
        ended = programme.guideline_valid_until
        return Standing("next", cls == "unclear", factors.no_window, None, ended)
    if cls == "next" or is_open_or_upcoming(programme.deadline, today) is False:
        return Standing("next", False, 1.0 if upcoming else factors.no_window, upcoming)
    if cls == "unclear":
        return Standing("open", True, factors.unclear, upcoming)
    return Standing("open", False, 1.0, upcoming)


def is_closed_status(status: str) -> bool:
    """No application possible by the status alone (ended, or between rounds)."""
    return status_class(status) in ("ended", "next")


def is_paused_status(status: str) -> bool:
    """Between two rounds by the status alone (the funder paused it)."""
    return status_class(status) == "next"


def is_ended_status(status: str) -> bool:
    """The programme has ended by its status."""
    return status_class(status) == "ended"
