"""Windows of a sentence around a number: its comma part, its clause, the words before it.

A rule decides by the words next to a number, not by the whole sentence: "bis zu 80 % der
Gesamtkosten, 20 % können aus Eigenmitteln …" holds a rate and an own share side by side.
"""

from __future__ import annotations

import re

from funding_matcher.domain.pdf_import.german import ABBREVIATIONS


def within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of a pattern's matches in a sentence lies inside ``start:end``."""
    return any(start <= s and e <= end for s, e in spans)


def comma_part(text: str, start: int, end: int, brackets: bool = True) -> str:
    """The words around a number up to the nearest comma, semicolon, dash or sentence end
    (and bracket, unless ``brackets`` is False)."""
    left, right = comma_part_bounds(text, start, end, brackets)
    return text[left:right]


def comma_part_bounds(text: str, start: int, end: int, brackets: bool = True) -> tuple[int, int]:
    """Where ``comma_part`` begins and ends in the sentence."""
    stops: tuple[str, ...] = (";", ", ", ". ", " – ")
    stops += ("(", ")") if brackets else ()
    left = max(text.rfind(stop, 0, start) for stop in stops)
    rights = [i for i in (text.find(stop, end) for stop in stops) if i != -1]
    return left + 1, min(rights, default=len(text))


def words_before(text: str, start: int) -> str:
    """The words before an amount back to the last comma, semicolon or sentence start."""
    left = max(text.rfind(";", 0, start), text.rfind(",", 0, start), text.rfind(". ", 0, start))
    return text[max(left + 1, start - 80) : start]


def clause_around(text: str, start: int, end: int) -> str:
    """The part of the sentence an amount belongs to: up to the nearest ; or "wobei"/"und für"
    (a full stop after "max." or "d.h." ends nothing)."""
    left = max(
        text.rfind(";", 0, start),
        text.rfind(" und für ", 0, start),
        _last_stop(text, start),
        start - 100,
    )
    stops = [
        i
        for i in (
            text.find(";", end),
            text.find(", wobei", end),
            text.find(" und für ", end),
            _next_stop(text, end),
        )
        if i != -1
    ]
    right = min([*stops, end + 60])
    return text[max(left, 0) : right]


def _is_stop(text: str, index: int) -> bool:
    """Whether the ". " at ``index`` ends a sentence part (not "max. ", "d.h. ", "Nr. ")."""
    word = re.search(r"(\S+)$", text[:index])
    token = (word.group(1) if word else "").lower().strip('(„"')
    return not (
        token in ABBREVIATIONS or re.fullmatch(r"(?:[a-zäöü]\.)*[a-zäöü]", token) or token.isdigit()
    )


def _last_stop(text: str, start: int) -> int:
    index = text.rfind(". ", 0, start)
    while index != -1 and not _is_stop(text, index):
        index = text.rfind(". ", 0, index)
    return index


def _next_stop(text: str, end: int) -> int:
    index = text.find(". ", end)
    while index != -1 and not _is_stop(text, index):
        index = text.find(". ", index + 2)
    return index


# "Zum Beispiel fördert der Bund … mit 35 Prozent": a figure from an example, often of
# another funder, not the rule of this programme.
EXAMPLE = re.compile(r"^\W*(?:Zum Beispiel|Beispielsweise|Ein Beispiel|Beispiel:)", re.IGNORECASE)

EXAMPLE_DOUBT = "Wert aus einem Beispiel, nicht die Regel dieser Förderung"
