"""Field readers for budget v1 that collect every problem with its path instead of stopping.

Decisions (documented for users in the messages):
- Numbers must be JSON numbers (int, float) or Decimal; text and true/false are refused, as are
  NaN and Infinity. Floats are read through ``Decimal(str(x))`` so 0.1 stays 0.1.
- Euro amounts allow at most two decimals (cents) and at most 1.000.000.000 €; a plan with more
  precision or larger sums is a typing error, not a budget.
- Percentages allow two decimals (66,67 %), a Stellenanteil (share) four (0,3333).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_eur, format_number

MAX_EUR = Decimal(1_000_000_000)
MAX_EUR_PER_HOUR = Decimal(1_000)
MAX_HOURS = Decimal(1_000_000)
MAX_QUANTITY = Decimal(1_000_000)
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_MISSING = object()


def join(path: str, key: str | int) -> str:
    """Path of a child: ``join("costs", 2)`` -> ``costs[2]``, ``join("costs[2]", "share")``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Problems:
    """Collects problems so that one InvalidData can list every bad field at once."""

    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def add(self, path: str, message: str) -> None:
        """Record one problem with one field."""
        self.items.append(FieldProblem(path, message))

    def raise_if_any(self) -> None:
        """Raise InvalidData with everything collected so far."""
        if self.items:
            raise InvalidData(list(self.items))


@dataclass(frozen=True)
class NumberRule:
    """Bounds, precision and German wording for one kind of number."""

    minimum: Decimal
    maximum: Decimal
    places: int
    too_low: str
    too_high: str
    too_precise: str
    min_exclusive: bool = False
    integer: bool = False


MONEY = NumberRule(
    Decimal(0),
    MAX_EUR,
    2,
    "darf nicht negativ sein",
    f"ist unplausibel hoch (höchstens {format_eur(MAX_EUR)})",
    "höchstens zwei Nachkommastellen (Cent) erlaubt",
)
RATE_PER_HOUR = NumberRule(
    Decimal(0),
    MAX_EUR_PER_HOUR,
    2,
    "darf nicht negativ sein",
    f"ist unplausibel hoch (höchstens {format_eur(MAX_EUR_PER_HOUR)} je Stunde)",
    "höchstens zwei Nachkommastellen (Cent) erlaubt",
)
PERCENT = NumberRule(
    Decimal(0),
    Decimal(100),
    2,
    "muss zwischen 0 und 100 liegen",
    "muss zwischen 0 und 100 liegen",
    "höchstens zwei Nachkommastellen erlaubt",
)
SHARE = NumberRule(
    Decimal(0),
    Decimal(1),
    4,
    "muss zwischen 0 und 1 liegen (Stellenanteil, z. B. 0.75)",
    "muss zwischen 0 und 1 liegen (Stellenanteil, z. B. 0.75)",
    "höchstens vier Nachkommastellen erlaubt",
)
MONTHS = NumberRule(
    Decimal(1),
    Decimal(240),
    0,
    "muss zwischen 1 und 240 Monaten liegen",
    "muss zwischen 1 und 240 Monaten liegen",
    "muss eine ganze Zahl von Monaten sein",
    integer=True,
)
QUANTITY = NumberRule(
    Decimal(0),
    MAX_QUANTITY,
    2,
    "muss größer als 0 sein",
    f"ist unplausibel hoch (höchstens {format_number(MAX_QUANTITY)})",
    "höchstens zwei Nachkommastellen erlaubt",
    min_exclusive=True,
)
HOURS = NumberRule(
    Decimal(0),
    MAX_HOURS,
    2,
    "darf nicht negativ sein",
    f"ist unplausibel hoch (höchstens {format_number(MAX_HOURS)} Stunden)",
    "höchstens zwei Nachkommastellen erlaubt",
)


