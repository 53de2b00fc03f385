"""The budget page's rows and fields <-> budget v1 (plain dicts; no Flask, no WTForms).

The page groups cost lines in four tables: ``personal`` (monthly rate x share x months),
``amounts`` (a total amount), ``items`` (unit price net x quantity) and ``overhead`` (percent).
Form field names are the budget's own keys (``personal-2-monthly_eur``), so a problem at
``costs[4].share`` finds its input through the row the line came from (``RowRef``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

TABLES: tuple[str, ...] = ("personal", "amounts", "items", "overhead")
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "personal": ("label", "monthly_eur", "share", "months"),
    "amounts": ("label", "amount_eur"),
    "items": ("label", "unit_price_net_eur", "quantity"),
    "overhead": ("label", "percent"),
}
# The input a problem with a whole line (e.g. its product is too large) is shown at.
MAIN_KEY: dict[str, str] = {
    "personal": "monthly_eur",
    "amounts": "amount_eur",
    "items": "unit_price_net_eur",
    "overhead": "percent",
}
FINANCING_KEYS: tuple[str, ...] = (
    "own_funds_eur",
    "volunteer_hours",
    "third_party_eur",
    "income_eur",
    "requested_eur",
)
# Terms the page offers as plain inputs (volunteer_work has two, see VOLUNTEER_FIELDS).
SCALAR_TERMS: tuple[str, ...] = (
    "financing_type",
    "funding_rate_max_percent",
    "amount_max_eur",
    "amount_min_eur",
    "own_contribution_min_percent",
    "overhead_max_percent",
    "de_minimis",
    "fixed_amount_eur",
)
VOLUNTEER_FIELDS: dict[str, str] = {
    "volunteer_rate_eur_per_hour": "rate_eur_per_hour",
    "volunteer_max_percent": "max_percent",
}
FORM_TERMS: tuple[str, ...] = (*SCALAR_TERMS, "volunteer_work")
_TOP_FIELDS: dict[str, str] = {
    "period": "start",
    "period.start": "start",
    "period.end": "end",
    "applied_on": "applied_on",
    "early_start_approved": "early_start_approved",
    **{f"financing.{key}": key for key in FINANCING_KEYS},
    **{f"terms.{key}": key for key in SCALAR_TERMS},
    "terms.volunteer_work": "volunteer_rate_eur_per_hour",
    **{f"terms.volunteer_work.{sub}": name for name, sub in VOLUNTEER_FIELDS.items()},
}
_LINE_PATH = re.compile(r"costs\[(\d+)\](?:\.(\w+))?")
_OTHER_PATH = re.compile(r"financing\.other_public\[(\d+)\](?:\.(\w+))?")


@dataclass(frozen=True)
class RowRef:
    """Where a budget line sits on the page: table and row index in it."""

    table: str
    row: int


@dataclass(frozen=True)
class FormBudget:
    """A budget v1 built from the page, with where each line and other funding came from."""

    data: dict[str, Any]
    lines: tuple[RowRef, ...] = ()
    # other_public index -> (row, the input holding its name: "programme" or "name")
    other: tuple[tuple[int, str], ...] = ()

    def field_name(self, path: str) -> str | None:
        """The page's input for a budget path (``costs[2].share`` -> ``personal-1-share``)."""
        return field_name(path, self.lines, self.other)


def field_name(
    path: str,
    lines: Iterable[RowRef] = (),
    other: Iterable[tuple[int, str]] = (),
) -> str | None:
    """The page's input name for a budget path; None when the page has no such input."""
    lines, other = tuple(lines), tuple(other)
    if match := _LINE_PATH.fullmatch(path):
        index, key = int(match.group(1)), match.group(2)
        if index >= len(lines):
            return None
        ref = lines[index]
        if key == "eligible":
            key = "ineligible"
        elif key not in (*ROW_KEYS[ref.table], "category"):
            key = MAIN_KEY[ref.table]
        return f"{ref.table}-{ref.row}-{key}"
    if match := _OTHER_PATH.fullmatch(path):
        index, key = int(match.group(1)), match.group(2)
        if index >= len(other):
            return None
        row, name_field = other[index]
        key = name_field if key in (None, "programme") else key
        return f"other_public-{row}-{key}"
    return _TOP_FIELDS.get(path)


