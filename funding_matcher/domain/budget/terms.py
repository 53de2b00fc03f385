"""Förderbedingungen (terms): read from the budget or a catalogue record, merged with sources."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any, Generic, Literal, TypeVar

from .fields import MONEY, PERCENT, RATE_PER_HOUR, ObjectReader, Problems
from .model import DE_MINIMIS_REGIMES, FINANCING_TYPES
from .money import json_number

T = TypeVar("T")
Source = Literal["katalog", "eingabe"]

TERM_LABELS: dict[str, str] = {
    "financing_type": "Finanzierungsart",
    "funding_rate_max_percent": "Höchstförderquote",
    "amount_min_eur": "Mindestbetrag der Zuwendung",
    "amount_max_eur": "Höchstbetrag der Zuwendung",
    "own_contribution_min_percent": "Mindesteigenanteil",
    "overhead_max_percent": "höchstzulässige Verwaltungspauschale",
    "volunteer_work": "Anrechnung ehrenamtlicher Arbeit",
    "volunteer_work.rate_eur_per_hour": "Stundensatz für ehrenamtliche Arbeit",
    "volunteer_work.max_percent": "Obergrenze für ehrenamtliche Arbeit",
    "de_minimis": "De-minimis-Regelung",
    "fixed_amount_eur": "Festbetrag",
    "not_combinable_with": "nicht kombinierbare Programme",
}
TERM_KEYS: tuple[str, ...] = tuple(key for key in TERM_LABELS if "." not in key)

# The catalogue stores de_minimis as a yes/no/unknown flag; the budget speaks of regimes.
_DE_MINIMIS_FROM_CATALOGUE: dict[bool | None, str | None] = {
    True: "general",
    False: "none",
    None: None,
}


@dataclass(frozen=True)
class VolunteerTerms:
    """How a programme values bürgerschaftliches Engagement; either figure may be unknown."""

    rate_eur_per_hour: Decimal | None = None
    max_percent: Decimal | None = None


@dataclass(frozen=True)
class Term(Generic[T]):
    """One effective term: its value (None = unknown) and where it came from."""

    value: T | None = None
    source: Source | None = None

    @property
    def known(self) -> bool:
        """Whether the value is known (not null, not missing)."""
        return self.value is not None


@dataclass(frozen=True)
class Terms:
    """The effective terms a budget is checked against, each with its source."""

    financing_type: Term[str] = Term()
    funding_rate_max_percent: Term[Decimal] = Term()
    amount_min_eur: Term[Decimal] = Term()
    amount_max_eur: Term[Decimal] = Term()
    own_contribution_min_percent: Term[Decimal] = Term()
    overhead_max_percent: Term[Decimal] = Term()
    volunteer_work: Term[VolunteerTerms] = Term()
    de_minimis: Term[str] = Term()
    fixed_amount_eur: Term[Decimal] = Term()
    not_combinable_with: Term[tuple[str, ...]] = Term()
    checked_on: date | None = None

    def term(self, key: str) -> Term[Any]:
        """The term of a contract key such as ``funding_rate_max_percent``."""
        if key not in TERM_KEYS:
            raise KeyError(key)
        return getattr(self, key)

    def source_text(self, key: str) -> str:
        """German provenance for a page: "laut Katalog (Stand 29.11.2026)" and the like."""
        source = self.term(key).source
        if source == "eingabe":
            return "von Ihnen eingegeben"
        if source == "katalog":
            if self.checked_on:
                return f"laut Katalog (Stand {self.checked_on:%d.%m.%Y})"
            return "laut Katalog"
        return "nicht angegeben"

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """Every term as ``{"value", "source", "source_text", "label"}`` with JSON values."""
        return {
            f.name: {
                "label": TERM_LABELS[f.name],
                "value": _json_value(getattr(self, f.name).value),
                "source": getattr(self, f.name).source,
                "source_text": self.source_text(f.name),
            }
            for f in fields(self)
            if f.name in TERM_KEYS
        }


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, VolunteerTerms):
        return {
            "rate_eur_per_hour": _json_value(value.rate_eur_per_hour),
            "max_percent": _json_value(value.max_percent),
        }
    if isinstance(value, tuple):
        return list(value)
    return value


def _read_volunteer(reader: ObjectReader, key: str) -> VolunteerTerms | None:
    if not reader.given(key):
        return None
    sub = ObjectReader(
        reader.data[key], reader.at(key), reader.problems, ("rate_eur_per_hour", "max_percent")
    )
    if not sub.ok:
        return None
    return VolunteerTerms(
        rate_eur_per_hour=sub.number("rate_eur_per_hour", RATE_PER_HOUR),
        max_percent=sub.number("max_percent", PERCENT),
    )


def _read_slugs(reader: ObjectReader, key: str) -> tuple[str, ...] | None:
    if not reader.given(key):
        return None
    slugs = []
    for path, item in reader.items(key, max_items=500):
        if isinstance(item, str) and item.strip():
            slugs.append(item.strip())
        else:
            reader.problems.add(path, "muss ein Programmkürzel (Text) sein")
    return tuple(slugs)


_READERS: dict[str, Callable[[ObjectReader, str], Any]] = {
    "financing_type": lambda r, k: r.choice(k, FINANCING_TYPES),
    "funding_rate_max_percent": lambda r, k: r.number(k, PERCENT),
    "amount_min_eur": lambda r, k: r.money(k),
    "amount_max_eur": lambda r, k: r.money(k),
    "own_contribution_min_percent": lambda r, k: r.number(k, PERCENT),
    "overhead_max_percent": lambda r, k: r.number(k, PERCENT),
    "volunteer_work": _read_volunteer,
    "de_minimis": lambda r, k: r.choice(k, DE_MINIMIS_REGIMES),
    "fixed_amount_eur": lambda r, k: r.number(k, MONEY),
    "not_combinable_with": _read_slugs,
}


def read_terms(data: Any, path: str, problems: Problems) -> dict[str, Any]:
    """The validated terms object: only the keys present, null kept as None (= unknown)."""
    reader = ObjectReader(data, path, problems, TERM_KEYS)
    values = {key: _READERS[key](reader, key) for key in TERM_KEYS if reader.has(key)}
    low, high = values.get("amount_min_eur"), values.get("amount_max_eur")
    if low is not None and high is not None and low > high:
        problems.add(reader.at("amount_min_eur"), "darf nicht größer als amount_max_eur sein")
    return values


def terms_from_programme(record: Mapping[str, Any]) -> dict[str, Any]:
    """The contract's terms object from a catalogue record (only the keys the record has)."""
    terms: dict[str, Any] = {}
    for key in TERM_KEYS:
        if key not in record:
            continue
        value = record[key]
        if key == "de_minimis" and (value is None or isinstance(value, bool)):
            value = _DE_MINIMIS_FROM_CATALOGUE[value]
        elif isinstance(value, Mapping):
            value = dict(value)
        elif isinstance(value, list | tuple):
            value = list(value)
        terms[key] = value
    return terms


def _checked_on(record: Mapping[str, Any]) -> date | None:
    value = record.get("checked_on")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def merge_terms(entered: Mapping[str, Any], record: Mapping[str, Any] | None = None) -> Terms:
    """Effective terms: every key the user entered (null included) overrides the record."""
    catalogue: dict[str, Any] = {}
    if record is not None:
        problems = Problems()
        catalogue = read_terms(terms_from_programme(record), "programm", problems)
        problems.raise_if_any()
    chosen: dict[str, Term[Any]] = {}
    for key in TERM_KEYS:
        if key in entered:
            chosen[key] = Term(entered[key], "eingabe")
        elif key in catalogue:
            chosen[key] = Term(catalogue[key], "katalog")
        else:
            chosen[key] = Term()
    return Terms(**chosen, checked_on=_checked_on(record) if record is not None else None)
