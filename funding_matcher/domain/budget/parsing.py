"""Budget JSON (rules v2, v1 still read) -> validated domain objects, or one InvalidData."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_date, format_eur, format_numeric_month
from funding_matcher.domain.money import ZERO

from .fields import HOURS, MAX_EUR, MONTHS, PERCENT, QUANTITY, SHARE, ObjectReader, Problems
from .model import (
    CATEGORIES,
    CUSTOM,
    MONTHLY,
    ONE_OFF,
    SOURCE_KINDS,
    SOURCE_STATUSES,
    WITH_BASE,
    Budget,
    CostLine,
    DeMinimisAid,
    Financing,
    Period,
    Source,
)
from .terms import read_terms

VERSIONS = (1, 2)
MAX_LINES = 500
MAX_SOURCES = 100
MAX_AIDS = 200
MAX_PERIOD_YEARS = 20
VAT_RATES = (Decimal(0), Decimal(7), Decimal(19))

TOP_KEYS = (
    "version",
    "programme",
    "terms",
    "period",
    "applied_on",
    "early_start_approved",
    "vat_deductible",
    "costs",
    "financing",
    "de_minimis_received",
)
# The amount forms of a cost line and the keys each one takes (contract "Costs").
FORMS: dict[str, tuple[str, ...]] = {
    "monthly_eur": ("monthly_eur", "months", "share", "from"),
    "amount_eur": ("amount_eur", "paid_on"),
    "unit_price_net_eur": (
        "unit_price_net_eur",
        "quantity",
        "vat_percent",
        "paid_on",
        "unit_group",
        "independently_usable",
    ),
    "by_year": ("by_year",),
    "percent": ("percent",),
}
FORM_KEYS = tuple(dict.fromkeys(key for keys in FORMS.values() for key in keys))
FORM_SETS = {form: frozenset(keys) for form, keys in FORMS.items()}
LINE_KEYS = ("category", "label", "eligible", "own_staff", *FORM_KEYS)
SOURCE_KEYS = ("kind", "label", "amount_eur", "by_year", "programme", "status", "counts_as_own")
ALIAS_KEYS = ("own_funds_eur", "third_party_eur", "income_eur", "other_public")
FINANCING_KEYS = ("sources", "volunteer_hours", "requested_eur", *ALIAS_KEYS)
_FORM_NAMES = ", ".join(FORMS)


def _sub(top: ObjectReader, key: str, allowed: tuple[str, ...]) -> ObjectReader | None:
    """Reader of a required nested object; None (and one problem) when missing or no object."""
    if not top.given(key):
        top.problems.add(top.at(key), "Pflichtangabe fehlt")
        return None
    reader = ObjectReader(top.data[key], top.at(key), top.problems, allowed)
    return reader if reader.ok else None


def _read_version(top: ObjectReader) -> int:
    expected = " oder ".join(str(v) for v in VERSIONS)
    if not top.has("version"):
        top.problems.add("version", f"Pflichtangabe fehlt (erwartet: {expected})")
        return 2
    value = top.data["version"]
    if isinstance(value, bool) or not isinstance(value, int | float) or value not in VERSIONS:
        top.problems.add("version", f"nicht unterstützte Version {value!r} (erwartet: {expected})")
        return 2
    return int(value)


def _read_period(top: ObjectReader) -> Period | None:
    reader = _sub(top, "period", ("start", "end"))
    if reader is None:
        return None
    start = reader.date("start", required=True)
    end = reader.date("end", required=True)
    if start is None or end is None:
        return None
    if end < start:
        reader.problems.add(reader.at("end"), f"liegt vor dem Beginn ({format_date(start)})")
        return None
    if end.year - start.year > MAX_PERIOD_YEARS:
        reader.problems.add(
            reader.at("end"),
            f"der Projektzeitraum darf höchstens {MAX_PERIOD_YEARS} Jahre umfassen",
        )
        return None
    return Period(start, end)


class LineReader:
    """Reads the cost lines of one budget against its period (payments must fall inside it)."""

    def __init__(self, problems: Problems, period: Period | None, version: int) -> None:
        self.problems = problems
        self.period = period
        self.version = version

    def _ceiling(self, reader: ObjectReader, amount: Decimal) -> bool:
        if amount > MAX_EUR:
            self.problems.add(
                reader.path,
                f"die Zeile ergibt {format_eur(amount)}; höchstens {format_eur(MAX_EUR)} je Zeile",
            )
            return False
        return True

    def _paid_on(self, reader: ObjectReader) -> Any:
        paid_on = reader.date("paid_on")
        period = self.period
        if paid_on is not None and period is not None and not period.start <= paid_on <= period.end:
            self.problems.add(
                reader.at("paid_on"),
                f"liegt außerhalb des Projektzeitraums ({format_date(period.start)} bis "
                f"{format_date(period.end)})",
            )
        return paid_on

    def years_inside(self, reader: ObjectReader, key: str) -> dict[int, Decimal] | None:
        """A ``by_year`` map whose years all lie in the period."""
        amounts = reader.year_amounts(key)
        if amounts is None or self.period is None:
            return amounts
        outside = [y for y in amounts if y not in self.period.years]
        for year in outside:
            self.problems.add(
                f"{reader.at(key)}.{year}",
                f"das Jahr liegt außerhalb des Projektzeitraums "
                f"({self.period.start.year} bis {self.period.end.year})",
            )
        return amounts

    def _monthly(self, reader: ObjectReader) -> dict[str, Any] | None:
        monthly = reader.money("monthly_eur", required=True)
        months = reader.integer("months", MONTHS, required=True)
        share = reader.number("share", SHARE) if reader.given("share") else Decimal(1)
        first = reader.month("from")
        if monthly is None or months is None or share is None:
            return None
        if not self._ceiling(reader, monthly * share * months):
            return None
        period = self.period
        if period is not None and self.version >= 2:
            year, month = first or (period.start.year, period.start.month)
            if not period.contains_month(year, month):
                self.problems.add(reader.at("from"), "liegt außerhalb des Projektzeitraums")
                return None
            last_index = year * 12 + month - 1 + months - 1
            if not period.contains_month(last_index // 12, last_index % 12 + 1):
                end = format_numeric_month(period.end.year, period.end.month)
                self.problems.add(
                    reader.at("months"),
                    f"{months} Monate ab {format_numeric_month(year, month)} reichen über das "
                    f"Projektende ({end}) hinaus",
                )
                return None
        return {"monthly_eur": monthly, "months": months, "share": share, "first_month": first}

    def _unit(self, reader: ObjectReader, category: str) -> dict[str, Any] | None:
        if category == "verwaltung":
            self.problems.add(
                reader.at("unit_price_net_eur"),
                "Verwaltungsausgaben werden als Betrag oder Prozentsatz (percent) angegeben",
            )
            return None
        unit_price = reader.money("unit_price_net_eur")
        quantity = reader.number("quantity", QUANTITY) if reader.given("quantity") else Decimal(1)
        vat = None
        if reader.given("vat_percent"):
            vat = reader.number("vat_percent", PERCENT)
            if vat is not None and vat not in VAT_RATES:
                self.problems.add(reader.at("vat_percent"), "nur 0, 7 oder 19 erlaubt")
                vat = None
        group = reader.text("unit_group", max_length=80)
        usable = reader.boolean("independently_usable", True)
        paid_on = self._paid_on(reader)
        if unit_price is None or quantity is None:
            return None
        if not self._ceiling(reader, unit_price * quantity * Decimal("1.19")):
            return None
        return {
            "unit_price_net_eur": unit_price,
            "quantity": quantity,
            "vat_percent": vat,
            "unit_group": group,
            "independently_usable": usable,
            "paid_on": paid_on,
        }

    def read(self, path: str, item: Any) -> CostLine | None:
        """One cost line, or None when it has problems (each recorded with its path)."""
        reader = ObjectReader(item, path, self.problems, LINE_KEYS)
        if not reader.ok:
            return None
        category = reader.choice("category", CATEGORIES, required=True)
        label = reader.text("label", required=True)
        eligible = reader.boolean("eligible", True)
        own_staff = reader.boolean("own_staff", False)
        data = reader.data
        forms = [form for form in FORMS if data.get(form) is not None]
        if not forms:
            self.problems.add(
                reader.at("amount_eur"), f"Pflichtangabe fehlt (eine Betragsform: {_FORM_NAMES})"
            )
            return None
        if len(forms) > 1:
            self.problems.add(
                reader.at(forms[1]), f"nur eine Betragsform je Zeile ({' oder '.join(forms)})"
            )
            return None
        form = forms[0]
        stray = [key for key in FORM_KEYS if key in data and key not in FORM_SETS[form]]
        for key in stray:
            self.problems.add(reader.at(key), f"passt nicht zur Betragsform {form}")
        if stray or category is None or label is None:
            return None
        base = {"category": category, "label": label, "eligible": eligible, "own_staff": own_staff}
        if form == "percent":
            if category != "verwaltung":
                self.problems.add(reader.at("percent"), "nur für Verwaltungsausgaben (verwaltung)")
                return None
            percent = reader.number("percent", PERCENT, required=True)
            if percent is None:
                return None
            return CostLine(**base, schedule=WITH_BASE, percent=percent)
        if form == "monthly_eur":
            amounts = self._monthly(reader)
            return None if amounts is None else CostLine(**base, schedule=MONTHLY, **amounts)
        if form == "by_year":
            by_year = self.years_inside(reader, "by_year")
            if by_year is None or not self._ceiling(reader, sum(by_year.values(), ZERO)):
                return None
            return CostLine(**base, schedule=CUSTOM, by_year=by_year)
        if form == "unit_price_net_eur":
            amounts = self._unit(reader, category)
            return None if amounts is None else CostLine(**base, schedule=ONE_OFF, **amounts)
        amount = reader.money("amount_eur")
        paid_on = self._paid_on(reader)
        if amount is None:
            return None
        return CostLine(**base, schedule=ONE_OFF, amount_eur=amount, paid_on=paid_on)


def _check_unit_groups(costs: list[tuple[str, CostLine | None]], problems: Problems) -> None:
    """A unit_group's lines share one category, investition or sach (one functional unit)."""
    groups: dict[str, list[tuple[str, CostLine]]] = {}
    for path, line in costs:
        if line is not None and line.unit_group is not None:
            groups.setdefault(line.unit_group, []).append((path, line))
    for group, members in groups.items():
        categories = {line.category for _, line in members}
        if len(categories) > 1 or not categories <= {"investition", "sach"}:
            for path, _ in members:
                problems.add(
                    f"{path}.unit_group",
                    f"die Einheit „{group}“ darf nur Zeilen einer Kategorie (investition oder "
                    "sach) umfassen",
                )


