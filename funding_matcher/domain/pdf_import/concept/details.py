"""The project details a concept states (drafting contract § 1, profile format v1.1 ``details``).

Each topic comes from the section whose heading names it ("Ausgangslage", "Zielgruppe", "Ziele",
"Maßnahmen", "Beteiligung", "Barrierefreiheit", "Kooperationspartner", "Verstetigung",
"Öffentlichkeitsarbeit", "Notwendigkeit der Förderung", "Erfahrung des Trägers"), in the
user's own words: texts are the section's sentences, lists its items. Nothing is made up: a
topic the concept has no section for stays out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from funding_matcher.domain.pdf_import.sentences import Sentence

_I = re.IGNORECASE
MAX_TEXT = 5000
MAX_ITEMS = 30
# Heading words per topic, most specific first ("Ziele und Zielgruppen" is about target groups).
TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("funding_need", re.compile(r"Notwendigkeit|Förderbedarf|Finanzierungsbedarf|Warum\b", _I)),
    ("target_group", re.compile(r"Zielgruppe", _I)),
    ("accessibility", re.compile(r"Barrierefrei|Inklusion|Zugänglichkeit", _I)),
    ("participation", re.compile(r"Beteiligung|Partizipation|Mitwirkung|Mitbestimmung", _I)),
    ("partners", re.compile(r"Kooperation|Partner|Netzwerk", _I)),
    ("sustainability", re.compile(r"Nachhaltigkeit|Verstetigung|Förderende|Perspektive", _I)),
    ("publicity", re.compile(r"Öffentlichkeitsarbeit|Kommunikation|Pressearbeit", _I)),
    ("experience", re.compile(r"Erfahrung|Über uns|Träger|Antragsteller|Wir über uns", _I)),
    ("goals", re.compile(r"\bZiele?\b|Zielsetzung|Projektziele", _I)),
    (
        "activities",
        re.compile(
            r"Maßnahmen|Aktivitäten|Arbeitspakete|Vorgehen|Umsetzung|Angebote|Arbeitsschritte|"
            r"Projektverlauf|Methoden",
            _I,
        ),
    ),
    ("need", re.compile(r"Ausgangslage|Ausgangssituation|Bedarf|Problemlage|Hintergrund", _I)),
)
_BULLET = re.compile(r"^(?:[–•▪■●○o\-]|\d{1,2}[.)]|[a-z]\))\s+")
_MONTHS = re.compile(
    r"\(?\s*(?:Monate?|M)\s?(?P<from>\d{1,2})\s?(?:[–-]|bis)\s?(?:Monat\s?|M)?(?P<to>\d{1,2})\s*\)?",
    _I,
)
_COUNT = re.compile(
    r"(?<![\d.,])(?P<n>\d{1,5})\s+(?:Personen|Menschen|Teilnehmende\w*|Teilnehmer\w*|Kinder\w*|"
    r"Jugendliche\w*|Bewohner\w*|Familien|Senior\w*|Haushalte\w*|Frauen|Geflüchtete\w*)"
)
_SUBGROUPS = re.compile(r"\bdavon (?P<list>[^.;()]{3,200})")
_SUBGROUP = re.compile(r"^(?P<n>\d{1,5}) (?P<label>\D{3,80})$")
_FIGURE = re.compile(
    r"(?P<label>[A-ZÄÖÜ][^.:;]{3,80}?)\s(?:liegt bei|lag bei|beträgt|betrug|von|:)\s"
    r"(?P<value>\d[\d.,]*\s?(?:%|Prozent|Personen|Menschen|Einwohner\w*|Haushalte|Euro))"
)
_SOURCE = re.compile(r"\((?:Quelle:\s*)?(?P<source>[^()]{3,80}?)\)")
_PARTNER = re.compile(
    r"^(?P<name>[^:(–]{3,120}?)\s*(?:\((?P<r1>[^)]{2,120})\)|[:–]\s*(?P<r2>.{2,200}))$"
)
_INDICATOR = re.compile(r"Indikator(?:en)?:\s*(?P<v>[^;]+)", _I)
_TARGET = re.compile(r"Zielwert:\s*(?P<v>[^;]+)", _I)


def propose_details(sentences: Sequence[Sentence]) -> tuple[dict[str, Any], dict[str, dict]]:
    """The ``details`` topics the concept's sections state, and the page and quote of each."""
    sections = _sections(sentences)
    details: dict[str, Any] = {}
    sources: dict[str, dict] = {}

    def put(topic: str, value: Any, first: Sentence) -> None:
        if value not in (None, "", [], {}) and topic not in details:
            details[topic] = value
            sources[f"details.{topic}"] = {"page": first.page, "quote": first.text[:320]}

    for topic, body in sections.items():
        if topic == "need":
            put("need", _text(body), body[0])
            figures = _figures(body)
            put("need_figures", figures, body[0])
        elif topic == "target_group":
            put("target_group", _target_group(body), body[0])
        elif topic == "goals":
            put("goals", [_goal(item) for item in _items(body)], body[0])
        elif topic == "activities":
            put("activities", [_activity(item) for item in _items(body)], body[0])
        elif topic == "partners":
            put("partners", [_partner(item) for item in _items(body)], body[0])
        else:
            put(topic, _text(body), body[0])
    return details, sources


