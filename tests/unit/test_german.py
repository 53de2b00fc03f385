"""German figures and dates as every page, export and message prints them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from funding_matcher.domain.german import (
    MONTH_NAMES,
    format_date,
    format_datetime,
    format_day_month,
    format_eur,
    format_eur_compact,
    format_long_date,
    format_month,
    format_number,
    format_numeric_month,
    format_percent,
    format_seconds,
    format_weekday_date,
    format_whole_eur,
    month_number,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234567.89"), "1.234.567,89 €"),
        (Decimal("0"), "0,00 €"),
        (0, "0,00 €"),
        (Decimal("-1234.5"), "-1.234,50 €"),
        (Decimal("0.005"), "0,01 €"),  # half up at the cent, not to the even 0,00
        (Decimal("0.015"), "0,02 €"),
        (Decimal("2.345"), "2,35 €"),
        (Decimal("-0.004"), "0,00 €"),  # no "-0,00 €" for an amount that rounds to nothing
        (2.675, "2,68 €"),  # a float by its written value, not its binary 2.67499…
        (Decimal("999999999.995"), "1.000.000.000,00 €"),
    ],
)
def test_money_is_exact_to_the_cent(value, text):
    assert format_eur(value) == text


def test_a_missing_amount_prints_the_placeholder():
    assert format_eur(None) == "–"
    assert format_eur(None, missing="unbekannt") == "unbekannt"
    assert format_whole_eur(None, missing="unbekannt") == "unbekannt"
    assert format_percent(None) == "–"
    assert format_number(None) == "–"
    assert format_date(None, missing="unbekannt") == "unbekannt"
    assert format_datetime(None) == "–"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234567.5, "1.234.568 €"),
        (2.5, "3 €"),  # half up; Python's own format would print "2 €"
        (Decimal("0.4"), "0 €"),
        (-0.4, "0 €"),
        (Decimal("-1500.5"), "-1.501 €"),
        (50000, "50.000 €"),
    ],
)
def test_whole_euros_round_half_up(value, text):
    assert format_whole_eur(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("100000"), "100.000 €"),
        (Decimal("100000.00"), "100.000 €"),
        (Decimal("4811.5"), "4.811,50 €"),
        (15.555, "15,56 €"),
        (Decimal("0.004"), "0 €"),
    ],
)
def test_compact_euros_show_cents_only_when_there_are_some(value, text):
    assert format_eur_compact(value) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (Decimal("7.50"), None, "7,5"),
        (Decimal("1200"), None, "1.200"),
        (Decimal("1.2E+3"), None, "1.200"),
        (9000728, None, "9.000.728"),
        (0, None, "0"),
        (-12345, None, "-12.345"),
        (0.5, None, "0,5"),
        (1e9, None, "1.000.000.000"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (Decimal("31.25"), 1, "31,3"),
        (Decimal("-0.04"), 1, "0,0"),
        (2000, 0, "2.000"),
    ],
)
def test_numbers_use_dots_for_thousands_and_a_comma_for_decimals(value, decimals, text):
    assert format_number(value, decimals) == text


def test_an_infinite_bound_is_shown_not_a_crash():
    assert format_number(float("inf")) == "inf"


def test_an_input_field_number_has_no_thousands_dots_so_it_reads_back_unchanged():
    assert format_number(Decimal("1200.50"), grouped=False) == "1200,5"
    assert format_number(Decimal("0.75"), grouped=False) == "0,75"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (Decimal("7.5"), None, "7,5 %"),
        (90.0, None, "90 %"),
        (Decimal("66.666"), 2, "66,67 %"),
        (Decimal("80"), 2, "80,00 %"),
        (12.25, 1, "12,3 %"),
        (0, None, "0 %"),
        (Decimal("-5"), None, "-5 %"),
    ],
)
def test_percentages(value, decimals, text):
    assert format_percent(value, decimals) == text


def test_seconds_in_words():
    assert format_seconds(1) == "1 Sekunde"
    assert format_seconds(5) == "5 Sekunden"
    assert format_seconds(0.5) == "0,5 Sekunden"


@pytest.mark.parametrize(
    ("day", "short", "long"),
    [
        (date(2027, 1, 1), "01.01.2027", "1. Januar 2027"),
        (date(2027, 12, 31), "31.12.2027", "31. Dezember 2027"),
        (date(2028, 2, 29), "29.02.2028", "29. Februar 2028"),
        (date(2026, 3, 5), "05.03.2026", "5. März 2026"),
    ],
)
def test_dates_short_and_long(day, short, long):
    assert format_date(day) == short
    assert format_long_date(day) == long


def test_an_iso_text_is_read_before_it_is_printed():
    assert format_date("2027-09-30") == "30.09.2027"


def test_a_day_with_its_weekday():
    assert format_weekday_date(date(2027, 5, 28)) == "Fr 28.05.2027"
    assert format_weekday_date(date(2027, 1, 3)) == "So 03.01.2027"


def test_a_moment_is_shown_in_berlin_time_in_winter_and_summer():
    assert format_datetime(datetime(2026, 11, 29, 13, 5, tzinfo=UTC)) == "29.11.2026, 14:05 Uhr"
    assert format_datetime(datetime(2026, 7, 1, 22, 30)) == "02.07.2026, 00:30 Uhr"  # naive: UTC
    assert format_datetime(datetime(2026, 12, 31, 23, 0, tzinfo=UTC)) == "01.01.2027, 00:00 Uhr"


def test_months_by_name_and_by_digits():
    assert format_month(2028, 7) == "Juli 2028"
    assert format_month(2027, 1) == "Januar 2027"
    assert format_month(2027, 12) == "Dezember 2027"
    assert format_numeric_month(2028, 7) == "07.2028"
    assert format_day_month(1, 4) == "01.04."
    assert format_day_month(31, 12) == "31.12."


def test_every_month_name_reads_back_as_its_month():
    assert len(MONTH_NAMES) == 12
    for number, name in enumerate(MONTH_NAMES, 1):
        assert month_number(name) == number
        assert month_number(name.upper()) == number
        assert month_number(name.lower()) == number


def test_month_names_as_texts_spell_them():
    assert month_number("Jänner") == 1
    assert month_number("Maerz") == 3
    assert month_number(" März ") == 3
    assert month_number("Brumaire") is None