def to_decimal(value: Any, path: str, problems: Problems) -> Decimal | None:
    """A finite Decimal from a JSON number or Decimal; None (and a problem) otherwise."""
    if isinstance(value, bool):
        problems.add(path, "muss eine Zahl sein, nicht true/false")
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            problems.add(path, "muss eine endliche Zahl sein (nicht NaN oder Infinity)")
            return None
        return Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            problems.add(path, "muss eine endliche Zahl sein (nicht NaN oder Infinity)")
            return None
        return value + 0
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        problems.add(path, f"muss eine Zahl sein, nicht Text („{shown}“)")
        return None
    problems.add(path, "muss eine Zahl sein")
    return None


def check_number(value: Decimal, rule: NumberRule, path: str, problems: Problems) -> bool:
    """Whether ``value`` keeps the rule; records the first broken bound as a problem."""
    if value < rule.minimum or (rule.min_exclusive and value == rule.minimum):
        problems.add(path, f"{rule.too_low} (angegeben: {_shown(value)})")
        return False
    if value > rule.maximum:
        problems.add(path, f"{rule.too_high} (angegeben: {_shown(value)})")
        return False
    # Checked after the bounds so quantize never meets a huge exponent.
    if value != value.quantize(Decimal(1).scaleb(-rule.places)):
        problems.add(path, f"{rule.too_precise} (angegeben: {_shown(value)})")
        return False
    return True


def _shown(value: Decimal) -> str:
    # Plain German digits for ordinary sizes, scientific notation for absurd ones (10^400).
    if abs(value) >= Decimal("1e15"):
        return f"{value:.3E}".replace(".", ",")
    return format_number(value)


_ALLOWED_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def _allowed_set(allowed: tuple[str, ...]) -> frozenset[str]:
    """The allowed keys as a set, built once per key tuple (a plan reads hundreds of lines)."""
    found = _ALLOWED_SETS.get(allowed)
    if found is None:
        found = _ALLOWED_SETS[allowed] = frozenset(allowed)
    return found


