"""Split of a budget over the Haushaltsjahre (calendar years) of its project period.

Personal lines: the position's months are laid from the project start, so each year gets
monthly x share x the months of the position falling into it. Every other line, the volunteer
value included, is spread pro rata by the project months in each year. A month only partly inside
the period counts by its days (15 of 30 days = half a month). Each line's parts are whole cents
that add up to the line exactly: the cents left after rounding down go to the years with the
largest remainders, earlier years first on a tie.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .arithmetic import Figures
from .model import CATEGORIES, Budget, Period
from .money import ZERO, format_eur, format_number, json_number


def month_weights(period: Period) -> list[tuple[int, Fraction]]:
    """(year, share of that calendar month inside the period) for each month, in order."""
    weights = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        days = calendar.monthrange(year, month)[1]
        first = max(date(year, month, 1), period.start)
        last = min(date(year, month, days), period.end)
        weights.append((year, Fraction((last - first).days + 1, days)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return weights


def project_months(period: Period) -> dict[int, Fraction]:
    """Project months per calendar year (fractions for partly covered months)."""
    per_year: dict[int, Fraction] = {
        y: Fraction(0) for y in range(period.start.year, period.end.year + 1)
    }
    for year, weight in month_weights(period):
        per_year[year] += weight
    return per_year


def personal_months(months: int, period: Period) -> dict[int, Fraction] | None:
    """Months of a position per year, laid from the start; None if it outlasts the period."""
    remaining = Fraction(months)
    per_year: dict[int, Fraction] = {
        y: Fraction(0) for y in range(period.start.year, period.end.year + 1)
    }
    for year, weight in month_weights(period):
        take = min(weight, remaining)
        per_year[year] += take
        remaining -= take
        if remaining == 0:
            return per_year
    return None


def apportion(amount: Decimal, weights: Mapping[int, Fraction]) -> dict[int, Decimal]:
    """``amount`` (whole cents) split by ``weights`` into cents that add up to it exactly."""
    total_cents = int(amount * 100)
    weight_sum = sum(weights.values(), Fraction(0))
    if total_cents == 0 or weight_sum == 0:
        return {year: ZERO for year in weights}
    exact = {year: Fraction(total_cents) * weight / weight_sum for year, weight in weights.items()}
    parts = {year: math.floor(value) for year, value in exact.items()}
    left = total_cents - sum(parts.values())
    by_remainder = sorted(weights, key=lambda year: (parts[year] - exact[year], year))
    for year in by_remainder[:left]:
        parts[year] += 1
    return {year: Decimal(cents).scaleb(-2) for year, cents in parts.items()}


@dataclass(frozen=True)
class LineYears:
    """One cost line and its parts per year."""

    index: int
    label: str
    category: str
    eligible: bool
    amount: Decimal
    by_year: dict[int, Decimal]


@dataclass(frozen=True)
class YearSplit:
    """A budget per Haushaltsjahr: lines, volunteer value, categories, totals."""

    years: tuple[int, ...]
    months: dict[int, Fraction]
    lines: tuple[LineYears, ...]
    volunteer_value: dict[int, Decimal]
    by_category: dict[str, dict[int, Decimal]]
    totals: dict[int, Decimal]
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form; years become string keys, amounts numbers with two decimals."""

        def per_year(values: Mapping[int, Decimal]) -> dict[str, float]:
            return {str(year): json_number(values[year]) for year in self.years}

        return {
            "years": list(self.years),
            "months": {str(y): round(float(self.months[y]), 2) for y in self.years},
            "lines": [
                {
                    "index": line.index,
                    "label": line.label,
                    "category": line.category,
                    "eligible": line.eligible,
                    "amount_eur": json_number(line.amount),
                    "by_year": per_year(line.by_year),
                }
                for line in self.lines
            ],
            "volunteer_value": per_year(self.volunteer_value),
            "by_category": {cat: per_year(values) for cat, values in self.by_category.items()},
            "totals": per_year(self.totals),
            "notes": list(self.notes),
        }


def split_by_year(budget: Budget, figures: Figures) -> YearSplit:
    """Each line, the volunteer value and the totals per calendar year of the project period."""
    period = budget.period
    months = project_months(period)
    years = tuple(months)
    period_months = format_number(_decimal(sum(months.values(), Fraction(0))))
    notes = []
    lines = []
    for item in figures.lines:
        weights: Mapping[int, Fraction] = months
        line = item.line
        if line.category == "personal" and line.months is not None:
            laid = personal_months(line.months, period)
            if laid is None:
                notes.append(
                    f"Zeile {item.index + 1} „{line.label}“: {line.months} Monate Beschäftigung "
                    f"sind länger als der Projektzeitraum ({period_months} Monate); die "
                    "Ausgaben sind anteilig nach Projektmonaten verteilt."
                )
            else:
                weights = laid
        lines.append(
            LineYears(
                item.index,
                line.label,
                line.category,
                line.eligible,
                item.amount,
                apportion(item.amount, weights),
            )
        )
    volunteer = apportion(figures.volunteer_value, months)
    by_category = {
        category: {
            year: sum((ly.by_year[year] for ly in lines if ly.category == category), ZERO)
            for year in years
        }
        for category in CATEGORIES
        if any(ly.category == category for ly in lines)
    }
    totals = {
        year: sum((ly.by_year[year] for ly in lines), ZERO) + volunteer[year] for year in years
    }
    return YearSplit(years, months, tuple(lines), volunteer, by_category, totals, tuple(notes))


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def years_text(split: YearSplit) -> str:
    """The split as a German text table (lines, categories, totals per Haushaltsjahr)."""
    width = 16
    head = f"{'Haushaltsjahr':<44}" + "".join(f"{year:>{width}}" for year in split.years)
    out = [head, "-" * len(head)]
    for line in split.lines:
        name = f"{line.index + 1} {line.label}"[:42]
        out.append(
            f"{name:<44}" + "".join(f"{format_eur(line.by_year[y]):>{width}}" for y in split.years)
        )
    if any(split.volunteer_value.values()):
        out.append(
            f"{'Ehrenamt (fiktive Ausgabe)':<44}"
            + "".join(f"{format_eur(split.volunteer_value[y]):>{width}}" for y in split.years)
        )
    out.append("-" * len(head))
    for category, values in split.by_category.items():
        out.append(
            f"{CATEGORIES[category]:<44}"
            + "".join(f"{format_eur(values[y]):>{width}}" for y in split.years)
        )
    out.append(
        f"{'Gesamtausgaben':<44}"
        + "".join(f"{format_eur(split.totals[y]):>{width}}" for y in split.years)
    )
    out += [f"Hinweis: {note}" for note in split.notes]
    return "\n".join(out) + "\n"
