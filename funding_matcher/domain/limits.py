"""The bounds of every date and amount a person enters, the same in forms, API, CLI and domain.

A date outside 1990-2100 is a typing error in grant work (no deadline in year 1, no project in
9999), and it breaks date arithmetic further on (the backward plan, the exclusive end of a
calendar entry). One euro cap for every amount: the budget rules use the same figure.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_date

EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MAX_AMOUNT_EUR = Decimal(1_000_000_000)  # AMOUNT_MESSAGE names it; a test keeps both equal
CENT = Decimal("0.01")

# The window as a pattern for the OpenAPI document (with "format": "date" it is exact enough:
# 1990-01-01 to 2100-12-31, and the server checks the calendar).
DATE_PATTERN = r"^(199[0-9]|20[0-9][0-9]|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
DATE_MESSAGE = (
    f"Datum zwischen dem {format_date(EARLIEST_DATE)} und dem {format_date(LATEST_DATE)} angeben"
)
AMOUNT_MESSAGE = "Betrag zwischen 0 und 1.000.000.000,00 € angeben"
DIGITS_MESSAGE = "Bitte nur die Ziffern 0 bis 9 verwenden"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def date_in_window(value: date) -> bool:
    """Whether a date lies in the window every entered date must keep."""
    return EARLIEST_DATE <= value <= LATEST_DATE


def check_date(value: date, field: str) -> date:
    """The date itself, or InvalidData naming the field when it is outside the window."""
    if not date_in_window(value):
        raise InvalidData([FieldProblem(field, DATE_MESSAGE)])
    return value


def read_iso_date(value: Any, field: str) -> date:
    """A date from JSON: only the text JJJJ-MM-TT with the digits 0-9, inside the window."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return check_date(date.fromisoformat(value), field)
        except ValueError:
            pass
    raise InvalidData([FieldProblem(field, f"{DATE_MESSAGE} (Format JJJJ-MM-TT)")])


def check_amount(value: Decimal, field: str) -> Decimal:
    """A finite amount of at most two decimals from 0 to the cap; InvalidData otherwise."""
    if not value.is_finite() or not 0 <= value <= MAX_AMOUNT_EUR:
        raise InvalidData([FieldProblem(field, AMOUNT_MESSAGE)])
    if value != value.quantize(CENT):
        raise InvalidData(
            [FieldProblem(field, "Betrag in Euro mit höchstens zwei Nachkommastellen angeben")]
        )
    return value + Decimal(0)  # -0 is 0


def read_amount(value: Any, field: str) -> Decimal:
    """An amount from JSON: a number (never true/false or text), checked as ``check_amount``."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InvalidData([FieldProblem(field, "Betrag als Zahl angeben, z. B. 12500.50")])
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidData([FieldProblem(field, AMOUNT_MESSAGE)])
    if isinstance(value, float) and abs(value) > float(MAX_AMOUNT_EUR) * 10:
        # Far beyond the cap: refuse before Decimal works on a number with 300 digits.
        raise InvalidData([FieldProblem(field, AMOUNT_MESSAGE)])
    try:
        amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise InvalidData([FieldProblem(field, AMOUNT_MESSAGE)]) from None
    return check_amount(amount, field)


def ascii_digits(text: str) -> bool:
    """Whether every digit in the text is one of 0-9 (no Arabic-Indic or other digits)."""
    return all(char in "0123456789" for char in text if char.isdigit() or char.isnumeric())


# A title, name or label is one line: a line break in it splits CSV rows, e-mail subjects,
# calendar entries and log lines (and can forge the next one).
LINE_BREAKS = frozenset("\r\n\x0b\x0c\x85\u2028\u2029")
SINGLE_LINE_MESSAGE = "darf keinen Zeilenumbruch und keine Steuerzeichen enthalten"
SINGLE_LINE_PATTERN = "^[^\\x00-\\x08\\x0a-\\x1f\\x85\\u2028\\u2029]*$"


def single_line(text: str) -> bool:
    """Whether the text is one line without control characters (a tab is allowed)."""
    return not any(char in LINE_BREAKS or (ord(char) < 32 and char != "\t") for char in text)


def check_single_line(text: str, field: str) -> str:
    """The text itself, or InvalidData naming the field when it spans lines."""
    if not single_line(text):
        raise InvalidData([FieldProblem(field, SINGLE_LINE_MESSAGE)])
    return text
