"""Checks of bürgerschaftliches Engagement valued as fiktive Ausgabe."""

from __future__ import annotations

from ..money import ZERO, format_eur, format_number, format_percent, percent_of
from .base import Check, Context


def volunteer_cap(ctx: Context) -> list[Check]:
    """V may not exceed max_percent of Zf."""
    volunteer = ctx.terms.volunteer_work.value
    f = ctx.figures
    if volunteer is None or volunteer.max_percent is None or f.volunteer_value == ZERO:
        return []
    limit = percent_of(volunteer.max_percent, f.eligible)
    if f.volunteer_value <= limit:
        return []
    hours = format_number(ctx.budget.financing.volunteer_hours)
    rate = format_eur(volunteer.rate_eur_per_hour or ZERO)
    return [
        Check(
            "volunteer_cap",
            "error",
            f"Der Wert der ehrenamtlichen Arbeit ({hours} Stunden × {rate} = "
            f"{format_eur(f.volunteer_value)}) übersteigt die Obergrenze von "
            f"{format_percent(volunteer.max_percent)} der zuwendungsfähigen Ausgaben "
            f"({format_eur(f.eligible)}), also {format_eur(limit)}, um "
            f"{format_eur(f.volunteer_value - limit)}.",
            field="financing.volunteer_hours",
        )
    ]


def volunteer_not_accepted(ctx: Context) -> list[Check]:
    """Hours were entered but the terms accept no volunteer work, so they are worth 0."""
    hours = ctx.budget.financing.volunteer_hours
    if hours <= ZERO or ctx.terms.volunteer_work.known:
        return []
    return [
        Check(
            "volunteer_not_accepted",
            "warning",
            f"{format_number(hours)} Stunden ehrenamtliche Arbeit sind angegeben, die "
            "Förderbedingungen sehen aber keine Anrechnung vor (oder sie ist nicht bekannt): "
            "Die Stunden werden mit 0,00 € bewertet und zählen weder als Ausgabe noch als "
            "Eigenanteil.",
            field="financing.volunteer_hours",
        )
    ]
