"""Checks of the expense side: caps per cost kind, Ehrenamt, Sachleistungen, inventory, staff."""

from __future__ import annotations

from decimal import Decimal

from funding_matcher.domain.german import format_eur, format_number, format_percent
from funding_matcher.domain.money import ZERO, cents, percent_of

from .base import Check, Context


def _eligible_sum(ctx: Context, category: str) -> Decimal:
    return sum(
        (i.amount for i in ctx.figures.lines if i.eligible and i.line.category == category), ZERO
    )


def overhead(ctx: Context) -> list[Check]:
    """Verwaltungsausgaben within their share of the overhead base, and per year in euros."""
    f, terms, found = ctx.figures, ctx.terms, []
    spent = _eligible_sum(ctx, "verwaltung")
    limit_percent = terms.overhead_max_percent.number
    if limit_percent is not None and ctx.runs("overhead"):
        limit = percent_of(limit_percent, f.overhead_base)
        if spent > limit and limit_percent == 0:
            found.append(
                Check(
                    "overhead",
                    ctx.failure("overhead"),
                    f"Das Programm erstattet keine Verwaltungsausgaben: {format_eur(spent)} sind "
                    "nicht zuwendungsfähig (die Zeile als nicht zuwendungsfähig markieren oder "
                    "streichen).",
                    field="costs",
                )
            )
        elif spent > limit:
            found.append(
                Check(
                    "overhead",
                    ctx.failure("overhead"),
                    f"Verwaltungsausgaben {format_eur(spent)} übersteigen "
                    f"{format_percent(limit_percent)} von {format_eur(f.overhead_base)} "
                    f"({format_eur(limit)}).",
                    field="costs",
                )
            )
    per_year = terms.overhead_fixed_eur_per_year.number
    if per_year is not None and ctx.runs("overhead_fixed"):
        over = []
        for year in ctx.budget.period.years:
            spent_y = sum(
                (
                    i.by_year[year]
                    for i in f.lines
                    if i.eligible and i.line.category == "verwaltung"
                ),
                ZERO,
            )
            limit_y = cents(per_year * ctx.budget.period.months_in(year) / 12)
            if spent_y > limit_y:
                over.append(f"{year}: {format_eur(spent_y)} statt höchstens {format_eur(limit_y)}")
        if over:
            found.append(
                Check(
                    "overhead_fixed",
                    ctx.failure("overhead_fixed"),
                    f"Verwaltungsausgaben über der Pauschale von {format_eur(per_year)} je Jahr "
                    f"({'; '.join(over)}).",
                    field="costs",
                )
            )
    return found


def category_caps(ctx: Context) -> list[Check]:
    """Investitionen within a share of G, Sachausgaben and Ehrenamt within a share of Zf."""
    f, terms, found = ctx.figures, ctx.terms, []
    rules = (
        ("investment_cap", terms.investment_max_percent.number, "investition", f.total,
         "Investitionen", "der Gesamtausgaben"),
        ("sach_cap", terms.sach_max_percent.number, "sach", f.eligible,
         "Sachausgaben", "der zuwendungsfähigen Ausgaben"),
    )  # fmt: skip
    for check_id, limit_percent, category, base, name, base_words in rules:
        if limit_percent is None or not ctx.runs(check_id):
            continue
        spent, limit = _eligible_sum(ctx, category), percent_of(limit_percent, base)
        if spent > limit:
            found.append(
                Check(
                    check_id,
                    ctx.failure(check_id),
                    f"{name} {format_eur(spent)} übersteigen {format_percent(limit_percent)} "
                    f"{base_words} ({format_eur(limit)}).",
                    field="costs",
                )
            )
    volunteer = terms.volunteer
    cap = volunteer.max_percent if volunteer is not None else None
    if isinstance(cap, Decimal) and ctx.runs("volunteer_cap"):
        limit = percent_of(cap, f.eligible)
        if f.volunteer_value > limit:
            found.append(
                Check(
                    "volunteer_cap",
                    ctx.failure("volunteer_cap"),
                    f"Bewertete ehrenamtliche Arbeit ({format_eur(f.volunteer_value)}) übersteigt "
                    f"{format_percent(cap)} der zuwendungsfähigen Ausgaben ({format_eur(limit)}).",
                    field="financing.volunteer_hours",
                )
            )
    return found


