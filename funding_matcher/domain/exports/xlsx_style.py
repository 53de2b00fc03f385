"""Number formats, fills and small cell helpers shared by the XLSX sheets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.formula import Tokenizer
from openpyxl.formula.tokenizer import TokenizerError
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from .blocks import clean

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


# The functions this package writes. A formula calling anything else (HYPERLINK, WEBSERVICE,
# a DDE call ...) cannot be one of ours: it is user text and is written as text.
CODE_FUNCTIONS = frozenset(
    {"ROUND", "SUM", "SUMIF", "SUMIFS", "IF", "ISNUMBER", "MAX", "MIN", "N", "AND", "OR", "ABS"}
)
_CELL = r"\$?[A-Z]{1,3}\$?[0-9]{1,7}"
_REFERENCE = re.compile(rf"^(?:'[^'!]+'!|[A-Za-z0-9_]+!)?{_CELL}(?::{_CELL})?$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,254}$")
_STRUCTURE = ("FUNC", "SEP", "OPERATOR-INFIX", "OPERATOR-PREFIX", "PAREN", "WHITE-SPACE")
# A text starting with one of these is a formula to a spreadsheet program once someone edits
# the cell or saves the sheet as CSV: it gets the quote prefix (shown as typed, never run).
TEXT_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


class Text(str):
    """Text a person entered (a line's label, a title): always a text cell, never a formula."""

    __slots__ = ()


def code_formula(value: str) -> bool:
    """Whether ``value`` is a formula as this package writes them: only the functions above,
    cell references, workbook names, numbers and quoted text."""
    if not value.startswith("=") or isinstance(value, Text):
        return False
    try:
        tokens = Tokenizer(value).items
    except TokenizerError:
        return False
    for token in tokens:
        if token.type == "FUNC" and token.subtype == "OPEN":
            if token.value[:-1].upper() not in CODE_FUNCTIONS:
                return False
        elif token.type == "OPERAND":
            if token.subtype == "RANGE":
                if not (_REFERENCE.match(token.value) or _NAME.match(token.value)):
                    return False
            elif token.subtype not in ("NUMBER", "TEXT", "LOGICAL"):
                return False
        elif token.type not in _STRUCTURE:
            return False
    return True


def write_text(cell: Cell, text: str) -> None:
    """A text cell whatever the text starts with: never evaluated, shown as typed."""
    cell.value = clean(text)
    cell.data_type = "s"  # openpyxl would make a text starting with "=" a formula
    if cell.value.startswith(TEXT_TRIGGERS):
        cell.quotePrefix = True


def ref(sheet: str, column: str, row: int) -> str:
    """An absolute reference with the sheet quoted: ``'HJ 2027'!$G$5``."""
    return f"'{sheet}'!${column}${row}"


def name_cell(wb: Workbook, name: str, sheet: str, column: str, row: int) -> None:
    """A workbook-wide name for one cell, so formulas read ``=Zuwendung`` instead of K42."""
    wb.defined_names[name] = DefinedName(name, attr_text=ref(sheet, column, row))


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
    """Write one cell; ``entry`` marks it as an input (yellow) the formulas refer to.

    A string is a formula only when it is one of this package's (``code_formula``); any other
    string, above all a person's text, is written as text (H2: no formula injection)."""
    target = ws[cell]
    if isinstance(value, str) and not code_formula(value):
        write_text(target, value)
    else:
        if isinstance(value, Decimal):
            # openpyxl would write a Decimal as text of any length; a double keeps cents exact
            # for every amount the budget parser admits.
            value = float(value)
        target.value = value
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
        cell = ws.cell(row=row, column=column)
        write_text(cell, title)
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
