"""Reviewing a guideline's proposals beside the catalogue record: values as stored (JSON) and as
shown (German), the comparison with the record, which proposals may be taken over, the
organisation's checked fields, and a catalogue draft made from them. Plain Python: the rows
live in ``operations/pdf_import.py``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from funding_matcher.domain.catalogue.deadlines import KIND_LABELS, Deadline
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.errors import FieldProblem, InvalidData, problems_from_pydantic
from funding_matcher.domain.german import format_day_month, format_long_date
from funding_matcher.domain.pdf_import.results import (
    FIELD_LABELS,
    HIGH,
    Proposal,
    display_value,
)

# Proposal field -> the catalogue record's field; the others go into the record's notes.
RECORD_FIELDS = {
    "funding_rate_max_percent": "funding_rate_max_percent",
    "amount_min_eur": "amount_min_eur",
    "amount_max_eur": "amount_max_eur",
    "financing_type": "financing_type",
    "valid_until": "guideline_valid_until",
    "deadline": "deadline",
    "applicant_types": "applicant_types",
    "de_minimis": "de_minimis",
}
NOTE_FIELDS = ("valid_from", "page_limit")
NUMBER_FIELDS = ("funding_rate_max_percent", "amount_min_eur", "amount_max_eur")
DATE_FIELDS = ("valid_from", "valid_until")

SAME, DIFFERENT, NEW = "gleich", "abweichend", "neu"


# -- values: JSON as stored <-> Python as the domain formats them -------------------------------


def python_value(field: str, value: Any) -> Any:
    """A stored JSON value back as the domain's Python value (Decimal, date, deadline dates)."""
    if value is None:
        return None
    if field in NUMBER_FIELDS:
        return Decimal(str(value))
    if field in DATE_FIELDS:
        return date.fromisoformat(value)
    if field == "deadline" and isinstance(value, dict):
        converted = dict(value)
        if "dates" in converted:
            converted["dates"] = [date.fromisoformat(d) for d in converted["dates"]]
        return converted
    return value


def proposal_from_json(data: Mapping[str, Any]) -> Proposal:
    """One stored proposal (the contract's JSON form) as a domain ``Proposal``; a proposal
    stored before proposals carried a confidence counts as a value to accept."""
    field = str(data["field"])
    pages = data.get("pages")
    return Proposal(
        field=field,
        value=python_value(field, data.get("value")),
        page=int(data.get("page", 0)),
        quote=str(data.get("quote", "")),
        note=data.get("note"),
        confidence=str(data.get("confidence", HIGH)),
        pages=tuple(int(p) for p in pages) if isinstance(pages, list) else (),
    )


def show_value(field: str, value: Any) -> str:
    """A field's value as a German reader expects it; "–" when there is none."""
    if value is None or value == [] or value == "":
        return "–"
    if field == "deadline" and isinstance(value, dict) and isinstance(value.get("annual"), list):
        days = ", ".join(format_day_month(d["day"], d["month"]) for d in value["annual"])
        return str(value.get("note") or f"jährlich am {days}")
    if field == "deadline" and isinstance(value, dict) and value.get("kind") == "windows":
        closes = [format_long_date(w["closes"]) for w in value.get("windows", [])]
        return "Förderaufrufe, Einreichung bis " + ", ".join(closes)
    if (
        field == "deadline"
        and isinstance(value, dict)
        and value.get("kind") in KIND_LABELS
        and value["kind"] not in ("fixed", "annual")
    ):
        return KIND_LABELS[value["kind"]]
    return display_value(field, value)


# -- the catalogue record's side ----------------------------------------------------------------


def recorded_value(programme: Programme, field: str) -> Any:
    """What the catalogue records for a proposal's field, as a comparable value (None: nothing)."""
    name = RECORD_FIELDS.get(field)
    if name is None:
        return None
    value = getattr(programme, name)
    if value is None or value == []:
        return None
    if field in NUMBER_FIELDS:
        return Decimal(str(value))
    if field == "deadline":
        if value.kind == "unknown":
            return None
        return value.model_dump(exclude_none=True, exclude_defaults=True) | {"kind": value.kind}
    return value


def compare(field: str, proposed: Any, recorded: Any) -> str:
    """ "gleich", "abweichend", or "neu" (the record has nothing for the field)."""
    if recorded is None:
        return NEW
    if field == "applicant_types":
        return SAME if set(proposed) == set(recorded) else DIFFERENT
    if field == "deadline":
        return SAME if _deadline_key(proposed) == _deadline_key(recorded) else DIFFERENT
    return SAME if proposed == recorded else DIFFERENT


def _deadline_key(value: dict[str, Any]) -> tuple:
    annual = value.get("annual") or []
    days = annual if isinstance(annual, list) else [annual]
    return (
        value.get("kind"),
        frozenset(value.get("dates", [])),
        frozenset((d["month"], d["day"]) for d in days),
    )


