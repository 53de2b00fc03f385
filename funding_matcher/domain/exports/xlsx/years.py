"""The "Haushaltsjahre" sheet: each line, the financing and the grant per Haushaltsjahr.

Line amounts per year are the plan's (payment schedules: one-off purchases in the year they are
paid); the sums, the grant per year (drawn with the eligible expenses under Anteil- and
Festbetragsfinanzierung) and the own funds each Haushalt must provide are formulas.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from funding_matcher.domain.budget import BudgetReport
from funding_matcher.domain.budget.model import OTHER_KINDS, SOURCE_KINDS

from .plan import YEAR_FIRST_ROW, YEARS, PlanLayout, print_order
from .style import (
    EUR,
    NOTE,
    RULE_ABOVE,
    TITLE,
    TOTAL_ABOVE,
    WRAP,
    Formula,
    header_row,
    landscape,
    page_marks,
    put,
    widths,
)


def write_years(wb: Workbook, report: BudgetReport, layout: PlanLayout) -> None:
    """One column per Haushaltsjahr (assumed payment years marked with *), a sum column."""
    ws = wb.create_sheet(YEARS)
    f = report.figures
    years = [y.year for y in f.years]
    first_col = 3
    cols = [get_column_letter(first_col + i) for i in range(len(years))]
    total_col = get_column_letter(first_col + len(years))
    eligible_col = get_column_letter(first_col + len(years) + 1)
    put(ws, "A1", "Ausgaben und Finanzierung je Haushaltsjahr")
    ws["A1"].font = TITLE
    put(
        ws,
        "A2",
        "Ausgaben fallen in das Jahr ihrer Zahlung (Kassenwirksamkeit). Gelbe Zellen sind "
        "Eingaben; Summen, Zuwendung und Eigenmittel je Jahr werden berechnet. * = Jahr enthält "
        "angenommene Zahlungsjahre (Ausgaben ohne Zahlungsdatum oder Mittel ohne Jahresangabe).",
    )
    ws["A2"].font = NOTE
    ws["A2"].alignment = WRAP
    ws.merge_cells(f"A2:{eligible_col}2")
    ws.row_dimensions[2].height = 45
    heads = [f"{y.year}{'*' if y.assumed else ''}" for y in f.years]
    header_row(ws, 4, ("Nr.", "Ausgabe / Finanzierung", *heads, "Summe", "zuwendungsfähig"))
    ws.freeze_panes = "C5"

    def amounts_row(row: int, values: list, entry: bool, bold: bool = False, border=None) -> None:
        for col, value in zip(cols, values, strict=True):
            put(ws, f"{col}{row}", value, EUR, entry=entry, bold=bold, border=border)
        put(ws, f"{total_col}{row}", Formula(f"=SUM({cols[0]}{row}:{cols[-1]}{row})"), EUR,
            bold=bold, border=border)  # fmt: skip

    row = YEAR_FIRST_ROW
    for item in print_order(report):
        put(ws, f"A{row}", layout.numbers[item.index])
        put(ws, f"B{row}", item.line.label + (" (Zahlungsjahr angenommen)" if item.assumed else ""))
        ws[f"B{row}"].alignment = WRAP
        amounts_row(row, [item.by_year[y] for y in years], entry=True)
        put(ws, f"{eligible_col}{row}", "ja" if item.eligible else "nein")
        row += 1
    last_line = row - 1
    cash_row = row
    put(ws, f"B{row}", "Barausgaben", bold=True, border=RULE_ABOVE)
    amounts_row(row, [Formula(f"=SUM({c}{YEAR_FIRST_ROW}:{c}{last_line})") for c in cols],
                entry=False, bold=True, border=RULE_ABOVE)  # fmt: skip
    row += 1
    eligible_row = row
    flags = f"${eligible_col}${YEAR_FIRST_ROW}:${eligible_col}${last_line}"
    put(ws, f"B{row}", "davon zuwendungsfähig")
    amounts_row(row, [Formula(f'=SUMIFS({c}{YEAR_FIRST_ROW}:{c}{last_line},{flags},"ja")')
                      for c in cols], entry=False)  # fmt: skip
    row += 1
    put(ws, f"B{row}", "Ehrenamt und Sachleistungen (fiktiv)")
    amounts_row(row, [y.volunteer + y.sources["in_kind"] for y in f.years], entry=True)
    notional_row = row
    row += 1
    put(ws, f"B{row}", "Ausgaben insgesamt", bold=True)
    amounts_row(row, [Formula(f"={c}{cash_row}+{c}{notional_row}") for c in cols], entry=False,
                bold=True)  # fmt: skip
    row += 2
    put(ws, f"B{row}", "Finanzierung", bold=True)
    row += 1
    source_rows = []
    for kind in OTHER_KINDS:
        if kind == "in_kind" or not f.sources[kind]:
            continue
        put(ws, f"B{row}", SOURCE_KINDS[kind])
        amounts_row(row, [y.sources[kind] for y in f.years], entry=True)
        source_rows.append(row)
        row += 1
    grant_row = row
    put(ws, f"B{row}", "Zuwendung", bold=True)
    kind = report.terms.financing_type.value
    if kind in ("voll", "fehlbedarf"):
        # Placed by the app (other means first); see budget rules v2, Years 5.
        amounts_row(row, [y.grant for y in f.years], entry=True, bold=True)
    else:
        weights = [y.eligible_cash for y in f.years]
        weighted = [i for i, w in enumerate(weights) if w > 0] or [0]
        last = weighted[-1]
        formulas = []
        for i, col in enumerate(cols):
            if i == last:
                others = "+".join(f"{c}{row}" for j, c in enumerate(cols) if j != i) or "0"
                formulas.append(Formula(f"=Zuwendung-({others})"))
            elif i in weighted:
                total = f"SUM(${cols[0]}${eligible_row}:${cols[-1]}${eligible_row})"
                formulas.append(Formula(f"=ROUND(Zuwendung*{col}{eligible_row}/{total},2)"))
            else:
                formulas.append(0)
        amounts_row(row, formulas, entry=False, bold=True)
    row += 1
    put(ws, f"B{row}", "Eigenmittel je Jahr (im Haushalt bereitzustellen)", bold=True,
        border=TOTAL_ABOVE)  # fmt: skip
    paid = "+".join(f"{{c}}{r}" for r in source_rows)
    own = [
        Formula(
            f"=ROUND({c}{cash_row}-{c}{grant_row}"
            + (f"-({paid.format(c=c)})" if paid else "")
            + ",2)"
        )
        for c in cols
    ]
    amounts_row(row, own, entry=False, bold=True, border=TOTAL_ABOVE)
    own_row = row
    row += 2
    put(ws, f"B{row}", "Prüfung: Eigenmittel der Jahre = Eigenmittel, die der Plan braucht")
    put(ws, f"{total_col}{row}",
        Formula(f'=IF(ROUND({total_col}{own_row}-Eigenmittel_erforderlich,2)=0,'
                '"in Ordnung","abweichend")'))  # fmt: skip
    widths(ws, (6, layout.label_width, *([15] * len(years)), 16, 15))
    landscape(ws, "4:4")
    page_marks(ws, "Ausgaben und Finanzierung je Haushaltsjahr")
