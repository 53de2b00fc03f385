"""Förderdatenbank entries mapped onto draft programme records (shared by both readers).

Reads the official XML export (one document per programme plus the documents it links to) and
CorrelAid's CSV flattening of it. Texts are kept verbatim (CC BY-ND 4.0 allows reformatting,
not rewriting) with the attribution line on each record. Categories are mapped onto our
taxonomy only where the meaning is the same; everything else is reported and left empty, and
every record is written with status ``draft`` so that a curator reviews it before it counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from funding_matcher.domain.catalogue.fdb.html import html_text, sections
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.errors import problems_from_pydantic

XLINK = "{http://www.w3.org/1999/xlink}href"
SITE = "https://www.foerderdatenbank.de"
LICENCE = "CC BY-ND 4.0 (https://creativecommons.org/licenses/by-nd/4.0/deed.de)"
RIGHTS_HOLDER = "Bundesministerium für Wirtschaft und Energie"
PROGRAMME_PATH = "/BMWI/FDB/Content/DE/Foerderprogramm/"
MAX_SHORT_TITLE = 80

# Only mappings whose meaning is the same on both sides; the rest is reported, not guessed.
APPLICANTS = {
    "kommune": "kommune",
    "privatperson": "privatperson",
    "unternehmen": "unternehmen",
    "bildungseinrichtung": "bildungseinrichtung",
    "hochschule": "bildungseinrichtung",
}
AREAS_TO_THEMES = {
    "arbeit": "arbeit",
    "aus_weiterbildung": "bildung",
    "digitalisierung": "digitalisierung",
    "energieeffizienz_erneuerbare_energien": "klima",
    "umwelt_naturschutz": "klima",
    "wohnungsbau_modernisierung": "wohnen",
    "gesundheit_soziales": "gesundheit",
}
STATES = {
    "baden_wuerttemberg": "BW",
    "bayern": "BY",
    "berlin": "BE",
    "brandenburg": "BB",
    "bremen": "HB",
    "hamburg": "HH",
    "hessen": "HE",
    "mecklenburg_vorpommern": "MV",
    "niedersachsen": "NI",
    "nordrhein_westfalen": "NW",
    "rheinland_pfalz": "RP",
    "saarland": "SL",
    "sachsen": "SN",
    "sachsen_anhalt": "ST",
    "schleswig_holstein": "SH",
    "thueringen": "TH",
}
LEVELS = {"bund": "bund", "land": "land", "eu": "eu"}
FUNDING_TYPES = {"zuschuss": "zuschuss", "darlehen": "darlehen", "buergschaft": "buergschaft"}
FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass
class FdbImport:
    """Programmes read from an export, the problems that stopped others, and what was unmapped."""

    programmes: list[Programme] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unmapped: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Source:
    """What one programme of either export format says, before mapping."""

    where: str
    id_url: str
    title: str
    body: str | None
    summary: str
    procedure: str
    requirements: list[str]
    url: str
    categories: dict[str, list[str]]
    funder: str | None
    source_date: str | None


def slug_for(id_url: str) -> str:
    """A record slug from the export's identifier, e.g. Bund/BMAS/einstiegsgeld."""
    text = re.sub(r"[^a-z0-9]+", "-", id_url.lower().translate(FOLD)).strip("-")
    return f"fdb-{text}"[:120].rstrip("-")


def attribution(title: str, url: str) -> str:
    """The attribution line the licence asks for, per record."""
    return f"{title} von {RIGHTS_HOLDER}, lizensiert unter {LICENCE}, Quelle: {url}"


# -- mapping ---------------------------------------------------------------------------------


def _codes(values: list[str]) -> list[str]:
    return [v.strip().lstrip("_") for v in values if v.strip()]


