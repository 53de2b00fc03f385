"""The checked budget as a German plain-text table (``--format text``)."""

from __future__ import annotations

from decimal import Decimal

from .checks import LEVEL_LABELS
from .model import FINANCING_TYPES
from .money import format_eur, format_number, format_percent
from .report import BudgetReport
from .years import years_text

_LABEL_WIDTH = 46
_AMOUNT_WIDTH = 18


def _row(label: str, amount: Decimal, suffix: str = "") -> str:
    return f"{label:<{_LABEL_WIDTH}}{format_eur(amount):>{_AMOUNT_WIDTH}}{suffix}"


def _percent(value: Decimal | None) -> str:
    return "–" if value is None else format_percent(value)


def report_text(report: BudgetReport, *, with_years: bool = False) -> str:
    """Ausgaben, Finanzierung, Kennzahlen and Prüfergebnis as aligned German text."""
    budget, f, terms = report.budget, report.figures, report.terms
    kind = terms.financing_type.value
    kind_text = FINANCING_TYPES.get(kind, "unbekannt") if kind else "unbekannt"
    out = [
        "Kosten- und Finanzierungsplan",
        f"Programm: {budget.programme or '–'}",
        f"Projektzeitraum: {budget.period.start:%d.%m.%Y} bis {budget.period.end:%d.%m.%Y}, "
        f"Antrag am {budget.applied_on:%d.%m.%Y}",
        f"Finanzierungsart: {kind_text} ({terms.source_text('financing_type')})",
        "",
        "Ausgaben",
    ]
    for item in f.lines:
        name = f"{item.index + 1:>3} {item.line.label}"
        flag = "" if item.line.eligible else "  nicht zuwendungsfähig"
        out.append(_row(name[: _LABEL_WIDTH - 1], item.amount, flag))
        detail = " · ".join(part for part in (item.line.category_label, item.formula) if part)
        out.append(f"      {detail}")
    if f.volunteer_value:
        hours = format_number(budget.financing.volunteer_hours)
        out.append(_row(f"    Ehrenamt ({hours} Stunden, fiktive Ausgabe)", f.volunteer_value))
    financing = budget.financing
    grant_label = "Zuwendung (beantragt)" if financing.requested_eur is not None else "Zuwendung"
    out += [
        "",
        _row("Gesamtausgaben", f.total),
        _row("  davon nicht zuwendungsfähig", f.ineligible),
        _row("Zuwendungsfähige Ausgaben", f.eligible),
        _row("  davon Barausgaben", f.eligible_cash),
        "",
        "Finanzierung",
        _row("Eigenmittel", financing.own_funds_eur),
        _row("Ehrenamtliche Arbeit", f.volunteer_value),
        _row("Leistungen Dritter", financing.third_party_eur),
        _row("Einnahmen", financing.income_eur),
        _row("Andere öffentliche Förderung", f.other_public),
    ]
    for entry in financing.other_public:
        out.append(_row(f"  {entry.programme} ({entry.status})"[:_LABEL_WIDTH], entry.amount_eur))
    out += [
        _row("Summe andere Finanzierung", f.other_financing),
        _row(grant_label, f.grant),
        _row("Höchstmögliche Zuwendung", f.grant_max),
        f"{'Förderquote (effektiv)':<{_LABEL_WIDTH}}"
        f"{_percent(f.rate_effective_percent):>{_AMOUNT_WIDTH}}",
        f"{'Eigenanteil':<{_LABEL_WIDTH}}{_percent(f.own_share_percent):>{_AMOUNT_WIDTH}}",
        "",
        "Prüfung",
    ]
    if not report.checks:
        out.append("  keine Beanstandungen")
    for check in report.checks:
        out.append(f"  {LEVEL_LABELS[check.level]:<8} [{check.id}] {check.message}")
    errors = sum(1 for check in report.checks if check.level == "error")
    out += ["", "Ergebnis: in Ordnung" if report.ok else f"Ergebnis: {errors} Fehler"]
    if with_years:
        out += ["", "Aufteilung auf Haushaltsjahre", years_text(report.years()).rstrip("\n")]
    return "\n".join(out) + "\n"
