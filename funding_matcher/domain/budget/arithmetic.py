"""The arithmetic of the contract: line amounts, volunteer value, totals and the grant."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .model import Budget, CostLine, Financing
from .money import ZERO, cents, format_eur, format_number, format_percent, percent_of, ratio_percent
from .terms import Terms


@dataclass(frozen=True)
class LineAmount:
    """A cost line with its index in ``costs``, its amount in cents and how it was computed."""

    index: int
    line: CostLine
    amount: Decimal
    formula: str | None = None


@dataclass(frozen=True)
class Figures:
    """Every figure of the contract's arithmetic, each rounded to cents."""

    lines: tuple[LineAmount, ...]
    overhead_base: Decimal
    volunteer_value: Decimal
    total: Decimal
    ineligible: Decimal
    eligible: Decimal
    eligible_cash: Decimal
    other_public: Decimal
    other_financing: Decimal
    grant_max: Decimal
    grant: Decimal
    rate_effective_percent: Decimal | None
    own_share_percent: Decimal | None


def _direct_amount(line: CostLine) -> tuple[Decimal, str | None]:
    if line.monthly_eur is not None and line.months is not None:
        share = line.share if line.share is not None else Decimal(1)
        share_text = "" if share == 1 else f" × {format_number(share)}"
        formula = f"{format_eur(line.monthly_eur)}{share_text} × {line.months} Monate"
        return cents(line.monthly_eur * share * line.months), formula
    if line.unit_price_net_eur is not None:
        quantity = line.quantity if line.quantity is not None else Decimal(1)
        formula = f"{format_number(quantity)} × {format_eur(line.unit_price_net_eur)} netto"
        return cents(line.unit_price_net_eur * quantity), formula
    return cents(line.amount_eur or ZERO), None


def overhead_base(costs: Sequence[CostLine]) -> Decimal:
    """Sum of all eligible lines that are not a Verwaltungspauschale (the base of its percent)."""
    return sum(
        (
            _direct_amount(line)[0]
            for line in costs
            if line.eligible and line.category != "verwaltung"
        ),
        ZERO,
    )


def line_amounts(costs: Sequence[CostLine]) -> tuple[LineAmount, ...]:
    """Every line's amount: monthly x share x months, unit price x quantity, percent of base."""
    base = overhead_base(costs)
    result = []
    for index, line in enumerate(costs):
        if line.category == "verwaltung" and line.percent is not None:
            formula = f"{format_percent(line.percent)} von {format_eur(base)}"
            result.append(LineAmount(index, line, percent_of(line.percent, base), formula))
        else:
            amount, formula = _direct_amount(line)
            result.append(LineAmount(index, line, amount, formula))
    return tuple(result)


def volunteer_value(financing: Financing, terms: Terms) -> Decimal:
    """V = hours x rate when the terms accept volunteer work at a known rate, else 0."""
    volunteer = terms.volunteer_work.value
    if volunteer is None or volunteer.rate_eur_per_hour is None:
        return ZERO
    return cents(financing.volunteer_hours * volunteer.rate_eur_per_hour)


def grant_max(
    terms: Terms, total: Decimal, eligible: Decimal, other_financing: Decimal, income: Decimal
) -> Decimal:
    """Highest possible grant by Finanzierungsart, capped by amount_max_eur, never below 0."""
    kind = terms.financing_type.value
    if kind == "fehlbedarf":
        base = total - other_financing
    elif kind == "festbetrag":
        # Without the fixed amount nothing can be granted; fixed_amount_missing reports it.
        base = terms.fixed_amount_eur.value or ZERO
    elif kind == "voll":
        base = eligible - income
    else:
        # anteil, and the upper bound used while the Finanzierungsart is unknown
        rate = terms.funding_rate_max_percent.value
        base = percent_of(rate, eligible) if rate is not None else eligible
    cap = terms.amount_max_eur.value
    if cap is not None:
        base = min(base, cap)
    return max(cents(base), ZERO)


def compute(budget: Budget, terms: Terms) -> Figures:
    """All figures of a budget under the effective terms."""
    lines = line_amounts(budget.costs)
    financing = budget.financing
    volunteer = volunteer_value(financing, terms)
    total = sum((item.amount for item in lines), ZERO) + volunteer
    ineligible = sum((item.amount for item in lines if not item.line.eligible), ZERO)
    eligible = total - ineligible
    other_public = sum((entry.amount_eur for entry in financing.other_public), ZERO)
    other_financing = (
        financing.own_funds_eur
        + volunteer
        + financing.third_party_eur
        + financing.income_eur
        + other_public
    )
    highest = grant_max(terms, total, eligible, other_financing, financing.income_eur)
    grant = financing.requested_eur if financing.requested_eur is not None else highest
    return Figures(
        lines=lines,
        overhead_base=overhead_base(budget.costs),
        volunteer_value=volunteer,
        total=total,
        ineligible=ineligible,
        eligible=eligible,
        eligible_cash=eligible - volunteer,
        other_public=other_public,
        other_financing=other_financing,
        grant_max=highest,
        grant=max(grant, ZERO),
        rate_effective_percent=ratio_percent(grant, eligible),
        own_share_percent=ratio_percent(financing.own_funds_eur + volunteer, eligible),
    )