def _sections(sentences: Sequence[Sentence]) -> dict[str, list[Sentence]]:
    """The body sentences under each topic's heading, in order."""
    found: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        if sentence.is_heading or sentence.is_footnote or not sentence.heading:
            continue
        title = sentence.heading.rsplit(" / ", 1)[-1]
        topic = next((name for name, words in TOPICS if words.search(title)), None)
        if topic:
            found.setdefault(topic, []).append(sentence)
    return found


def _text(body: Sequence[Sentence]) -> str:
    """The section's sentences as one text, within the contract's 5,000 characters."""
    parts: list[str] = []
    for sentence in body:
        if sum(len(p) + 1 for p in parts) + len(sentence.text) > MAX_TEXT:
            break
        parts.append(_BULLET.sub("", sentence.text))
    return " ".join(parts)


def _items(body: Sequence[Sentence]) -> list[str]:
    """The section's list items; a section without bullets gives one item per sentence."""
    bullets = [s for s in body if _BULLET.match(s.text)]
    chosen = bullets or list(body)
    return [_BULLET.sub("", s.text).strip() for s in chosen][:MAX_ITEMS]


def _figures(body: Sequence[Sentence]) -> list[dict[str, str | None]]:
    figures = []
    for sentence in body:
        match = _FIGURE.search(sentence.text)
        if match:
            source = _SOURCE.search(sentence.text[match.end() :])
            figures.append(
                {
                    "label": re.sub(r"^(?:Die|Der|Das)\s", "", match.group("label").strip()),
                    "value": match.group("value").strip(),
                    "source": source.group("source").strip() if source else None,
                }
            )
    return figures[:MAX_ITEMS]


def _target_group(body: Sequence[Sentence]) -> dict[str, Any]:
    text = _text(body)
    group: dict[str, Any] = {"description": text}
    count = _COUNT.search(text)
    if count:
        group["count"] = int(count.group("n"))
    subgroups = []
    for listed in _SUBGROUPS.finditer(text):
        for part in re.split(r",\s|\s(?:und|sowie)\s", listed.group("list")):
            match = _SUBGROUP.match(part.strip())
            if match:
                subgroups.append(
                    {"label": match.group("label").strip(), "count": int(match.group("n"))}
                )
    if subgroups:
        group["subgroups"] = subgroups[:MAX_ITEMS]
    return group


def _goal(item: str) -> dict[str, str | None]:
    indicator, target = _INDICATOR.search(item), _TARGET.search(item)
    goal = re.split(r"\s*[;(]?\s*(?:Indikator|Zielwert)", item, maxsplit=1, flags=_I)[0]
    return {
        "goal": goal.strip(" ;,"),
        "indicator": indicator.group("v").strip(" .;)") if indicator else None,
        "target": target.group("v").strip(" .;)") if target else None,
    }


def _activity(item: str) -> dict[str, Any]:
    months = _MONTHS.search(item)
    text = _MONTHS.sub(" ", item).strip() if months else item
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;")
    parts = re.split(r":\s|\s[–-]\s", text, maxsplit=1)
    title, description = (parts[0], parts[1]) if len(parts) == 2 else (text, "")
    if len(title) > 120:
        title, description = text, ""
    activity: dict[str, Any] = {"title": title.strip(), "description": description.strip() or None}
    if months:
        activity["from_month"] = int(months.group("from"))
        activity["to_month"] = int(months.group("to"))
    return activity


def _partner(item: str) -> dict[str, str | None]:
    match = _PARTNER.match(item.rstrip(". "))
    if match:
        return {
            "name": match.group("name").strip(),
            "role": (match.group("r1") or match.group("r2") or "").strip(" .") or None,
        }
    return {"name": item.rstrip(". "), "role": None}
