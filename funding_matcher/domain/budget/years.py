"""Haushaltsjahre: when each line is paid (Kassenwirksamkeit) and how the financing follows.

The only rounding rule for years is ``split``: every year with weight but the last gets its share
rounded to cents, the last takes the rest, so the years always add up to the amount exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from funding_matcher.domain.money import CENT, ZERO, cents

from .model import CUSTOM, MONTHLY, ONE_OFF, CostLine, Period, Source

YearMap = dict[int, Decimal]


def split(amount: Decimal, weights: Mapping[int, Decimal | int], years: Sequence[int]) -> YearMap:
    """``amount`` over ``years`` by ``weights``: rounded shares, the last weighted year the rest."""
    result = {year: ZERO for year in years}
    weighted = [year for year in years if Decimal(weights.get(year, 0)) > 0]
    if not weighted:
        if years:
            result[years[0]] = amount
        return result
    total = sum((Decimal(weights[year]) for year in weighted), ZERO)
    placed = ZERO
    for year in weighted[:-1]:
        share = cents(amount * Decimal(weights[year]) / total)
        result[year] = share
        placed += share
    result[weighted[-1]] = amount - placed
    return result


def floor_cents(value: Decimal) -> Decimal:
    """Rounded down to the cent (the annual cap must never let a year exceed its limit)."""
    return value.quantize(CENT, rounding=ROUND_FLOOR)


def add(*maps: Mapping[int, Decimal]) -> YearMap:
    """Year-wise sum of year maps."""
    out: YearMap = {}
    for values in maps:
        for year, amount in values.items():
            out[year] = out.get(year, ZERO) + amount
    return out


def total_of(maps: Iterable[Mapping[int, Decimal]], years: Sequence[int]) -> YearMap:
    """Year-wise sum of many maps over ``years`` (zeros included)."""
    out = {year: ZERO for year in years}
    for values in maps:
        for year, amount in values.items():
            out[year] += amount
    return out


def line_months(line: CostLine, period: Period) -> dict[int, int]:
    """How many payment months of a ``monthly`` line fall into each calendar year."""
    year, month = line.first_month or (period.start.year, period.start.month)
    counts: dict[int, int] = {}
    index = year * 12 + month - 1
    for offset in range(line.months or 0):
        counts[(index + offset) // 12] = counts.get((index + offset) // 12, 0) + 1
    return counts


def period_months(period: Period) -> dict[int, int]:
    """m_y: the calendar months of the period in each year."""
    return {year: period.months_in(year) for year in period.years}


def line_by_year(
    line: CostLine, amount: Decimal, period: Period, version: int
) -> tuple[YearMap, bool]:
    """The line's payments per year and whether its payment date was assumed."""
    years = period.years
    if line.schedule == MONTHLY:
        weights = period_months(period) if version < 2 else line_months(line, period)
        return split(amount, weights, years), False
    if line.schedule == ONE_OFF:
        year = line.paid_on.year if line.paid_on is not None else years[0]
        return {y: amount if y == year else ZERO for y in years}, line.paid_on is None
    if line.schedule == CUSTOM:
        given = line.by_year or {}
        return {y: given.get(y, ZERO) for y in years}, False
    raise ValueError("with_base lines are split by their base")


@dataclass(frozen=True)
class SourceYears:
    """A source's money per year and whether its years were assumed."""

    source: Source
    by_year: YearMap
    assumed: bool


def dated_sources(sources: Sequence[Source], years: Sequence[int]) -> YearMap:
    """dated_y: the sum per year of the sources that state their years."""
    return total_of((s.by_year or {} for s in sources if s.by_year is not None), years)


def place_undated(
    undated: Sequence[Source], room: Mapping[int, Decimal], years: Sequence[int]
) -> list[SourceYears]:
    """Undated money fills the room left in each year; the last source takes the remainder."""
    total = sum((s.total for s in undated), ZERO)
    filled = split(total, room, years)
    placed: list[SourceYears] = []
    for index, source in enumerate(undated):
        if index < len(undated) - 1:
            by_year = split(source.total, room, years)
        else:
            by_year = {y: filled[y] - sum((p.by_year[y] for p in placed), ZERO) for y in years}
        placed.append(SourceYears(source, by_year, True))
    return placed
