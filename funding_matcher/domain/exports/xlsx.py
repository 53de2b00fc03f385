"""XLSX export with openpyxl: the Kosten- und Finanzierungsplan with live formulas.

Sheets: "Gesamtplan" (lines by category with formulas, totals, financing, grant, key figures,
simple checks), "Bedingungen" (the terms as input cells with workbook names such as
``Foerderquote``), and, when the project spans several Haushaltsjahre, "Haushaltsjahre" (summary)
plus one sheet "HJ <year>" per year. Yellow cells are inputs; everything else is computed, so a
user can change an amount and the grant follows. The grant formula is the contract's (budget.md,
"Arithmetic" 5-6), rounded to cents like the app, so a recalculated file shows the app's grant.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from funding_matcher.domain.budget import BudgetReport
from funding_matcher.domain.budget.arithmetic import LineAmount
from funding_matcher.domain.budget.model import CATEGORIES

from .content import NO_PLAN, source_text
from .document import ApplicationDocument
from .xlsx_style import (
    EUR,
    HOURS,
    NOTE,
    PERCENT_NUMBER,
    RULE_ABOVE,
    SECTION,
    SHARE,
    TITLE,
    TOTAL_ABOVE,
    Text,
    header_row,
    landscape,
    name_cell,
    put,
    widths,
)
from .xlsx_terms import write_terms
from .xlsx_years import write_years

PLAN = "Gesamtplan"
FIRST_LINE_ROW = 4
LINE_HEADERS = (
    "Nr.",
    "Kategorie",
    "Bezeichnung",
    "zuwendungsfähig",
    "Monatsbetrag",
    "Stellenanteil",
    "Monate",
    "Stückpreis netto",
    "Menge",
    "Prozent",
    "Betrag",
)


@dataclass
class PlanLayout:
    """Where the plan's rows are, for the year sheets and the names."""

    line_rows: dict[int, int] = field(default_factory=dict)
    blocks: list[tuple[str, list[int], int]] = field(default_factory=list)
    volunteer_row: int = 0


