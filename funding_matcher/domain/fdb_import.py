"""Import of the federal funding database (Förderdatenbank) as draft programme records.

Reads the official XML export (one document per programme plus the documents it links to) and
CorrelAid's CSV flattening of it. Texts are kept verbatim (CC BY-ND 4.0 allows reformatting,
not rewriting) with the attribution line on each record. Categories are mapped onto our
taxonomy only where the meaning is the same; everything else is reported and left empty, and
every record is written with status ``draft`` so that a curator reviews it before it counts.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from pydantic import ValidationError

from funding_matcher.domain.catalogue import Programme
from funding_matcher.domain.errors import problems_from_pydantic
from funding_matcher.domain.fdb_html import html_text, sections

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
class _Source:
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


def to_programme(src: _Source, today: date) -> tuple[Programme | None, list[str], list[str]]:
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


def _texts(body: str | None, summary_markup: str | None) -> tuple[str, str, list[str]]:
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


# -- XML export ------------------------------------------------------------------------------


def _properties(root: Element) -> dict[str, Element]:
    return {p.get("name", ""): p for p in root.findall("property")}


def _rich(props: dict[str, Element], name: str) -> str | None:
    prop = props.get(name)
    if prop is None:
        return None
    return prop.findtext("text") or prop.findtext("value")


def _read_xml(path: Path) -> tuple[Element | None, str | None]:
    try:
        return ElementTree.parse(path).getroot(), None
    except ElementTree.ParseError as exc:
        line, column = exc.position
        return None, f"{path.name}: kein gültiges XML (Zeile {line}, Spalte {column})"
    except DefusedXmlException:
        return None, f"{path.name}: unzulässige XML-Konstrukte (Entitäten/DTD) – abgelehnt"
    except OSError as exc:
        return None, f"{path.name}: nicht lesbar ({exc.strerror})"


def _xml_sources(paths: list[Path], result: FdbImport) -> Iterator[_Source]:
    documents: dict[str, Element] = {}
    offers: list[tuple[Path, Element]] = []
    for path in paths:
        root, problem = _read_xml(path)
        if problem:
            result.problems.append(problem)
            continue
        if root is None or root.tag != "document":
            result.problems.append(f"{path.name}: kein Dokument des Förderdatenbank-Exports")
            continue
        documents[f"{root.get('path', '')}/{root.get('name', '')}"] = root
        if root.get("type") == "gsb:ServiceOffer":
            offers.append((path, root))
    for path, root in offers:
        props = _properties(root)
        title = html_text(_rich(props, "gsb:title")).replace("\n", " ").strip()
        doc_path = root.get("path", "")
        relative = doc_path.split(PROGRAMME_PATH, 1)[-1] if PROGRAMME_PATH in doc_path else ""
        id_url = f"{relative}/{root.get('name', '')}".strip("/")
        categories: dict[str, list[str]] = {}
        funder = None
        for link in root.iter("link"):
            href = link.get(XLINK, "")
            match = re.search(r"/Categories/FDB/([^/]+)/([^/]+)$", href)
            if match:
                categories.setdefault(match.group(1), []).append(match.group(2))
            elif "/Content/DE/Foerdergeber/" in href:
                target = documents.get(href.removeprefix("target:"))
                if target is not None:
                    funder = html_text(_rich(_properties(target), "gsb:title")) or funder
        body = _rich(props, "gsb:bodyText")
        summary, procedure, requirements = _texts(body, _rich(props, "gsb:summary"))
        issued = _rich(props, "gsb:dateOfIssue")
        yield _Source(
            where=path.name,
            id_url=id_url,
            title=title,
            body=html_text(body),
            summary=summary,
            procedure=procedure,
            requirements=requirements,
            url=f"{SITE}{doc_path.removeprefix('/BMWI')}/{root.get('name', '')}.html",
            categories=categories,
            funder=funder,
            source_date=(issued or "")[:10] or None,
        )


# -- CorrelAid CSV ---------------------------------------------------------------------------

CSV_CATEGORIES = {
    "eligible_applicants": "Foerderberechtigte",
    "funding_area": "Foerderbereich",
    "funding_location": "Foerdergebiet",
    "funding_body": "Foerdergeber",
    "funding_type": "Foerderart",
}
CSV_REQUIRED = ("title", "description", "url", "id_url")
JSON_LIST_COLUMNS = (*CSV_CATEGORIES, "funding_organisation")


def _json_list(cell: str | None) -> list[str] | None:
    """A JSON-encoded list cell as strings; None when the cell is not a JSON list."""
    try:
        values = json.loads(cell or "[]")
    except json.JSONDecodeError:
        return None
    return [str(v) for v in values] if isinstance(values, list) else None


def _csv_sources(path: Path, result: FdbImport) -> Iterator[_Source]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        result.problems.append(f"{path.name}: nicht lesbar ({exc})")
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in CSV_REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        result.problems.append(f"{path.name}: Spalten fehlen: {', '.join(missing)}")
        return
    for row in reader:
        where = f"{path.name} Zeile {reader.line_num}"
        lists = {column: _json_list(row.get(column)) for column in JSON_LIST_COLUMNS}
        bad = [column for column, values in lists.items() if values is None]
        if bad:
            result.problems.append(f"{where}: Spalte {bad[0]} ist keine JSON-Liste")
            continue
        categories = {kind: lists[column] for column, kind in CSV_CATEGORIES.items()}
        body = row.get("description") or ""
        summary, procedure, requirements = _texts(body, row.get("short_description"))
        if row.get("procedure"):
            procedure = html_text(row["procedure"])
        organisations = lists["funding_organisation"]
        url = row["url"]
        yield _Source(
            where=where,
            id_url=row["id_url"],
            title=(row.get("title") or "").strip(),
            body=html_text(body),
            summary=summary,
            procedure=procedure,
            requirements=requirements,
            url=url,
            categories=categories,
            funder=", ".join(str(o) for o in organisations) or None,
            source_date=(row.get("date_of_issue") or "")[:10] or None,
        )


# -- entry point -----------------------------------------------------------------------------


def import_fdb(path: Path, today: date) -> FdbImport:
    """Read an XML export folder or file, or a CorrelAid CSV file, into draft records."""
    result = FdbImport()
    if path.is_dir():
        sources = _xml_sources(sorted(path.glob("*.xml")), result)
    elif path.suffix.lower() == ".csv":
        sources = _csv_sources(path, result)
    elif path.suffix.lower() == ".xml":
        sources = _xml_sources([path], result)
    else:
        result.problems.append(f"{path}: weder Ordner mit XML-Dateien noch .xml oder .csv")
        return result
    seen: set[str] = set()
    for src in sources:
        programme, problems, unmapped = to_programme(src, today)
        result.problems.extend(problems)
        if programme is None:
            continue
        if programme.slug in seen:
            result.problems.append(f"{src.where}: doppelter Eintrag {programme.slug} übersprungen")
            continue
        seen.add(programme.slug)
        result.programmes.append(programme)
        if unmapped:
            result.unmapped[programme.slug] = unmapped
    return result
