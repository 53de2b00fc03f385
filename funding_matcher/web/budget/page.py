"""What the plan page shows besides the form: terms with their source, the unchecked terms,
links from each check to its line or input, numbers of the table rows, the years table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask import url_for

from funding_matcher.domain.budget import BudgetReport, Check, Terms, VolunteerTerms, merge_terms
from funding_matcher.domain.budget.model import (
    DE_MINIMIS_REGIMES,
    FINANCING_TYPES,
    FUNDING_TYPES,
    OTHER_KINDS,
    OVERHEAD_BASES,
    OWN_BASES,
    RATE_BASES,
    SOURCE_KINDS,
    START_RULES,
    SUBSIDIARITY,
)
from funding_matcher.domain.budget.terms import CHECK_NAMES, NONE, TERM_LABELS
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.german import format_eur, format_percent
from funding_matcher.web.budget.forms import BudgetForm, error_items, find_field
from funding_matcher.web.budget.mapping import PAGE_TERMS, TABLE, TERM_INPUTS, RowRef, input_name
from funding_matcher.web.number_fields import is_filled

_CODE_TEXTS: dict[str, Mapping[str, str]] = {
    "funding_type": FUNDING_TYPES,
    "financing_type": FINANCING_TYPES,
    "rate_base": RATE_BASES,
    "subsidiarity": SUBSIDIARITY,
    "own_contribution_base": OWN_BASES,
    "overhead_base": OVERHEAD_BASES,
    "de_minimis": DE_MINIMIS_REGIMES,
    "start_rule": START_RULES,
}
# Where a check without an input of its own sends the reader.
SECTION_OF_PATH = {
    "period": ("zeitraum", "Zum Zeitraum"),
    "applied_on": ("zeitraum", "Zum Zeitraum"),
    "early_start_approved": ("zeitraum", "Zum Zeitraum"),
    "vat_deductible": ("zeitraum", "Zum Zeitraum"),
    "financing": ("finanzierung", "Zur Finanzierung"),
    "terms": ("bedingungen", "Zu den Förderbedingungen"),
    "costs": ("kosten", "Zu den Ausgaben"),
}


def term_text(key: str, value: Any) -> str:
    """A term's value in German: "Anteilfinanzierung", "80 %", "keine solche Regel"."""
    if value is None:
        return "unbekannt"
    if value == NONE and key not in ("subsidiarity", "de_minimis"):
        return "keine solche Regel"
    if key in _CODE_TEXTS:
        return _CODE_TEXTS[key].get(value, str(value))
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, VolunteerTerms):
        cap = value.max_percent
        cap_text = (
            f"höchstens {format_percent(cap)} der zuwendungsfähigen Ausgaben"
            if isinstance(cap, Decimal)
            else "ohne Obergrenze"
            if cap == NONE
            else "Obergrenze unbekannt"
        )
        return f"anerkannt mit {format_eur(value.rate_eur_per_hour)} je Stunde, {cap_text}"
    if isinstance(value, tuple):
        if key == "own_contribution_counts":
            return ", ".join(SOURCE_KINDS.get(v, v) for v in value) or "keine"
        return ", ".join(value) if value else "keine"
    if isinstance(value, Decimal):
        return format_percent(value) if key.endswith("_percent") else format_eur(value)
    return str(value)


def catalogue_terms(record: Mapping[str, Any] | None) -> Terms:
    """The programme's own terms (each with source katalog), or no terms at all."""
    if record is None:
        return Terms()
    try:
        return merge_terms({}, record)
    except InvalidData:
        return Terms()


def catalogue_texts(terms: Terms) -> dict[str, str]:
    """The catalogue's value of each term, short, for the selects' "wie im Katalog (…)"."""
    return {
        key: term_text(key, terms.term(key).value) if terms.term(key).known else "unbekannt"
        for key in PAGE_TERMS
    }


@dataclass(frozen=True)
class TermRow:
    """One Förderbedingung on the page: its inputs and where the value used comes from."""

    key: str
    label: str
    fields: tuple[Any, ...]
    entered: bool
    catalogue: str
    used: str | None
    unknown_used: bool


def term_rows(
    form: BudgetForm | None, catalogue: Terms, report: BudgetReport | None
) -> list[TermRow]:
    """Each term with its inputs, the catalogue value and (after a check) the value used."""
    rows = []
    for key in PAGE_TERMS:
        fields = tuple(form[name] for name in TERM_INPUTS[key]) if form is not None else ()
        used, unknown = None, False
        if report is not None:
            term = report.terms.term(key)
            used = f"{term_text(key, term.value)} – {report.terms.source_text(key)}"
            unknown = term.value is None
        cat = catalogue.term(key)
        rows.append(
            TermRow(
                key=key,
                label=TERM_LABELS[key],
                fields=fields,
                entered=any(is_filled(f) for f in fields[:1]),
                catalogue=(
                    f"{term_text(key, cat.value)} – {catalogue.source_text(key)}"
                    if cat.known
                    else "im Katalog nicht angegeben"
                ),
                used=used,
                unknown_used=unknown,
            )
        )
    return rows