@dataclass(frozen=True)
class ReviewRow:
    """One proposal on the review page, beside the catalogue's value."""

    index: int
    field: str
    label: str
    value: str
    page: int
    quote: str
    note: str | None
    recorded: str
    comparison: str
    hint: bool = False  # a "Hinweis": shown with its quote, never to take over
    where: str = ""  # "S. 4", or "S. 7–8" for a quote over a page break


def review_rows(programme: Programme, proposals: Iterable[Proposal]) -> list[ReviewRow]:
    """Each proposal with its German label and value, the recorded value and the comparison."""
    rows = []
    for index, proposal in enumerate(proposals):
        recorded = recorded_value(programme, proposal.field)
        rows.append(
            ReviewRow(
                index=index,
                field=proposal.field,
                label=FIELD_LABELS.get(proposal.field, proposal.field),
                value=show_value(proposal.field, proposal.value),
                page=proposal.page,
                quote=proposal.quote,
                note=proposal.note,
                recorded=show_value(proposal.field, recorded),
                comparison=compare(proposal.field, proposal.value, recorded),
                hint=proposal.is_hint,
                where=proposal.where.replace("Seiten", "S.").replace("Seite", "S."),
            )
        )
    return rows


def choose_proposals(proposals: list[Proposal], chosen: Iterable[int]) -> list[Proposal]:
    """The chosen proposals, one per field; two different values for one field, and hints
    ("Hinweis", low confidence), are refused."""
    picked: dict[str, Proposal] = {}
    for index in sorted(set(chosen)):
        if not 0 <= index < len(proposals):
            continue
        proposal = proposals[index]
        if proposal.is_hint:
            label = FIELD_LABELS.get(proposal.field, proposal.field)
            message = (
                f"„{label}: {show_value(proposal.field, proposal.value)}“ ist nur ein Hinweis "
                "und lässt sich nicht übernehmen; bitte den Wert im Katalog-Entwurf prüfen."
            )
            raise InvalidData([FieldProblem("accept", message)])
        held = picked.get(proposal.field)
        if held is None:
            picked[proposal.field] = proposal
        elif held.value != proposal.value:
            label = FIELD_LABELS.get(proposal.field, proposal.field)
            message = f"Für „{label}“ bitte nur einen der Vorschläge übernehmen."
            raise InvalidData([FieldProblem("accept", message)])
    return list(picked.values())


@dataclass(frozen=True)
class CopyRow:
    """One checked field on the programme page: the catalogue's value beside the organisation's."""

    field: str
    label: str
    catalogue: str
    checked: str
    page: int
    file: str
    comparison: str


def copy_rows(programme: Programme, fields: Mapping[str, Any]) -> list[CopyRow]:
    """The checked fields in the guideline's field order, beside the catalogue's values."""
    rows = []
    for field in FIELD_LABELS:
        entry = fields.get(field)
        if entry is None:
            continue
        value = python_value(field, entry.get("value"))
        recorded = recorded_value(programme, field)
        rows.append(
            CopyRow(
                field=field,
                label=FIELD_LABELS[field],
                catalogue=show_value(field, recorded),
                checked=show_value(field, value),
                page=int(entry.get("page", 0)),
                file=str(entry.get("file", "")),
                comparison=compare(field, value, recorded),
            )
        )
    return rows


def copy_files(fields: Mapping[str, Any]) -> list[str]:
    """The guideline files the checked fields came from, in first-seen order."""
    return list(dict.fromkeys(str(e.get("file", "")) for e in fields.values()))


# -- a catalogue draft from the checked fields ----------------------------------------------


def catalogue_draft(programme: Programme, fields: Mapping[str, Any], today: date) -> Programme:
    """The record with the accepted fields applied, as a draft for a curator (InvalidData)."""
    data = programme.model_dump(mode="python")
    taken: list[str] = []
    extra: list[str] = []
    for field in FIELD_LABELS:
        entry = fields.get(field)
        if entry is None:
            continue
        value = python_value(field, entry.get("value"))
        where = f"S. {entry.get('page')}"
        if field in RECORD_FIELDS:
            data[RECORD_FIELDS[field]] = _record_value(field, value)
            taken.append(f"{FIELD_LABELS[field]} ({where})")
        elif field in NOTE_FIELDS:
            extra.append(f"{FIELD_LABELS[field]}: {show_value(field, value)} ({where}).")
    files = " und ".join(f"„{name}“" for name in copy_files(fields))
    source = f"Entwurf aus der Richtlinie {files}, geprüft am {format_long_date(today)}"
    source += f"; übernommen: {', '.join(taken)}." if taken else "."
    data["notes"] = " ".join(part for part in (source, *extra, programme.notes) if part)
    data["status"] = "draft"
    data["checked_on"] = today
    data["successor"] = None  # a successor belongs to closed records only
    try:
        return Programme.model_validate(data)
    except ValidationError as exc:
        raise InvalidData(problems_from_pydantic(exc)) from None


def _record_value(field: str, value: Any) -> Any:
    if field in NUMBER_FIELDS:
        return float(value)
    if field == "deadline":
        return Deadline.model_validate(value)
    return value
