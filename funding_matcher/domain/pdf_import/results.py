"""What an import returns: proposals with their source, as objects, JSON and German text."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from funding_matcher.domain import taxonomy
from funding_matcher.domain.german import (
    format_day_month,
    format_long_date,
    format_number,
    format_percent,
)

GUIDELINE_FIELDS = (
    "funding_rate_max_percent",
    "amount_min_eur",
    "amount_max_eur",
    "financing_type",
    "valid_from",
    "valid_until",
    "deadline",
    "applicant_types",
    "de_minimis",
    "page_limit",
)
FIELD_LABELS = {
    "funding_rate_max_percent": "Förderquote höchstens",
    "amount_min_eur": "Zuwendung mindestens",
    "amount_max_eur": "Zuwendung höchstens",
    "financing_type": "Finanzierungsart",
    "valid_from": "Richtlinie gilt ab",
    "valid_until": "Richtlinie gilt bis",
    "deadline": "Antragsfrist",
    "applicant_types": "Antragsberechtigt",
    "de_minimis": "De-minimis-Beihilfe",
    "page_limit": "Seitenbegrenzung der Skizze",
    "title": "Titel",
    "organisation": "Träger",
    "applicant_type": "Art des Trägers",
    "state": "Land",
    "description": "Beschreibung",
    "budget_total_eur": "Gesamtkosten",
    "own_funds_eur": "Eigenmittel",
    "duration_months": "Laufzeit",
    "start_date": "Beginn",
    "themes": "Themen",
    "target_groups": "Zielgruppen",
    "municipality": "Kommune",
    "designated_area": "Fördergebiet",
    "cost_types": "Kostenarten",
    "area_type": "Gebietstyp",
}
# The drafting contract's topics (details) in German, for the text report.
DETAIL_LABELS = {
    "need": "Ausgangslage und Bedarf",
    "need_figures": "Zahlen zum Bedarf",
    "target_group": "Zielgruppe",
    "goals": "Ziele",
    "activities": "Maßnahmen",
    "participation": "Beteiligung",
    "accessibility": "Barrierefreiheit",
    "partners": "Kooperationspartner",
    "sustainability": "Verstetigung",
    "publicity": "Öffentlichkeitsarbeit",
    "funding_need": "Notwendigkeit der Förderung",
    "experience": "Erfahrung des Trägers",
}
FINANCING_LABELS = {
    "anteil": "Anteilfinanzierung",
    "fehlbedarf": "Fehlbedarfsfinanzierung",
    "festbetrag": "Festbetragsfinanzierung",
    "voll": "Vollfinanzierung",
}
HIGH, LOW = "high", "low"
_DEADLINE_KINDS = {
    "fixed": "Stichtag",
    "annual": "jährlich",
    "rolling": "laufend (jederzeit)",
}


@dataclass(frozen=True)
class Proposal:
    """One candidate value for one field, with the page and sentence it came from.

    ``value`` is a Python value: Decimal for euros and percentages, ``date`` for dates,
    a list of taxonomy codes, a bool, an int, or a deadline mapping shaped like the catalogue's
    ``Deadline`` (``{"kind": "fixed", "dates": [...]}`` or ``{"kind": "annual", ...}``).
    ``page`` is the page the value is printed on; ``pages`` lists every page of the quote when it
    runs over a page break. ``score`` ranks candidates of one field; ``note`` says why a
    candidate is doubtful. ``confidence`` is "high" for a value to accept, "low" for a hint
    ("Hinweis") a person should look at but cannot take over as it is.
    """

    field: str
    value: Any
    page: int
    quote: str
    score: float = 0.0
    note: str | None = None
    confidence: str = HIGH
    pages: tuple[int, ...] = ()
    doubtful: bool = False  # the rule itself doubts the value (its note says why)

    @property
    def is_hint(self) -> bool:
        """Whether the proposal is only a hint, not a value to accept."""
        return self.confidence != HIGH

    @property
    def where(self) -> str:
        """ "Seite 4", or "Seiten 7–8" for a quote over a page break."""
        if len(self.pages) > 1:
            return f"Seiten {self.pages[0]}–{self.pages[-1]}"
        return f"Seite {self.page}"

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON form: field, value, page, quote, confidence (pages and note
        when there are some)."""
        data: dict[str, Any] = {
            "field": self.field,
            "value": to_json_value(self.value),
            "page": self.page,
            "quote": self.quote,
            "confidence": self.confidence,
        }
        if self.pages:
            data["pages"] = list(self.pages)
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class GuidelineImport:
    """Proposals for a programme record from one guideline PDF, best candidate first per field."""

    file: str
    pages: int
    pages_with_text: int
    seconds: float
    proposals: tuple[Proposal, ...]
    warnings: tuple[str, ...] = ()
    title: str | None = None  # the guideline's title as its first page states it
    issuer: dict[str, str] | None = None  # {"level": "kommune", "name": …, "place": …}

    def candidates(self, field_name: str) -> list[Proposal]:
        """All candidates for a field, best first."""
        return [p for p in self.proposals if p.field == field_name]

    def best(self, field_name: str) -> Proposal | None:
        """The best value to accept for a field, or None when the text states none with
        confidence (there may still be hints)."""
        return next((p for p in self.candidates(field_name) if not p.is_hint), None)

    def hints(self, field_name: str) -> list[Proposal]:
        """The field's low-confidence candidates: shown as "Hinweis", never to accept."""
        return [p for p in self.candidates(field_name) if p.is_hint]

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object."""
        return {
            "file": self.file,
            "pages": self.pages,
            "pages_with_text": self.pages_with_text,
            "seconds": self.seconds,
            "title": self.title,
            "issuer": self.issuer,
            "proposals": [p.to_dict() for p in self.proposals],
            "warnings": list(self.warnings),
        }

    def to_json(self) -> str:
        """Pretty-printed JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """A German report for ``--format text``."""
        lines = [
            f"Richtlinie: {self.file}" + (f" – {self.title}" if self.title else ""),
            f"{self.pages} Seiten, davon {self.pages_with_text} mit Text, gelesen in "
            f"{format_number(self.seconds, 2)} s",
            "",
        ]
        if not self.proposals:
            lines.append("Keine Vorschläge: Der Text nennt keines der gesuchten Felder.")
        for field_name in GUIDELINE_FIELDS:
            found = self.candidates(field_name)
            if not found:
                continue
            lines.append(f"{FIELD_LABELS[field_name]}:")
            values = [p for p in found if not p.is_hint]
            for rank, proposal in enumerate(values, start=1):
                marker = "→" if rank == 1 else " "
                note = f" ({proposal.note})" if proposal.note else ""
                lines.append(
                    f"  {marker} {display_value(field_name, proposal.value)}{note} – "
                    f"{proposal.where}: „{proposal.quote}“"
                )
            for proposal in found:
                if proposal.is_hint:
                    note = f" ({proposal.note})" if proposal.note else ""
                    lines.append(
                        f"  Hinweis, kein Vorschlag: {display_value(field_name, proposal.value)}"
                        f"{note} – {proposal.where}: „{proposal.quote}“"
                    )
            lines.append("")
        lines.extend(f"Hinweis: {warning}" for warning in self.warnings)
        return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class ConceptImport:
    """A profile v1 draft from a project concept PDF, with the page of every field."""

    file: str
    pages: int
    pages_with_text: int
    seconds: float
    profile: dict[str, Any]
    sources: dict[str, dict[str, Any]]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # The drafting contract's project details (§ 1) and applicant block (§ 2), as far as the
    # concept states them; the profile does not hold them (yet), so they are proposals only.
    details: dict[str, Any] = field(default_factory=dict)
    details_sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    applicant: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """``{"profile": {...}, "sources": {"title": {"page": 1, "quote": "..."}}, "details":
        {...}, "applicant": {...}, ...}``; the sources of details are keyed "details.need" …"""
        return {
            "file": self.file,
            "pages": self.pages,
            "pages_with_text": self.pages_with_text,
            "seconds": self.seconds,
            "profile": {k: to_json_value(v) for k, v in self.profile.items()},
            "sources": {**self.sources, **self.details_sources},
            "details": to_json_value(self.details),
            "applicant": self.applicant,
            "warnings": list(self.warnings),
        }

    def to_json(self) -> str:
        """Pretty-printed JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """A German report for ``--format text``."""
        lines = [f"Projektkonzept: {self.file}", ""]
        for name, value in self.profile.items():
            source = self.sources.get(name, {})
            where = f" (Seite {source['page']})" if "page" in source else ""
            shown = display_value(name, value)
            if name == "description" and len(shown) > 200:
                shown = shown[:200] + " …"
            lines.append(f"{FIELD_LABELS.get(name, name)}{where}: {shown}")
        if self.details:
            topics = ", ".join(DETAIL_LABELS.get(topic, topic) for topic in self.details)
            lines.append(f"Projektangaben (nur im JSON, noch nicht im Profil): {topics}")
        lines.extend(f"Hinweis: {warning}" for warning in self.warnings)
        return "\n".join(lines).rstrip() + "\n"


def to_json_value(value: Any) -> Any:
    """Decimal -> int or float, date -> ISO string, containers recursively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_value(v) for v in value]
    return value


