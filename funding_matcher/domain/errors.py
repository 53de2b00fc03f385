"""Validation errors that name the field (and, for files, the place) a user must fix."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from funding_matcher.domain.german import format_number


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field: ``field`` is a dotted path such as ``themes.2``."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class InvalidData(ValueError):
    """Input that does not validate; carries every problem found, not just the first."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    def as_dict(self) -> dict[str, list[str]]:
        """Messages grouped by field, for JSON responses and forms."""
        grouped: dict[str, list[str]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.field or "_", []).append(problem.message)
        return grouped


_PYDANTIC_MESSAGES = {
    "missing": "Pflichtangabe fehlt",
    "string_type": "muss ein Text sein",
    "string_too_short": "ist zu kurz (mindestens {min_length} Zeichen)",
    "string_too_long": "ist zu lang (höchstens {max_length} Zeichen)",
    "int_type": "muss eine ganze Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "int_from_float": "muss eine ganze Zahl sein",
    "float_type": "muss eine Zahl sein",
    "float_parsing": "muss eine Zahl sein",
    "bool_type": "muss true oder false sein",
    "bool_parsing": "muss true oder false sein",
    "list_type": "muss eine Liste sein",
    "dict_type": "muss ein Objekt sein",
    "model_type": "muss ein Objekt sein",
    "date_type": "muss ein Datum im Format JJJJ-MM-TT sein",
    "date_parsing": "muss ein Datum im Format JJJJ-MM-TT sein",
    "date_from_datetime_parsing": "muss ein Datum im Format JJJJ-MM-TT sein",
    "greater_than_equal": "muss mindestens {ge} sein",
    "less_than_equal": "darf höchstens {le} sein",
    "greater_than": "muss größer als {gt} sein",
    "extra_forbidden": "unbekanntes Feld",
    "url_parsing": "ist keine gültige Adresse (URL)",
    "url_scheme": "muss mit https:// beginnen",
    "literal_error": "ungültiger Wert ({expected})",
    "enum": "ungültiger Wert ({expected})",
    "set_type": "muss eine Liste sein",
    "too_long": "hat zu viele Einträge (höchstens {max_length})",
    "too_short": "hat zu wenige Einträge (mindestens {min_length})",
    "less_than": "muss kleiner als {lt} sein",
    "finite_number": "muss eine endliche Zahl sein",
    "bool_from_string": "muss true oder false sein",
    "string_pattern_mismatch": "hat nicht das erwartete Format",
    "list_too_long": "hat zu viele Einträge (höchstens {max_length})",
    "unique_items": "darf keinen Wert doppelt enthalten",
    "is_instance_of": "hat den falschen Typ",
    "union_tag_invalid": "ungültiger Wert",
    "datetime_type": "muss ein Datum im Format JJJJ-MM-TT sein",
    "date_from_datetime_inexact": "muss ein Datum im Format JJJJ-MM-TT sein",
    "date_past": "muss in der Vergangenheit liegen",
    "date_future": "muss in der Zukunft liegen",
}
# Never an English sentence from pydantic in front of a user.
_FALLBACK_MESSAGE = "ungültiger Wert"


def _german_number(value: object) -> object:
    """Bounds in messages as a German reads them: 1.000.000.000, 0,5."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return format_number(value)


def problems_from_pydantic(exc: ValidationError) -> list[FieldProblem]:
    """Translate pydantic's errors into German messages keyed by dotted field path."""
    problems = []
    for err in exc.errors(include_url=False):
        # A mapping's bad key is reported at the key ("costs_by_type_eur.foo"), not "foo.[key]".
        field = ".".join(str(part) for part in err["loc"] if part != "[key]")
        template = _PYDANTIC_MESSAGES.get(err["type"])
        if err["type"] == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"]))
        elif template:
            context = {k: _german_number(v) for k, v in err.get("ctx", {}).items()}
            try:
                message = template.format(**context)
            except (KeyError, IndexError):
                message = template
        else:
            message = _FALLBACK_MESSAGE
        problems.append(FieldProblem(field, message))
    return problems
