"""An application outline drafted from the programme's sections and the project profile."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from funding_matcher.domain.applications.prefill import prefill
from funding_matcher.domain.applications.topics import BY_KEY, STANDARD_OUTLINE, Topic, topic_of
from funding_matcher.domain.catalogue.deadlines import format_date
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.profile import Profile

CHARS_RE = re.compile(r"(\d{1,3}(?:[.\s]\d{3})*|\d+)\s*(?:zeichen)", re.IGNORECASE)
PAGES_RE = re.compile(r"(\d{1,3})\s*(?:din[\s-]?a4[\s-]?)?seiten", re.IGNORECASE)
KEY_LENGTH = 60


@dataclass(frozen=True)
class SectionDraft:
    """One section of a drafted outline."""

    key: str
    title: str
    text: str  # prefilled from the profile; empty when the profile says nothing about it
    guidance: str
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


def _guidance(topic: Topic | None, programme: Programme, title: str) -> str:
    parts = (
        [topic.guidance]
        if topic
        else [
            f"Beschreiben Sie, was {programme.funder} unter „{title}“ erwartet; die Richtlinie "
            "nennt die Einzelheiten."
        ]
    )
    key = topic.key if topic else ""
    if key in ("kosten", "eigenanteil"):
        terms = []
        rate, cap = programme.limit("funding_rate_max_percent"), programme.limit("amount_max_eur")
        if rate is not None:
            terms.append(f"Förderquote bis {rate:g} %")
        if cap is not None:
            terms.append(f"Höchstbetrag {cap:,.0f} €".replace(",", "."))
        if programme.own_contribution:
            terms.append(f"Eigenanteil: {programme.own_contribution}")
        if terms:
            parts.append("Laut Katalog: " + "; ".join(terms) + ".")
    if topic is not None:
        related = [r for r in programme.requirements if any(w in r.lower() for w in topic.words)]
        if related:
            parts.append("Voraussetzungen des Programms: " + "; ".join(related) + ".")
    return " ".join(parts)


def draft_outline(
    profile: Profile, programme: Programme, organisation: str | None = None
) -> list[SectionDraft]:
    """The programme's outline sections in its order (else the standard outline), prefilled."""
    titles = list(programme.outline_sections) or [BY_KEY[k].title for k in STANDARD_OUTLINE]
    topics = [topic_of(title) for title in titles]
    # The description belongs in one section only: the situation, else the measures, else the
    # summary, else the first section.
    home = next(
        (
            i
            for key in ("ausgangslage", "massnahmen", "zusammenfassung")
            for i, t in enumerate(topics)
            if t and t.key == key
        ),
        0,
    )
    drafts, used = [], set()
    for i, (title, topic) in enumerate(zip(titles, topics, strict=True)):
        standard = not programme.outline_sections
        key = topic.key if standard and topic else slugify(title)
        while key in used:
            key = f"{key}-{i + 1}"
        used.add(key)
        text = prefill(topic.key if topic else None, profile, organisation)
        if i == home and (topic is None or topic.key != "ausgangslage"):
            text = f"{text}\n\n{profile.description.strip()}".strip()
        chars, pages = length_limit(title)
        drafts.append(
            SectionDraft(
                key=key,
                title=title,
                text=text,
                guidance=_guidance(topic, programme, title),
                limit_chars=chars,
                limit_pages=pages,
            )
        )
    return drafts


def source_note(programme: Programme) -> str:
    """Where the programme facts come from, for the outline's footer."""
    return (
        f"Programmangaben laut Katalog (Stand {format_date(programme.checked_on)}), Quelle: "
        f"{programme.source_url}. Bitte die aktuelle Förderrichtlinie prüfen."
    )
