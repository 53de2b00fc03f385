"""What the working version lists as open points beyond the plan's own checks: euro amounts in
the text that the plan does not hold, gaps in the applicant block, an unknown Vorsteuerabzug."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.declarations import vat_deductible
from funding_matcher.domain.budget import BudgetReport, report_to_json
from funding_matcher.domain.exports import OpenCheck, Section

_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?\s?(?:€|Euro\b|EUR\b)"
    r"|(?:€|EUR)\s?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?"
)


def amounts_in(text: str) -> list[tuple[str, Decimal]]:
    """Euro amounts written in a text: ('460.000 €', Decimal('460000'))."""
    found = []
    for m in _AMOUNT.finditer(text):
        whole, frac = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        try:
            value = Decimal(whole.replace(".", "") + (f".{frac}" if frac else ""))
        except InvalidOperation:
            continue
        found.append((m.group(0).strip(), value))
    return found


def plan_amounts(report: BudgetReport) -> set[Decimal]:
    """Every amount the plan holds: its output (totals, rows, years, lines) and what was entered
    (monthly rates, unit prices, sources), so "500 € Miete im Monat" is no surprise."""
    values: set[Decimal] = set()

    def add(value: object) -> None:
        if isinstance(value, dict):
            for v in value.values():
                add(v)
        elif isinstance(value, list | tuple):
            for v in value:
                add(v)
        elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            values.add(Decimal(str(value)).quantize(Decimal("0.01")))

    add(report_to_json(report))
    for line in report.budget.costs:
        add([line.monthly_eur, line.amount_eur, line.unit_price_net_eur])
        add(dict(line.by_year or {}))
    for source in report.budget.financing.sources:
        add([source.amount_eur, dict(source.by_year or {})])
    values.discard(None)  # type: ignore[arg-type]
    return values


def open_points(
    plan: BudgetReport | None,
    sections: list[Section],
    applicant: Applicant,
) -> list[OpenCheck]:
    """The working version's own open points (the plan's checks come with the plan)."""
    checks: list[OpenCheck] = []
    if plan is not None:
        known = plan_amounts(plan)
        for section in sections:
            for shown, value in amounts_in(section.text):
                if value.quantize(Decimal("0.01")) not in known:
                    checks.append(
                        OpenCheck(
                            "warning",
                            f"Betrag im Text prüfen: „{shown}“ im Abschnitt „{section.title}“ "
                            "steht so nicht im Kosten- und Finanzierungsplan.",
                            "draft",
                        )
                    )
    gaps = applicant.missing()
    if gaps:
        checks.append(
            OpenCheck(
                "warning",
                "Antragsteller: noch ohne " + ", ".join(gaps) + " (Organisation → Antragsteller).",
                "draft",
            )
        )
    if vat_deductible(plan, applicant) is None:
        checks.append(
            OpenCheck(
                "notice",
                "Vorsteuerabzug: weder im Finanzplan noch bei den Antragsteller-Angaben "
                "angegeben; die Erklärung dazu fehlt deshalb.",
                "draft",
            )
        )
    return checks
