"""Glue between domain validation errors and WTForms fields."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from wtforms import DecimalField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import TextInput

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.money import german_digits


class GermanForm(FlaskForm):
    """Base form: WTForms' own messages (invalid choice, not a number ...) in German."""

    class Meta:
        locales = ("de_DE", "de")


def apply_problems(
    form: FlaskForm, error: InvalidData, aliases: dict[str, str] | None = None
) -> None:
    """Show each domain problem at its form field (or as a form-level error)."""
    aliases = aliases or {}
    for problem in error.problems:
        name = aliases.get(problem.field, problem.field).split(".", 1)[0]
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*field.errors, problem.message]
        else:
            form.form_errors.append(str(problem))


def choices(mapping: Mapping[str, str]) -> list[SelectChoice]:
    """Select options from a code -> label mapping."""
    return [SelectChoice(code, text) for code, text in mapping.items()]


GERMAN_AMOUNT = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d{1,2})?$|^-?\d+(,\d{1,2})?$")


MONEY_CEILING = Decimal("1e12")


def read_decimal(text: str, ceiling: Decimal, invalid: str, too_big: str) -> Decimal:
    """A finite Decimal below ``ceiling`` in absolute value, or ValueError with the message."""
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        raise ValueError(invalid) from None
    if not value.is_finite():
        raise ValueError(invalid)
    if abs(value) >= ceiling:
        raise ValueError(too_big)
    return value + Decimal(0)  # -0 is 0


class MoneyField(DecimalField):
    """An amount in euros: German (1.234,56) or plain (1234.56) notation, finite, cents."""

    # A text field: a number input refuses the German decimal comma in most browsers.
    widget = TextInput()

    def __init__(self, *args: object, **kwargs: object) -> None:
        render_kw = dict(kwargs.pop("render_kw", None) or {})
        render_kw.setdefault("inputmode", "decimal")
        super().__init__(*args, render_kw=render_kw, **kwargs)

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return german_digits(f"{self.data:,.2f}")

    def process_formdata(self, valuelist: list) -> None:
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        raw = str(valuelist[0]).strip().replace(" ", "").replace("€", "")
        text = raw.replace(".", "").replace(",", ".") if GERMAN_AMOUNT.match(raw) else raw
        self.data = None
        value = read_decimal(
            text,
            MONEY_CEILING,
            "Bitte einen Betrag in Euro angeben, z. B. 12.500,00.",
            "Der Betrag ist zu groß (höchstens 999.999.999.999,99 €).",
        )
        if value != value.quantize(Decimal("0.01")):
            raise ValueError("Höchstens zwei Nachkommastellen (Cent).")
        self.data = value
