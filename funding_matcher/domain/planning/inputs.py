"""Checks for the plain values a plan is computed from (dates, applicant type)."""

from __future__ import annotations

import re
from datetime import date

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.limits import check_date
from funding_matcher.domain.taxonomy import APPLICANT_TYPES, allowed_hint

# The contract names "Kommune, Kreis"; the taxonomy files a Kreis under ``kommune``, and
# ``kreis`` is accepted as a synonym so that a user typing it is not turned away.
COUNCIL_APPLICANT_TYPES = frozenset({"kommune", "kreis"})

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_problem(value: object) -> str | None:
    """A German message if ``value`` is not an ISO date string ``YYYY-MM-DD``, else None."""
    if not isinstance(value, str):
        return "muss ein Datum im Format JJJJ-MM-TT sein"
    if not _ISO_DAY.fullmatch(value.strip()):
        return f"„{value}“ ist kein Datum im Format JJJJ-MM-TT"
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return f"„{value}“ ist kein gültiges Datum (diesen Tag gibt es nicht)"
    return None


def parse_date(value: object, field: str) -> date:
    """A ``date`` from a date or an ISO string; InvalidData naming ``field`` otherwise."""
    if isinstance(value, date):
        return value
    if message := date_problem(value):
        raise InvalidData([FieldProblem(field, message)])
    return date.fromisoformat(str(value).strip())


def check_plausible_day(day: date | None, field: str) -> None:
    """InvalidData naming ``field`` for a day outside the window every entered date keeps (a
    typo such as 0001-01-01): planning counts months and holidays back and forth from it."""
    if day is not None:
        check_date(day, field)


def check_applicant_type(value: str, field: str = "applicant_type") -> str:
    """The applicant type code (``kommune``, ``verein`` ...); InvalidData when unknown."""
    code = value.strip().lower() if isinstance(value, str) else ""
    if code not in APPLICANT_TYPES and code not in COUNCIL_APPLICANT_TYPES:
        message = f"unbekannte Antragstellerart „{value}“ ({allowed_hint('applicant_types')})"
        raise InvalidData([FieldProblem(field, message)])
    return code


def needs_council(applicant_type: str) -> bool:
    """True when the applicant decides through a council (Rat, Kreistag), not a board."""
    return applicant_type in COUNCIL_APPLICANT_TYPES
