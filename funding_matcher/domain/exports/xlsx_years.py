"""One sheet per Haushaltsjahr and the "Haushaltsjahre" summary, with live formulas.

Each line's part of a year is ``ROUND(line amount × share of the year, 2)``; the share is an
input cell set to the app's split (``budget.years``), so the workbook shows the app's figures to
the cent. The last year takes what is left of the line, so the years always add up to the line
exactly, also after the user changes an amount or a share.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from funding_matcher.domain.budget import BudgetReport, YearSplit
from funding_matcher.domain.budget.model import CATEGORIES
from funding_matcher.domain.budget.years import personal_months, project_months

from .xlsx_style import (
    EUR,
    MONTHS,
    NOTE,
    RULE_ABOVE,
    SHARE,
    TITLE,
    TOTAL_ABOVE,
    header_row,
    landscape,
    put,
    ref,
    widths,
)

if TYPE_CHECKING:
    from .xlsx import PlanLayout

SUMMARY = "Haushaltsjahre"


def year_sheet(year: int) -> str:
    """Name of the sheet of one Haushaltsjahr."""
    return f"HJ {year}"


def _shares(report: BudgetReport, split: YearSplit) -> dict[int, dict[int, float]]:
    """Per line index (and -1 for the volunteer value): each year's share of the line."""
    period = report.budget.period
    months = project_months(period)
    shares: dict[int, dict[int, float]] = {}

    def of(parts: dict[int, Decimal], total: Decimal, weights: dict[int, Fraction]) -> dict:
        if total:
            # The app's cents divided by the line: ROUND(total × share, 2) gives them back.
            return {y: float(Fraction(parts[y]) / Fraction(total)) for y in split.years}
        weight_sum = sum(weights.values(), Fraction(0))
        return {y: float(weights[y] / weight_sum) if weight_sum else 0.0 for y in split.years}

    for line, item in zip(split.lines, report.figures.lines, strict=True):
        weights = months
        if item.line.category == "personal" and item.line.months is not None:
            weights = personal_months(item.line.months, period) or months
        shares[line.index] = of(line.by_year, line.amount, weights)
    volunteer_total = sum(split.volunteer_value.values(), Decimal(0))
    shares[-1] = of(split.volunteer_value, volunteer_total, months)
    return shares


class _YearSheet:
    """Writes the rows of one Haushaltsjahr; the last year takes the remainder of each line."""

    def __init__(self, ws: Worksheet, year: int, earlier: list[str], last: bool, plan: str):
        self.ws, self.year, self.earlier, self.plan = ws, year, earlier, plan
        self.last = last
        self.row = 4

    def line(self, source_row: int, share: float, index: int | None, label: str = "") -> int:
        """One line of the plan in this year; returns its row."""
        ws, row, plan = self.ws, self.row, self.plan
        if index is not None:
            put(ws, f"A{row}", index + 1)
            for column in "BCD":
                put(ws, f"{column}{row}", f"={ref(plan, column, source_row)}")
        else:
            put(ws, f"C{row}", label)
        put(ws, f"E{row}", f"={ref(plan, 'K', source_row)}", EUR)
        if self.last and self.earlier:
            shares = "+".join(f"'{s}'!F{row}" for s in self.earlier)
            cents = "+".join(f"'{s}'!G{row}" for s in self.earlier)
            put(ws, f"F{row}", f"=1-({shares})", SHARE)
            put(ws, f"G{row}", f"=E{row}-({cents})", EUR)
        else:
            put(ws, f"F{row}", share, SHARE, entry=True)
            put(ws, f"G{row}", f"=ROUND(E{row}*F{row},2)", EUR)
        self.row += 1
        return row