def display_value(field_name: str, value: Any) -> str:
    """A value as a German reader expects it."""
    if field_name.endswith("_eur") and isinstance(value, Decimal):
        decimals = 0 if value == value.to_integral_value() else 2
        return f"{format_number(value, decimals)} Euro"
    if field_name == "funding_rate_max_percent" and isinstance(value, Decimal):
        decimals = 0 if value == value.to_integral_value() else 1
        return format_percent(value, decimals)
    if isinstance(value, date):
        return format_long_date(value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if field_name == "financing_type":
        return FINANCING_LABELS.get(value, str(value))
    if field_name == "applicant_types":
        return ", ".join(taxonomy.labels("applicant_types", value))
    if field_name in ("themes", "target_groups", "cost_types"):
        return ", ".join(taxonomy.labels(field_name, value))
    if field_name == "applicant_type":
        return taxonomy.label("applicant_types", value)
    if field_name == "state":
        return taxonomy.label("states", value)
    if field_name == "page_limit":
        return f"{value} Seiten"
    if field_name == "duration_months":
        return f"{value} Monate"
    if field_name == "deadline" and isinstance(value, dict):
        return _deadline_text(value)
    return str(value)


def _deadline_text(value: dict[str, Any]) -> str:
    kind = value.get("kind", "")
    if kind == "fixed":
        return "Stichtag " + ", ".join(format_long_date(d) for d in value.get("dates", []))
    if kind == "annual" and value.get("note"):
        return str(value["note"])
    if kind == "annual":
        annual = value.get("annual", {})
        return f"jährlich am {format_day_month(annual['day'], annual['month'])}"
    return _DEADLINE_KINDS.get(kind, kind)
