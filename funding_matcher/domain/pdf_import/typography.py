"""What the type of a line says: a heading (larger or bold) or a footnote (small, at the foot).

Guidelines set headings larger or in bold and footnotes smaller at the foot of the page; where
the worker knows the font size (its fast reader), these are set apart from the running text, so
a footnote never lands inside a sentence that runs on to the next page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

HEADING_RATIO = 1.12  # a heading's size over the body text's
FOOTNOTE_RATIO = 0.9
FOOT = 0.55  # footnotes stand below this share of the page height
_MARKER = re.compile(r"^(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*{1,3}|[a-z]\))\s?\S")


class TypedLine(Protocol):
    """A line with its place and type (``sandbox.RawLine``)."""

    text: str
    top: float | None
    size: float | None
    bold: bool


def body_size(lines: Sequence[TypedLine]) -> float | None:
    """The font size most of the text is set in (by characters), or None if unknown."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


def looks_like_heading(line: TypedLine, body: float | None) -> bool:
    """Set larger than the body text, or a short line all in bold that ends no sentence."""
    if body is None or not line.size:
        return False
    larger = line.size >= body * HEADING_RATIO
    # "-Bürgern": the rest of a large title split at its hyphen
    continued = larger and re.match(r"[-–]\w", line.text) is not None
    if not line.text[:1].isalnum() and line.text[:1] != "§" and not continued:
        return False
    short = len(line.text) <= 90 and len(line.text.split()) <= 12
    ends_sentence = line.text.rstrip()[-1:] in ".,;"
    if larger:
        return short and not ends_sentence
    return line.bold and short and not ends_sentence and not line.text.endswith(":")


def split_footnotes(
    lines: Sequence[TypedLine], body: float | None
) -> tuple[list[TypedLine], list[TypedLine]]:
    """The page's body lines and its footnotes: from the first small, marked line at the foot
    on, as long as the lines stay small."""
    if body is None:
        return list(lines), []
    for index, line in enumerate(lines):
        small = line.size is not None and line.size <= body * FOOTNOTE_RATIO
        at_foot = line.top is not None and line.top >= FOOT
        if small and at_foot and _MARKER.match(line.text):
            rest = lines[index:]
            if all(ln.size is not None and ln.size <= body * FOOTNOTE_RATIO for ln in rest):
                return list(lines[:index]), list(rest)
    return list(lines), []
