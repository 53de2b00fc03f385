"""A project concept PDF becomes a profile v1 draft; every field names its page and sentence."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from funding_matcher.domain import taxonomy
from funding_matcher.domain.pdf_import.concept_words import match_codes
from funding_matcher.domain.pdf_import.document import PdfText, read_pdf
from funding_matcher.domain.pdf_import.german import (
    AMOUNT,
    LONG_DATE,
    MONTHS,
    NUMERIC_DATE,
    PERCENT,
    SMALL_NUMBER,
    amount_value,
    date_value,
    number_word,
    parse_number,
)
from funding_matcher.domain.pdf_import.results import ConceptImport
from funding_matcher.domain.pdf_import.sandbox import Limits
from funding_matcher.domain.pdf_import.sections import find_headings
from funding_matcher.domain.pdf_import.sentences import Sentence, quote, split_sentences

_I = re.IGNORECASE
TITLE_LABEL = re.compile(
    r"^(?:Projekttitel|Titel des (?:Projekts|Vorhabens)|Projektname|"
    r"Name des Projekts|Vorhabentitel|Titel)\s*:\s*(?P<value>.+)$",
    _I,
)
GENERIC_TITLE = re.compile(
    r"^(?:Projekt(?:konzept|skizze|beschreibung|antrag)|Konzept|"
    r"Ideenskizze|Antrag|Förderantrag|Entwurf|Stand\b.*|Seite \d+.*)$",
    _I,
)
TOTAL = re.compile(
    r"Gesamtkosten|Gesamtbudget|Gesamtvolumen|Projektkosten|Gesamtausgaben|"
    r"Kosten insgesamt|Gesamtfinanzierung|Projektvolumen|Budget",
    _I,
)
OWN = re.compile(r"Eigenmittel|Eigenanteil|eigene Mittel|Eigenleistung", _I)
DURATION = re.compile(
    rf"(?:Laufzeit|Dauer|Projektdauer|Projektlaufzeit|über|für)\D{{0,25}}?(?P<n>{SMALL_NUMBER})\s*"
    r"(?P<unit>Monate?n?|Jahre?n?)\b",
    _I,
)
START = re.compile(
    r"Projektbeginn|Beginn|Projektstart|Start|beginnt|startet|ab dem|Laufzeit vom", _I
)
MONTH_YEAR = re.compile(r"\b(?P<month>" + "|".join(MONTHS) + r")\s(?P<year>(?:19|20)\d\d)\b", _I)
SUMMARY_HEADINGS = re.compile(
    r"Zusammenfassung|Kurzbeschreibung|Projektbeschreibung|Ausgangslage|"
    r"Ziele?|Vorhaben|Projektidee|Hintergrund|Maßnahmen|Konzept",
    _I,
)
DESCRIPTION_CHARS = 4000
ORGANISATION_LABEL = re.compile(
    r"^(?:Träger|Projektträger|Antragsteller(?:in)?|Antragstellende Organisation|Organisation|"
    r"Einrichtung)\s*:\s*(?P<value>[^,(;]{3,200})",
    _I,
)
# Words in an organisation's name that tell its applicant type; the first that fits wins.
APPLICANT_NAMES = (
    ("kirchengemeinde", re.compile(r"Kirchengemeinde|Pfarrei|Gemeinde St\.", _I)),
    ("kommune", re.compile(r"^(?:Stadt|Gemeinde|Landkreis|Kreis|Markt|Amt)\b", _I)),
    ("wohnungsunternehmen", re.compile(r"Wohnungs|Wohnbau|Baugenossenschaft", _I)),
    (
        "freier_traeger",
        re.compile(
            r"gGmbH|Diakonie|Caritas|AWO|Arbeiterwohlfahrt|DRK|Rotes Kreuz|"
            r"Paritätisch|Wohlfahrt|Jugendhilfe",
            _I,
        ),
    ),
    ("verein", re.compile(r"e\.\s?V\.|Verein|Initiative|Stiftung", _I)),
    ("unternehmen", re.compile(r"GmbH|\bAG\b|\bKG\b|UG\b", _I)),
)


def import_concept(
    source: bytes | str | Path,
    *,
    password: str | None = None,
    limits: Limits | None = None,
    name: str | None = None,
) -> ConceptImport:
    """Read a concept PDF safely and draft a profile; PdfImportError for a bad file."""
    return propose_profile(read_pdf(source, password=password, limits=limits, name=name))


def propose_profile(document: PdfText) -> ConceptImport:
    """A profile v1 draft from the concept's text, with the source of every field."""
    pages = [page.lines for page in document.pages]
    emphasis = [page.emphasis for page in document.pages]
    footnotes = [page.footnotes for page in document.pages]
    sentences = split_sentences(pages, find_headings(pages, emphasis), footnotes=footnotes)
    profile: dict[str, Any] = {}
    sources: dict[str, dict[str, Any]] = {}

    def put(field: str, value: Any, page: int, text: str) -> None:
        """Record a field with its source, unless it is empty or already set."""
        if value is not None and value != [] and field not in profile:
            profile[field] = value
            sources[field] = {"page": page, "quote": quote(text)}

    title = _title(document)
    if title:
        put("title", title[0], title[1], title[2])
    description = _description(sentences, profile.get("title", ""))
    if description:
        put("description", description[0], description[1], description[2])
    organisation = _organisation(sentences)
    if organisation:
        put("organisation", *organisation)
        kind = next(
            (code for code, words in APPLICANT_NAMES if words.search(organisation[0])), None
        )
        put("applicant_type", kind, organisation[1], organisation[2])
    state = _state(sentences)
    if state:
        put("state", *state)
    for field, pattern in (("budget_total_eur", TOTAL), ("own_funds_eur", OWN)):
        found = _money(sentences, pattern, profile.get("budget_total_eur"))
        if found:
            put(field, *found)
    start = _start(sentences)
    if start:
        put("start_date", *start)
    duration = _duration(sentences)
    if duration:
        put("duration_months", *duration)
    for field in ("themes", "target_groups"):
        codes, page, text = match_codes(field, sentences)
        put(field, codes, page, text)
    warnings = list(document.warnings)
    missing = [name for name in ("title", "description") if name not in profile]
    if missing:
        warnings.append("Nicht gefunden: " + ", ".join(missing) + "; bitte im Formular ergänzen.")
    if (
        "budget_total_eur" in profile
        and "own_funds_eur" in profile
        and (profile["own_funds_eur"] > profile["budget_total_eur"])
    ):
        warnings.append("Die Eigenmittel sind höher als die Gesamtkosten; bitte prüfen.")
    return ConceptImport(
        document.file,
        document.page_count,
        document.pages_with_text,
        document.seconds,
        profile,
        sources,
        tuple(warnings),
    )


