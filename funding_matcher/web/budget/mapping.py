"""The plan page's tables and inputs <-> budget rules v2 (plain data; no Flask, no WTForms).

Cost lines sit in five tables by how they are paid (``monthly``, ``one_off``, ``items``,
``yearly``, ``overhead``), the financing in ``sources``. Input names are WTForms' own
(``items-2-paid_on``), so a problem at ``costs[4].paid_on`` finds its input through the row
the line came from (``RowRef``). This module is the one place that names the tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from funding_matcher.domain.budget import SOURCE_KINDS, Budget, CostLine
from funding_matcher.domain.budget.model import CUSTOM, MONTHLY, ONE_OFF, WITH_BASE
from funding_matcher.domain.budget.terms import NONE, TERM_KEYS, VolunteerTerms
from funding_matcher.domain.german import format_number, format_numeric_month

# Sentinel of a term input: the user says the term is unknown (catalogue value not used).
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Table:
    """One table of the page: its title, how many rows it starts with, its inputs."""

    name: str
    title: str
    min_rows: int
    inputs: tuple[str, ...]  # inputs that make a row non-empty
    main: str  # the input a problem with the whole line is shown at


TABLES: tuple[Table, ...] = (
    Table("monthly", "Laufende Ausgaben je Monat", 2,
          ("label", "monthly_eur", "share", "months", "from_month"), "monthly_eur"),
    Table("one_off", "Einmalige Ausgaben", 3, ("label", "amount_eur", "paid_on"), "amount_eur"),
    Table("items", "Anschaffungen mit Stückpreis", 2,
          ("label", "unit_price_net_eur", "quantity", "paid_on", "unit_group"),
          "unit_price_net_eur"),
    Table("yearly", "Ausgaben je Haushaltsjahr", 1, ("label", "by_year"), "by_year"),
    Table("overhead", "Verwaltungsausgaben in Prozent", 1, ("label", "percent"), "percent"),
    Table("sources", "Finanzierungsquellen", 3, ("label", "amount_eur", "by_year"), "amount_eur"),
)  # fmt: skip
TABLE = {table.name: table for table in TABLES}
COST_TABLES: tuple[str, ...] = ("monthly", "one_off", "items", "yearly", "overhead")
SCHEDULE_TABLE = {MONTHLY: "monthly", CUSTOM: "yearly", WITH_BASE: "overhead"}
# Budget key -> input name, where they differ.
LINE_INPUTS = {"from": "from_month", "eligible": "ineligible"}

# Terms with a number input that also takes "keine" (no such rule) and "unbekannt".
NUMBER_TERMS: tuple[str, ...] = (
    "funding_rate_max_percent",
    "fixed_amount_eur",
    "amount_max_eur",
    "amount_min_eur",
    "annual_max_eur",
    "public_funding_cap_percent",
    "own_contribution_min_percent",
    "overhead_max_percent",
    "overhead_fixed_eur_per_year",
    "investment_max_percent",
    "sach_max_percent",
    "inventory_threshold_net_eur",
)
CHOICE_TERMS: tuple[str, ...] = (
    "funding_type",
    "financing_type",
    "rate_base",
    "subsidiarity",
    "own_contribution_base",
    "overhead_base",
    "de_minimis",
    "start_rule",
)
FLAG_TERMS: tuple[str, ...] = ("in_kind_accepted", "own_staff_eligible")
# The page's inputs of each term (the key of the term's fieldset and its inputs).
TERM_INPUTS: dict[str, tuple[str, ...]] = {
    **{key: (f"term_{key}",) for key in (*NUMBER_TERMS, *CHOICE_TERMS, *FLAG_TERMS)},
    "own_contribution_counts": ("term_own_contribution_counts",),
    "volunteer_work": (
        "term_volunteer_work",
        "volunteer_rate_eur_per_hour",
        "volunteer_max_percent",
        "volunteer_may_meet_own_min",
    ),
}
PAGE_TERMS: tuple[str, ...] = tuple(key for key in TERM_KEYS if key in TERM_INPUTS)
_TOP_INPUTS: dict[str, str] = {
    "period": "start",
    "period.start": "start",
    "period.end": "end",
    "applied_on": "applied_on",
    "early_start_approved": "early_start_approved",
    "vat_deductible": "vat_deductible",
    "financing.volunteer_hours": "volunteer_hours",
    "financing.requested_eur": "requested_eur",
    **{f"terms.{key}": inputs[0] for key, inputs in TERM_INPUTS.items()},
    "terms.volunteer_work.rate_eur_per_hour": "volunteer_rate_eur_per_hour",
    "terms.volunteer_work.max_percent": "volunteer_max_percent",
    "terms.volunteer_work.may_meet_own_min": "volunteer_may_meet_own_min",
}
_LINE_PATH = re.compile(r"costs\[(\d+)\](?:\.(\w+))?(?:\.\d+)?")
_SOURCE_PATH = re.compile(r"financing\.sources\[(\d+)\](?:\.(\w+))?(?:\.\d+)?")
_YEAR_ITEM = re.compile(r"\s*(\d{4})\s*[:=]\s*([^;]+)")


@dataclass(frozen=True)
class RowRef:
    """Where a budget line or source sits on the page: table and row index in it."""

    table: str
    row: int


@dataclass(frozen=True)
class FormBudget:
    """A budget built from the page, with where each line and source came from."""

    data: dict[str, Any]
    lines: tuple[RowRef, ...] = ()
    sources: tuple[RowRef, ...] = ()

    def input_name(self, path: str) -> str | None:
        """The page's input for a budget path (``costs[2].paid_on`` -> ``items-0-paid_on``)."""
        return input_name(path, self.lines, self.sources)


