"""Decimal helpers for euros and percentages: rounding, German formatting, JSON numbers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def cents(value: Decimal) -> Decimal:
    """The value rounded to whole cents, half up (the rounding of the contract)."""
    return (value + ZERO).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(percent: Decimal, base: Decimal) -> Decimal:
    """``percent`` % of ``base``, rounded to cents."""
    return cents(percent * base / HUNDRED)


def ratio_percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole`` with two decimals; None when ``whole`` is zero."""
    if whole == ZERO:
        return None
    return cents(part * HUNDRED / whole)


def german_digits(text: str) -> str:
    """Python's number format in German notation: ``1,234.5`` -> ``1.234,5``."""
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_eur(value: Decimal) -> str:
    """German money text: ``Decimal("12345.67")`` -> ``"12.345,67 €"``."""
    return german_digits(f"{cents(value):,.2f}") + " €"


def format_number(value: Decimal) -> str:
    """A German number without trailing zeros: 7.50 -> ``"7,5"``, 1200 -> ``"1.200"``."""
    value = value + ZERO
    if value == value.to_integral_value():
        return german_digits(f"{int(value):,d}")
    return german_digits(f"{value.normalize():,f}")


def format_percent(value: Decimal) -> str:
    """German percentage text: 7.5 -> ``"7,5 %"``."""
    return f"{format_number(value)} %"


def format_rate(value: Decimal) -> str:
    """A computed share with two decimals, as drafts print it: 80 -> ``"80,00 %"``."""
    return german_digits(f"{cents(value):,.2f}") + " %"


def json_number(value: Decimal) -> float:
    """A cent amount as a JSON-ready float that prints back to exactly the same decimal."""
    number = float(value)
    # repr() is the shortest text that reads back as the same float; for amounts below 10^13 with
    # two decimals (the parser's ceilings guarantee this) it equals the decimal itself.
    if Decimal(repr(number)) != value:
        raise ValueError(f"{value} lässt sich nicht verlustfrei als JSON-Zahl ausgeben")
    return number