def _organisation(sentences: list[Sentence]) -> tuple[str, int, str] | None:
    """The organisation named after "Träger:" or "Antragsteller:"."""
    for sentence in sentences:
        for part in re.split(
            r"\s(?=(?:Träger|Projektträger|Antragsteller\w*|Organisation)\s*:)", sentence.text
        ):
            match = ORGANISATION_LABEL.match(part)
            if match:
                return match.group("value").strip(), sentence.page, part
    return None


def _state(sentences: list[Sentence]) -> tuple[str, int, str] | None:
    """The first Land the concept names, as its code (NW for Nordrhein-Westfalen)."""
    names = sorted(taxonomy.STATES.items(), key=lambda item: -len(item[1]))
    for sentence in sentences:
        for code, name in names:
            if re.search(rf"\b{re.escape(name)}\b", sentence.text):
                return code, sentence.page, sentence.text
    return None


def _title(document: PdfText) -> tuple[str, int, str] | None:
    """A labelled title ("Projekttitel: …"), else the first telling line of the first page."""
    for page in document.pages[:2]:
        for line in page.lines[:15]:
            match = TITLE_LABEL.match(line)
            if match and len(match.group("value").strip()) >= 3:
                return match.group("value").strip()[:300], page.number, line
    for page in document.pages[:1]:
        for line in page.lines[:6]:
            if 3 <= len(line) <= 300 and not GENERIC_TITLE.match(line) and ":" not in line:
                return line, page.number, line
    return None


def _description(sentences: list[Sentence], title: str) -> tuple[str, int, str] | None:
    """The concept's summary sections, else its running text, up to ~4000 characters."""
    body = [s for s in sentences if not s.is_heading and s.text != title and len(s.text) > 30]
    preferred = [s for s in body if SUMMARY_HEADINGS.search(s.heading)]
    chosen = preferred or body
    if not chosen:
        return None
    parts: list[str] = []
    for sentence in chosen:
        if sum(len(p) + 1 for p in parts) + len(sentence.text) > DESCRIPTION_CHARS:
            break
        parts.append(sentence.text)
    text = " ".join(parts) or chosen[0].text[:DESCRIPTION_CHARS]
    if len(text) < 20:
        return None
    return text, chosen[0].page, chosen[0].text


def _money(
    sentences: list[Sentence], cue: re.Pattern[str], total: Decimal | None
) -> tuple[Decimal, int, str] | None:
    """The amount named right after the cue word; a share of the total when given in percent."""
    for sentence in sentences:
        match = cue.search(sentence.text)
        if match is None:
            continue
        tail = sentence.text[match.end() : match.end() + 80]
        amount = AMOUNT.search(tail)
        if amount and (value := amount_value(amount)) is not None:
            return value, sentence.page, sentence.text
        share = PERCENT.search(tail)
        if share and total is not None:
            percent = parse_number(share.group("num")) or Decimal(0)
            value = (total * percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            return value, sentence.page, sentence.text
    return None


def _start(sentences: list[Sentence]) -> tuple[date, int, str] | None:
    """The start date: a full date after "Projektbeginn", or the first of a named month."""
    for sentence in sentences:
        match = START.search(sentence.text)
        if match is None:
            continue
        tail = sentence.text[match.start() : match.end() + 60]
        for pattern in (LONG_DATE, NUMERIC_DATE):
            found = pattern.search(tail)
            if found and (value := date_value(found)) is not None:
                return value, sentence.page, sentence.text
        month = MONTH_YEAR.search(tail)
        if month:
            value = date(int(month.group("year")), MONTHS[month.group("month").lower()], 1)
            return value, sentence.page, sentence.text
    return None


def _duration(sentences: list[Sentence]) -> tuple[int, int, str] | None:
    """The duration in months ("Laufzeit: 24 Monate", "über drei Jahre"), within 1 to 120."""
    for sentence in sentences:
        match = DURATION.search(sentence.text)
        if match is None:
            continue
        number = number_word(match.group("n"))
        if number is None:
            continue
        months = number * 12 if match.group("unit").lower().startswith("jahr") else number
        if 1 <= months <= 120:
            return months, sentence.page, sentence.text
    return None
