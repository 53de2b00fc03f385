"""Förderbedingungen (terms): read from the budget or a catalogue record, merged with sources.

A value is a number, a code, a flag or a list; ``NONE`` ("none") says the programme has no such rule
(no limit), ``None`` says the term is unknown. Numbers stay Decimal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any, Generic, Literal, TypeVar

from funding_matcher.domain.errors import FieldProblem
from funding_matcher.domain.german import format_date
from funding_matcher.domain.money import json_number

from .fields import MONEY, PERCENT, RATE_PER_HOUR, ObjectReader, Problems
from .model import (
    DE_MINIMIS_REGIMES,
    FINANCING_TYPES,
    FUNDING_TYPES,
    OVERHEAD_BASES,
    OWN_BASES,
    RATE_BASES,
    SOURCE_KINDS,
    START_RULES,
    SUBSIDIARITY,
)

T = TypeVar("T")
Source = Literal["katalog", "eingabe"]
NONE = "none"

TERM_LABELS: dict[str, str] = {
    "funding_type": "Förderart",
    "financing_type": "Finanzierungsart",
    "fixed_amount_eur": "Festbetrag",
    "funding_rate_max_percent": "Höchstfördersatz",
    "rate_base": "Bemessungsgrundlage des Fördersatzes",
    "amount_max_eur": "Höchstbetrag der Zuwendung",
    "amount_min_eur": "Mindestbetrag der Zuwendung",
    "annual_max_eur": "Höchstbetrag je Haushaltsjahr",
    "subsidiarity": "Nachrang gegenüber öffentlichen Mitteln",
    "public_funding_cap_percent": "Obergrenze aller öffentlichen Mittel",
    "own_contribution_min_percent": "Mindesteigenanteil",
    "own_contribution_base": "Bezugsgröße des Eigenanteils",
    "own_contribution_counts": "was als Eigenanteil zählt",
    "volunteer_work": "Anerkennung von Ehrenamt",
    "overhead_max_percent": "Obergrenze der Verwaltungsausgaben in Prozent",
    "overhead_base": "Bezugsgröße der Verwaltungsausgaben",
    "overhead_fixed_eur_per_year": "Verwaltungspauschale in Euro je Jahr",
    "investment_max_percent": "Obergrenze für Investitionen",
    "sach_max_percent": "Obergrenze für Sachausgaben",
    "in_kind_accepted": "Anerkennung von Sachleistungen",
    "own_staff_eligible": "Zuwendungsfähigkeit eigenen Personals",
    "inventory_threshold_net_eur": "Wertgrenze für Inventarisierung",
    "de_minimis": "De-minimis-Regelung",
    "start_rule": "frühester Projektbeginn",
    "not_combinable_with": "nicht kombinierbare Programme",
}
TERM_KEYS: tuple[str, ...] = tuple(TERM_LABELS)

# German names of the check ids that "Nicht geprüft: …" lists.
CHECK_NAMES: dict[str, str] = {
    "grant_max": "Höhe der Zuwendung",
    "rate": "Fördersatz",
    "amount_max": "Höchstbetrag",
    "amount_min": "Mindestbetrag",
    "annual_max": "Höchstbetrag je Haushaltsjahr",
    "public_cap": "Obergrenze öffentlicher Mittel",
    "public_claims": "Nachrang öffentlicher Mittel",
    "own_share": "Mindesteigenanteil",
    "volunteer_not_accepted": "Anerkennung von Ehrenamt",
    "volunteer_cap": "Obergrenze für Ehrenamt",
    "overhead": "Obergrenze der Verwaltungsausgaben",
    "overhead_fixed": "Verwaltungspauschale je Jahr",
    "investment_cap": "Obergrenze für Investitionen",
    "sach_cap": "Obergrenze für Sachausgaben",
    "in_kind_not_accepted": "Anerkennung von Sachleistungen",
    "own_staff": "eigenes Personal",
    "not_combinable": "Kombinierbarkeit",
    "de_minimis": "De-minimis-Höchstbetrag",
}


@dataclass(frozen=True)
class VolunteerTerms:
    """How a programme values bürgerschaftliches Engagement; parts may be unknown (None)."""

    rate_eur_per_hour: Decimal
    max_percent: Decimal | str | None = None
    may_meet_own_min: bool | None = None


@dataclass(frozen=True)
class Term(Generic[T]):
    """One effective term: its value (None = unknown, "none" = no such rule) and its origin."""

    value: T | None = None
    source: Source | None = None

    @property
    def known(self) -> bool:
        """Whether the value is known (not null, not missing)."""
        return self.value is not None

    @property
    def number(self) -> Decimal | None:
        """The value when it is a number, else None (unknown or no such rule)."""
        return self.value if isinstance(self.value, Decimal) else None

    @property
    def no_rule(self) -> bool:
        """Whether the programme has no such rule."""
        return self.value == NONE


@dataclass(frozen=True)
class Terms:
    """The effective terms a budget is checked against, each with its source."""

    funding_type: Term[str] = Term()
    financing_type: Term[str] = Term()
    fixed_amount_eur: Term[Any] = Term()
    funding_rate_max_percent: Term[Any] = Term()
    rate_base: Term[str] = Term()
    amount_max_eur: Term[Any] = Term()
    amount_min_eur: Term[Any] = Term()
    annual_max_eur: Term[Any] = Term()
    subsidiarity: Term[str] = Term()
    public_funding_cap_percent: Term[Any] = Term()
    own_contribution_min_percent: Term[Any] = Term()
    own_contribution_base: Term[str] = Term()
    own_contribution_counts: Term[tuple[str, ...]] = Term()
    volunteer_work: Term[Any] = Term()
    overhead_max_percent: Term[Any] = Term()
    overhead_base: Term[str] = Term()
    overhead_fixed_eur_per_year: Term[Any] = Term()
    investment_max_percent: Term[Any] = Term()
    sach_max_percent: Term[Any] = Term()
    in_kind_accepted: Term[bool] = Term()
    own_staff_eligible: Term[bool] = Term()
    inventory_threshold_net_eur: Term[Decimal] = Term()
    de_minimis: Term[str] = Term()
    start_rule: Term[str] = Term()
    not_combinable_with: Term[tuple[str, ...]] = Term()
    checked_on: date | None = None

    def term(self, key: str) -> Term[Any]:
        """The term of a contract key such as ``funding_rate_max_percent``."""
        if key not in TERM_KEYS:
            raise KeyError(key)
        return getattr(self, key)

    @property
    def volunteer(self) -> VolunteerTerms | None:
        """The volunteer terms when the programme values volunteer work."""
        value = self.volunteer_work.value
        return value if isinstance(value, VolunteerTerms) else None

    @property
    def is_grant(self) -> bool:
        """Only a Zuschuss has a grant here (unknown Förderart reads as Zuschuss)."""
        return self.funding_type.value in (None, "zuschuss")

    @property
    def inventory_threshold(self) -> Decimal:
        """The Wertgrenze for inventory, 800 € net while unknown (ANBest-P Nr. 4.2)."""
        return self.inventory_threshold_net_eur.number or Decimal(800)

    def source_text(self, key: str) -> str:
        """German provenance for a page: "laut Katalog (Stand 29.11.2026)" and the like."""
        source = self.term(key).source
        if source == "eingabe":
            return "von Ihnen eingegeben"
        if source == "katalog":
            if self.checked_on:
                return f"laut Katalog (Stand {format_date(self.checked_on)})"
            return "laut Katalog"
        return "nicht angegeben"

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """Every term as ``{"value", "source", "source_text", "label"}`` with JSON values."""
        return {
            f.name: {
                "label": TERM_LABELS[f.name],
                "value": json_value(getattr(self, f.name).value),
                "source": getattr(self, f.name).source,
                "source_text": self.source_text(f.name),
            }
            for f in fields(self)
            if f.name in TERM_KEYS
        }


def json_value(value: Any) -> Any:
    """A term value in its JSON form (numbers, "none", lists, the volunteer object)."""
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, VolunteerTerms):
        return {
            "rate_eur_per_hour": json_number(value.rate_eur_per_hour),
            "max_percent": json_value(value.max_percent),
            "may_meet_own_min": value.may_meet_own_min,
        }
    if isinstance(value, tuple):
        return list(value)
    return value


def _or_none(reader: ObjectReader, key: str, read: Callable[[], Any]) -> Any:
    """``"none"`` where the table allows it, else the reader's value."""
    if reader.data.get(key) == NONE:
        return NONE
    return read()