def export_xlsx(doc: ApplicationDocument) -> bytes:
    """The plan as an .xlsx workbook with live formulas (a note sheet if no plan exists)."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = PLAN
    if doc.budget is None:
        _no_plan(ws, doc)
    else:
        layout = _plan(wb, ws, doc, doc.budget)
        write_terms(wb, doc, doc.budget)
        split = doc.budget.years()
        if len(split.years) > 1:
            write_years(wb, doc.budget, split, layout, PLAN)
    wb.properties.title = f"Kosten- und Finanzierungsplan: {doc.title}"
    wb.properties.creator = doc.applicant
    wb.properties.subject = doc.programme_title
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _no_plan(ws: Worksheet, doc: ApplicationDocument) -> None:
    put(ws, "A1", f"Kosten- und Finanzierungsplan – {doc.title}")
    ws["A1"].font = TITLE
    put(ws, "A2", f"{doc.applicant} · {doc.programme_title} · Entwurf, Stand {doc.stand:%d.%m.%Y}")
    put(ws, "A4", NO_PLAN, bold=True)
    put(ws, "A6", source_text(doc))
    ws["A6"].font = NOTE
    widths(ws, (120,))


def _line(ws: Worksheet, row: int, item: LineAmount) -> None:
    line = item.line
    put(ws, f"A{row}", item.index + 1)
    put(ws, f"B{row}", line.category_label)
    put(ws, f"C{row}", Text(line.label), entry=True)
    put(ws, f"D{row}", "ja" if line.eligible else "nein", entry=True)
    if line.category == "verwaltung" and line.percent is not None:
        put(ws, f"J{row}", line.percent, PERCENT_NUMBER, entry=True)
        put(ws, f"K{row}", f"=ROUND(J{row}/100*Bemessung_Verwaltung,2)", EUR)
    elif line.monthly_eur is not None and line.months is not None:
        share = line.share if line.share is not None else 1
        put(ws, f"E{row}", line.monthly_eur, EUR, entry=True)
        put(ws, f"F{row}", share, SHARE, entry=True)
        put(ws, f"G{row}", line.months, "0", entry=True)
        put(ws, f"K{row}", f"=ROUND(E{row}*F{row}*G{row},2)", EUR)
    elif line.unit_price_net_eur is not None:
        quantity = line.quantity if line.quantity is not None else 1
        put(ws, f"H{row}", line.unit_price_net_eur, EUR, entry=True)
        put(ws, f"I{row}", quantity, "#,##0.##", entry=True)
        put(ws, f"K{row}", f"=ROUND(H{row}*I{row},2)", EUR)
    else:
        put(ws, f"K{row}", item.amount, EUR, entry=True)


def _plan(
    wb: Workbook, ws: Worksheet, doc: ApplicationDocument, report: BudgetReport
) -> PlanLayout:
    budget, f = report.budget, report.figures
    put(ws, "A1", f"Kosten- und Finanzierungsplan – {doc.title}")
    ws["A1"].font = TITLE
    put(
        ws,
        "A2",
        f"{doc.applicant} · {doc.programme_title} · Projektzeitraum "
        f"{budget.period.start:%d.%m.%Y} bis {budget.period.end:%d.%m.%Y} · Entwurf, Stand "
        f"{doc.stand:%d.%m.%Y} · gelb = Eingabe, alles andere wird berechnet",
    )
    ws["A2"].font = NOTE
    header_row(ws, 3, LINE_HEADERS)
    ws.freeze_panes = "A4"
    layout = PlanLayout()
    row = FIRST_LINE_ROW
    direct_rows: list[int] = []
    for category, label in CATEGORIES.items():
        items = [item for item in f.lines if item.line.category == category]
        if not items:
            continue
        first = row
        for item in items:
            _line(ws, row, item)
            layout.line_rows[item.index] = row
            row += 1
        put(ws, f"C{row}", f"Summe {label}", bold=True, border=RULE_ABOVE)
        put(ws, f"K{row}", f"=SUM(K{first}:K{row - 1})", EUR, bold=True, border=RULE_ABOVE)
        layout.blocks.append((category, [item.index for item in items], row))
        if category != "verwaltung":
            direct_rows.append(row)
        row += 2
    last_line_row = max(row - 2, FIRST_LINE_ROW)
    validation = DataValidation(type="list", formula1='"ja,nein"', allow_blank=False)
    validation.error = "Bitte ja oder nein eingeben."
    ws.add_data_validation(validation)
    validation.add(f"D{FIRST_LINE_ROW}:D{last_line_row}")
    subtotals = ",".join(f"K{r}" for _, _, r in layout.blocks) or "0"
    lines = f"K{FIRST_LINE_ROW}:K{last_line_row}"
    flags = f"D{FIRST_LINE_ROW}:D{last_line_row}"
    # The overhead base covers only the rows above the Verwaltungspauschale block, so the
    # percentage line does not depend on itself (no circular reference).
    base_end = max(direct_rows) if direct_rows else FIRST_LINE_ROW
    base = f'=SUMIFS(K{FIRST_LINE_ROW}:K{base_end},D{FIRST_LINE_ROW}:D{base_end},"ja")'

    def total(label: str, formula: str, name: str | None = None, strong: bool = False) -> int:
        nonlocal row
        border = TOTAL_ABOVE if strong else None
        put(ws, f"C{row}", label, bold=strong, border=border)
        put(ws, f"K{row}", formula, EUR, bold=strong, border=border)
        if name:
            name_cell(wb, name, PLAN, "K", row)
        row += 1
        return row - 1

    layout.volunteer_row = row
    put(ws, f"B{row}", "Ehrenamt")
    put(ws, f"C{row}", "Ehrenamtliche Arbeit (fiktive Ausgabe): Stunden × Stundensatz")
    put(ws, f"H{row}", "=IF(ISNUMBER(Stundensatz_Ehrenamt),Stundensatz_Ehrenamt,0)", EUR)
    put(ws, f"I{row}", budget.financing.volunteer_hours, HOURS, entry=True)
    put(ws, f"K{row}", f"=ROUND(H{row}*I{row},2)", EUR)
    name_cell(wb, "Ehrenamt_Wert", PLAN, "K", row)
    row += 1
    total("Gesamtausgaben (G)", f"=SUM({subtotals})+Ehrenamt_Wert", "Gesamtausgaben", True)
    ineligible = f'=SUMIFS({lines},{flags},"nein")'
    total("davon nicht zuwendungsfähig", ineligible, "Nicht_zuwendungsfaehig")
    total(
        "Zuwendungsfähige Ausgaben (Zf)",
        "=Gesamtausgaben-Nicht_zuwendungsfaehig",
        "Zuwendungsfaehig",
        True,
    )
    total("davon Barausgaben", "=Zuwendungsfaehig-Ehrenamt_Wert")
    total("Bemessungsgrundlage der Verwaltungspauschale", base, "Bemessung_Verwaltung")
    row += 1
    _financing(wb, ws, row, report)
    widths(ws, (6, 22, 46, 16, 14, 13, 8, 15, 10, 10, 17))
    landscape(ws, "3:3")
    return layout


def _section(ws: Worksheet, row: int, title: str) -> None:
    for column in "ABCDEFGHIJK":
        ws[f"{column}{row}"].fill = SECTION
    put(ws, f"C{row}", title, bold=True)


def _financing(wb: Workbook, ws: Worksheet, row: int, report: BudgetReport) -> None:
    financing = report.budget.financing

    def line(
        label: str,
        value: object,
        fmt: str = EUR,
        *,
        entry: bool = False,
        name: str | None = None,
        strong: bool = False,
    ) -> str:
        nonlocal row
        border = TOTAL_ABOVE if strong else None
        put(ws, f"C{row}", label, bold=strong, border=border)
        put(ws, f"K{row}", value, fmt, entry=entry, bold=strong, border=border)
        if name:
            name_cell(wb, name, PLAN, "K", row)
        row += 1
        return f"K{row - 1}"

    _section(ws, row, "Finanzierung")
    row += 1
    first = row
    line("Eigenmittel", financing.own_funds_eur, entry=True, name="Eigenmittel")
    line("Ehrenamtliche Arbeit (unbare Eigenleistung)", "=Ehrenamt_Wert")
    line("Leistungen Dritter (ohne öffentliche Förderung)", financing.third_party_eur, entry=True)
    line("Einnahmen aus der Maßnahme", financing.income_eur, entry=True, name="Einnahmen")
    for entry in financing.other_public:
        line(
            f"Andere öffentliche Förderung: {entry.programme} ({entry.status})",
            entry.amount_eur,
            entry=True,
        )
    if not financing.other_public:
        line("Andere öffentliche Förderung", 0, entry=True)
    line(
        "Summe andere Finanzierung (D)",
        f"=SUM(K{first}:K{row - 1})",
        name="Andere_Finanzierung",
        strong=True,
    )
    by_type = line(
        "Zuwendung nach Finanzierungsart (vor Höchstbetrag)",
        '=IF(Finanzierungsart="fehlbedarf",Gesamtausgaben-Andere_Finanzierung,'
        'IF(Finanzierungsart="festbetrag",N(Festbetrag),'
        'IF(Finanzierungsart="voll",Zuwendungsfaehig-Einnahmen,'
        "IF(ISNUMBER(Foerderquote),ROUND(Foerderquote*Zuwendungsfaehig/100,2),"
        "Zuwendungsfaehig))))",
    )
    line(
        "Höchstmögliche Zuwendung",
        f"=MAX(0,ROUND(IF(ISNUMBER(Hoechstbetrag),MIN({by_type},Hoechstbetrag),{by_type}),2))",
        name="Hoechstmoegliche_Zuwendung",
    )
    line(
        "Beantragter Betrag (leer lassen = höchstmögliche Zuwendung)",
        financing.requested_eur,
        entry=True,
        name="Beantragt",
    )
    line(
        "Zuwendung",
        "=IF(ISNUMBER(Beantragt),MAX(0,Beantragt),Hoechstmoegliche_Zuwendung)",
        name="Zuwendung",
        strong=True,
    )
    line("Gesamtfinanzierung (D + Zuwendung)", "=Andere_Finanzierung+Zuwendung")
    line(
        "Differenz Gesamtausgaben − Gesamtfinanzierung",
        "=Gesamtausgaben-Andere_Finanzierung-Zuwendung",
        name="Differenz",
    )
    row += 1
    _section(ws, row, "Kennzahlen")
    row += 1
    line(
        "Förderquote (effektiv, von den zuwendungsfähigen Ausgaben)",
        '=IF(Zuwendungsfaehig=0,"",ROUND(Zuwendung/Zuwendungsfaehig*100,2))',
        PERCENT_NUMBER,
        name="Foerderquote_effektiv",
    )
    line(
        "Eigenanteil (Eigenmittel und Ehrenamt)",
        '=IF(Zuwendungsfaehig=0,"",ROUND((Eigenmittel+Ehrenamt_Wert)/Zuwendungsfaehig*100,2))',
        PERCENT_NUMBER,
        name="Eigenanteil_Prozent",
    )
    line("Eigenanteil in Euro", "=Eigenmittel+Ehrenamt_Wert")
    row += 1
    _section(ws, row, "Prüfungen (vereinfacht; die vollständige Prüfung macht die Anwendung)")
    row += 1
    checks = (
        (
            "Ausgaben und Finanzierung ausgeglichen",
            '=IF(ROUND(Differenz,2)=0,"in Ordnung","nicht ausgeglichen")',
        ),
        (
            "Höchstförderquote eingehalten",
            "=IF(ISNUMBER(Foerderquote),IF(Zuwendung<=ROUND(Foerderquote*Zuwendungsfaehig/100,2),"
            '"in Ordnung","überschritten"),"nicht geprüft: Quote unbekannt")',
        ),
        (
            "Höchstbetrag eingehalten",
            '=IF(ISNUMBER(Hoechstbetrag),IF(Zuwendung<=Hoechstbetrag,"in Ordnung","überschritten"),'
            '"nicht geprüft: kein Höchstbetrag bekannt")',
        ),
        (
            "Mindesteigenanteil erreicht",
            "=IF(ISNUMBER(Mindesteigenanteil),IF(Eigenmittel+Ehrenamt_Wert>="
            'Mindesteigenanteil*Zuwendungsfaehig/100,"in Ordnung","unterschritten"),'
            '"nicht geprüft: Mindesteigenanteil unbekannt")',
        ),
    )
    for label, formula in checks:
        line(label, formula, "General")