def not_accepted(ctx: Context) -> list[Check]:
    """Volunteer hours or Sachleistungen the programme does not recognise."""
    found = []
    hours = ctx.budget.financing.volunteer_hours
    if hours > 0 and ctx.terms.volunteer_work.no_rule and ctx.runs("volunteer_not_accepted"):
        found.append(
            Check(
                "volunteer_not_accepted",
                "warning",
                f"Das Programm erkennt ehrenamtliche Arbeit nicht als Ausgabe an: "
                f"{format_number(hours)} Stunden bleiben unbewertet (0,00 €).",
                field="financing.volunteer_hours",
            )
        )
    in_kind = [s for s in ctx.budget.financing.sources if s.kind == "in_kind"]
    if in_kind and ctx.terms.in_kind_accepted.value is False:
        total = sum((s.total for s in in_kind), ZERO)
        found.append(
            Check(
                "in_kind_not_accepted",
                "warning",
                f"Das Programm erkennt Sachleistungen nicht an: {format_eur(total)} bleiben "
                "außerhalb des Plans.",
                field="financing.sources",
            )
        )
    return found


def inventory(ctx: Context) -> list[Check]:
    """Each unit above the Wertgrenze (net) is to be inventoried (ANBest-P Nr. 4.2)."""
    threshold = ctx.terms.inventory_threshold
    groups: dict[str, list] = {}
    found = []
    for item in ctx.figures.lines:
        line = item.line
        if not item.eligible or line.category not in ("investition", "sach"):
            continue
        if line.unit_price_net_eur is None:
            continue
        if line.unit_group is not None:
            groups.setdefault(line.unit_group, []).append(item)
            continue
        unit = line.unit_price_net_eur
        if not line.independently_usable:
            unit = cents(line.unit_price_net_eur * line.quantity)
        if unit > threshold:
            found.append(
                Check(
                    "inventory",
                    "warning",
                    f"„{line.label}“ ({format_eur(unit)} netto) ist zu inventarisieren "
                    f"(Wertgrenze {format_eur(threshold)} netto).",
                    line=item.index,
                )
            )
    for group, items in groups.items():
        value = cents(sum((i.line.unit_price_net_eur * i.line.quantity for i in items), ZERO))
        if value > threshold:
            names = ", ".join(i.line.label for i in items)
            found.append(
                Check(
                    "inventory",
                    "warning",
                    f"Die zusammen gekauften Gegenstände „{group}“ ({names}; zusammen "
                    f"{format_eur(value)} netto) sind als ein Gegenstand zu inventarisieren "
                    f"(Wertgrenze {format_eur(threshold)} netto).",
                    line=items[0].index,
                )
            )
    return found


def own_staff(ctx: Context) -> list[Check]:
    """Own staff and own administration of a programme that does not fund them."""
    if ctx.terms.own_staff_eligible.value is not False:
        return []
    items = [i for i in ctx.figures.lines if i.line.own_staff]
    if not items:
        return []
    total = sum((i.amount for i in items), ZERO)
    named = "; ".join(f"„{i.line.label}“ ({format_eur(i.amount)})" for i in items)
    return [
        Check(
            "own_staff",
            "warning",
            f"Das Programm fördert kein eigenes Personal und keine eigene Verwaltung des "
            f"Antragstellers; als nicht zuwendungsfähig gerechnet ({format_eur(total)}): {named}. "
            "Eine beauftragte Stelle (Honorar, Vertrag) kann zuwendungsfähig sein.",
            line=items[0].index,
        )
    ]


def inventory_check(ctx: Context) -> list[Check]:
    """Investments entered as one amount: the net value per item decides on inventory."""
    threshold = ctx.terms.inventory_threshold
    return [
        Check(
            "inventory_check",
            "notice",
            f"„{i.line.label}“ ({format_eur(i.amount)}): Nettowert je Gegenstand prüfen; über "
            f"{format_eur(threshold)} netto zu inventarisieren.",
            line=i.index,
        )
        for i in ctx.figures.lines
        if i.eligible
        and i.line.category == "investition"
        and i.line.amount_eur is not None
        and i.amount > threshold
    ]