def write_years(
    wb: Workbook, report: BudgetReport, split: YearSplit, layout: PlanLayout, plan: str
) -> None:
    """The summary sheet and one sheet per Haushaltsjahr, placed after the plan's sheets."""
    shares = _shares(report, split)
    years = split.years
    totals: dict[int, dict[str, int]] = {}
    for position, year in enumerate(years):
        ws = wb.create_sheet(year_sheet(year))
        earlier = [year_sheet(y) for y in years[:position]]
        sheet = _YearSheet(ws, year, earlier, position == len(years) - 1, plan)
        put(ws, "A1", f"Haushaltsjahr {year}")
        ws["A1"].font = TITLE
        put(
            ws,
            "A2",
            "Anteil = Teil der Zeile, der in dieses Jahr fällt (Personal nach "
            "Beschäftigungsmonaten, sonst nach Projektmonaten); das letzte Jahr erhält den Rest.",
        )
        ws["A2"].font = NOTE
        header_row(
            ws,
            3,
            (
                "Nr.",
                "Kategorie",
                "Bezeichnung",
                "zuwendungsfähig",
                "Zeilenbetrag gesamt",
                "Anteil im Haushaltsjahr",
                f"Betrag {year}",
            ),
        )
        ws.freeze_panes = "A4"
        rows: dict[str, int] = {}
        for category, indices, _subtotal in layout.blocks:
            first = sheet.row
            for index in indices:
                sheet.line(layout.line_rows[index], shares[index][year], index)
            row = sheet.row
            put(ws, f"C{row}", f"Summe {CATEGORIES[category]}", bold=True, border=RULE_ABOVE)
            put(ws, f"G{row}", f"=SUM(G{first}:G{row - 1})", EUR, bold=True, border=RULE_ABOVE)
            rows[category] = row
            sheet.row += 2
        rows["ehrenamt"] = sheet.line(
            layout.volunteer_row, shares[-1][year], None, "Ehrenamtliche Arbeit (fiktive Ausgabe)"
        )
        row = sheet.row
        parts = ",".join(f"G{rows[c]}" for c, _, _ in layout.blocks) or "0"
        put(ws, f"C{row}", f"Gesamtausgaben {year}", bold=True, border=TOTAL_ABOVE)
        put(
            ws,
            f"G{row}",
            f"=SUM({parts})+G{rows['ehrenamt']}",
            EUR,
            bold=True,
            border=TOTAL_ABOVE,
        )
        rows["total"] = row
        totals[year] = rows
        widths(ws, (6, 22, 46, 16, 17, 15, 17))
        landscape(ws, "3:3")
    _summary(wb, split, layout, plan, totals)


def _summary(
    wb: Workbook,
    split: YearSplit,
    layout: PlanLayout,
    plan: str,
    totals: dict[int, dict[str, int]],
) -> None:
    ws = wb.create_sheet(SUMMARY, index=2)
    years = split.years
    put(ws, "A1", "Ausgaben nach Haushaltsjahren")
    ws["A1"].font = TITLE
    put(ws, "A2", "Summen der Blätter „HJ …“; die Abweichung zum Gesamtplan muss 0 sein.")
    ws["A2"].font = NOTE
    header_row(
        ws, 3, ("Haushaltsjahr", *(str(y) for y in years), "Summe", "Gesamtplan", "Abweichung")
    )
    ws.freeze_panes = "B4"
    columns = [get_column_letter(2 + i) for i in range(len(years) + 3)]
    sum_col, plan_col, diff_col = columns[len(years) :]
    put(ws, "A4", "Projektmonate")
    for column, year in zip(columns, years, strict=False):
        months = split.months[year]
        put(ws, f"{column}4", float(months), MONTHS)
    put(ws, f"{sum_col}4", f"=SUM(B4:{columns[len(years) - 1]}4)", MONTHS)
    row = 5
    entries = [(CATEGORIES[c], c, ref(plan, "K", subtotal)) for c, _, subtotal in layout.blocks]
    entries.append(
        ("Ehrenamtliche Arbeit (fiktive Ausgabe)", "ehrenamt", ref(plan, "K", layout.volunteer_row))
    )
    entries.append(("Gesamtausgaben", "total", "Gesamtausgaben"))
    for label, key, plan_ref in entries:
        strong = key == "total"
        border = TOTAL_ABOVE if strong else None
        put(ws, f"A{row}", label, bold=strong, border=border)
        for column, year in zip(columns, years, strict=False):
            put(
                ws,
                f"{column}{row}",
                f"={ref(year_sheet(year), 'G', totals[year][key])}",
                EUR,
                bold=strong,
                border=border,
            )
        put(
            ws,
            f"{sum_col}{row}",
            f"=SUM(B{row}:{columns[len(years) - 1]}{row})",
            EUR,
            bold=strong,
            border=border,
        )
        put(ws, f"{plan_col}{row}", f"={plan_ref}", EUR, border=border)
        put(ws, f"{diff_col}{row}", f"={sum_col}{row}-{plan_col}{row}", EUR, border=border)
        row += 1
    widths(ws, (40, *(16 for _ in columns)))
    landscape(ws, "3:3")
