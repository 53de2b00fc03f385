"""Glue between domain validation errors and WTForms fields."""

from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice

from funding_matcher.domain.errors import InvalidData


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
