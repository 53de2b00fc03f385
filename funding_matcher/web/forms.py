"""Glue between domain validation errors and WTForms fields."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    FloatField,
    IntegerField,
    PasswordField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import TextInput

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.german import format_number
from funding_matcher.domain.limits import (
    DATE_MESSAGE,
    DIGITS_MESSAGE,
    MAX_AMOUNT_EUR,
    SINGLE_LINE_MESSAGE,
    ascii_digits,
    date_in_window,
    single_line,
)

# Fields whose text becomes a number or a date: Python would read Arabic-Indic or other digits.
_NUMERIC_FIELDS = (DateField, DecimalField, FloatField, IntegerField)
# Fields that may hold several lines; every other text field is one line (titles, names).
_MULTILINE_FIELDS = (TextAreaField, PasswordField)


class GermanForm(FlaskForm):
    """Base form: WTForms' own messages (invalid choice, not a number ...) in German; numbers
    and dates only with the digits 0-9, every date inside the window of domain.limits, and
    one-line text fields without line breaks."""

    class Meta:
        locales = ("de_DE", "de")

    def validate(self, extra_validators: Mapping | None = None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field, StringField) and not isinstance(field, _MULTILINE_FIELDS):
                if isinstance(field.data, str) and not single_line(field.data):
                    field.errors = [*field.errors, f"Das Feld {SINGLE_LINE_MESSAGE}."]
                    valid = False
                continue
            if not isinstance(field, _NUMERIC_FIELDS):
                continue
            raw = str(field.raw_data[0]) if field.raw_data else ""
            if not ascii_digits(raw):
                field.errors = [*field.errors, f"{DIGITS_MESSAGE}."]
                field.data = None
                valid = False
            elif isinstance(field, DateField) and field.data and not date_in_window(field.data):
                field.errors = [*field.errors, f"{DATE_MESSAGE}."]
                valid = False
        return valid


class CsrfForm(GermanForm):
    """Only the CSRF token, for buttons that change something harmless or undoable at once
    (tick, restore, revoke). It confirms nothing: deletions ask on a page of their own."""


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


MONEY_CEILING = Decimal("1e12")  # refused before any arithmetic; the cap below is the rule
TOO_BIG = "Der Betrag ist zu groß (höchstens 1.000.000.000,00 €)."


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
        return format_number(self.data, 2)

    def process_formdata(self, valuelist: list) -> None:
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        raw = str(valuelist[0]).strip().replace(" ", "").replace("€", "")
        self.data = None
        if not ascii_digits(raw):
            raise ValueError(f"{DIGITS_MESSAGE}.")
        text = raw.replace(".", "").replace(",", ".") if GERMAN_AMOUNT.match(raw) else raw
        self.data = None
        value = read_decimal(
            text,
            MONEY_CEILING,
            "Bitte einen Betrag in Euro angeben, z. B. 12.500,00.",
            TOO_BIG,
        )
        if abs(value) > MAX_AMOUNT_EUR:
            raise ValueError(TOO_BIG)
        if value != value.quantize(Decimal("0.01")):
            raise ValueError("Höchstens zwei Nachkommastellen (Cent).")
        self.data = value
