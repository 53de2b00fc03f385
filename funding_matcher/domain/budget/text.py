"""The checked budget as a German plain-text table (``--format text``)."""

from __future__ import annotations

from decimal import Decimal

from funding_matcher.domain.german import format_date, format_eur, format_number, format_percent

from .checks import LEVEL_LABELS
from .model import FINANCING_TYPES, OTHER_KINDS, OWN_BASES, RATE_BASES, SOURCE_KINDS
from .report import BudgetReport

_LABEL = 46
_AMOUNT = 18


def _row(label: str, amount: Decimal, suffix: str = "") -> str:
    return f"{label[: _LABEL - 1]:<{_LABEL}}{format_eur(amount):>{_AMOUNT}}{suffix}"


def rate_base_words(report: BudgetReport) -> str:
    """The Bemessungsgrundlage of the Fördersatz in words; an unknown one as the plan read it."""
    base = report.terms.rate_base.value
    if base is None:
        return (
            f"{RATE_BASES['eligible_minus_private_third_party']} (Bemessungsgrundlage angenommen)"
        )
    return RATE_BASES[base]


def own_base_words(report: BudgetReport) -> str:
    """The base of the Eigenanteil in words."""
    return OWN_BASES[report.terms.own_contribution_base.value or "eligible"]


def _years_table(report: BudgetReport) -> list[str]:
    f = report.figures
    years = [y.year for y in f.years]
    width = 16
    head = f"{'Haushaltsjahr':<{_LABEL}}" + "".join(f"{year:>{width}}" for year in years)
    out = [head, "-" * len(head)]

    def row(label: str, values: list[Decimal]) -> None:
        out.append(
            f"{label[: _LABEL - 1]:<{_LABEL}}"
            + "".join(f"{format_eur(v):>{width}}" for v in values)
        )

    row("Ausgaben", [y.expenses for y in f.years])
    if f.ineligible:
        row("  davon nicht zuwendungsfähig", [y.ineligible for y in f.years])
    row("  davon Investitionen", [y.investment for y in f.years])
    for kind in OTHER_KINDS:
        if f.sources[kind]:
            row(SOURCE_KINDS[kind], [y.sources[kind] for y in f.years])
    row("Zuwendung", [y.grant for y in f.years])
    row("Eigenmittel (bar) je Jahr", [y.own_cash_required for y in f.years])
    if any(y.assumed for y in f.years):
        marks = "  ".join(f"{y.year}" for y in f.years if y.assumed)
        out.append(f"Angenommene Zahlungsjahre enthalten in: {marks}")
    return out


def report_text(report: BudgetReport) -> str:
    """Ausgaben, Finanzierung, Kennzahlen, Haushaltsjahre and Prüfergebnis as German text."""
    budget, f, terms = report.budget, report.figures, report.terms
    kind = terms.financing_type.value
    kind_text = FINANCING_TYPES.get(kind, "unbekannt") if kind else "unbekannt"
    out = [
        "Kosten- und Finanzierungsplan",
        f"Programm: {budget.programme or '–'}",
        f"Projektzeitraum: {format_date(budget.period.start)} bis "
        f"{format_date(budget.period.end)}, Antrag am {format_date(budget.applied_on)}",
        f"Finanzierungsart: {kind_text} ({terms.source_text('financing_type')})",
        "",
        "Ausgaben",
    ]
    for number, item in enumerate(f.lines, start=1):
        flag = "" if item.eligible else "  nicht zuwendungsfähig"
        out.append(_row(f"{number:>3} {item.line.label}", item.amount, flag))
        detail = " · ".join(p for p in (item.line.category_label, item.formula) if p)
        out.append(f"      {detail}")
    if f.volunteer_value:
        hours = format_number(budget.financing.volunteer_hours)
        out.append(_row(f"    Ehrenamt ({hours} Stunden, fiktiv)", f.volunteer_value))
    if f.in_kind:
        out.append(_row("    Sachleistungen (fiktiv)", f.in_kind))
    grant_label = (
        "Beantragte Zuwendung" if budget.financing.requested_eur is not None else "Zuwendung"
    )
    out += [
        "",
        _row("Gesamtausgaben", f.total),
        _row("  davon nicht zuwendungsfähig", f.ineligible),
        _row("Zuwendungsfähige Ausgaben", f.eligible),
        "",
        "Finanzierung",
        _row("Eigenmittel (bar)", f.own_cash),
    ]
    for kind_key in OTHER_KINDS:
        if f.sources[kind_key]:
            out.append(_row(SOURCE_KINDS[kind_key], f.sources[kind_key]))
    if f.volunteer_value:
        out.append(_row("Ehrenamtliche Arbeit (bewertet)", f.volunteer_value))
    out += [_row(grant_label, f.grant), _row("Höchstmögliche Zuwendung", f.grant_max)]
    if report.limited_by_text:
        out.append(f"  ({report.limited_by_text})")
    if f.rate_on_base_percent is not None and f.rate_base is not None:
        out.append(
            f"Fördersatz: {format_percent(f.rate_on_base_percent, 2)} {rate_base_words(report)} "
            f"({format_eur(f.rate_base)})"
        )
    own = f"Eigenanteil nach den Regeln des Programms: {format_eur(f.own_contribution)}"
    if f.own_share_percent is not None:
        own += f" = {format_percent(f.own_share_percent, 2)} {own_base_words(report)}"
    if f.own_min_known:
        own += f" (mindestens {format_eur(f.own_min)})"
    out += [
        own,
        "",
        "Aufteilung auf Haushaltsjahre",
        *_years_table(report),
        "",
        "Prüfung",
    ]
    if not report.checks:
        out.append("  keine Beanstandungen")
    for check in report.checks:
        out.append(f"  {LEVEL_LABELS[check.level]:<8} {check.message}")
    out += ["", f"Ergebnis: {report.verdict_text}"]
    return "\n".join(out) + "\n"
