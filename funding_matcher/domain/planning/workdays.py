"""Working days per Land and calendar-month arithmetic.

A working day is Monday to Friday and not a statutory public holiday of the Land (from the
maintained ``holidays`` library, category PUBLIC only: holidays that apply only in catholic
municipalities, such as Fronleichnam in Sachsen, are not Land-wide and therefore ignored).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_date, format_weekday_date
from funding_matcher.domain.taxonomy import STATES, allowed_hint

_SATURDAY = 5


def check_state(state: str, field: str = "state") -> str:
    """The Land code in upper case (``NW``); InvalidData naming ``field`` when unknown."""
    code = state.strip().upper() if isinstance(state, str) else ""
    if code not in STATES:
        message = f"unbekanntes Bundesland „{state}“ ({allowed_hint('states')})"
        raise InvalidData([FieldProblem(field, message)])
    return code


@lru_cache(maxsize=256)
def _holidays(state: str, year: int) -> dict[date, str]:
    # One immutable lookup per Land and year: holiday objects grow on lookup, which is not
    # something to share between web threads.
    found = holidays.Germany(subdiv=state, years=year, language="de")
    return dict(found.items())


def holiday_name(day: date, state: str) -> str | None:
    """The German name of the Land's public holiday on ``day``, or None."""
    return _holidays(check_state(state), day.year).get(day)


def is_working_day(day: date, state: str) -> bool:
    """True for Monday to Friday unless the day is a public holiday in the Land."""
    return day.weekday() < _SATURDAY and holiday_name(day, state) is None


def previous_working_day(day: date, state: str) -> date:
    """``day`` itself if it is a working day, else the nearest working day before it."""
    while not is_working_day(day, state):
        day -= timedelta(days=1)
    return day


def next_working_day(day: date, state: str) -> date:
    """``day`` itself if it is a working day, else the nearest working day after it (§ 193 BGB)."""
    while not is_working_day(day, state):
        day += timedelta(days=1)
    return day


def working_days_before(day: date, count: int, state: str) -> date:
    """The ``count``-th working day strictly before ``day`` (1 = the working day before)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    found = 0
    while found < count:
        day -= timedelta(days=1)
        if is_working_day(day, state):
            found += 1
    return day


def add_months(day: date, months: int) -> date:
    """``day`` shifted by whole calendar months; a missing day becomes the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """``day`` shifted by whole years; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def moved_note(original: date, moved: date, state: str) -> str:
    """A German note saying why a date moved back to a working day (empty if it did not)."""
    if original == moved:
        return ""
    reasons: list[str] = []
    day = original
    while day > moved:
        reason = holiday_name(day, state) or ("Wochenende" if day.weekday() >= _SATURDAY else "")
        if reason and reason not in reasons:
            reasons.append(reason)
        day -= timedelta(days=1)
    return (
        f"{format_weekday_date(original)} ist kein Arbeitstag ({', '.join(reasons)}): "
        f"{format_weekday_date(moved)}"
    )


def legal_due_text(key: str, day: date) -> str:
    """How the legal date of a step reads: the call's deadline for the application, else the end
    of a period (its last day moved to the next working day, § 193 BGB)."""
    if key == "einreichung":
        return f"Frist laut Aufruf: {format_date(day)}"
    return f"Frist endet am {format_date(day)}"