def _number(value: Decimal | int | None) -> int | float | None:
    """A form Decimal as a JSON number (int when whole) that reads back to the same decimal."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value() and abs(value) < Decimal(10) ** 15:
        return int(value)
    return float(value)


def _decimal(value: Any) -> Decimal | None:
    """A stored JSON number as a Decimal for an input (no binary noise)."""
    if value is None or isinstance(value, bool):
        return None
    return Decimal(str(value))


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _row_empty(row: Mapping[str, Any], keys: Iterable[str]) -> bool:
    return all(row.get(key) in (None, "") for key in keys)


def _line(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    line: dict[str, Any] = {
        "category": {"personal": "personal", "overhead": "verwaltung"}.get(
            table, row.get("category") or ("investition" if table == "items" else "sach")
        ),
        "label": _text(row.get("label")),
    }
    for key in ROW_KEYS[table][1:]:
        value = _number(row.get(key))
        if value is not None:
            line[key] = value
    if row.get("ineligible"):
        line["eligible"] = False
    return line


def _terms(
    values: Mapping[str, Any], catalogue: Mapping[str, Any], keep: Mapping[str, Any]
) -> dict[str, Any]:
    terms: dict[str, Any] = {}
    unknown = set(values.get("unknown_terms") or ())
    for key in SCALAR_TERMS:
        value = values.get(key)
        if value not in (None, ""):
            terms[key] = value if isinstance(value, str) else _number(value)
        elif key in unknown:
            terms[key] = None
    volunteer = {sub: _number(values.get(name)) for name, sub in VOLUNTEER_FIELDS.items()}
    if any(value is not None for value in volunteer.values()):
        # Only one figure entered: the other comes from the catalogue, as it would without input.
        base = catalogue.get("volunteer_work") or {}
        terms["volunteer_work"] = {
            sub: value if value is not None else base.get(sub) for sub, value in volunteer.items()
        }
    elif "volunteer_work" in unknown:
        terms["volunteer_work"] = None
    # Not on the page: kept as stored (the API may have set it).
    if "not_combinable_with" in keep:
        terms["not_combinable_with"] = keep["not_combinable_with"]
    return terms


def budget_from_form(
    values: Mapping[str, Any],
    programme: str | None,
    catalogue_terms: Mapping[str, Any] | None = None,
    stored: Mapping[str, Any] | None = None,
) -> FormBudget:
    """The budget v1 of the page's values (``form.data``); empty rows are left out.

    ``catalogue_terms`` (``terms_from_programme``) completes a volunteer term entered by half;
    ``stored`` supplies what the page does not edit (De-minimis aid listed in the plan itself,
    ``not_combinable_with``).
    """
    stored = stored or {}
    costs: list[dict[str, Any]] = []
    lines: list[RowRef] = []
    for table in TABLES:
        for index, row in enumerate(values.get(table) or ()):
            if _row_empty(row, ROW_KEYS[table]):
                continue
            costs.append(_line(table, row))
            lines.append(RowRef(table, index))
    other_public: list[dict[str, Any]] = []
    other: list[tuple[int, str]] = []
    for index, row in enumerate(values.get("other_public") or ()):
        if _row_empty(row, ("programme", "name", "amount_eur")):
            continue
        name_field = "programme" if _text(row.get("programme")) else "name"
        entry: dict[str, Any] = {
            "programme": _text(row.get(name_field)),
            "amount_eur": _number(row.get("amount_eur")),
            "status": row.get("status") or "beantragt",
        }
        other_public.append(entry)
        other.append((index, name_field))
    start, end, applied_on = values.get("start"), values.get("end"), values.get("applied_on")
    financing: dict[str, Any] = {key: _number(values.get(key)) for key in FINANCING_KEYS}
    financing["other_public"] = other_public
    data: dict[str, Any] = {
        "version": 1,
        "programme": programme,
        "terms": _terms(values, catalogue_terms or {}, stored.get("terms") or {}),
        "period": {
            "start": start.isoformat() if isinstance(start, date) else None,
            "end": end.isoformat() if isinstance(end, date) else None,
        },
        "applied_on": applied_on.isoformat() if isinstance(applied_on, date) else None,
        "early_start_approved": bool(values.get("early_start_approved")),
        "costs": costs,
        "financing": financing,
    }
    if stored.get("de_minimis_received"):
        data["de_minimis_received"] = stored["de_minimis_received"]
    return FormBudget(data, tuple(lines), tuple(other))


def _table_of(line: Mapping[str, Any]) -> str:
    category = line.get("category")
    if category == "personal":
        return "personal"
    if category == "verwaltung":
        return "overhead"
    return "items" if line.get("unit_price_net_eur") is not None else "amounts"


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@dataclass
class PageValues:
    """The page's field values for a stored budget, and where each of its lines is shown."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: tuple[RowRef, ...] = ()
    other: tuple[tuple[int, str], ...] = ()


def form_values(budget: Mapping[str, Any], known_programmes: Iterable[str] = ()) -> PageValues:
    """A stored (valid) budget v1 -> the page's field values, lines grouped into the tables."""
    known = set(known_programmes)
    tables: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    lines = []
    for line in budget.get("costs") or ():
        table = _table_of(line)
        row: dict[str, Any] = {
            "label": line.get("label") or "",
            "ineligible": line.get("eligible") is False,
        }
        if table in ("amounts", "items"):
            row["category"] = line.get("category")
        for key in ROW_KEYS[table][1:]:
            value = line.get(key)
            row[key] = value if key == "months" else _decimal(value)
        lines.append(RowRef(table, len(tables[table])))
        tables[table].append(row)
    financing = budget.get("financing") or {}
    others, other_refs = [], []
    for entry in financing.get("other_public") or ():
        name = entry.get("programme") or ""
        name_field = "programme" if name in known else "name"
        others.append(
            {
                "programme": name if name_field == "programme" else "",
                "name": name if name_field == "name" else "",
                "amount_eur": _decimal(entry.get("amount_eur")),
                "status": entry.get("status") or "beantragt",
            }
        )
        other_refs.append((len(others) - 1, name_field))
    period = budget.get("period") or {}
    values: dict[str, Any] = {
        "start": _date(period.get("start")),
        "end": _date(period.get("end")),
        "applied_on": _date(budget.get("applied_on")),
        "early_start_approved": bool(budget.get("early_start_approved")),
        **tables,
        "other_public": others,
        **{key: _decimal(financing.get(key)) for key in FINANCING_KEYS},
    }
    terms = budget.get("terms") or {}
    unknown = []
    for key in SCALAR_TERMS:
        if key not in terms:
            continue
        if terms[key] is None:
            unknown.append(key)
        else:
            values[key] = terms[key] if isinstance(terms[key], str) else _decimal(terms[key])
    if "volunteer_work" in terms:
        volunteer = terms["volunteer_work"]
        if volunteer is None:
            unknown.append("volunteer_work")
        else:
            for name, sub in VOLUNTEER_FIELDS.items():
                values[name] = _decimal(volunteer.get(sub))
    values["unknown_terms"] = unknown
    return PageValues(values, tuple(lines), tuple(other_refs))