def _number(rule: Any) -> Callable[[ObjectReader, str], Any]:
    return lambda r, k: _or_none(r, k, lambda: r.number(k, rule))


def _choice(choices: Mapping[str, str]) -> Callable[[ObjectReader, str], Any]:
    return lambda r, k: r.choice(k, choices)


def _flag(reader: ObjectReader, key: str) -> bool | None:
    if not reader.given(key):
        return None
    return reader.boolean(key, False)


def _read_volunteer(reader: ObjectReader, key: str) -> VolunteerTerms | str | None:
    if reader.data.get(key) == NONE:
        return NONE
    if not reader.given(key):
        return None
    sub = ObjectReader(
        reader.data[key],
        reader.at(key),
        reader.problems,
        ("rate_eur_per_hour", "max_percent", "may_meet_own_min"),
    )
    if not sub.ok:
        return None
    rate = sub.number("rate_eur_per_hour", RATE_PER_HOUR, required=True)
    max_percent = _or_none(sub, "max_percent", lambda: sub.number("max_percent", PERCENT))
    may_meet = _flag(sub, "may_meet_own_min")
    if rate is None:
        return None
    return VolunteerTerms(rate, max_percent, may_meet)


def _read_list(choices: Mapping[str, str] | None) -> Callable[[ObjectReader, str], Any]:
    def read(reader: ObjectReader, key: str) -> tuple[str, ...] | None:
        if not reader.given(key):
            return None
        values = []
        for path, item in reader.items(key, max_items=500):
            if not isinstance(item, str) or not item.strip():
                reader.problems.add(path, "muss ein Text sein")
            elif choices is not None and item not in choices:
                reader.problems.add(
                    path, f"unbekannter Wert „{item}“ (erlaubt: {', '.join(choices)})"
                )
            else:
                values.append(item.strip())
        return tuple(values)

    return read


