"""Checks of the financing side: balance, caps on public money, combinations, years, timing."""

from __future__ import annotations

from funding_matcher.domain.german import format_date, format_eur, format_percent
from funding_matcher.domain.money import ZERO, percent_of

from ..deminimis import de_minimis_sums, exceedances
from ..model import FUNDING_TYPES, START_RULES
from .base import Check, Context


def balance(ctx: Context) -> list[Check]:
    """Expenses and financing must be equal (Δ = 0)."""
    delta = ctx.figures.delta
    if delta < 0:
        return [
            Check(
                "balance",
                "error",
                f"Die Finanzierung deckt die Gesamtausgaben nicht: es fehlen {format_eur(-delta)}.",
                field="financing",
            )
        ]
    if delta > 0:
        return [
            Check(
                "overfinancing",
                "error",
                f"Der Plan ist um {format_eur(delta)} überfinanziert: Eigenmittel oder Zuwendung "
                f"um {format_eur(delta)} senken.",
                field="financing.requested_eur",
            )
        ]
    return []


def public_cap(ctx: Context) -> list[Check]:
    """All public money incl. this grant within p % of the eligible expenses."""
    p = ctx.terms.public_funding_cap_percent.number
    if p is None or not ctx.runs("public_cap"):
        return []
    f = ctx.figures
    limit = percent_of(p, f.eligible)
    public = f.sources["public_grant"] + f.grant
    if public <= limit:
        return []
    return [
        Check(
            "public_cap",
            ctx.failure("public_cap"),
            f"Öffentliche Mittel einschließlich der Zuwendung ({format_eur(public)}) übersteigen "
            f"{format_percent(p)} der zuwendungsfähigen Ausgaben ({format_eur(limit)}).",
            field="financing.sources",
        )
    ]


def grant_exceeds_cash(ctx: Context) -> list[Check]:
    """No grant for notional expenses (Ehrenamt, Sachleistungen)."""
    f = ctx.figures
    if f.grant <= f.eligible_cash:
        return []
    return [
        Check(
            "grant_exceeds_cash",
            "error",
            f"Die Zuwendung ({format_eur(f.grant)}) übersteigt die zuwendungsfähigen "
            f"Barausgaben ({format_eur(f.eligible_cash)}); fiktive Ausgaben werden nicht "
            "bezuschusst.",
            field="financing.requested_eur",
        )
    ]


def not_combinable(ctx: Context) -> list[Check]:
    """Other funding from a programme this one excludes."""
    excluded = ctx.terms.not_combinable_with.value
    if not excluded or not ctx.runs("not_combinable"):
        return []
    found = []
    for index, source in enumerate(ctx.budget.financing.sources):
        if source.kind in ("public_grant", "foundation_grant") and source.programme in excluded:
            found.append(
                Check(
                    "not_combinable",
                    "error",
                    f"„{source.label}“ ({source.programme}) darf mit diesem Programm nicht "
                    "kombiniert werden.",
                    field=f"financing.sources[{index}].programme",
                )
            )
    return found


def de_minimis(ctx: Context) -> list[Check]:
    """Grant plus De-minimis aid of the three years before applied_on within the ceilings."""
    regime = ctx.terms.de_minimis.value
    if regime not in ("general", "dawi"):
        return []
    sums = de_minimis_sums(ctx.budget.de_minimis_received, ctx.budget.applied_on)
    window = f"seit dem {format_date(sums.window_start)}"
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
            f"Der Projektbeginn ({format_date(start)}) liegt nicht nach dem Antragsdatum "
            f"({format_date(applied_on)}): ohne Zustimmung zum vorzeitigen Maßnahmebeginn darf das "
            "Vorhaben nicht vor dem Antrag beginnen.",
            field="period.start",
        )
    ]


def year_balance(ctx: Context) -> list[Check]:
    """A year whose dated financing exceeds its expenses."""
    f = ctx.figures
    if f.own_cash_required < 0:
        return []
    over = [y for y in f.years if y.own_cash_required < 0]
    if not over:
        return []
    text = ", ".join(f"{y.year} um {format_eur(-y.own_cash_required)}" for y in over)
    return [
        Check(
            "year_balance",
            "error",
            f"Die Finanzierung übersteigt in einzelnen Haushaltsjahren die Ausgaben ({text}): "
            "die Jahresangaben der Finanzierungsquellen anpassen.",
            field="financing.sources",
        )
    ]


def not_a_grant(ctx: Context) -> list[Check]:
    """Loans, prizes and guarantees have no grant in this plan."""
    kind = ctx.terms.funding_type.value
    if ctx.terms.is_grant:
        return []
    return [
        Check(
            "not_a_grant",
            "notice",
            f"Kein Zuschuss ({FUNDING_TYPES.get(kind or '', kind)}): ein Darlehen als "
            "Eigenmittel erfassen; der Plan rechnet ohne Zuwendung.",
        )
    ]


def public_claims(ctx: Context) -> list[Check]:
    """Nachrang: public money first."""
    if ctx.terms.subsidiarity.value != "public_first":
        return []
    public = ctx.figures.sources["public_grant"]
    amount = f" ({format_eur(public)})" if public > ZERO else ""
    return [
        Check(
            "public_claims",
            "notice",
            f"Nachrang: öffentliche Mittel{amount} gehen vor und mindern die Zuwendung; sind "
            "alle öffentlichen Fördermöglichkeiten ausgeschöpft?",
        )
    ]


def start_needs_decision(ctx: Context) -> list[Check]:
    """The project starts only after the programme's decision unless early start is approved."""
    rule = ctx.terms.start_rule.value
    if rule == "after_application" or ctx.budget.early_start_approved:
        return []
    if rule is None:
        when = (
            "nach der Bewilligung (Regel des Programms unbekannt; VV Nr. 1.3 zu § 44 BHO/LHO: "
            "Zuwendungsbescheid)"
        )
    else:
        when = START_RULES[rule]
    return [
        Check(
            "start_needs_decision",
            "notice",
            f"Projektbeginn {format_date(ctx.budget.period.start)} erst {when}; sonst vorzeitigen "
            "Maßnahmebeginn beantragen.",
            field="early_start_approved",
        )
    ]
