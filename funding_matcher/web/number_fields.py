"""Input fields for German numbers: amounts in euros (12.500,00 or 12500.00) and decimals such
as a Stellenanteil (0,75 or 0.75, or 75 %). Text inputs, because a number input refuses the
German comma and would hide input kept for correction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from wtforms import DecimalField, Field
from wtforms.validators import Optional
from wtforms.widgets import TextInput

from funding_matcher.domain.german import format_number
from funding_matcher.domain.limits import DIGITS_MESSAGE, ascii_digits
from funding_matcher.web.forms import MoneyField, read_decimal

NUMBER_CEILING = Decimal("1e12")


class EuroField(MoneyField):
    """An amount in euros, shown back in German notation (5.200,00); a text input, because a
    number input refuses the German comma and would hide input kept for correction."""

    widget = TextInput()

    def __init__(self, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("validators", [Optional()])
        super().__init__(label, places=2, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        if isinstance(self.data, Decimal):
            return format_number(self.data, 2)
        return ""


class NumberField(DecimalField):
    """A German decimal: 0,75 or 0.75 (and 75 % when ``accept_percent``, read as 0,75)."""

    widget = TextInput()

    def __init__(self, label: str, accept_percent: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("validators", [Optional()])
        super().__init__(label, **kwargs)
        self.accept_percent = accept_percent

    def process_formdata(self, valuelist: list) -> None:
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        text = str(valuelist[0]).strip().replace(" ", "").replace("\u202f", "")
        self.data = None
        if not ascii_digits(text):
            raise ValueError(f"{DIGITS_MESSAGE}.")
        divide = self.accept_percent and text.endswith("%")
        text = text.rstrip("%")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        self.data = None
        value = read_decimal(
            text, NUMBER_CEILING, "Bitte eine Zahl angeben, z. B. 0,75.", "Die Zahl ist zu groß."
        )
        self.data = value / 100 if divide else value

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        if isinstance(self.data, Decimal):
            return format_number(self.data, grouped=False)
        return ""


def is_filled(field: Field) -> bool:
    """Whether the user typed something (also text that did not parse)."""
    if field.raw_data:
        return bool(str(field.raw_data[0]).strip())
    return field.data not in (None, "")
