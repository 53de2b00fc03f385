"""Checks of single cost lines: Verwaltungspauschale and Inventarisierung."""

from __future__ import annotations

from decimal import Decimal

from ..money import format_eur, format_percent, percent_of
from .base import Check, Context, line_name

# ANBest-P Nr. 4.2: items above 800 € net must be inventoried (contract: fixed threshold).
INVENTORY_THRESHOLD_EUR = Decimal(800)


def overhead(ctx: Context) -> list[Check]:
    """A Verwaltungspauschale line's percent may not exceed overhead_max_percent."""
    maximum = ctx.terms.overhead_max_percent.value
    if maximum is None:
        return []
    found = []
    for item in ctx.figures.lines:
        percent = item.line.percent
        if item.line.category != "verwaltung" or percent is None or percent <= maximum:
            continue
        allowed = percent_of(maximum, ctx.figures.overhead_base)
        found.append(
            Check(
                "overhead",
                "error",
                f"{line_name(item.index, item.line)}: Die Verwaltungspauschale von "
                f"{format_percent(percent)} ({format_eur(item.amount)}) übersteigt die zulässigen "
                f"{format_percent(maximum)} ({format_eur(allowed)}) um "
                f"{format_eur(item.amount - allowed)}.",
                line=item.index,
                field=f"costs[{item.index}].percent",
            )
        )
    return found


def inventory(ctx: Context) -> list[Check]:
    """Investitionen with a unit price above 800 € net are inventarisierungspflichtig."""
    found = []
    for item in ctx.figures.lines:
        price = item.line.unit_price_net_eur
        if item.line.category != "investition" or price is None:
            continue
        if price <= INVENTORY_THRESHOLD_EUR:
            continue
        found.append(
            Check(
                "inventory",
                "warning",
                f"{line_name(item.index, item.line)}: Stückpreis {format_eur(price)} netto über "
                f"{format_eur(INVENTORY_THRESHOLD_EUR)} – der Gegenstand ist "
                "inventarisierungspflichtig, bleibt für die Dauer der Zweckbindung gebunden und "
                "gehört in die Inventarliste zum Verwendungsnachweis.",
                line=item.index,
                field=f"costs[{item.index}].unit_price_net_eur",
            )
        )
    return found
