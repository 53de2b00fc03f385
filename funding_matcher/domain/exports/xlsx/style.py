"""Number formats, fills and small cell helpers shared by the XLSX sheets.

User text is never a formula: ``put`` writes every string as text (with the quote prefix when it
begins like a formula, so a spreadsheet never evaluates ``=HYPERLINK(…)`` typed as a label);
formulas are written only by the code, through ``Formula``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..blocks import clean

EUR = '#,##0.00 "€"'
PERCENT_NUMBER = '0.00" %"'  # a percentage stored as its number (80 = 80 %), as in the contract
SHARE = "0.00%"  # a fraction shown as a percentage (0.75 = 75 %)
HOURS = '#,##0.0 "Std."'
MONTHS = "0.00"
DATE = "DD.MM.YYYY"

# The workbook's default font, named on every Font: a Font without a name falls back to a
# serif face in LibreOffice.
FONT = "Calibri"
BOLD = Font(name=FONT, bold=True)
TITLE = Font(name=FONT, bold=True, size=14)
NOTE = Font(name=FONT, italic=True, size=9, color="595959")
INPUT = PatternFill("solid", fgColor="FFF2CC")
HEADER = PatternFill("solid", fgColor="D9E2F3")
SECTION = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="808080")
_MEDIUM = Side(style="medium", color="000000")
RULE_BELOW = Border(bottom=_THIN)
RULE_ABOVE = Border(top=_THIN)
TOTAL_ABOVE = Border(top=_MEDIUM)
WRAP = Alignment(wrap_text=True, vertical="top")


def ref(sheet: str, column: str, row: int) -> str:
    """An absolute reference with the sheet quoted: ``'HJ 2027'!$G$5``."""
    return f"'{sheet}'!${column}${row}"


def name_cell(wb: Workbook, name: str, sheet: str, column: str, row: int) -> None:
    """A workbook-wide name for one cell, so formulas read ``=Zuwendung`` instead of K42."""
    wb.defined_names[name] = DefinedName(name, attr_text=ref(sheet, column, row))


# Characters a spreadsheet reads as the start of a formula (or of a DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Formula(str):
    """A formula the code writes (``Formula("=SUM(K4:K9)")``); plain strings are user text."""


def put(
    ws: Worksheet,
    cell: str,
    value: Any,
    number_format: str | None = None,
    *,
    bold: bool = False,
    entry: bool = False,
    border: Border | None = None,
) -> None:
    """Write one cell; ``entry`` marks it as an input (yellow) the formulas refer to."""
    target = ws[cell]
    text_like_formula = False
    if isinstance(value, Formula):
        value = str(value)
    elif isinstance(value, str):
        value = clean(value)
        text_like_formula = value.startswith(FORMULA_STARTS)
    elif isinstance(value, Decimal):
        # openpyxl would write a Decimal as text of any length; a double keeps cents exact
        # for every amount the budget parser admits.
        value = float(value)
    target.value = value
    if text_like_formula:
        target.data_type = "s"
        target.quotePrefix = True
    if number_format:
        target.number_format = number_format
    if bold:
        target.font = BOLD
    if entry:
        target.fill = INPUT
    if border is not None:
        target.border = border


def header_row(ws: Worksheet, row: int, titles: Sequence[str]) -> None:
    """Bold, shaded, wrapped column titles with a rule below."""
    for column, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=column, value=clean(title))
        cell.font = BOLD
        cell.fill = HEADER
        cell.border = RULE_BELOW
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    # Spreadsheet programs do not grow a row for wrapped text written by openpyxl.
    ws.row_dimensions[row].height = 30


def widths(ws: Worksheet, sizes: Sequence[float]) -> None:
    """Column widths in characters, from column A on."""
    for index, size in enumerate(sizes, start=1):
        ws.column_dimensions[get_column_letter(index)].width = size


def landscape(ws: Worksheet, title_rows: str) -> None:
    """Print on A4 landscape, one page wide, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows


def page_marks(ws: Worksheet, title: str) -> None:
    """Header with the title, footer with "Seite x von y" on every printed page."""
    ws.oddHeader.left.text = clean(title)[:200].replace("&", "&&")
    ws.oddFooter.right.text = "Seite &P von &N"
