"""The "Bedingungen" sheet: the terms the plan was computed with, as named input cells."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from funding_matcher.domain.budget import BudgetReport
from funding_matcher.domain.budget.model import (
    FINANCING_TYPES,
    OVERHEAD_BASES,
    OWN_BASES,
    RATE_BASES,
)
from funding_matcher.domain.budget.terms import NONE

from ..content import source_text
from ..document import ApplicationDocument
from .style import (
    DATE,
    EUR,
    NOTE,
    PERCENT_NUMBER,
    TITLE,
    WRAP,
    header_row,
    landscape,
    name_cell,
    page_marks,
    put,
    widths,
)

TERMS = "Bedingungen"
# Cells that take a code: the codes and what each means (also offered as a list in the cell).
CODES: dict[str, dict[str, str]] = {
    "Finanzierungsart": FINANCING_TYPES,
    "Bemessungsgrundlage": RATE_BASES,
    "Bezug_Eigenanteil": OWN_BASES,
    "Bezug_Verwaltung": OVERHEAD_BASES,
    "Ehrenamt_zaehlt": {"ja": "zählt zum Mindesteigenanteil", "nein": "zählt nicht"},
}


def _cell(value: Any) -> Any:
    """A term as a cell: numbers and codes as they are, "none" as text (no rule), unknown empty."""
    if value == NONE:
        return "keine Regel"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return value


def write_terms(wb: Workbook, doc: ApplicationDocument, report: BudgetReport) -> None:
    """Terms as yellow inputs named Finanzierungsart, Foerdersatz, Hoechstbetrag …, then the
    application's facts and the source of the programme data."""
    ws = wb.create_sheet(TERMS)
    t = report.terms
    volunteer = t.volunteer
    may_meet = volunteer.may_meet_own_min if volunteer else None
    terms: list[tuple[str, Any, str | None, str, str]] = [
        ("Finanzierungsart (anteil, fehlbedarf, festbetrag, voll)", t.financing_type.value,
         None, "Finanzierungsart", "financing_type"),
        ("Höchstfördersatz in Prozent", t.funding_rate_max_percent.value, PERCENT_NUMBER,
         "Foerdersatz", "funding_rate_max_percent"),
        ("Bemessungsgrundlage des Fördersatzes (Code)", t.rate_base.value, None,
         "Bemessungsgrundlage", "rate_base"),
        ("Höchstbetrag der Zuwendung", t.amount_max_eur.value, EUR, "Hoechstbetrag",
         "amount_max_eur"),
        ("Mindestbetrag der Zuwendung", t.amount_min_eur.value, EUR, "Mindestbetrag",
         "amount_min_eur"),
        ("Festbetrag (nur bei Festbetragsfinanzierung)", t.fixed_amount_eur.value, EUR,
         "Festbetrag", "fixed_amount_eur"),
        ("Obergrenze aller öffentlichen Mittel in Prozent", t.public_funding_cap_percent.value,
         PERCENT_NUMBER, "Obergrenze_oeffentlich", "public_funding_cap_percent"),
        ("Mindesteigenanteil in Prozent", t.own_contribution_min_percent.value, PERCENT_NUMBER,
         "Mindesteigenanteil", "own_contribution_min_percent"),
        ("Bezugsgröße des Eigenanteils (eligible, total)", t.own_contribution_base.value, None,
         "Bezug_Eigenanteil", "own_contribution_base"),
        ("Bezugsgröße der Verwaltungsausgaben (direct, direct_staff)", t.overhead_base.value,
         None, "Bezug_Verwaltung", "overhead_base"),
        ("Verwaltungsausgaben höchstens in Prozent", t.overhead_max_percent.value,
         PERCENT_NUMBER, "Verwaltung_max", "overhead_max_percent"),
        ("Investitionen höchstens in Prozent der Gesamtausgaben", t.investment_max_percent.value,
         PERCENT_NUMBER, "Investitionen_max", "investment_max_percent"),
        ("Stundensatz Ehrenamt (leer = nicht anerkannt)",
         volunteer.rate_eur_per_hour if volunteer else None, EUR, "Stundensatz_Ehrenamt",
         "volunteer_work"),
        ("Ehrenamt zählt zum Mindesteigenanteil (ja/nein)",
         "ja" if may_meet else "nein", None, "Ehrenamt_zaehlt", "volunteer_work"),
    ]  # fmt: skip
    put(ws, "A1", "Förderbedingungen und Angaben zum Antrag")
    ws["A1"].font = TITLE
    put(
        ws,
        "A2",
        "Gelbe Zellen sind Eingaben: Die Formeln im Gesamtplan und in den Haushaltsjahren "
        "rechnen mit diesen Werten. Leere Zelle = Bedingung unbekannt; „keine Regel“ = das "
        "Programm hat keine solche Grenze.",
    )
    ws["A2"].font = NOTE
    ws["A2"].alignment = WRAP
    header_row(ws, 4, ("Bedingung", "Wert", "Herkunft", "Bedeutung des Werts"))
    row = 5
    for label, value, fmt, name, key in terms:
        put(ws, f"A{row}", label)
        shown = _cell(value)
        put(ws, f"B{row}", shown, fmt if isinstance(shown, int | float | Decimal) else None,
            entry=True)  # fmt: skip
        put(ws, f"C{row}", t.source_text(key))
        if name in CODES:
            codes = CODES[name]
            put(ws, f"D{row}", "; ".join(f"{code} = {text}" for code, text in codes.items()))
            ws[f"D{row}"].alignment = WRAP
            choice = DataValidation(type="list", formula1='"' + ",".join(codes) + '"')
            choice.error = "Bitte einen der Codes der Spalte „Bedeutung des Werts“ eingeben."
            ws.add_data_validation(choice)
            choice.add(f"B{row}")
        name_cell(wb, name, TERMS, "B", row)
        row += 1
    row += 1
    budget = report.budget
    facts: list[tuple[str, object, str | None]] = [
        ("Projekt", doc.title, None),
        ("Antragsteller", doc.applicant, None),
        ("Förderprogramm", doc.programme_title, None),
        ("Fördergeber", doc.funder, None),
        ("Projektbeginn", budget.period.start, DATE),
        ("Projektende", budget.period.end, DATE),
        ("Antrag am", budget.applied_on, DATE),
        ("Vorsteuerabzugsberechtigt", {True: "ja", False: "nein"}.get(budget.vat_deductible,
                                                                       "nicht angegeben"), None),
        ("Quelle der Programmangaben", doc.source_url, None),
        ("Stand der Programmangaben", doc.checked_on, DATE),
    ]  # fmt: skip
    header_row(ws, row, ("Antrag", "", ""))
    row += 1
    for label, value, fmt in facts:
        put(ws, f"A{row}", label)
        put(ws, f"B{row}", value, fmt)
        row += 1
    row += 1
    put(ws, f"A{row}", source_text(doc))
    ws[f"A{row}"].font = NOTE
    ws[f"A{row}"].alignment = WRAP
    ws.merge_cells(f"A{row}:C{row}")
    ws.row_dimensions[row].height = 48
    widths(ws, (62, 30, 34, 60))
    landscape(ws, "4:4")
    page_marks(ws, "Förderbedingungen und Angaben zum Antrag")
