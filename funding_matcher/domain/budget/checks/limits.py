"""Checks of the grant against the programme's limits: Quote, Höchst-/Mindestbetrag, Eigenanteil."""

from __future__ import annotations

from ..money import format_eur, format_percent, percent_of
from .base import Check, Context


def rate(ctx: Context) -> list[Check]:
    """The grant may not exceed q x Zf."""
    q = ctx.terms.funding_rate_max_percent.value
    f = ctx.figures
    if q is None:
        return []
    limit = percent_of(q, f.eligible)
    if f.grant <= limit:
        return []
    return [
        Check(
            "rate",
            "error",
            f"Die Zuwendung von {format_eur(f.grant)} übersteigt die Höchstförderquote: "
            f"{format_percent(q)} der zuwendungsfähigen Ausgaben von {format_eur(f.eligible)} "
            f"sind {format_eur(limit)}, also {format_eur(f.grant - limit)} zu viel.",
            field="financing.requested_eur",
        )
    ]


def amount_max(ctx: Context) -> list[Check]:
    """The grant may not exceed the Höchstbetrag."""
    cap = ctx.terms.amount_max_eur.value
    grant = ctx.figures.grant
    if cap is None or grant <= cap:
        return []
    return [
        Check(
            "amount_max",
            "error",
            f"Die Zuwendung von {format_eur(grant)} übersteigt den Höchstbetrag von "
            f"{format_eur(cap)} um {format_eur(grant - cap)}.",
            field="financing.requested_eur",
        )
    ]


def amount_min(ctx: Context) -> list[Check]:
    """The grant must reach the Mindestbetrag (Bagatellgrenze)."""
    floor = ctx.terms.amount_min_eur.value
    grant = ctx.figures.grant
    if floor is None or grant >= floor:
        return []
    return [
        Check(
            "amount_min",
            "error",
            f"Die Zuwendung von {format_eur(grant)} unterschreitet den Mindestbetrag von "
            f"{format_eur(floor)} um {format_eur(floor - grant)}.",
            field="financing.requested_eur",
        )
    ]


def own_share(ctx: Context) -> list[Check]:
    """Own funds plus volunteer value must reach own_contribution_min_percent of Zf."""
    minimum = ctx.terms.own_contribution_min_percent.value
    if minimum is None:
        return []
    f = ctx.figures
    own = ctx.budget.financing.own_funds_eur + f.volunteer_value
    needed = percent_of(minimum, f.eligible)
    if own >= needed:
        return []
    return [
        Check(
            "own_share",
            "error",
            f"Der Eigenanteil (Eigenmittel {format_eur(ctx.budget.financing.own_funds_eur)} + "
            f"ehrenamtliche Arbeit {format_eur(f.volunteer_value)} = {format_eur(own)}) liegt "
            f"unter dem Mindesteigenanteil von {format_percent(minimum)} der zuwendungsfähigen "
            f"Ausgaben ({format_eur(f.eligible)}), also {format_eur(needed)}; es fehlen "
            f"{format_eur(needed - own)}.",
            field="financing.own_funds_eur",
        )
    ]


def fixed_amount_missing(ctx: Context) -> list[Check]:
    """Festbetragsfinanzierung needs the Festbetrag."""
    if ctx.terms.financing_type.value != "festbetrag" or ctx.terms.fixed_amount_eur.known:
        return []
    return [
        Check(
            "fixed_amount_missing",
            "error",
            "Festbetragsfinanzierung ohne Festbetrag: Bitte den Festbetrag (fixed_amount_eur) "
            "aus dem Förderaufruf oder dem Bescheid angeben; bis dahin wird keine Zuwendung "
            "berechnet.",
            field="terms.fixed_amount_eur",
        )
    ]
