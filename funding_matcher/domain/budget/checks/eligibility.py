"""Checks outside the figures: De-minimis ceilings and vorzeitiger Maßnahmebeginn."""

from __future__ import annotations

from ..deminimis import de_minimis_sums, exceedances
from ..money import format_eur
from .base import Check, Context


def de_minimis(ctx: Context) -> list[Check]:
    """Grant plus De-minimis aid in the three years before applied_on within the ceilings."""
    regime = ctx.terms.de_minimis.value
    if regime not in ("general", "dawi"):
        return []
    sums = de_minimis_sums(ctx.budget.de_minimis_received, ctx.budget.applied_on)
    window = f"seit dem {sums.window_start:%d.%m.%Y}"
    return [
        Check(
            "de_minimis",
            "error",
            f"De-minimis-Höchstbetrag überschritten: {broken.scope} {window} "
            f"{format_eur(broken.counted)} + Zuwendung {format_eur(broken.grant)} = "
            f"{format_eur(broken.with_grant)}, mehr als {format_eur(broken.regulation.ceiling)} "
            f"in drei Jahren nach {broken.regulation.short} (um {format_eur(broken.excess)}).",
            field="de_minimis_received",
        )
        for broken in exceedances(regime, sums, ctx.figures.grant)
    ]


def early_start(ctx: Context) -> list[Check]:
    """The project may not start on or before the application without consent."""
    start, applied_on = ctx.budget.period.start, ctx.budget.applied_on
    if start > applied_on or ctx.budget.early_start_approved:
        return []
    return [
        Check(
            "early_start",
            "error",
            f"Der Projektbeginn ({start:%d.%m.%Y}) liegt nicht nach dem Antragsdatum "
            f"({applied_on:%d.%m.%Y}): Ohne Zustimmung zum vorzeitigen Maßnahmebeginn darf das "
            "Vorhaben nicht vor der Bewilligung begonnen werden.",
            field="period.start",
        )
    ]
