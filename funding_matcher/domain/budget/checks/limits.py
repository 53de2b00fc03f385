"""Checks of the grant against its caps and of the own share."""

from __future__ import annotations

from funding_matcher.domain.german import format_eur, format_percent
from funding_matcher.domain.money import ZERO

from ..model import OWN_BASES, RATE_BASES
from .base import Check, Context


def rate(ctx: Context) -> list[Check]:
    """The grant within the Höchstfördersatz of its Bemessungsgrundlage."""
    f, terms = ctx.figures, ctx.terms
    q, cap = terms.funding_rate_max_percent.number, f.caps["rate"]
    if q is None or cap is None or not ctx.runs("rate") or f.grant <= cap:
        return []
    base_words = RATE_BASES.get(terms.rate_base.value or "", "der niedrigeren Bemessungsgrundlage")
    return [
        Check(
            "rate",
            ctx.failure("rate"),
            f"Die Zuwendung ({format_eur(f.grant)}) übersteigt den Höchstfördersatz von "
            f"{format_percent(q)} {base_words} ({format_eur(f.rate_base or ZERO)}): höchstens "
            f"{format_eur(cap)}.",
            field="financing.requested_eur",
        )
    ]


def amount_limits(ctx: Context) -> list[Check]:
    """Höchst- and Mindestbetrag of the programme."""
    if not ctx.terms.is_grant:
        return []
    f, found = ctx.figures, []
    high = ctx.terms.amount_max_eur.number
    if high is not None and ctx.runs("amount_max") and f.grant > high:
        found.append(
            Check(
                "amount_max",
                ctx.failure("amount_max"),
                f"Die Zuwendung ({format_eur(f.grant)}) übersteigt den Höchstbetrag des "
                f"Programms ({format_eur(high)}).",
                field="financing.requested_eur",
            )
        )
    low = ctx.terms.amount_min_eur.number
    if low is not None and ctx.runs("amount_min") and f.grant < low:
        found.append(
            Check(
                "amount_min",
                ctx.failure("amount_min"),
                f"Die Zuwendung ({format_eur(f.grant)}) unterschreitet den Mindestbetrag des "
                f"Programms ({format_eur(low)}).",
                field="financing.requested_eur",
            )
        )
    return found


def annual_max(ctx: Context) -> list[Check]:
    """No Haushaltsjahr's grant above the Höchstbetrag je Haushaltsjahr."""
    limit = ctx.terms.annual_max_eur.number
    if limit is None or not ctx.runs("annual_max"):
        return []
    f = ctx.figures
    if ctx.terms.financing_type.value == "fehlbedarf":
        over = [(y.year, y.grant) for y in f.years if y.grant > limit]
    else:
        weights = f.annual_weights
        total = sum(weights.values(), ZERO)
        over = [
            (year, f.grant * w / total)
            for year, w in weights.items()
            if total > 0 and f.grant * w / total > limit
        ]
    if not over:
        return []
    years = ", ".join(f"{year}: {format_eur(amount)}" for year, amount in over)
    return [
        Check(
            "annual_max",
            ctx.failure("annual_max"),
            f"Die Zuwendung übersteigt den Höchstbetrag je Haushaltsjahr ({format_eur(limit)}) "
            f"in {years}.",
            field="financing.requested_eur",
        )
    ]


def own_share(ctx: Context) -> list[Check]:
    """The Eigenanteil by the programme's rules at least its minimum."""
    m = ctx.terms.own_contribution_min_percent.number
    f = ctx.figures
    if m is None or not ctx.runs("own_share") or f.own_contribution >= f.own_min:
        return []
    base_words = OWN_BASES[ctx.terms.own_contribution_base.value or "eligible"]
    missing = f.own_min - f.own_contribution
    extra = ""
    if f.ineligible_own > 0:
        extra = (
            f" (die nicht zuwendungsfähigen Ausgaben von {format_eur(f.ineligible_own)} trägt der "
            "Antragsteller zusätzlich; sie zählen nicht zum Eigenanteil)"
        )
    return [
        Check(
            "own_share",
            ctx.failure("own_share"),
            f"Eigenanteil {format_eur(f.own_contribution)} unterschreitet {format_percent(m)} "
            f"{base_words} ({format_eur(f.own_min)}); es fehlen {format_eur(missing)}{extra}.",
            field="financing.sources",
        )
    ]
