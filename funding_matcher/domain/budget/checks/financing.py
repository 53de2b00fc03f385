"""Checks of the Finanzierungsplan as a whole: balance, cash, Überfinanzierung, Kumulierung."""

from __future__ import annotations

from ..money import ZERO, format_eur
from .base import Check, Context


def balance(ctx: Context) -> list[Check]:
    """G must equal other financing + grant to the cent."""
    f = ctx.figures
    funds = f.other_financing + f.grant
    difference = f.total - funds
    if difference == ZERO:
        return []
    if difference > ZERO:
        gap = f"es fehlen {format_eur(difference)} (Finanzierungslücke)"
    else:
        gap = f"die Finanzierung übersteigt die Ausgaben um {format_eur(-difference)}"
    return [
        Check(
            "balance",
            "error",
            f"Der Plan ist nicht ausgeglichen: Gesamtausgaben {format_eur(f.total)} stehen "
            f"Finanzierungsmittel von {format_eur(funds)} gegenüber (andere Finanzierung "
            f"{format_eur(f.other_financing)} + Zuwendung {format_eur(f.grant)}); {gap}.",
            field="financing",
        )
    ]


def grant_exceeds_cash(ctx: Context) -> list[Check]:
    """The grant may not exceed the eligible cash expenses (Zf without volunteer value)."""
    f = ctx.figures
    if f.grant <= f.eligible_cash:
        return []
    return [
        Check(
            "grant_exceeds_cash",
            "error",
            f"Die Zuwendung von {format_eur(f.grant)} übersteigt die zuwendungsfähigen "
            f"Barausgaben von {format_eur(f.eligible_cash)} (zuwendungsfähige Ausgaben "
            f"{format_eur(f.eligible)} abzüglich ehrenamtlicher Arbeit "
            f"{format_eur(f.volunteer_value)}) um {format_eur(f.grant - f.eligible_cash)}.",
            field="financing.requested_eur",
        )
    ]


def overfunding(ctx: Context) -> list[Check]:
    """Grant plus other public funding may not exceed the eligible expenses."""
    f = ctx.figures
    public = f.grant + f.other_public
    if public <= f.eligible:
        return []
    return [
        Check(
            "overfunding",
            "error",
            f"Überfinanzierung: Zuwendung {format_eur(f.grant)} und andere öffentliche Förderung "
            f"{format_eur(f.other_public)} ergeben {format_eur(public)} und übersteigen die "
            f"zuwendungsfähigen Ausgaben von {format_eur(f.eligible)} um "
            f"{format_eur(public - f.eligible)}.",
            field="financing.other_public",
        )
    ]


def not_combinable(ctx: Context) -> list[Check]:
    """Other public funding from a programme the terms exclude."""
    excluded = ctx.terms.not_combinable_with.value or ()
    found = []
    for index, entry in enumerate(ctx.budget.financing.other_public):
        if entry.programme in excluded:
            found.append(
                Check(
                    "not_combinable",
                    "error",
                    f"Die andere öffentliche Förderung „{entry.programme}“ "
                    f"({format_eur(entry.amount_eur)}, {entry.status}) ist laut "
                    "Förderbedingungen nicht mit diesem Programm kombinierbar.",
                    field=f"financing.other_public[{index}].programme",
                )
            )
    return found
