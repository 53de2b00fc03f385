"""XLSX structure read back with openpyxl: live formulas, inputs, formats, sheets per year.

The figures the formulas produce are checked after LibreOffice recalculates (test_office.py).
"""

from __future__ import annotations

import io

import openpyxl
from openpyxl.workbook.workbook import Workbook

from funding_matcher.domain.budget import check_budget
from funding_matcher.domain.exports import export_xlsx

from .conftest import MakeDocument, dev_budget, report_of

EUR = '#,##0.00 "€"'


def load(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def named(wb: Workbook, name: str) -> tuple[str, str]:
    """(sheet, cell) a workbook name points to."""
    [(sheet, cell)] = list(wb.defined_names[name].destinations)
    return sheet, cell.replace("$", "")


def row_of(ws, text: str, column: str = "C") -> int:
    for row in range(1, ws.max_row + 1):
        if ws[f"{column}{row}"].value == text:
            return row
    raise AssertionError(f"{text!r} nicht in Spalte {column}")


def test_personal_line_is_monthly_times_share_times_months(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document()))
    ws = wb["Gesamtplan"]
    row = row_of(ws, "Quartierskoordination")
    assert (ws[f"E{row}"].value, ws[f"F{row}"].value, ws[f"G{row}"].value) == (5200, 0.75, 36)
    assert ws[f"K{row}"].value == f"=ROUND(E{row}*F{row}*G{row},2)"
    assert ws[f"K{row}"].number_format == EUR
    overhead = row_of(ws, "Verwaltungspauschale")
    assert ws[f"K{overhead}"].value == f"=ROUND(J{overhead}/100*Bemessung_Verwaltung,2)"
    rent = row_of(ws, "Miete Ladenlokal")
    assert ws[f"K{rent}"].value == 32400  # an amount line is an input


def test_sums_grant_rate_and_own_share_are_formulas(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document()))
    for name in (
        "Gesamtausgaben",
        "Zuwendungsfaehig",
        "Hoechstmoegliche_Zuwendung",
        "Zuwendung",
        "Foerderquote_effektiv",
        "Eigenanteil_Prozent",
    ):
        sheet, cell = named(wb, name)
        assert sheet == "Gesamtplan"
        assert str(wb[sheet][cell].value).startswith("="), name
    sheet, cell = named(wb, "Zuwendung")
    assert wb[sheet][cell].number_format == EUR
    subtotal = row_of(wb["Gesamtplan"], "Summe Personalausgaben")
    assert wb["Gesamtplan"][f"K{subtotal}"].value.startswith("=SUM(K")


def test_terms_are_named_input_cells(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document()))
    values = {}
    for name in ("Finanzierungsart", "Foerderquote", "Hoechstbetrag", "Stundensatz_Ehrenamt"):
        sheet, cell = named(wb, name)
        assert sheet == "Bedingungen"
        assert wb[sheet][cell].fill.fgColor.rgb.endswith("FFF2CC"), name  # marked as input
        values[name] = wb[sheet][cell].value
    assert values == {
        "Finanzierungsart": "anteil",
        "Foerderquote": 90,
        "Hoechstbetrag": None,
        "Stundensatz_Ehrenamt": None,
    }
    sheet, cell = named(wb, "Hoechstmoegliche_Zuwendung")
    formula = wb["Gesamtplan"][f"K{int(cell[1:]) - 1}"].value
    assert "Finanzierungsart" in formula
    assert "Foerderquote" in formula


def test_header_row_is_frozen_and_columns_are_wide_enough(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document()))
    ws = wb["Gesamtplan"]
    assert ws.freeze_panes == "A4"
    assert ws["K3"].value == "Betrag"
    assert ws["K3"].font.bold
    assert ws.column_dimensions["C"].width >= 40
    assert ws.column_dimensions["K"].width >= 15


def test_one_sheet_per_haushaltsjahr_plus_summary(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document()))
    assert wb.sheetnames == [
        "Gesamtplan",
        "Bedingungen",
        "Haushaltsjahre",
        "HJ 2027",
        "HJ 2028",
        "HJ 2029",
    ]
    first, last = wb["HJ 2027"], wb["HJ 2029"]
    row = row_of(first, "Summe Personalausgaben")
    assert first[f"G{row - 1}"].value == f"=ROUND(E{row - 1}*F{row - 1},2)"
    # The last year takes what is left, so the years add up to the line exactly.
    assert last[f"G{row - 1}"].value == f"=E{row - 1}-('HJ 2027'!G{row - 1}+'HJ 2028'!G{row - 1})"
    assert first.freeze_panes == "A4"


def test_single_year_plan_has_no_year_sheets(make_document: MakeDocument) -> None:
    data = dev_budget("d3-fehlbedarf")
    data["period"] = {"start": "2027-02-01", "end": "2027-11-30"}
    wb = load(export_xlsx(make_document(budget=check_budget(data))))
    assert wb.sheetnames == ["Gesamtplan", "Bedingungen"]


def test_other_public_funding_and_requested_amount_are_inputs(make_document: MakeDocument) -> None:
    data = dev_budget("d3-fehlbedarf")
    data["financing"]["other_public"] = [
        {"programme": "nrw-2000x1000-engagement", "amount_eur": 2000, "status": "beantragt"}
    ]
    data["financing"]["requested_eur"] = 7000
    wb = load(export_xlsx(make_document(budget=check_budget(data))))
    ws = wb["Gesamtplan"]
    row = row_of(ws, "Andere öffentliche Förderung: nrw-2000x1000-engagement (beantragt)")
    assert ws[f"K{row}"].value == 2000
    sheet, cell = named(wb, "Beantragt")
    assert wb[sheet][cell].value == 7000


def test_without_plan_a_single_sheet_says_so(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document(budget=None)))
    assert wb.sheetnames == ["Gesamtplan"]
    texts = [c.value for row in wb["Gesamtplan"].iter_rows() for c in row if c.value]
    assert any("noch kein Kosten- und Finanzierungsplan erfasst" in t for t in texts)


def test_ineligible_line_is_marked_nein(make_document: MakeDocument) -> None:
    data = dev_budget("d3-fehlbedarf")
    data["costs"].append(
        {"category": "sach", "label": "Bewirtung", "amount_eur": 500, "eligible": False}
    )
    report = check_budget(data)
    assert report_of("d3-fehlbedarf").figures.ineligible == 0
    assert report.figures.ineligible == 500
    ws = load(export_xlsx(make_document(budget=report)))["Gesamtplan"]
    assert ws[f"D{row_of(ws, 'Bewirtung')}"].value == "nein"
