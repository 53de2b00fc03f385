"""A project concept PDF becomes a profile v1 draft; every field names its page and sentence."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from funding_matcher.domain import taxonomy
from funding_matcher.domain.german import MONTH_NUMBERS
from funding_matcher.domain.pdf_import.cleanup import dehyphenate
from funding_matcher.domain.pdf_import.concept.details import propose_details
from funding_matcher.domain.pdf_import.concept.org import (
    find_applicant,
    find_designated_area,
    find_municipality,
)
from funding_matcher.domain.pdf_import.concept.words import match_codes
from funding_matcher.domain.pdf_import.document import Page, PdfText, read_pdf
from funding_matcher.domain.pdf_import.german import (
    AMOUNT,
    LONG_DATE,
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
MONTH_YEAR = re.compile(
    r"\b(?P<month>" + "|".join(MONTH_NUMBERS) + r")\s(?P<year>(?:19|20)\d\d)\b", _I
)
SUMMARY_HEADINGS = re.compile(
    r"Zusammenfassung|Kurzbeschreibung|Projektbeschreibung|Ausgangslage|"
    r"Ziele?|Vorhaben|Projektidee|Hintergrund|Maßnahmen|Konzept",
    _I,
)
DESCRIPTION_CHARS = 4000
COST_WORDS = (
    (
        "personal",
        re.compile(
            r"Personal|Gehalt|Gehälter|Stelle\b|Projektleitung|Fachkraft|Sozialarbeit|"
            r"Koordinat|Minijob",
            _I,
        ),
    ),
    (
        "sach",
        re.compile(
            r"Sachkosten|Honorar|Material|Miete|Öffentlichkeitsarbeit|Reisekosten|Verpflegung|"
            r"Veranstaltung|Druck|Fahrtkosten|Verbrauch",
            _I,
        ),
    ),
    (
        "investiv",
        re.compile(
            r"Investition|Ausstattung|Umbau|Anschaffung|Bau(?:maßnahme|kosten)|Einrichtung|"
            r"Möbel|Geräte|Renovierung|Sanierung",
            _I,
        ),
    ),
)
COST_CONTEXT = re.compile(r"Kosten|Finanz|Ausgaben|Budget|Haushalt|€|Euro", _I)
TITLE_RATIO = 1.2  # a title is set this much larger than the body text
_LETTERHEAD = re.compile(
    r"e\.\s?V\.|gGmbH|GmbH|\b\d{5}\s|Tel\.|Telefon|E-Mail|www\.|@|straße\s\d|str\.\s\d|"
    r"^Stand\b|^\d{1,2}\.\d{1,2}\.\d{4}$",
    _I,
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
    applicant = find_applicant(document, sentences)
    if applicant.name:
        page, line = applicant.sources["name"]
        put("organisation", applicant.name, page, line)
        put("applicant_type", applicant.applicant_type, page, line)
    state = _state(sentences)
    if state:
        put("state", *state)
    municipality = find_municipality(applicant, sentences)
    if municipality:
        put("municipality", *municipality)
    designated = find_designated_area(sentences)
    if designated:
        put("designated_area", *designated)
    costs = _cost_types(sentences)
    if costs:
        put("cost_types", *costs)
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
    details, detail_sources = propose_details(sentences)
    return ConceptImport(
        document.file,
        document.page_count,
        document.pages_with_text,
        document.seconds,
        profile,
        sources,
        tuple(warnings),
        details=details,
        details_sources=detail_sources,
        applicant=applicant.block(),
    )


def _state(sentences: list[Sentence]) -> tuple[str, int, str] | None:
    """The first Land the concept names, as its code (NW for Nordrhein-Westfalen)."""
    names = sorted(taxonomy.STATES.items(), key=lambda item: -len(item[1]))
    for sentence in sentences:
        for code, name in names:
            if re.search(rf"\b{re.escape(name)}\b", sentence.text):
                return code, sentence.page, sentence.text
    return None


def _title(document: PdfText) -> tuple[str, int, str] | None:
    """A labelled title ("Projekttitel: …"); else the lines set largest on the first page (a
    title may wrap); else the first telling line that is no letterhead."""
    for page in document.pages[:2]:
        for line in page.lines[:15]:
            match = TITLE_LABEL.match(line)
            if match and len(match.group("value").strip()) >= 3:
                return match.group("value").strip()[:300], page.number, line
    if not document.pages:
        return None
    first = document.pages[0]
    largest = _largest_lines(first)
    if largest:
        return largest, first.number, largest
    for line in first.lines[:8]:
        if (
            3 <= len(line) <= 300
            and not GENERIC_TITLE.match(line)
            and ":" not in line
            and not _LETTERHEAD.search(line)
        ):
            return line, first.number, line
    return None


def _largest_lines(page: Page) -> str | None:
    """The consecutive lines set in the largest type near the top of a page, joined."""
    sized = [(line, size) for line, size in zip(page.lines[:20], page.sizes[:20], strict=False)]
    known = sorted(size for _, size in sized if size)
    if not known:
        return None
    body = known[len(known) // 2]
    top = known[-1]
    if top < body * TITLE_RATIO:
        return None
    lines: list[str] = []
    for line, size in sized:
        if size and size >= top * 0.95:
            if GENERIC_TITLE.match(line) and not lines:
                continue
            lines.append(line)
        elif lines:
            break
    title = " ".join(dehyphenate(lines)).strip()
    return title[:300] if len(title) >= 3 else None


def _cost_types(sentences: list[Sentence]) -> tuple[list[str], int, str] | None:
    """The kinds of cost the concept plans: from its cost section, or lines with amounts."""
    codes: list[str] = []
    first: Sentence | None = None
    for sentence in sentences:
        in_costs = bool(COST_CONTEXT.search(sentence.heading))
        if not (in_costs or AMOUNT.search(sentence.text)):
            continue
        for code, words in COST_WORDS:
            if code not in codes and words.search(sentence.text):
                codes.append(code)
                first = first or sentence
    if not codes or first is None:
        return None
    return [c for c, _ in COST_WORDS if c in codes], first.page, first.text


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
            value = date(int(month.group("year")), MONTH_NUMBERS[month.group("month").lower()], 1)
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