def to_programme(src: Source, today: date) -> tuple[Programme | None, list[str], list[str]]:
    """Map one source programme; returns the record (or None), problems and unmapped values."""
    cats = {k: _codes(v) for k, v in src.categories.items()}
    unmapped: list[str] = []

    def mapped(kind: str, table: dict[str, str]) -> list[str]:
        out = []
        for code in cats.get(kind, []):
            if code in table:
                if table[code] not in out:
                    out.append(table[code])
            else:
                unmapped.append(f"{kind}: {code}")
        return out

    applicants = mapped("Foerderberechtigte", APPLICANTS)
    themes = mapped("Foerderbereich", AREAS_TO_THEMES)
    areas = cats.get("Foerdergebiet", [])
    states: Any = (
        "all" if any(a == "bundesweit" for a in areas) else mapped("Foerdergebiet", STATES)
    )
    levels = [LEVELS[c] for c in cats.get("Foerdergeber", []) if c in LEVELS]
    kinds = cats.get("Foerderart", [])
    known_kinds = [FUNDING_TYPES[k] for k in kinds if k in FUNDING_TYPES]
    funding_type = known_kinds[0] if len(kinds) == 1 and known_kinds else "sonstiges"
    problems = []
    if not levels:
        problems.append(
            f"{src.where}: Fördergeber-Ebene nicht zuordenbar "
            f"({', '.join(cats.get('Foerdergeber', [])) or 'keine Angabe'})"
        )
    if not states:
        problems.append(
            f"{src.where}: Fördergebiet nicht zuordenbar ({', '.join(areas) or 'keine Angabe'})"
        )
    if problems:
        return None, problems, unmapped
    notes = [
        "Automatisch aus der Förderdatenbank des Bundes importiert (Entwurf): Förderquote, "
        "Beträge, Fristen, Kostenarten und Zielgruppen sind dort nicht strukturiert angegeben "
        "und müssen vor der Freigabe aus der Richtlinie ergänzt werden.",
    ]
    if unmapped:
        notes.append("Nicht zugeordnete Kategorien: " + "; ".join(unmapped) + ".")
    if len(kinds) > 1:
        notes.append("Förderarten laut Förderdatenbank: " + ", ".join(kinds) + ".")
    if src.source_date:
        notes.append(f"Stand der Quelle: {src.source_date}.")
    short = (
        src.title
        if len(src.title) <= MAX_SHORT_TITLE
        else (src.title[: MAX_SHORT_TITLE - 1].rsplit(" ", 1)[0] + "…")
    )
    funder = src.funder or {"bund": "Bund", "land": "Land", "eu": "Europäische Union"}[levels[0]]
    data = {
        "slug": slug_for(src.id_url),
        "title": src.title,
        "short_title": short,
        "funder": funder,
        "level": levels[0],
        "status": "draft",
        "summary": src.summary,
        "description": src.body or "",
        "applicant_types": applicants,
        "states": states,
        "themes": themes,
        "funding_type": funding_type,
        "deadline": {"kind": "unknown"},
        "procedure": src.procedure or None,
        "requirements": src.requirements,
        "source_url": src.url,
        "checked_on": today,
        "notes": " ".join(notes),
        "attribution": attribution(src.title, src.url),
    }
    try:
        return Programme.model_validate(data), [], unmapped
    except ValidationError as exc:
        return None, [f"{src.where}: {p}" for p in problems_from_pydantic(exc)], unmapped


def source_texts(body: str | None, summary_markup: str | None) -> tuple[str, str, list[str]]:
    """Summary, procedure and requirements taken verbatim from the body's sections."""
    parts = sections(body)
    summary = html_text(summary_markup)
    if len(summary) < 20:
        goal = next((v for k, v in parts.items() if k.startswith("Ziel")), [])
        summary = " ".join(goal) or " ".join(next((v for v in parts.values() if v), []))
    procedure = " ".join(
        next((v for k, v in parts.items() if k.startswith("Antragsverfahren")), [])
    )
    requirements = next((v for k, v in parts.items() if k.startswith("Voraussetzungen")), [])
    return summary, procedure, list(requirements)
