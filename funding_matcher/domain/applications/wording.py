"""Small pieces of German the drafts are written with: counts, months, periods, names."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from funding_matcher.domain.german import MONTH_NAMES, format_month, format_number

_NUMBER_WORDS = (
    "null",
    "ein",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
)


def count_words(n: int, singular: str, plural: str, article: str = "ein") -> str:
    """'drei Ziele', 'ein Ziel', 'eine Maßnahme', '14 Partner' (numbers up to twelve in words)."""
    if n == 1:
        return f"{article} {singular}"
    word = _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else format_number(n)
    return f"{word} {plural}"


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def period_end(start: date, months: int) -> date:
    """The last day of a period of ``months`` starting on ``start``."""
    return add_months(start, months) - timedelta(days=1)


def month_of_project(start: date, n: int) -> tuple[int, int]:
    """(year, month) of project month ``n`` (1 = the month the period starts in)."""
    index = start.month - 1 + n - 1
    return start.year + index // 12, index % 12 + 1


def month_span(start: date | None, first: int | None, last: int | None) -> str:
    """Project months as calendar months: 'Juli bis Dezember 2028', 'Juli 2028 bis Juni 2029';
    without a start date as project months: 'Projektmonate 1 bis 6'."""
    if first is None and last is None:
        return ""
    if start is None:
        if first is not None and last is not None:
            return f"Projektmonat {first}" if first == last else f"Projektmonate {first} bis {last}"
        return f"ab Projektmonat {first}" if first is not None else f"bis Projektmonat {last}"
    if first is None:
        year, month = month_of_project(start, last or 1)
        return f"bis {format_month(year, month)}"
    y1, m1 = month_of_project(start, first)
    if last is None:
        return f"ab {format_month(y1, m1)}"
    y2, m2 = month_of_project(start, last)
    if (y1, m1) == (y2, m2):
        return format_month(y1, m1)
    if y1 == y2:
        return f"{MONTH_NAMES[m1 - 1]} bis {format_month(y2, m2)}"
    return f"{format_month(y1, m1)} bis {format_month(y2, m2)}"


def months_between(start: date, end: date) -> int:
    """Whole calendar months of a period (both days inclusive), at least 1."""
    return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


# The grammatical gender of an organisation's head noun, by how the noun ends (German compounds
# take the gender of their last part: "Nachbarschaftsverein" is "der", "Wohnungsbaugesellschaft"
# "die"). Longer endings first, so "Beirat" is not read as "rat" of another word.
_GENDER_BY_ENDING = (
    (
        "die",
        (
            "stadt",
            "gemeinde",
            "stiftung",
            "gesellschaft",
            "genossenschaft",
            "hilfe",
            "initiative",
            "verwaltung",
            "vereinigung",
            "gemeinschaft",
            "akademie",
            "schule",
            "kirche",
            "diakonie",
            "caritas",
            "awo",
            "universität",
            "hochschule",
            "werkstatt",
            "werkstätten",
            "einrichtung",
            "agentur",
            "anstalt",
            "kammer",
            "kommune",
            "stelle",
            "liga",
            "union",
            "tafel",
            "bühne",
            "bibliothek",
            "kita",
        ),
    ),
    (
        "der",
        (
            "verein",
            "verband",
            "bund",
            "kreis",
            "markt",
            "ring",
            "laden",
            "träger",
            "dienst",
            "rat",
            "club",
            "klub",
            "treff",
            "kindergarten",
            "orden",
            "zusammenschluss",
        ),
    ),
    (
        "das",
        (
            "werk",
            "haus",
            "zentrum",
            "büro",
            "forum",
            "institut",
            "bündnis",
            "amt",
            "komitee",
            "kollektiv",
            "theater",
            "museum",
            "projekt",
        ),
    ),
)
# Words that may stand before the head noun: acronyms ("AWO Kreisverband"), adjectives
# ("Gelsenkirchener Gemeinnützige Wohnungsbaugesellschaft", "Diakonisches Werk").
_BEFORE_HEAD = re.compile(
    r"^(?:[A-ZÄÖÜ0-9&.-]{2,}|[A-ZÄÖÜ][a-zäöüß-]*(?:er|e|es|en|isch|ische|isches))$"
)
_ARTICLES = ("der", "die", "das", "dem", "den", "des")


def _gender(word: str) -> str | None:
    noun = word.strip(",.()").lower()
    for article, endings in _GENDER_BY_ENDING:
        if any(noun.endswith(ending) for ending in endings):
            return article
    return None


def article_of(name: str) -> str | None:
    """'der', 'die' or 'das' for an organisation's name by its head noun; None when the name
    has no recognisable head noun (a proper name such as "Nachbarn e. V." takes none) or when an
    adjective before it would change its ending ("Diakonisches Werk")."""
    words = [w.strip(",.()") for w in name.split()[:4]]
    for index, word in enumerate(words):
        article = _gender(word)
        following = _gender(words[index + 1]) if index + 1 < len(words) else None
        if article is not None and not (word.isupper() and following):
            before = words[:index]
            if not all(_BEFORE_HEAD.match(w) for w in before):
                return None
            # "Paritätischer Wohlfahrtsverband" needs "Der Paritätische …": leave such names.
            strong = [w for w in before if w.endswith(("er", "es")) and not w.isupper()]
            if article != "die" and strong:
                return None
            return article
        if not _BEFORE_HEAD.match(word):
            return None
    return None


def with_article(name: str, capital: bool = True) -> str:
    """'Die Stadt Gelsenkirchen', 'Der AWO Kreisverband …' for a name whose head noun takes an
    article (nominative), else the name as it is."""
    if not name or name.split()[0].lower() in _ARTICLES:
        return name
    article = article_of(name)
    if article is None:
        return name
    return f"{article.capitalize() if capital else article} {name}"


def ends_sentence(text: str) -> str:
    """The text with a full stop unless it already ends a sentence."""
    text = text.rstrip()
    core = text.rstrip("“”\"'»")
    return text if not text or core[-1:] in (".", "!", "?", "…", ":") else f"{text}."


def join_and(parts: list[str]) -> str:
    """'A, B und C'."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} und {parts[-1]}"


@dataclass(frozen=True)
class Vocabulary:
    """The grantor's words for the tool's own sentences: public grantors speak Haushaltsrecht
    (Zuwendung, zuwendungsfähige Ausgaben), foundations and lotteries of Förderung and
    förderfähigen Kosten (the user's words are never changed)."""

    grant: str  # "Zuwendung" / "Förderung"
    eligible: str  # "zuwendungsfähig" / "förderfähig"
    expenses: str  # "Ausgaben" / "Kosten"
    total: str  # "Gesamtausgaben" / "Gesamtkosten"
    project: str  # "Vorhaben" / "Projekt" (neuter both: "des Vorhabens", "des Projekts")


PUBLIC = Vocabulary("Zuwendung", "zuwendungsfähig", "Ausgaben", "Gesamtausgaben", "Vorhaben")
PRIVATE = Vocabulary("Förderung", "förderfähig", "Kosten", "Gesamtkosten", "Projekt")


def vocabulary(level: str | None) -> Vocabulary:
    """The vocabulary of a programme by its level: ``stiftung`` (foundations, lotteries such as
    Aktion Mensch) is no public grantor; every other level is."""
    return PRIVATE if level == "stiftung" else PUBLIC