def input_name(
    path: str, lines: Iterable[RowRef] = (), sources: Iterable[RowRef] = ()
) -> str | None:
    """The input name for a budget path; None when the page has no such input."""
    lines, sources = tuple(lines), tuple(sources)
    for pattern, refs in ((_LINE_PATH, lines), (_SOURCE_PATH, sources)):
        if match := pattern.fullmatch(path):
            index, key = int(match.group(1)), match.group(2)
            if index >= len(refs):
                return None
            ref = refs[index]
            key = LINE_INPUTS.get(key or "", key)
            table = TABLE[ref.table]
            if key not in (*table.inputs, "category", "kind", "ineligible", "own_staff",
                           "vat_percent", "programme", "status", "counts_as_own"):  # fmt: skip
                key = table.main
            return f"{ref.table}-{ref.row}-{key}"
    return _TOP_INPUTS.get(path)


# --- reading inputs ------------------------------------------------------------------------


def parse_year_amounts(text: str) -> dict[str, Decimal]:
    """``"2027: 3.000; 2028: 6.000,50"`` -> ``{"2027": 3000, "2028": 6000.50}``; ValueError."""
    amounts: dict[str, Decimal] = {}
    for part in (p for p in text.split(";") if p.strip()):
        match = _YEAR_ITEM.fullmatch(part)
        if match is None:
            raise ValueError(
                "Bitte je Jahr „Jahr: Betrag“ angeben, getrennt durch Semikolon, z. B. "
                "„2027: 3.000; 2028: 6.000“."
            )
        amounts[match.group(1)] = german_amount(match.group(2))
    return amounts


def german_amount(text: str) -> Decimal:
    """An amount typed in German (3.000,50) or plain (3000.50) notation; ValueError."""
    raw = text.strip().replace(" ", "").replace("€", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d{1,2})?|-?\d+(,\d{1,2})?", raw):
        raw = raw.replace(".", "").replace(",", ".")
    try:
        value = Decimal(raw)
    except ArithmeticError:
        raise ValueError(f"„{text.strip()}“ ist keine Zahl.") from None
    if not value.is_finite():
        raise ValueError(f"„{text.strip()}“ ist keine Zahl.")
    return value


def year_amounts_text(values: Mapping[int, Decimal] | None) -> str:
    """The inverse of ``parse_year_amounts`` in German notation."""
    return "; ".join(
        f"{year}: {format_number(amount, 2)}" for year, amount in (values or {}).items()
    )


def _number(value: Decimal | int | None) -> int | float | None:
    """A form Decimal as a JSON number (int when whole) that reads back to the same decimal."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value() and abs(value) < Decimal(10) ** 15:
        return int(value)
    return float(value)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {})


def row_empty(table: str, row: Mapping[str, Any]) -> bool:
    """No input in any of the row's value inputs (selects and checkboxes do not count)."""
    return not any(_filled(row.get(key)) for key in TABLE[table].inputs)


def _month(value: Any) -> str | None:
    text = _text(value)
    if match := re.fullmatch(r"(\d{1,2})[./](\d{4})", text):
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    return text or None


