"""Budget v1 (a decoded JSON object) -> validated domain objects, or one InvalidData."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData

from .fields import HOURS, MAX_EUR, MONTHS, PERCENT, QUANTITY, SHARE, ObjectReader, Problems
from .model import (
    CATEGORIES,
    OTHER_PUBLIC_STATUSES,
    Budget,
    CostLine,
    DeMinimisAid,
    Financing,
    OtherPublic,
    Period,
)
from .money import ZERO, format_eur
from .terms import read_terms

VERSION = 1
MAX_LINES = 500
MAX_OTHER_PUBLIC = 100
MAX_AIDS = 200
MAX_PERIOD_YEARS = 20

TOP_KEYS = (
    "version",
    "programme",
    "terms",
    "period",
    "applied_on",
    "early_start_approved",
    "costs",
    "financing",
    "de_minimis_received",
)
AMOUNT_KEYS = (
    "amount_eur",
    "monthly_eur",
    "share",
    "months",
    "unit_price_net_eur",
    "quantity",
    "percent",
)
LINE_KEYS = ("category", "label", "eligible", *AMOUNT_KEYS)
FINANCING_KEYS = (
    "own_funds_eur",
    "volunteer_hours",
    "third_party_eur",
    "income_eur",
    "other_public",
    "requested_eur",
)

# Which amount fields each category is computed from (contract, "Arithmetic" 1).
_PERSONAL_FIELDS = ("monthly_eur", "share", "months")
_OVERHEAD_FIELDS = ("percent",)
_ITEM_FIELDS = ("amount_eur", "unit_price_net_eur", "quantity")
_FIELD_HINTS = {
    "personal": "Personalausgaben werden aus monthly_eur, share und months berechnet",
    "verwaltung": "die Verwaltungspauschale wird aus percent berechnet",
}
_ITEM_HINT = "diese Kategorie nimmt amount_eur oder unit_price_net_eur mit quantity"


def _fields_of(category: str) -> tuple[str, ...]:
    if category == "personal":
        return _PERSONAL_FIELDS
    if category == "verwaltung":
        return _OVERHEAD_FIELDS
    return _ITEM_FIELDS


def _sub(top: ObjectReader, key: str, allowed: tuple[str, ...]) -> ObjectReader | None:
    """Reader of a required nested object; None (and one problem) when missing or no object."""
    if not top.given(key):
        top.problems.add(top.at(key), "Pflichtangabe fehlt")
        return None
    reader = ObjectReader(top.data[key], top.at(key), top.problems, allowed)
    return reader if reader.ok else None


def _read_version(top: ObjectReader) -> None:
    if not top.has("version"):
        top.problems.add("version", f"Pflichtangabe fehlt (erwartet: {VERSION})")
        return
    value = top.data["version"]
    if isinstance(value, bool) or not isinstance(value, int | float) or value != VERSION:
        top.problems.add("version", f"nicht unterstützte Version {value!r} (erwartet: {VERSION})")


def _read_period(top: ObjectReader) -> Period | None:
    reader = _sub(top, "period", ("start", "end"))
    if reader is None:
        return None
    start = reader.date("start", required=True)
    end = reader.date("end", required=True)
    if start is None or end is None:
        return None
    if end < start:
        reader.problems.add(reader.at("end"), f"liegt vor dem Beginn ({start:%d.%m.%Y})")
        return None
    if end.year - start.year > MAX_PERIOD_YEARS:
        reader.problems.add(
            reader.at("end"),
            f"der Projektzeitraum darf höchstens {MAX_PERIOD_YEARS} Jahre umfassen",
        )
        return None
    return Period(start, end)


def _check_line_ceiling(reader: ObjectReader, amount: Decimal) -> bool:
    if amount > MAX_EUR:
        reader.problems.add(
            reader.path,
            f"die Zeile ergibt {format_eur(amount)}; höchstens {format_eur(MAX_EUR)} je Zeile",
        )
        return False
    return True


def _read_item_amounts(reader: ObjectReader) -> dict[str, Any] | None:
    has_amount, has_unit = reader.given("amount_eur"), reader.given("unit_price_net_eur")
    if has_amount and has_unit:
        reader.problems.add(
            reader.at("unit_price_net_eur"),
            "entweder amount_eur oder unit_price_net_eur angeben, nicht beides",
        )
        return None
    if not has_amount and not has_unit:
        reader.problems.add(
            reader.at("amount_eur"),
            "Pflichtangabe fehlt (amount_eur oder unit_price_net_eur mit quantity)",
        )
        return None
    if has_amount:
        if reader.given("quantity"):
            reader.problems.add(reader.at("quantity"), "nur zusammen mit unit_price_net_eur")
            return None
        amount = reader.money("amount_eur")
        return None if amount is None else {"amount_eur": amount}
    unit_price = reader.money("unit_price_net_eur")
    quantity = reader.number("quantity", QUANTITY) if reader.given("quantity") else Decimal(1)
    if unit_price is None or quantity is None:
        return None
    if not _check_line_ceiling(reader, unit_price * quantity):
        return None
    return {"unit_price_net_eur": unit_price, "quantity": quantity}


def _read_personal_amounts(reader: ObjectReader) -> dict[str, Any] | None:
    monthly = reader.money("monthly_eur", required=True)
    months = reader.integer("months", MONTHS, required=True)
    share = reader.number("share", SHARE) if reader.given("share") else Decimal(1)
    if monthly is None or months is None or share is None:
        return None
    if not _check_line_ceiling(reader, monthly * share * months):
        return None
    return {"monthly_eur": monthly, "months": months, "share": share}


def _read_line(path: str, item: Any, problems: Problems) -> CostLine | None:
    reader = ObjectReader(item, path, problems, LINE_KEYS)
    if not reader.ok:
        return None
    category = reader.choice("category", CATEGORIES, required=True)
    label = reader.text("label", required=True)
    eligible = reader.boolean("eligible", True)
    if category is None:
        return None
    wanted = _fields_of(category)
    for key in AMOUNT_KEYS:
        if reader.has(key) and key not in wanted:
            hint = _FIELD_HINTS.get(category, _ITEM_HINT)
            problems.add(reader.at(key), f"passt nicht zur Kategorie „{category}“ ({hint})")
    if category == "personal":
        amounts = _read_personal_amounts(reader)
    elif category == "verwaltung":
        percent = reader.number("percent", PERCENT, required=True)
        amounts = None if percent is None else {"percent": percent}
    else:
        amounts = _read_item_amounts(reader)
    if amounts is None or label is None:
        return None
    return CostLine(category=category, label=label, eligible=eligible, **amounts)


def _read_financing(top: ObjectReader) -> Financing:
    reader = _sub(top, "financing", FINANCING_KEYS)
    if reader is None:
        return Financing()
    other_public = []
    for path, item in reader.items("other_public", max_items=MAX_OTHER_PUBLIC):
        entry = ObjectReader(item, path, reader.problems, ("programme", "amount_eur", "status"))
        if not entry.ok:
            continue
        programme = entry.text("programme", required=True)
        amount = entry.money("amount_eur", required=True)
        status = entry.choice("status", OTHER_PUBLIC_STATUSES) or "beantragt"
        if programme is not None and amount is not None:
            other_public.append(OtherPublic(programme, amount, status))
    return Financing(
        own_funds_eur=reader.money("own_funds_eur") or ZERO,
        volunteer_hours=reader.number("volunteer_hours", HOURS) or ZERO,
        third_party_eur=reader.money("third_party_eur") or ZERO,
        income_eur=reader.money("income_eur") or ZERO,
        other_public=tuple(other_public),
        requested_eur=reader.money("requested_eur"),
    )


def _read_aids(top: ObjectReader) -> tuple[DeMinimisAid, ...]:
    aids = []
    for path, item in top.items("de_minimis_received", max_items=MAX_AIDS):
        entry = ObjectReader(item, path, top.problems, ("date", "grantor", "amount_eur", "dawi"))
        if not entry.ok:
            continue
        granted_on = entry.date("date", required=True)
        grantor = entry.text("grantor", required=True)
        amount = entry.money("amount_eur", required=True)
        dawi = entry.boolean("dawi", False)
        if granted_on is not None and grantor is not None and amount is not None:
            aids.append(DeMinimisAid(granted_on, grantor, amount, dawi))
    return tuple(aids)


def parse_budget(data: Any) -> Budget:
    """Validate a decoded budget v1; raise InvalidData naming every bad field by its path."""
    if not isinstance(data, Mapping):
        raise InvalidData([FieldProblem("", "Der Finanzierungsplan muss ein JSON-Objekt sein")])
    problems = Problems()
    top = ObjectReader(data, "", problems, TOP_KEYS)
    _read_version(top)
    programme = top.text("programme", max_length=120)
    terms = read_terms(data["terms"], "terms", problems) if top.given("terms") else {}
    period = _read_period(top)
    applied_on = top.date("applied_on", required=True)
    early_start_approved = top.boolean("early_start_approved", False)
    lines = [
        _read_line(path, item, problems)
        for path, item in top.items("costs", max_items=MAX_LINES, required=True)
    ]
    financing = _read_financing(top)
    aids = _read_aids(top)
    problems.raise_if_any()
    if period is None or applied_on is None:  # unreachable: a problem was recorded for each
        raise InvalidData([FieldProblem("period", "ungültiger Projektzeitraum")])
    return Budget(
        programme=programme,
        period=period,
        applied_on=applied_on,
        costs=tuple(line for line in lines if line is not None),
        financing=financing,
        early_start_approved=early_start_approved,
        terms_entered=terms,
        de_minimis_received=aids,
    )
