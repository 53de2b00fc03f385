"""A programme's outline: its sections with their topics and limits, and the starting texts.

The sections and their topics come from the record (``outline_sections``, ``outline_topics``,
``outline_limits``); a programme without sections gets the standard Vorhabenbeschreibung.
The starting texts are composed from the profile's facts (``facts`` and ``compose``); the plan's
figures are added when a draft is built, so a stored text never holds a stale amount.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.compose import Composition, compose, guidance
from funding_matcher.domain.applications.facts import context, profile_period, topic_pieces
from funding_matcher.domain.applications.topics import STANDARD_OUTLINE
from funding_matcher.domain.applications.wording import vocabulary
from funding_matcher.domain.catalogue.records import OUTLINE_TOPICS, Programme
from funding_matcher.domain.german import format_date
from funding_matcher.domain.profile import Profile

CHARS_RE = re.compile(r"(\d{1,3}(?:[.\s]\d{3})*|\d+)\s*(?:zeichen)", re.IGNORECASE)
PAGES_RE = re.compile(r"(\d{1,3})\s*(?:din[\s-]?a4[\s-]?)?seiten", re.IGNORECASE)
KEY_LENGTH = 60


@dataclass(frozen=True)
class OutlineSection:
    """One section of a programme's outline."""

    key: str
    title: str
    topics: tuple[str, ...]
    limit_chars: int | None = None
    limit_pages: int | None = None


@dataclass(frozen=True)
class SectionDraft:
    """One section with its starting text (empty when the profile says nothing about it)."""

    key: str
    title: str
    text: str
    guidance: str
    topics: tuple[str, ...] = ()
    limit_chars: int | None = None
    limit_pages: int | None = None

    @property
    def prefilled(self) -> bool:
        return bool(self.text)


def slugify(title: str) -> str:
    """A stable ASCII key for a title: 'Ziele und Maßnahmen' -> 'ziele-und-massnahmen'."""
    folded = title.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    folded = folded.replace("ß", "ss")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:KEY_LENGTH].rstrip("-") or "abschnitt"


def length_limit(text: str) -> tuple[int | None, int | None]:
    """A length limit stated in a title or requirement: (characters, pages)."""
    chars = CHARS_RE.search(text)
    pages = PAGES_RE.search(text)
    return (
        int(re.sub(r"\D", "", chars.group(1))) if chars else None,
        int(pages.group(1)) if pages else None,
    )


def outline_of(programme: Programme) -> list[OutlineSection]:
    """The programme's sections with topics and limits (the standard outline when it has none).

    A record without ``outline_topics`` (``programs validate`` refuses it) gets no topics: its
    sections stay empty until the catalogue names them, nothing is guessed from a title.
    """
    if programme.outline_sections:
        titles = list(programme.outline_sections)
        topics = [tuple(t) for t in (programme.outline_topics or [[] for _ in titles])]
        limits = list(programme.outline_limits or [None for _ in titles])
    else:
        titles = [title for title, _ in STANDARD_OUTLINE]
        topics = [codes for _, codes in STANDARD_OUTLINE]
        limits = [None for _ in titles]
    sections, used = [], set()
    for i, (title, codes, limit) in enumerate(zip(titles, topics, limits, strict=True)):
        key = slugify(title)
        while key in used:
            key = f"{key}-{i + 1}"
        used.add(key)
        chars, pages = length_limit(title)
        sections.append(OutlineSection(key, title, codes, limit or chars, pages))
    return sections


def stored_composition(
    profile: Profile, programme: Programme, applicant: Applicant | None = None
) -> Composition:
    """The sections composed from the profile's facts, without the plan's figures."""
    outline = outline_of(programme)
    applicant = (applicant or Applicant()).with_name(profile.organisation)
    title = getattr(programme, "short_title", None) or programme.title
    words = vocabulary(programme.level)
    ctx = context(profile, applicant, title, profile_period(profile), None, False, words)
    # No plan here: the summary names no amount and the finance topic stays for the draft.
    pieces = topic_pieces(ctx, OUTLINE_TOPICS)
    return compose([s.title for s in outline], [s.topics for s in outline], pieces)


def draft_outline(
    profile: Profile, programme: Programme, applicant: Applicant | None = None
) -> list[SectionDraft]:
    """The programme's sections in its order, each with its starting text and guidance."""
    outline = outline_of(programme)
    composition = stored_composition(profile, programme, applicant)
    return [
        SectionDraft(
            key=section.key,
            title=section.title,
            text=composed.text,
            guidance=guidance(section.topics),
            topics=section.topics,
            limit_chars=section.limit_chars,
            limit_pages=section.limit_pages,
        )
        for section, composed in zip(outline, composition.sections, strict=True)
    ]


def source_note(programme: Programme) -> str:
    """Where the programme facts come from, for the outline's footer."""
    return (
        f"Programmangaben laut Katalog (Stand {format_date(programme.checked_on)}), Quelle: "
        f"{programme.source_url}. Bitte die aktuelle Förderrichtlinie prüfen."
    )
