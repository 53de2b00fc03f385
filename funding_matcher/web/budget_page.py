"""What the Kosten- und Finanzierungsplan page shows besides the form: terms with their source,
links from each check to the line or input it concerns, line numbers of the table rows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask import url_for

from funding_matcher.domain import budget as kfp
from funding_matcher.domain.budget.model import DE_MINIMIS_REGIMES, FINANCING_TYPES
from funding_matcher.domain.budget.money import format_eur, format_percent
from funding_matcher.domain.budget.terms import TERM_LABELS
from funding_matcher.domain.errors import InvalidData
from funding_matcher.operations.budget_form import FORM_TERMS, RowRef, field_name
from funding_matcher.web.budget_forms import (
    TERM_FIELDS,
    BudgetForm,
    error_items,
    find_field,
)
from funding_matcher.web.number_fields import is_filled

TABLE_TITLES = {
    "personal": "Personalausgaben",
    "amounts": "Sach-, Honorar- und Reisekosten",
    "items": "Investitionen und Gegenstände",
    "overhead": "Verwaltungspauschale",
    "other_public": "Andere öffentliche Förderung",
}
_ROW_FIELD = re.compile(r"(\w+)-(\d+)-\w+")
# Where a check without an input of its own sends the reader.
SECTION_OF_PATH = {
    "period": "zeitraum",
    "applied_on": "zeitraum",
    "early_start_approved": "zeitraum",
    "financing": "finanzierung",
    "terms": "bedingungen",
    "costs": "kosten",
}


def term_text(key: str, value: Any) -> str:
    """A term's value in German: "Anteilfinanzierung", "80 %", "250.000,00 €"."""
    if value is None:
        return "unbekannt"
    if key == "financing_type":
        return FINANCING_TYPES.get(value, str(value))
    if key == "de_minimis":
        return DE_MINIMIS_REGIMES.get(value, str(value))
    if isinstance(value, kfp.VolunteerTerms):
        rate = (
            f"{format_eur(value.rate_eur_per_hour)} je Stunde"
            if value.rate_eur_per_hour is not None
            else "Stundensatz unbekannt"
        )
        cap = (
            f"höchstens {format_percent(value.max_percent)} der zuwendungsfähigen Ausgaben"
            if value.max_percent is not None
            else "ohne bekannte Obergrenze"
        )
        return f"{rate}, {cap}"
    if isinstance(value, tuple):
        return ", ".join(value) if value else "keine"
    if isinstance(value, Decimal):
        return format_percent(value) if key.endswith("_percent") else format_eur(value)
    return str(value)


def catalogue_terms(record: Mapping[str, Any] | None) -> kfp.Terms:
    """The programme's own terms (each with source katalog), or no terms at all."""
    if record is None:
        return kfp.Terms()
    try:
        return kfp.merge_terms({}, record)
    except InvalidData:
        return kfp.Terms()


def catalogue_text(terms: kfp.Terms, key: str) -> str:
    """E.g. "80 % – laut Katalog (Stand 01.11.2026)" or "im Katalog nicht angegeben"."""
    term = terms.term(key)
    if not term.known:
        return "im Katalog nicht angegeben"
    return f"{term_text(key, term.value)} – {terms.source_text(key)}"


def catalogue_short(terms: kfp.Terms) -> dict[str, str]:
    """The catalogue's value of each term, short, for the select boxes' "wie im Katalog"."""
    return {
        key: term_text(key, terms.term(key).value) if terms.term(key).known else "nicht angegeben"
        for key in FORM_TERMS
    }


@dataclass(frozen=True)
class TermRow:
    """One Förderbedingung on the page: its inputs and where the value used comes from."""

    key: str
    label: str
    fields: tuple[Any, ...]
    entered: bool
    unknown: bool
    catalogue: str
    used: str | None


def term_rows(
    form: BudgetForm | None, catalogue: kfp.Terms, report: kfp.BudgetReport | None
) -> list[TermRow]:
    """Each term with its inputs, the catalogue value and (after a check) the value used."""
    unknown = set(form.unknown_terms.data or ()) if form is not None else set()
    rows = []
    for key in FORM_TERMS:
        fields = tuple(form[name] for name in TERM_FIELDS[key]) if form is not None else ()
        used = None
        if report is not None:
            term = report.terms.term(key)
            used = f"{term_text(key, term.value)} – {report.terms.source_text(key)}"
        rows.append(
            TermRow(
                key=key,
                label=TERM_LABELS[key],
                fields=fields,
                entered=any(is_filled(f) for f in fields),
                unknown=key in unknown,
                catalogue=catalogue_text(catalogue, key),
                used=used,
            )
        )
    return rows


def row_numbers(lines: Iterable[RowRef]) -> dict[str, int]:
    """Table row ("personal-0") -> the line's number in the plan (1-based, as in messages)."""
    return {f"{ref.table}-{ref.row}": index + 1 for index, ref in enumerate(lines)}


@dataclass(frozen=True)
class CheckLink:
    """A check with the place on the page (or elsewhere) where it can be fixed."""

    check: kfp.Check
    href: str | None
    text: str | None


def check_links(
    report: kfp.BudgetReport,
    form: BudgetForm | None,
    lines: Iterable[RowRef] = (),
    other: Iterable[tuple[int, str]] = (),
    aids_in_plan: bool = False,
) -> list[CheckLink]:
    """Every check with a link to its cost line (#zeile-3), its input or its section.

    De-minimis findings link to the register, or to the plan's own list of aid when the plan
    names its aid itself (``aids_in_plan``; the register is not used then).
    """
    lines, other = tuple(lines), tuple(other)
    links = []
    for check in report.checks:
        if (check.field or "").startswith("de_minimis_received"):
            if aids_in_plan:
                href, text = "#de-minimis-plan", "Zu den Beihilfen im Plan"
            else:
                href, text = url_for("budget.register"), "Zum De-minimis-Register"
        else:
            href, text = _target(check, form, lines, other)
        links.append(CheckLink(check, href, text))
    return links


def _target(
    check: kfp.Check,
    form: BudgetForm | None,
    lines: tuple[RowRef, ...],
    other: tuple[tuple[int, str], ...],
) -> tuple[str | None, str | None]:
    if check.line is not None:
        return f"#zeile-{check.line + 1}", f"Zur Zeile {check.line + 1}"
    path = check.field or ""
    if form is not None:
        name = field_name(path, lines, other)
        field = find_field(form, name) if name else None
        if field is not None:
            return f"#{field.id}", f"Zum Feld „{field.label.text}“"
        if path == "financing.other_public":
            return "#andere-foerderung", "Zur anderen öffentlichen Förderung"
    section = SECTION_OF_PATH.get(path.split(".")[0].split("[")[0])
    if section is None:
        return None, None
    titles = {
        "zeitraum": "Zum Zeitraum",
        "finanzierung": "Zur Finanzierung",
        "bedingungen": "Zu den Förderbedingungen",
        "kosten": "Zu den Ausgaben",
    }
    return f"#{section}", titles[section]


def error_summary(form: BudgetForm | None) -> list[tuple[str, str, list[str]]]:
    """(input id, what the input is, messages) for the summary above the form."""
    if form is None:
        return []
    summary = []
    for field, messages in error_items(form):
        label = field.label.text
        if match := _ROW_FIELD.fullmatch(field.name):
            title = TABLE_TITLES.get(match.group(1), match.group(1))
            label = f"{title}, Tabellenzeile {int(match.group(2)) + 1}: {label}"
        summary.append((field.id, label, messages))
    return summary