class ObjectReader:
    """Reads one JSON object: refuses unknown keys and reads each field with its path."""

    def __init__(self, data: Any, path: str, problems: Problems, allowed: tuple[str, ...]) -> None:
        self.path = path
        self.problems = problems
        self.ok = isinstance(data, Mapping)
        self.data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
        if not self.ok:
            problems.add(path, "muss ein Objekt sein")
            return
        unknown = self.data.keys() - _allowed_set(allowed)
        if unknown:
            names = ", ".join(allowed)
            for key in self.data:
                if key in unknown:
                    problems.add(join(path, str(key)), f"unbekanntes Feld (erlaubt: {names})")

    def at(self, key: str) -> str:
        """Path of a field of this object."""
        return join(self.path, key)

    def has(self, key: str) -> bool:
        """Whether the key is present (null counts as present)."""
        return key in self.data

    def given(self, key: str) -> bool:
        """Whether the key is present with a value other than null."""
        return self.data.get(key) is not None

    def _raw(self, key: str, required: bool) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.problems.add(self.at(key), "Pflichtangabe fehlt")
            return _MISSING
        return value

    def number(self, key: str, rule: NumberRule, *, required: bool = False) -> Decimal | None:
        """A number kept within ``rule``; None when absent, null or bad."""
        value = self._raw(key, required)
        if value is _MISSING:
            return None
        number = to_decimal(value, self.at(key), self.problems)
        if number is None or not check_number(number, rule, self.at(key), self.problems):
            return None
        return number

    def money(self, key: str, *, required: bool = False) -> Decimal | None:
        """A euro amount (0 .. 1.000.000.000, cents)."""
        return self.number(key, MONEY, required=required)

    def integer(self, key: str, rule: NumberRule, *, required: bool = False) -> int | None:
        """A whole number kept within ``rule`` (12.0 is accepted as 12)."""
        number = self.number(key, rule, required=required)
        return None if number is None else int(number)

    def text(self, key: str, *, required: bool = False, max_length: int = 200) -> str | None:
        """A non-empty text, stripped."""
        value = self._raw(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self.problems.add(self.at(key), "muss ein Text sein")
            return None
        value = value.strip()
        if not value:
            self.problems.add(self.at(key), "darf nicht leer sein")
            return None
        if len(value) > max_length:
            self.problems.add(self.at(key), f"ist zu lang (höchstens {max_length} Zeichen)")
            return None
        return value

    def boolean(self, key: str, default: bool) -> bool:
        """true or false; ``default`` when absent or null."""
        value = self._raw(key, False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.problems.add(self.at(key), "muss true oder false sein")
            return default
        return value

    def choice(self, key: str, choices: Mapping[str, str], *, required: bool = False) -> str | None:
        """One of the codes in ``choices``."""
        value = self._raw(key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str) or value not in choices:
            shown = value if isinstance(value, str) else repr(value)
            self.problems.add(
                self.at(key), f"unbekannter Wert „{shown}“ (erlaubt: {', '.join(choices)})"
            )
            return None
        return value

    def date(self, key: str, *, required: bool = False) -> date | None:
        """A calendar date, ``JJJJ-MM-TT`` in JSON or a ``date`` from Python callers."""
        value = self._raw(key, required)
        if value is _MISSING:
            return None
        parsed: date | None = None
        if isinstance(value, date) and not isinstance(value, datetime):
            parsed = value
        elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                parsed = None
        if parsed is None:
            self.problems.add(self.at(key), "muss ein Datum im Format JJJJ-MM-TT sein")
            return None
        if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
            self.problems.add(
                self.at(key), f"liegt außerhalb von {EARLIEST_YEAR} bis {LATEST_YEAR}"
            )
            return None
        return parsed

    def month(self, key: str) -> tuple[int, int] | None:
        """A calendar month ``JJJJ-MM`` as (year, month)."""
        value = self._raw(key, False)
        if value is _MISSING:
            return None
        match = _ISO_MONTH.fullmatch(value) if isinstance(value, str) else None
        if match is None or not 1 <= int(match.group(2)) <= 12:
            self.problems.add(self.at(key), "muss ein Monat im Format JJJJ-MM sein")
            return None
        year = int(match.group(1))
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            self.problems.add(
                self.at(key), f"liegt außerhalb von {EARLIEST_YEAR} bis {LATEST_YEAR}"
            )
            return None
        return year, int(match.group(2))

    def year_amounts(self, key: str) -> dict[int, Decimal] | None:
        """``{"2027": 1200, …}``: euro amounts per calendar year, years in order."""
        value = self._raw(key, False)
        if value is _MISSING:
            return None
        if not isinstance(value, Mapping) or not value:
            self.problems.add(self.at(key), "muss ein Objekt mit Jahreszahlen und Beträgen sein")
            return None
        amounts: dict[int, Decimal] = {}
        for year_text, amount in value.items():
            path = join(self.at(key), str(year_text))
            year_ok = isinstance(year_text, str) and _YEAR.fullmatch(year_text)
            if not year_ok or not EARLIEST_YEAR <= int(year_text) <= LATEST_YEAR:
                self.problems.add(path, "Jahreszahl JJJJ erwartet")
                continue
            number = to_decimal(amount, path, self.problems)
            if number is not None and check_number(number, MONEY, path, self.problems):
                amounts[int(year_text)] = number
        return dict(sorted(amounts.items()))

    def items(self, key: str, *, max_items: int, required: bool = False) -> list[tuple[str, Any]]:
        """The entries of a list field with their paths; [] when absent, null or not a list."""
        value = self._raw(key, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list | tuple):
            self.problems.add(self.at(key), "muss eine Liste sein")
            return []
        if len(value) > max_items:
            self.problems.add(self.at(key), f"höchstens {max_items} Einträge erlaubt")
            return []
        return [(join(self.at(key), index), item) for index, item in enumerate(value)]
