from datetime import date

import pytest
from pydantic import ValidationError

from funding_matcher.domain.catalogue.deadlines import (
    Deadline,
    is_open_now,
    is_open_or_upcoming,
    next_deadline,
)

TODAY = date(2026, 11, 24)


def test_annual_deadline_rolls_over_to_next_year():
    d = Deadline(kind="annual", annual={"month": 9, "day": 30})
    assert next_deadline(d, TODAY) == date(2027, 9, 30)
    assert next_deadline(d, date(2027, 9, 30)) == date(2027, 9, 30)


def test_several_annual_days_give_the_nearest_next():
    # Deutsches Kinderhilfswerk: 31 March and 30 September every year.
    d = Deadline(kind="annual", annual=[{"month": 3, "day": 31}, {"month": 9, "day": 30}])
    assert next_deadline(d, TODAY) == date(2027, 3, 31)
    assert next_deadline(d, date(2027, 4, 1)) == date(2027, 9, 30)
    assert next_deadline(d, date(2027, 10, 1)) == date(2028, 3, 31)


def test_fixed_dates_pick_the_next_and_expire():
    d = Deadline(kind="fixed", dates=["2026-03-31", "2027-03-31"])
    assert next_deadline(d, TODAY) == date(2027, 3, 31)
    assert is_open_or_upcoming(d, date(2027, 4, 1)) is False


def test_windows_open_upcoming_and_past():
    d = Deadline(kind="windows", windows=[{"opens": "2027-01-15", "closes": "2027-04-30"}])
    assert next_deadline(d, TODAY) == date(2027, 4, 30)
    assert is_open_or_upcoming(d, TODAY) is True
    assert is_open_now(d, TODAY) is False
    assert is_open_now(d, date(2027, 2, 1)) is True


@pytest.mark.parametrize(
    ("kind", "expected"), [("rolling", True), ("closed", False), ("unknown", None)]
)
def test_kinds_without_dates(kind, expected):
    d = Deadline(kind=kind)
    assert is_open_or_upcoming(d, TODAY) is expected
    assert next_deadline(d, TODAY) is None


def test_leap_day_falls_back_in_ordinary_years():
    d = Deadline(kind="annual", annual={"month": 2, "day": 29})
    assert next_deadline(d, date(2027, 1, 1)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "fixed"},
        {"kind": "annual"},
        {"kind": "annual", "annual": []},
        {"kind": "annual", "annual": {"month": 2, "day": 30}},
        {"kind": "windows", "windows": [{"opens": "2027-05-01", "closes": "2027-04-01"}]},
        {"kind": "sometimes"},
    ],
)
def test_inconsistent_deadlines_are_rejected(data):
    with pytest.raises(ValidationError):
        Deadline.model_validate(data)