def _read_source(path: str, item: Any, lines: LineReader) -> Source | None:
    problems = lines.problems
    reader = ObjectReader(item, path, problems, SOURCE_KEYS)
    if not reader.ok:
        return None
    kind = reader.choice("kind", SOURCE_KINDS, required=True)
    label = reader.text("label", required=True)
    programme = reader.text("programme", max_length=120)
    status = reader.choice("status", SOURCE_STATUSES)
    counts = reader.boolean("counts_as_own", False) if reader.given("counts_as_own") else None
    if kind is None or label is None:
        return None
    if kind == "own_cash":
        if reader.has("by_year"):
            problems.add(
                reader.at("by_year"),
                "Eigenmittel ohne Jahresangabe: die Jahre ergeben sich aus dem Plan",
            )
            return None
        amount = reader.money("amount_eur")
        return Source(kind, label, amount, None, programme, status, counts)
    amount = reader.money("amount_eur")
    by_year = lines.years_inside(reader, "by_year") if reader.given("by_year") else None
    if amount is None and by_year is None:
        if not reader.given("amount_eur"):
            problems.add(reader.at("amount_eur"), "Pflichtangabe fehlt (amount_eur oder by_year)")
        return None
    if amount is not None and by_year is not None:
        total = sum(by_year.values(), ZERO)
        if total != amount:
            problems.add(
                reader.at("amount_eur"),
                f"weicht von der Summe der Jahre ab ({format_eur(amount)} statt "
                f"{format_eur(total)})",
            )
            return None
    return Source(kind, label, amount, by_year, programme, status, counts)