_READERS: dict[str, Callable[[ObjectReader, str], Any]] = {
    "funding_type": _choice(FUNDING_TYPES),
    "financing_type": _choice(FINANCING_TYPES),
    "fixed_amount_eur": _number(MONEY),
    "funding_rate_max_percent": _number(PERCENT),
    "rate_base": _choice(RATE_BASES),
    "amount_max_eur": _number(MONEY),
    "amount_min_eur": _number(MONEY),
    "annual_max_eur": _number(MONEY),
    "subsidiarity": _choice(SUBSIDIARITY),
    "public_funding_cap_percent": _number(PERCENT),
    "own_contribution_min_percent": _number(PERCENT),
    "own_contribution_base": _choice(OWN_BASES),
    "own_contribution_counts": _read_list(SOURCE_KINDS),
    "volunteer_work": _read_volunteer,
    "overhead_max_percent": _number(PERCENT),
    "overhead_base": _choice(OVERHEAD_BASES),
    "overhead_fixed_eur_per_year": _number(MONEY),
    "investment_max_percent": _number(PERCENT),
    "sach_max_percent": _number(PERCENT),
    "in_kind_accepted": _flag,
    "own_staff_eligible": _flag,
    "inventory_threshold_net_eur": lambda r, k: r.money(k),
    "de_minimis": _choice(DE_MINIMIS_REGIMES),
    "start_rule": _choice(START_RULES),
    "not_combinable_with": _read_list(None),
}


def read_terms(data: Any, path: str, problems: Problems) -> dict[str, Any]:
    """The validated terms object: only the keys present, null kept as None (= unknown)."""
    reader = ObjectReader(data, path, problems, TERM_KEYS)
    values = {key: _READERS[key](reader, key) for key in TERM_KEYS if reader.has(key)}
    low, high = values.get("amount_min_eur"), values.get("amount_max_eur")
    if isinstance(low, Decimal) and isinstance(high, Decimal) and low > high:
        problems.add(reader.at("amount_min_eur"), "darf nicht größer als amount_max_eur sein")
    return values


def terms_from_programme(record: Mapping[str, Any]) -> dict[str, Any]:
    """The contract's terms object from a catalogue record (only the keys the record has).

    A record's Höchstbetrag may be per Haushaltsjahr or per unit (``amount_max_per``): per year it
    is the annual cap, per Wohneinheit or Teilnehmende no cap of the whole grant (unknown).
    """
    terms = _record_terms(record)
    per = record.get("amount_max_per")
    if per in ("jahr", "wohneinheit", "teilnehmende") and "amount_max_eur" in terms:
        amount = terms.pop("amount_max_eur")
        terms["amount_max_eur"] = None
        if per == "jahr" and record.get("annual_max_eur") is None:
            terms["annual_max_eur"] = amount
    return terms


def record_term_problems(record: Mapping[str, Any]) -> list[FieldProblem]:
    """What the budget check could not read of a record's terms (``programm.<key>``): the
    catalogue refuses such a record instead of every plan of the programme failing later."""
    problems = Problems()
    read_terms(terms_from_programme(record), "programm", problems)
    return problems.items


def _record_terms(record: Mapping[str, Any]) -> dict[str, Any]:
    terms: dict[str, Any] = {}
    for key in TERM_KEYS:
        if key not in record:
            continue
        value = record[key]
        if key == "de_minimis" and (value is None or isinstance(value, bool)):
            # The record's yes/no flag: "yes" does not say which regulation (unknown).
            value = None if value in (None, True) else NONE
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
