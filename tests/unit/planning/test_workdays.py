from datetime import date

import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.planning.workdays import (
    add_months,
    add_years,
    check_state,
    holiday_name,
    is_working_day,
    moved_note,
    previous_working_day,
    working_days_before,
)

FRONLEICHNAM_2027 = date(2027, 5, 27)  # Thursday, Easter 2027 is 28 March


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 5, 31), -3, date(2027, 2, 28)),
        (date(2028, 5, 31), -3, date(2028, 2, 29)),
        (date(2027, 3, 31), -1, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2027, 1, 15), -13, date(2025, 12, 15)),
        (date(2027, 12, 15), 1, date(2028, 1, 15)),
        (date(2027, 5, 28), 0, date(2027, 5, 28)),
    ],
)
def test_month_arithmetic_clamps_to_the_last_day_of_the_target_month(day, months, expected):
    assert add_months(day, months) == expected


def test_29_february_plus_whole_years_becomes_28_february():
    assert add_years(date(2028, 2, 29), 5) == date(2033, 2, 28)
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)


def test_fronleichnam_is_a_holiday_in_nrw_but_not_in_niedersachsen():
    assert holiday_name(FRONLEICHNAM_2027, "NW") == "Fronleichnam"
    assert is_working_day(FRONLEICHNAM_2027, "NW") is False
    assert is_working_day(FRONLEICHNAM_2027, "NI") is True


def test_land_specific_holidays_elsewhere():
    assert is_working_day(date(2027, 1, 6), "BY") is False  # Heilige Drei Könige
    assert is_working_day(date(2027, 1, 6), "NW") is True
    assert is_working_day(date(2027, 3, 8), "BE") is False  # Frauentag
    assert is_working_day(date(2027, 11, 17), "SN") is False  # Buß- und Bettag
    assert is_working_day(date(2027, 11, 17), "NW") is True


def test_weekends_are_never_working_days():
    assert is_working_day(date(2027, 5, 29), "NI") is False
    assert is_working_day(date(2027, 5, 30), "NI") is False
    assert is_working_day(date(2027, 5, 31), "NI") is True


def test_previous_working_day_moves_backwards_over_holidays_and_weekends():
    # Sunday after Karfreitag: back over Saturday and Good Friday to Thursday.
    assert previous_working_day(date(2027, 3, 28), "NW") == date(2027, 3, 25)
    assert previous_working_day(FRONLEICHNAM_2027, "NW") == date(2027, 5, 26)
    assert previous_working_day(FRONLEICHNAM_2027, "NI") == FRONLEICHNAM_2027


def test_previous_working_day_crosses_the_new_year():
    assert previous_working_day(date(2028, 1, 1), "NW") == date(2027, 12, 31)
    assert previous_working_day(date(2027, 1, 1), "NW") == date(2026, 12, 31)


def test_working_days_before_counts_only_working_days_strictly_before():
    friday = date(2027, 5, 28)
    assert working_days_before(friday, 1, "NI") == date(2027, 5, 27)
    assert working_days_before(friday, 2, "NI") == date(2027, 5, 26)
    assert working_days_before(friday, 2, "NW") == date(2027, 5, 25)
    assert working_days_before(date(2027, 5, 31), 1, "NW") == friday


def test_moved_note_names_every_reason():
    note = moved_note(date(2027, 3, 28), date(2027, 3, 25), "NW")
    assert "Wochenende" in note
    assert "Karfreitag" in note
    assert "25.03.2027" in note
    assert moved_note(FRONLEICHNAM_2027, FRONLEICHNAM_2027, "NI") == ""


def test_state_codes_are_checked_and_normalised():
    assert check_state("nw") == "NW"
    with pytest.raises(InvalidData) as err:
        check_state("XX")
    assert err.value.problems[0].field == "state"
    assert "NW" in err.value.problems[0].message