def _alias_sources(reader: ObjectReader) -> tuple[list[Source], bool]:
    """The v1 financing fields as typed sources (appended after ``sources``, in this order)."""
    sources = []
    if reader.has("own_funds_eur"):
        own = reader.money("own_funds_eur")
        if reader.data["own_funds_eur"] is None:
            sources.append(Source("own_cash", "Eigenmittel", None))
        elif own is not None and own > 0:
            sources.append(Source("own_cash", "Eigenmittel", own))
    third = reader.money("third_party_eur")
    if third:
        sources.append(Source("private_third_party", "Leistungen Dritter", third))
    income = reader.money("income_eur")
    if income:
        sources.append(Source("income", "Einnahmen", income))
    for path, item in reader.items("other_public", max_items=MAX_SOURCES):
        entry = ObjectReader(item, path, reader.problems, ("programme", "amount_eur", "status"))
        if not entry.ok:
            continue
        programme = entry.text("programme", required=True)
        amount = entry.money("amount_eur", required=True)
        status = entry.choice("status", SOURCE_STATUSES) or "beantragt"
        if programme is not None and amount is not None:
            sources.append(Source("public_grant", programme, amount, None, programme, status))
    return sources, bool(third)


def _read_financing(top: ObjectReader, lines: LineReader) -> tuple[Financing, bool]:
    reader = _sub(top, "financing", FINANCING_KEYS)
    if reader is None:
        return Financing(), False
    sources = [
        _read_source(path, item, lines)
        for path, item in reader.items("sources", max_items=MAX_SOURCES)
    ]
    aliases, third_alias = _alias_sources(reader)
    typed = [source for source in sources if source is not None] + aliases
    on_demand = [s for s in typed if s.kind == "own_cash" and s.amount_eur is None]
    if len(on_demand) > 1:
        reader.problems.add(
            reader.at("sources"),
            "nur eine Eigenmittel-Quelle nach Bedarf (amount_eur null) erlaubt",
        )
    financing = Financing(
        sources=tuple(typed),
        volunteer_hours=reader.number("volunteer_hours", HOURS) or ZERO,
        requested_eur=reader.money("requested_eur"),
    )
    return financing, third_alias


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
    """Validate a decoded budget; raise InvalidData naming every bad field by its path."""
    if not isinstance(data, Mapping):
        raise InvalidData([FieldProblem("", "Der Finanzierungsplan muss ein JSON-Objekt sein")])
    problems = Problems()
    top = ObjectReader(data, "", problems, TOP_KEYS)
    version = _read_version(top)
    programme = top.text("programme", max_length=120)
    terms = read_terms(data["terms"], "terms", problems) if top.given("terms") else {}
    period = _read_period(top)
    applied_on = top.date("applied_on", required=True)
    early_start_approved = top.boolean("early_start_approved", False)
    vat_deductible = top.boolean("vat_deductible", False) if top.given("vat_deductible") else None
    lines = LineReader(problems, period, version)
    costs = [
        (path, lines.read(path, item))
        for path, item in top.items("costs", max_items=MAX_LINES, required=True)
    ]
    _check_unit_groups(costs, problems)
    financing, third_alias = _read_financing(top, lines)
    aids = _read_aids(top)
    problems.raise_if_any()
    if period is None or applied_on is None:  # unreachable: a problem was recorded for each
        raise InvalidData([FieldProblem("period", "ungültiger Projektzeitraum")])
    return Budget(
        programme=programme,
        period=period,
        applied_on=applied_on,
        costs=tuple(line for _, line in costs if line is not None),
        financing=financing,
        version=version,
        early_start_approved=early_start_approved,
        vat_deductible=vat_deductible,
        terms_entered=terms,
        de_minimis_received=aids,
        third_party_alias=third_alias,
    )
