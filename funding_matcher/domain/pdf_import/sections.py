"""The outline of a guideline: numbered headings, what each section is about, and versions.

Bund and Land guidelines share one numbering (1 Förderziel, 2 Gegenstand, 3 Zuwendungsempfänger,
4 Voraussetzungen, 5 Art, Umfang und Höhe, 6 sonstige Bestimmungen, 7 Verfahren, 8 Geltungsdauer);
municipal ones use "§ 4 Förderhöhe" or plain headings such as "Wer wird gefördert?". A field
found in the section where guidelines put it is a better candidate than the same pattern elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from funding_matcher.domain.pdf_import.german import find_dates

# Section kinds, tried in this order (the first keyword that occurs in a title wins).
KIND_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "validity",
        (
            "inkrafttreten",
            "in kraft",
            "geltungsdauer",
            "außerkrafttreten",
            "laufzeit der",
            "gültigkeit",
            "schlussbestimmung",
            "befristung",
        ),
    ),
    (
        "applicants",
        (
            "zuwendungsempfänger",
            "antragsberechtig",
            "wer wird gefördert",
            "wer kann",
            "wen wir fördern",
            "wen fördert",
            "wer ist antragsberechtigt",
            "förderberechtig",
            "teilnahmeberechtig",
            "antragsteller",
            "antragstellende",
            "empfänger",
            "förderempfänger",
            "berechtigter personenkreis",
        ),
    ),
    (
        "amount",
        (
            "höhe der",
            "art und umfang",
            "art, umfang",
            "förderhöhe",
            "fördersatz",
            "fördersätze",
            "förderquote",
            "umfang der förderung",
            "art der förderung",
            "zuschusshöhe",
            "förderbetrag",
            "wie wird gefördert",
            "förderhöchst",
            "fördergrenzen",
            "höchstbetrag",
            "konditionen",
            "art und höhe",
            "finanzierungsart",
            "zuwendungsfähige",
            "förderfähige kosten",
            "fördersumme",
            "förderumfang",
        ),
    ),
    ("conditions", ("voraussetzung",)),
    (
        "procedure",
        (
            "verfahren",
            "antragstellung",
            "antrag",
            "einreichung",
            "fristen",
            "frist",
            "skizze",
            "bewilligung",
            "auswahl",
        ),
    ),
    (
        "subject",
        (
            "gegenstand",
            "was wird gefördert",
            "förderfähige maßnahmen",
            "fördertatbest",
            "förderbereiche",
            "förderfähig",
        ),
    ),
    (
        "purpose",
        (
            "förderziel",
            "zuwendungszweck",
            "zweck",
            "präambel",
            "ziel",
            "rechtsgrundlage",
            "fördergrundsätze",
        ),
    ),
)

_NUMBERED = re.compile(
    r"^(?P<num>§\s?\d{1,2}[a-z]?|[A-Z]?\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<title>\S.*)$"
)
_TOC_LEADER = re.compile(r"(?:\.{4,}|…{2,}|\s\.\s\.\s\.)\s*\d*\s*$")
MAX_TITLE_CHARS = 90
MAX_TITLE_WORDS = 14


@dataclass(frozen=True)
class Heading:
    """A heading line: where it is, its number and title, and the section kind it opens."""

    page: int
    line: int
    number: str | None
    title: str
    kind: str | None
    level: int


@dataclass(frozen=True)
class Version:
    """Where a further set of the rules starts, and the latest date near its start."""

    page: int
    line: int
    stand: date | None
    older: bool


def section_kind(title: str) -> str | None:
    """The kind of section a heading title opens, or None."""
    lowered = title.lower()
    for kind, keywords in KIND_KEYWORDS:
        if any(keyword in lowered for keyword in keywords):
            return kind
    return None


def find_headings(
    pages: Sequence[Sequence[str]], emphasis: Sequence[Sequence[bool]] = ()
) -> list[Heading]:
    """Headings in reading order; table-of-contents entries and footnotes are left out.

    ``emphasis`` marks, per page and line, lines set like a heading (larger or bold): such a
    line is a heading even without a number or a title word guidelines use.
    """
    found: list[Heading] = []
    tops: dict[str, int] = {}  # numbering scheme ("", "§", "A") -> last top-level number
    for page_number, lines in enumerate(pages, start=1):
        marks = emphasis[page_number - 1] if page_number - 1 < len(emphasis) else ()
        for index, line in enumerate(lines):
            emphasized = index < len(marks) and marks[index]
            after = _next_line(pages, page_number, index)
            if not emphasized and after[:1].islower() and not re.match(r"[a-z]{1,2}\)", after):
                continue  # the line goes on in the next one: a numbered paragraph, not a title
            before = lines[index - 1] if index else ""
            if _footnote(line, lines, index):
                continue
            heading = _heading(line, before, page_number, index, tops)
            # a title over two lines set alike goes on in lower case: still a title
            goes_on = index + 1 < len(marks) and marks[index + 1]
            if heading is None and emphasized and _emphasized_title(line, "" if goes_on else after):
                # the innermost level: it never closes a numbered section it stands in
                heading = Heading(page_number, index, None, line, section_kind(line), EMPHASIS)
            if heading is not None:
                found.append(heading)
    return _without_contents(found, pages)


EMPHASIS = 9  # level of a heading known only by its type (bold, larger)


def _emphasized_title(line: str, after: str) -> bool:
    """A line set like a heading is one when it reads like a title: short, no clause, and the
    next line does not go on with it."""
    return (
        not _TOC_LEADER.search(line)
        and len(line.split()) <= 8
        and "," not in line
        and line[-1:] != "-"
        and not after[:1].islower()
    )


def _next_line(pages: Sequence[Sequence[str]], page: int, index: int) -> str:
    """The line after ``index``, on this page or at the top of the next one."""
    lines = pages[page - 1]
    if index + 1 < len(lines):
        return lines[index + 1]
    later = next((p for p in pages[page:] if p), ())
    return later[0] if later else ""


def _footnote(line: str, lines: Sequence[str], index: int) -> bool:
    """A footnote: "4 Eigenständige …" low on a page whose text carries the marker "…men4"."""
    match = re.match(r"(\d{1,3})\s", line)
    if match is None or index < len(lines) * 0.5 or section_kind(line):
        return False
    marker = re.compile(rf"[a-zäöüß)]{match.group(1)}(?=[\s,.;:)]|$)")
    return any(marker.search(other) for other in lines[:index])


def _heading(line: str, before: str, page: int, index: int, tops: dict[str, int]) -> Heading | None:
    if _TOC_LEADER.search(line):
        return None
    match = _NUMBERED.match(line)
    if match is None:
        starts_block = not before or before[-1:] in ".:!?" or _NUMBERED.match(before) is not None
        if (
            starts_block
            and len(line) <= 60
            and len(line.split()) <= 7
            and line[-1:] not in ".,;"
            and line[:1].isupper()
        ):
            kind = section_kind(line)
            return Heading(page, index, None, line, kind, 1) if kind else None
        return None
    number, title = match.group("num"), match.group("title").strip()
    if not _title_like(title):
        return None
    scheme = "§" if number.startswith("§") else number[0] if number[0].isalpha() else ""
    digits = re.sub(r"^(?:§\s?|[A-Z])", "", number)
    parts = [int(part) for part in re.findall(r"\d+", digits)]
    top = parts[0]
    last = tops.get(scheme)
    if len(parts) == 1:
        # A footnote ("27 Als kleine Unternehmen …") or list number breaks the sequence; a jump
        # is believed only for a title that names a section guidelines have.
        in_sequence = top in (last + 1, last + 2, 1) if last is not None else True
        if not in_sequence and not (top > (last or 0) and section_kind(title)):
            return None
        if last is None and top > 2 and not section_kind(title):
            return None
        tops[scheme] = top
    elif last != top:
        return None
    return Heading(page, index, number, title, section_kind(title), len(parts))


_CITATION = re.compile(
    r"\b(?:gemäß|Artikel|Art\.|Nummer|Nr\.|ABl|Verordnung|vgl|siehe|Randnummer|"
    r"Absatz|Anhang)\b"
)


def _title_like(title: str) -> bool:
    words = title.split()
    return (
        not _CITATION.search(title)
        and len(title) <= MAX_TITLE_CHARS
        and len(words) <= MAX_TITLE_WORDS
        and title[-1:] not in ".,;"
        and (title[:1].isupper() or title[:1] in '„"(')
        and not re.match(r"^\d", title)
    )


def _without_contents(headings: list[Heading], pages: Sequence[Sequence[str]]) -> list[Heading]:
    """Drop a contents list: three or more top-level headings with (almost) nothing between.

    A heading right after the list that starts the numbering again is the first real one.
    """

    def body_chars(a: Heading, b: Heading) -> int:
        """Characters of body text between two headings on one page."""
        if a.page != b.page:
            return 1000
        return sum(len(line) for line in pages[a.page - 1][a.line + 1 : b.line])

    gaps = [body_chars(a, b) for a, b in zip(headings, headings[1:], strict=False)]
    keep = [True] * len(headings)
    start = 0
    while start < len(headings):
        end = start
        while end < len(gaps) and gaps[end] < 40:
            end += 1
        run = headings[start : end + 1]
        if sum(1 for h in run if h.level == 1 and h.number) >= 3:
            last = run[-1]
            restarts = (
                len(run) > 1 and _top(last) is not None and _top(last) <= (_top(run[-2]) or 0)
            )
            for index in range(start, end if restarts else end + 1):
                keep[index] = False
        start = end + 1
    return [heading for heading, kept in zip(headings, keep, strict=True) if kept]


def _top(heading: Heading) -> int | None:
    digits = re.findall(r"\d+", heading.number or "")
    return int(digits[0]) if digits else None


def find_versions(headings: Sequence[Heading], pages: Sequence[Sequence[str]]) -> list[Version]:
    """Further sets of the same rules in one file (e.g. the old rules in an annex).

    A further set starts where the top-level numbering starts again ("A1 Zuwendungszweck" after
    "8 Geltungsdauer", or "1 …" after "7 …") with the purpose or subject of the rules, after the
    amount, procedure or validity of the first set, and goes on to its own amount or applicants.
    """
    versions: list[Version] = []
    seen: set[str] = set()
    previous: tuple[str, int] | None = None  # numbering scheme and number of the last top heading
    for position, heading in enumerate(headings):
        if heading.kind:
            seen.add(heading.kind)
        if heading.number is None or heading.level != 1:
            continue
        scheme = re.sub(r"[\d\s]", "", heading.number)
        number = int(re.sub(r"\D", "", heading.number))
        restarts = previous is not None and (
            scheme != previous[0] or (number == 1 and previous[1] >= 3)
        )
        previous = (scheme, number)
        if not restarts or heading.kind not in ("purpose", "subject"):
            continue
        later = {h.kind for h in headings[position + 1 :]}
        if {"amount", "procedure", "validity"} & (seen - {heading.kind}) and {
            "amount",
            "applicants",
        } & later:
            page, line = _block_start(heading, pages)
            versions.append(Version(page, line, _stand(pages, page, line), older=False))
            seen = {heading.kind}
    if not versions:
        return []
    first = _stand(pages, 1, 0)
    return [
        Version(v.page, v.line, v.stand, older=bool(v.stand and first and v.stand < first))
        for v in versions
    ]


def current_version(versions: Sequence[Version], pages: Sequence[Sequence[str]]) -> int:
    """Which set of rules is in force: 0 for the first, n for ``versions[n - 1]``.

    The set with the latest date near its start wins; without dates the first one does.
    """
    stands = [_stand(pages, 1, 0), *(v.stand for v in versions)]
    dated = [(stand, index) for index, stand in enumerate(stands) if stand is not None]
    if len(dated) < 2:
        return 0
    return max(dated, key=lambda item: (item[0], -item[1]))[1]


def _block_start(heading: Heading, pages: Sequence[Sequence[str]]) -> tuple[int, int]:
    """Move up to an "Anlage …" line just above the restarting heading, if there is one."""
    lines = pages[heading.page - 1]
    for index in range(heading.line - 1, max(heading.line - 12, -1), -1):
        if re.match(r"^(?:Anlage|Anhang)\b", lines[index]):
            return heading.page, index
    return heading.page, heading.line


def _stand(pages: Sequence[Sequence[str]], page: int, line: int) -> date | None:
    """The latest date in the dozen lines where a version starts (its "Vom …" or "Stand …")."""
    lines = list(pages[page - 1][line : line + 12])
    dates = [value for text in lines for value, _, _ in find_dates(text)]
    return max(dates) if dates else None
