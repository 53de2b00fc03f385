"""German numbers and dates as guidelines write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain.german import format_megabytes, format_number, format_seconds
from funding_matcher.domain.pdf_import.german import (
    AMOUNT,
    PERCENT,
    amount_value,
    find_dates,
)


@pytest.mark.parametrize(
    ("text", "euros"),
    [
        ("50.000 Euro", "50000"),
        ("1,5 Mio. EUR", "1500000"),
        ("20 Millionen Euro", "20000000"),
        ("€ 20.000", "20000"),
        ("200.000,00 EUR", "200000"),
        ("3 000 000 Euro", "3000000"),
        ("2.500,- €", "2500"),
        ("12,50 €", "12.50"),
    ],
)
def test_amounts(text, euros):
    assert amount_value(AMOUNT.search(text)) == Decimal(euros)


def test_years_before_an_amount_are_not_part_of_it():
    assert amount_value(AMOUNT.search("im Jahr 2025 100 Euro")) == Decimal(100)


@pytest.mark.parametrize(
    ("text", "number"), [("bis zu 50 %", "50"), ("26,5 Prozent", "26,5"), ("80 v. H.", "80")]
)
def test_percentages(text, number):
    assert PERCENT.search(text).group("num") == number


def test_percentage_points_are_no_percentage():
    assert PERCENT.search("erhöht sich um 10 Prozentpunkte") is None


def test_dates_in_both_formats_in_order():
    found = find_dates("tritt am 1. Januar 2025 in Kraft, gilt bis 31.12.2027 oder 30. Juni 2027")
    assert [value for value, _, _ in found] == [
        date(2025, 1, 1),
        date(2027, 12, 31),
        date(2027, 6, 30),
    ]


def test_impossible_dates_are_ignored():
    assert find_dates("am 31.02.2027 und am 30. Februar 2027") == []


def test_formatting():
    assert format_number(2000) == "2.000"
    assert format_number(Decimal("1234.5"), 2) == "1.234,50"
    assert format_megabytes(1_700_000) == "1,6 MB"
    assert format_megabytes(32 * 1024 * 1024) == "32 MB"
    assert format_seconds(5) == "5 Sekunden"
    assert format_seconds(0.5) == "0,5 Sekunden"
    assert format_seconds(1) == "1 Sekunde"
