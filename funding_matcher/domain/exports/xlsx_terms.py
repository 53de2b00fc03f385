"""The "Bedingungen" sheet: the terms the plan was computed with, as named input cells."""

from __future__ import annotations

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from funding_matcher.domain.budget import BudgetReport
from funding_matcher.domain.budget.model import FINANCING_TYPES

from .content import source_text
from .document import ApplicationDocument
from .xlsx_style import (
    DATE,
    EUR,
    NOTE,
    PERCENT_NUMBER,
    TITLE,
    WRAP,
    Text,
    header_row,
    landscape,
    name_cell,
    put,
    widths,
)

TERMS = "Bedingungen"


def write_terms(wb: Workbook, doc: ApplicationDocument, report: BudgetReport) -> None:
    """Terms as yellow inputs named Finanzierungsart, Foerderquote, Hoechstbetrag ..., then the
    application's facts and the source of the programme data."""
    ws = wb.create_sheet(TERMS)
    t = report.terms
    volunteer = t.volunteer_work.value
    kind = t.financing_type.value
    kind_text = f"{FINANCING_TYPES[kind]}, " if kind else "leer = unbekannt (wie Anteil), "
    terms: list[tuple[str, object, str | None, str, str]] = [
        (
            "Finanzierungsart (anteil, fehlbedarf, festbetrag, voll)",
            kind,
            None,
            "Finanzierungsart",
            kind_text + t.source_text("financing_type"),
        ),
        (
            "Höchstförderquote",
            t.funding_rate_max_percent.value,
            PERCENT_NUMBER,
            "Foerderquote",
            t.source_text("funding_rate_max_percent"),
        ),
        (
            "Höchstbetrag der Zuwendung",
            t.amount_max_eur.value,
            EUR,
            "Hoechstbetrag",
            t.source_text("amount_max_eur"),
        ),
        (
            "Mindestbetrag der Zuwendung",
            t.amount_min_eur.value,
            EUR,
            "Mindestbetrag",
            t.source_text("amount_min_eur"),
        ),
        (
            "Festbetrag (nur bei Festbetragsfinanzierung)",
            t.fixed_amount_eur.value,
            EUR,
            "Festbetrag",
            t.source_text("fixed_amount_eur"),
        ),
        (
            "Mindesteigenanteil",
            t.own_contribution_min_percent.value,
            PERCENT_NUMBER,
            "Mindesteigenanteil",
            t.source_text("own_contribution_min_percent"),
        ),
        (
            "Höchstzulässige Verwaltungspauschale",
            t.overhead_max_percent.value,
            PERCENT_NUMBER,
            "Verwaltung_max",
            t.source_text("overhead_max_percent"),
        ),
        (
            "Stundensatz ehrenamtliche Arbeit (leer = nicht anerkannt)",
            volunteer.rate_eur_per_hour if volunteer else None,
            EUR,
            "Stundensatz_Ehrenamt",
            t.source_text("volunteer_work"),
        ),
        (
            "Obergrenze ehrenamtliche Arbeit (Anteil an den zuwendungsfähigen Ausgaben)",
            volunteer.max_percent if volunteer else None,
            PERCENT_NUMBER,
            "Ehrenamt_max",
            t.source_text("volunteer_work"),
        ),
    ]
    put(ws, "A1", "Förderbedingungen und Angaben zum Antrag")
    ws["A1"].font = TITLE
    put(
        ws,
        "A2",
        "Gelbe Zellen sind Eingaben: Die Formeln im Gesamtplan und in den "
        "Haushaltsjahren rechnen mit diesen Werten. Leere Zelle = Bedingung unbekannt.",
    )
    ws["A2"].font = NOTE
    header_row(ws, 4, ("Bedingung", "Wert", "Herkunft"))
    row = 5
    for label, value, fmt, name, origin in terms:
        put(ws, f"A{row}", label)
        put(ws, f"B{row}", value, fmt, entry=True)
        put(ws, f"C{row}", origin)
        name_cell(wb, name, TERMS, "B", row)
        row += 1
    kinds = DataValidation(type="list", formula1='"' + ",".join(FINANCING_TYPES) + '"')
    kinds.error = "Bitte anteil, fehlbedarf, festbetrag oder voll eingeben."
    ws.add_data_validation(kinds)
    kinds.add("B5")
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
        ("Quelle der Programmangaben", doc.source_url, None),
        ("Stand der Programmangaben", doc.checked_on, DATE),
    ]
    header_row(ws, row, ("Antrag", "", ""))
    row += 1
    for label, value, fmt in facts:
        put(ws, f"A{row}", label)
        put(ws, f"B{row}", Text(value) if isinstance(value, str) else value, fmt)
        row += 1
    row += 1
    put(ws, f"A{row}", source_text(doc))
    ws[f"A{row}"].font = NOTE
    ws[f"A{row}"].alignment = WRAP
    ws.merge_cells(f"A{row}:C{row}")
    ws.row_dimensions[row].height = 48
    widths(ws, (62, 22, 60))
    landscape(ws, "4:4")