def _line(table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    line: dict[str, Any] = {
        "category": "verwaltung" if table == "overhead" else row.get("category") or "sach",
        "label": _text(row.get("label")),
    }
    if table == "monthly":
        line |= {"monthly_eur": _number(row.get("monthly_eur")), "months": row.get("months")}
        if row.get("share") is not None:
            line["share"] = _number(row["share"])
        if _month(row.get("from_month")):
            line["from"] = _month(row.get("from_month"))
    elif table == "one_off":
        line["amount_eur"] = _number(row.get("amount_eur"))
    elif table == "items":
        line["unit_price_net_eur"] = _number(row.get("unit_price_net_eur"))
        for key in ("quantity", "vat_percent"):
            if row.get(key) not in (None, ""):
                line[key] = _number(Decimal(row[key]))
        if _text(row.get("unit_group")):
            line["unit_group"] = _text(row["unit_group"])
    elif table == "yearly":
        line["by_year"] = {y: _number(v) for y, v in (row.get("by_year") or {}).items()}
    else:
        line["percent"] = _number(row.get("percent"))
    if table in ("one_off", "items") and isinstance(row.get("paid_on"), date):
        line["paid_on"] = row["paid_on"].isoformat()
    if row.get("ineligible"):
        line["eligible"] = False
    if row.get("own_staff"):
        line["own_staff"] = True
    return line


def _source(row: Mapping[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": row.get("kind") or "own_cash",
        "label": _text(row.get("label")),
    }
    entry["amount_eur"] = _number(row.get("amount_eur"))
    by_year = row.get("by_year") or {}
    if by_year:
        entry["by_year"] = {year: _number(amount) for year, amount in by_year.items()}
        if entry["amount_eur"] is None:
            del entry["amount_eur"]
    for key in ("programme", "status"):
        if _text(row.get(key)):
            entry[key] = _text(row[key])
    if row.get("counts_as_own") in ("ja", "nein"):
        entry["counts_as_own"] = row["counts_as_own"] == "ja"
    return entry


def _term_value(value: Any) -> tuple[bool, Any]:
    """(entered?, value for the budget) of one term input."""
    if value in (None, ""):
        return False, None
    if value == UNKNOWN:
        return True, None
    if value == NONE:
        return True, NONE
    if value in ("ja", "nein"):
        return True, value == "ja"
    return True, _number(value) if isinstance(value, Decimal) else value


def _terms(values: Mapping[str, Any], keep: Mapping[str, Any]) -> dict[str, Any]:
    terms: dict[str, Any] = {}
    for key in (*NUMBER_TERMS, *CHOICE_TERMS, *FLAG_TERMS):
        entered, value = _term_value(values.get(f"term_{key}"))
        if entered:
            terms[key] = value
    counts = values.get("term_own_contribution_counts") or []
    if counts:
        chosen = set(counts) | {"own_cash"}
        terms["own_contribution_counts"] = [kind for kind in SOURCE_KINDS if kind in chosen]
    mode = values.get("term_volunteer_work") or ""
    if mode == UNKNOWN:
        terms["volunteer_work"] = None
    elif mode == NONE:
        terms["volunteer_work"] = NONE
    elif mode == "yes":
        _, max_percent = _term_value(values.get("volunteer_max_percent"))
        _, may_meet = _term_value(values.get("volunteer_may_meet_own_min"))
        terms["volunteer_work"] = {
            "rate_eur_per_hour": _number(values.get("volunteer_rate_eur_per_hour")),
            "max_percent": max_percent,
            "may_meet_own_min": may_meet,
        }
    # Not on the page: kept as stored (the API may have set it).
    if "not_combinable_with" in keep:
        terms["not_combinable_with"] = keep["not_combinable_with"]
    return terms


def budget_from_form(
    values: Mapping[str, Any], programme: str | None, stored: Mapping[str, Any] | None = None
) -> FormBudget:
    """The budget v2 of the page's values (``form.data``); empty rows are left out.

    ``stored`` supplies what the page does not edit (De-minimis aid listed in the plan itself,
    ``not_combinable_with``).
    """
    stored = stored or {}
    costs: list[dict[str, Any]] = []
    lines: list[RowRef] = []
    for table in COST_TABLES:
        for index, row in enumerate(values.get(table) or ()):
            if not row_empty(table, row):
                costs.append(_line(table, row))
                lines.append(RowRef(table, index))
    sources: list[dict[str, Any]] = []
    refs: list[RowRef] = []
    for index, row in enumerate(values.get("sources") or ()):
        if not row_empty("sources", row) or row.get("kind") == "own_cash" and row.get("label"):
            sources.append(_source(row))
            refs.append(RowRef("sources", index))
    start, end, applied_on = values.get("start"), values.get("end"), values.get("applied_on")
    vat = values.get("vat_deductible")
    data: dict[str, Any] = {
        "version": 2,
        "programme": programme,
        "terms": _terms(values, stored.get("terms") or {}),
        "period": {
            "start": start.isoformat() if isinstance(start, date) else None,
            "end": end.isoformat() if isinstance(end, date) else None,
        },
        "applied_on": applied_on.isoformat() if isinstance(applied_on, date) else None,
        "early_start_approved": bool(values.get("early_start_approved")),
        "vat_deductible": {"ja": True, "nein": False}.get(vat or ""),
        "costs": costs,
        "financing": {
            "sources": sources,
            "volunteer_hours": _number(values.get("volunteer_hours")) or 0,
            "requested_eur": _number(values.get("requested_eur")),
        },
    }
    if stored.get("de_minimis_received"):
        data["de_minimis_received"] = stored["de_minimis_received"]
    return FormBudget(data, tuple(lines), tuple(refs))


# --- filling inputs from a stored plan ----------------------------------------------------------


@dataclass
class PageValues:
    """The page's input values for a stored plan, and where each line and source is shown."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: tuple[RowRef, ...] = ()
    sources: tuple[RowRef, ...] = ()


def _line_row(line: CostLine) -> tuple[str, dict[str, Any]]:
    table = SCHEDULE_TABLE.get(line.schedule, "items")
    if line.schedule == ONE_OFF and line.unit_price_net_eur is None:
        table = "one_off"
    row: dict[str, Any] = {
        "category": line.category,
        "label": line.label,
        "ineligible": not line.eligible,
        "own_staff": line.own_staff,
    }
    if table == "monthly":
        row |= {"monthly_eur": line.monthly_eur, "share": line.share, "months": line.months}
        if line.first_month:
            row["from_month"] = format_numeric_month(*line.first_month)
    elif table == "one_off":
        row |= {"amount_eur": line.amount_eur, "paid_on": line.paid_on}
    elif table == "items":
        row |= {
            "unit_price_net_eur": line.unit_price_net_eur,
            "quantity": line.quantity,
            "vat_percent": "" if line.vat_percent is None else str(int(line.vat_percent)),
            "paid_on": line.paid_on,
            "unit_group": line.unit_group or "",
        }
    elif table == "yearly":
        row["by_year"] = {str(year): amount for year, amount in (line.by_year or {}).items()}
    else:
        row["percent"] = line.percent
    return table, row


def _term_input(value: Any) -> Any:
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return value


def form_values(budget: Budget) -> PageValues:
    """A stored plan (parsed) -> the page's input values, lines grouped into the tables."""
    rows: dict[str, list[dict[str, Any]]] = {table.name: [] for table in TABLES}
    lines = []
    for line in budget.costs:
        table, row = _line_row(line)
        lines.append(RowRef(table, len(rows[table])))
        rows[table].append(row)
    sources = []
    for source in budget.financing.sources:
        sources.append(RowRef("sources", len(rows["sources"])))
        rows["sources"].append(
            {
                "kind": source.kind,
                "label": source.label,
                "amount_eur": source.amount_eur,
                "by_year": {str(y): v for y, v in (source.by_year or {}).items()} or None,
                "programme": source.programme or "",
                "status": source.status or "",
                "counts_as_own": {True: "ja", False: "nein"}.get(source.counts_as_own, ""),
            }
        )
    financing = budget.financing
    values: dict[str, Any] = {
        "start": budget.period.start,
        "end": budget.period.end,
        "applied_on": budget.applied_on,
        "early_start_approved": budget.early_start_approved,
        "vat_deductible": {True: "ja", False: "nein"}.get(budget.vat_deductible, ""),
        "volunteer_hours": financing.volunteer_hours or None,
        "requested_eur": financing.requested_eur,
        **rows,
    }
    terms = budget.terms_entered
    for key in (*NUMBER_TERMS, *CHOICE_TERMS, *FLAG_TERMS):
        if key in terms:
            values[f"term_{key}"] = _term_input(terms[key])
    if terms.get("own_contribution_counts"):
        values["term_own_contribution_counts"] = list(terms["own_contribution_counts"])
    if "volunteer_work" in terms:
        volunteer = terms["volunteer_work"]
        if isinstance(volunteer, VolunteerTerms):
            values |= {
                "term_volunteer_work": "yes",
                "volunteer_rate_eur_per_hour": volunteer.rate_eur_per_hour,
                "volunteer_max_percent": _term_input(volunteer.max_percent),
                "volunteer_may_meet_own_min": _term_input(volunteer.may_meet_own_min),
            }
        else:
            values["term_volunteer_work"] = _term_input(volunteer)
    return PageValues(values, tuple(lines), tuple(sources))
