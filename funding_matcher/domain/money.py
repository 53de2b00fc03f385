"""Decimal arithmetic for euros and percentages: cents, shares, JSON numbers (text: german.py)."""

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


def json_number(value: Decimal) -> float:
    """A cent amount as a JSON-ready float that prints back to exactly the same decimal."""
    number = float(value)
    # repr() is the shortest text that reads back as the same float; for amounts below 10^13 with
    # two decimals (the parser's ceilings guarantee this) it equals the decimal itself.
    if Decimal(repr(number)) != value:
        raise ValueError(f"{value} lässt sich nicht verlustfrei als JSON-Zahl ausgeben")
    return number
