"""The one way JSON enters the application: bounded, strict, and with German messages.

Every JSON document from outside (API bodies, uploaded profiles, files given to the CLI) passes
here before any model sees it:

- size and nesting depth are capped (a deeply nested document cannot exhaust the stack);
- only finite numbers (no NaN, Infinity, or 1e309 that overflows to infinity); integers of
  more than 18 digits are read as floats;
- every string must be valid Unicode (no lone surrogates, which fail later when written) and
  free of NUL characters, which PostgreSQL cannot store;
- syntax errors name line and column.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_number

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32
MAX_INT_DIGITS = 18
# No database column can hold U+0000 (PostgreSQL refuses it), and no text a person types has one.
NUL_MESSAGE = "enthält ein Nullzeichen (U+0000), das nicht gespeichert werden kann"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"„{name}“ ist keine Zahl im Sinne von JSON")


def _bounded_int(text: str) -> int | float:
    """An integer as Python reads it, up to 18 digits. A longer one is read as a float, as
    most JSON readers do: converting thousands of digits to an int costs quadratic time, and the
    field's own range check then names the field (an id or a count refuses a float)."""
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return _finite_float(text)
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"die Zahl {text[:30]} ist zu groß")
    return value


def _walk(value: Any, path: str, depth: int) -> Iterator[FieldProblem]:
    if depth > MAX_DEPTH:
        yield FieldProblem(path, f"zu tief verschachtelt (höchstens {MAX_DEPTH} Ebenen)")
        return
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            yield FieldProblem(path, "enthält ungültige Zeichen (einzelne Surrogate)")
        if "\x00" in value:
            yield FieldProblem(path, NUL_MESSAGE)
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            try:
                key.encode("utf-8")
            except UnicodeEncodeError:
                yield FieldProblem(path or "_", "ein Feldname enthält ungültige Zeichen")
                continue
            if "\x00" in key:
                yield FieldProblem(path or "_", f"ein Feldname {NUL_MESSAGE}")
                continue
            yield from _walk(item, child, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", depth + 1)


def load_json(data: bytes | str, max_bytes: int = MAX_BYTES) -> Any:
    """Decode one JSON document, or raise InvalidData with a German message per problem."""
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > max_bytes:
        raise InvalidData(
            [
                FieldProblem(
                    "",
                    f"Das JSON ist zu groß ({format_number(size)} Byte, "
                    f"höchstens {format_number(max_bytes)} Byte).",
                )
            ]
        )
    try:
        value = json.loads(
            data,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
            parse_int=_bounded_int,
        )
    except RecursionError:
        raise InvalidData(
            [
                FieldProblem(
                    "", f"Das JSON ist zu tief verschachtelt (höchstens {MAX_DEPTH} Ebenen)."
                )
            ]
        ) from None
    except json.JSONDecodeError as exc:
        raise InvalidData(
            [FieldProblem("", f"Kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno}).")]
        ) from None
    except UnicodeDecodeError:
        raise InvalidData(
            [FieldProblem("", "Kein gültiges JSON: der Text ist nicht UTF-8.")]
        ) from None
    except ValueError as exc:
        raise InvalidData([FieldProblem("", f"Kein gültiges JSON: {exc}.")]) from None
    problems = list(_walk(value, "", 0))
    if problems:
        raise InvalidData(problems[:20])
    return value
