"""Small pieces of German the drafts are written with: counts, months, periods, names."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
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
    word = _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}".replace(",", ".")
    return f"{word} {plural}"


def number(n: int) -> str:
    """A whole number with German thousands dots: 8400 -> '8.400'."""
    return f"{n:,}".replace(",", ".")


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
        return f"bis {MONTHS[month - 1]} {year}"
    y1, m1 = month_of_project(start, first)
    if last is None:
        return f"ab {MONTHS[m1 - 1]} {y1}"
    y2, m2 = month_of_project(start, last)
    if (y1, m1) == (y2, m2):
        return f"{MONTHS[m1 - 1]} {y1}"
    if y1 == y2:
        return f"{MONTHS[m1 - 1]} bis {MONTHS[m2 - 1]} {y1}"
    return f"{MONTHS[m1 - 1]} {y1} bis {MONTHS[m2 - 1]} {y2}"


def de_date(day: date) -> str:
    """01.07.2028."""
    return f"{day:%d.%m.%Y}"


def months_between(start: date, end: date) -> int:
    """Whole calendar months of a period (both days inclusive), at least 1."""
    return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


# Names that take an article in running text ("Die Stadt Gelsenkirchen beantragt …").
_ARTICLES = (
    (
        r"(Stadt|Gemeinde|Samtgemeinde|Verbandsgemeinde|Hansestadt|Landeshauptstadt|Stiftung)\b",
        "die",
    ),
    (r"(Landkreis|Kreis|Markt|Verein|Verband|Kreisverband|Bezirksverband|Förderverein)\b", "der"),
)


def with_article(name: str, capital: bool = True) -> str:
    """'Die Stadt Gelsenkirchen' for a name that needs an article, else the name as it is."""
    for pattern, article in _ARTICLES:
        if re.match(pattern, name):
            return f"{article.capitalize() if capital else article} {name}"
    return name


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
