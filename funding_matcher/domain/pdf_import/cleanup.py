"""Turn extracted lines into readable text: normalise, set headers/footers aside, de-hyphenate."""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from funding_matcher.domain.pdf_import import glyphs

_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\t": " ",
    }
)
# Glyph names where a font has no Unicode map, e.g. "/c01/c02/c03" in re-saved BAnz headers.
GLYPH_GARBAGE = re.compile(r"(?<![\w./])(?:/[cgG][0-9a-fA-F]{2}){2,}|\(cid:\d+\)")
_SPACES = re.compile(r" {2,}")
# A word broken at the line end: letters (or a digit) directly before the hyphen.
_BROKEN = re.compile(r"[0-9A-Za-zÄÖÜäöüß]-$")
# After "Kinder-" these words show that the hyphen stands for a left-out word part.
_CONJUNCTIONS = {"und", "oder", "bzw", "beziehungsweise", "sowie", "als", "bis", "wie", "noch"}
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?(?:seite\s*)?\d{1,4}(?:\s*(?:/|von)\s*\d{1,4})?(?:\s*-)?$", re.IGNORECASE
)
Mark = TypeVar("Mark")
BAND = 0.15  # share of the page height at top and bottom where headers and footers live
EDGE_LINES = 3  # without positions (pypdf's fallback): the first and last lines of a page


def normalise(text: str) -> tuple[str, bool]:
    """The line with ligatures and odd spaces replaced, glyphs without a Unicode mapping marked
    "[unlesbar]" (a line of nothing else is dropped); True if there were such glyphs."""
    text = _unspace(text.translate(_LIGATURES))
    cleaned = glyphs.recover(GLYPH_GARBAGE.sub(f" {glyphs.UNREADABLE} ", text))
    garbage = cleaned != text
    if not cleaned.replace(glyphs.UNREADABLE, "").strip(" .,;:-–•"):
        cleaned = ""
    # A soft hyphen inside a line is invisible; at the line end it marks a break.
    cleaned = cleaned.replace("\u00ad", "-") if cleaned.endswith("\u00ad") else cleaned
    cleaned = _SPACES.sub(" ", cleaned.replace("\u00ad", "")).strip()
    return cleaned, garbage


def _unspace(text: str) -> str:
    """Drop letter-spaced text ("M e r k b l a t t , Z u s c h u s s"): a hidden duplicate
    (e.g. a logo's alternative text) whose word boundaries are lost."""
    tokens = text.split(" ")
    if len(tokens) >= 8 and sum(len(token) == 1 for token in tokens) >= 0.7 * len(tokens):
        return ""
    return text


def furniture_key(text: str) -> str:
    """What a header or footer line has in common across pages: digits become '#'."""
    return re.sub(r"\d+", "#", _SPACES.sub(" ", text.lower())).strip()


def find_furniture(pages: Sequence[Sequence[tuple[str, float | None]]]) -> list[set[int]]:
    """Per page, the indexes of lines that repeat in the header or footer of most pages."""
    candidates: list[dict[int, str]] = []
    page_numbers: list[set[int]] = []
    for lines in pages:
        chosen: dict[int, str] = {}
        numbers: set[int] = set()
        for index, (text, top) in enumerate(lines):
            edge_line = index < EDGE_LINES or index >= len(lines) - EDGE_LINES
            in_band = top is not None and (top < BAND or top > 1 - BAND)
            at_edge = in_band if top is not None else edge_line
            if at_edge and text:
                chosen[index] = furniture_key(text)
                if _PAGE_NUMBER.match(text):
                    numbers.add(index)
            elif edge_line and text and _PAGE_NUMBER.match(text):
                numbers.add(index)
        candidates.append(chosen)
        page_numbers.append(numbers)
    with_text = sum(1 for lines in pages if lines)
    counts = Counter(key for chosen in candidates for key in set(chosen.values()))
    needed = max(2, math.ceil(with_text / 2))
    repeated = {key for key, count in counts.items() if count >= needed and with_text >= 2}
    result = []
    for lines, chosen, numbers in zip(pages, candidates, page_numbers, strict=True):
        aside = {index for index, key in chosen.items() if key in repeated} | numbers
        # A "header" that is all the page has is the page's content (e.g. one line per page).
        result.append(aside if len(aside) < len(lines) else set())
    return result


def dehyphenate(lines: Sequence[str]) -> list[str]:
    """Join words broken across line ends; keep real hyphens ("Kinder- und", "E-Mail")."""
    return [text for text, _ in dehyphenate_marked([(line, False) for line in lines])]


def dehyphenate_marked(
    lines: Sequence[tuple[str, Mark]], same: Callable[[Mark, Mark], bool] = operator.eq
) -> list[tuple[str, Mark]]:
    """``dehyphenate`` for lines with a mark (heading or not, font size); lines are joined only
    when ``same`` says their marks agree, and the joined line keeps the first one's."""
    out: list[tuple[str, Mark]] = []
    for line, mark in lines:
        if out and line and _BROKEN.search(out[-1][0]) and same(out[-1][1], mark):
            first = line.split(" ", 1)[0]
            previous = out[-1][0]
            if first[:1].islower():
                if first.rstrip(",.;:") in _CONJUNCTIONS:
                    out[-1] = (f"{previous} {line}", mark)
                else:
                    out[-1] = (previous[:-1] + line, mark)
                continue
            if first[:1].isupper() or first[:1].isdigit():
                out[-1] = (previous + line, mark)
                continue
        out.append((line, mark))
    return out