@dataclass(frozen=True)
class Unchecked:
    """A check the plan could not run, and the term input that would let it run."""

    name: str
    term: str | None
    term_label: str | None


def unchecked_items(report: BudgetReport) -> list[Unchecked]:
    """What the verdict "nicht geprüft" names, each with the term that is missing."""
    items = []
    for check_id in report.unchecked:
        term = report.unchecked_terms.get(check_id)
        items.append(Unchecked(CHECK_NAMES[check_id], term, TERM_LABELS.get(term or "")))
    return items


def row_numbers(lines: Iterable[RowRef]) -> dict[str, int]:
    """Table row ("monthly-0") -> the line's number in the plan (1-based, as in messages)."""
    return {f"{ref.table}-{ref.row}": index + 1 for index, ref in enumerate(lines)}


@dataclass(frozen=True)
class CheckLink:
    """A check with the place on the page (or elsewhere) where it can be fixed."""

    check: Check
    href: str | None
    text: str | None


def check_links(
    report: BudgetReport,
    form: BudgetForm | None,
    lines: Iterable[RowRef] = (),
    sources: Iterable[RowRef] = (),
    aids_in_plan: bool = False,
) -> list[CheckLink]:
    """Every check with a link to its cost line (#zeile-3), its input or its section."""
    lines, sources = tuple(lines), tuple(sources)
    links = []
    for check in report.checks:
        if (check.field or "").startswith("de_minimis_received"):
            if aids_in_plan:
                href, text = "#de-minimis-plan", "Zu den Beihilfen im Plan"
            else:
                href, text = url_for("budget.register"), "Zum De-minimis-Register"
        elif check.line is not None:
            href, text = f"#zeile-{check.line + 1}", f"Zur Zeile {check.line + 1}"
        elif check.term is not None:
            key = check.term.split(".")[0]
            href, text = f"#bedingung-{key}", f"„{TERM_LABELS[key]}“ eintragen"
        else:
            href, text = _target(check.field or "", form, lines, sources)
        links.append(CheckLink(check, href, text))
    return links


def _target(
    path: str, form: BudgetForm | None, lines: tuple[RowRef, ...], sources: tuple[RowRef, ...]
) -> tuple[str | None, str | None]:
    if form is not None:
        name = input_name(path, lines, sources)
        field = find_field(form, name) if name else None
        if field is not None:
            return f"#{field.id}", f"Zum Feld „{field.label.text}“"
    section = SECTION_OF_PATH.get(path.split(".")[0].split("[")[0])
    if section is None:
        return None, None
    return f"#{section[0]}", section[1]


def error_summary(form: BudgetForm | None) -> list[tuple[str, str, list[str]]]:
    """(input id, what the input is, messages) for the summary above the form."""
    if form is None:
        return []
    summary = []
    for field, messages in error_items(form):
        label = field.label.text
        parts = field.name.split("-")
        if len(parts) == 3 and parts[0] in TABLE:
            label = f"{TABLE[parts[0]].title}, Tabellenzeile {int(parts[1]) + 1}: {label}"
        summary.append((field.id, label, messages))
    return summary


@dataclass(frozen=True)
class YearRow:
    """One row of the Haushaltsjahre table: a label and one amount per year."""

    label: str
    amounts: tuple[Decimal, ...]
    strong: bool = False


def year_rows(report: BudgetReport) -> list[YearRow]:
    """Expenses and financing per Haushaltsjahr, the own funds each Haushalt must provide."""
    f = report.figures
    rows = [YearRow("Ausgaben", tuple(y.expenses for y in f.years), True)]
    if f.ineligible:
        rows.append(YearRow("davon nicht zuwendungsfähig", tuple(y.ineligible for y in f.years)))
    if any(y.investment for y in f.years):
        rows.append(YearRow("davon Investitionen", tuple(y.investment for y in f.years)))
    for kind in OTHER_KINDS:
        if f.sources[kind]:
            rows.append(YearRow(SOURCE_KINDS[kind], tuple(y.sources[kind] for y in f.years)))
    if f.volunteer_value:
        rows.append(YearRow("Ehrenamt (bewertet)", tuple(y.volunteer for y in f.years)))
    rows.append(YearRow("Zuwendung", tuple(y.grant for y in f.years)))
    rows.append(YearRow("Eigenmittel (bar)", tuple(y.own_cash_required for y in f.years), True))
    return rows


def rate_base_text(report: BudgetReport) -> str | None:
    """The Bemessungsgrundlage in words ("der zuwendungsfähigen Ausgaben"), as the plan read it."""
    if report.figures.rate_base is None:
        return None
    base = report.terms.rate_base.value
    if base is None:
        return f"angenommen: {RATE_BASES['eligible_minus_private_third_party']}"
    return RATE_BASES[base]
