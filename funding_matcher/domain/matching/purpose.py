"""Narrow Fördergegenstand: a programme that funds one kind of measure or object only.

A Ferienreisen line, a playground fund or a broadband programme shares plenty of words with a
neighbourhood project (Kinder, Inklusion, Dorf) that plans no trip, no playground and no cable.
The record names the measure and the words a project planning it would use
(``narrow_purpose``); a project whose own title and description use none of them is asked
whether it plans that measure, and the programme ranks lower (weights.NARROW_PURPOSE_FACTOR).

Words are compared by their stems and as parts of compounds, so "Spielplätze" in a project
matches the record's "Spielplatz", "Gruppenreise" and "Reisekosten" match "Reise"; "Preise" and
"Landkreis" do not, because with a short word the rest of a compound must be a word of the
catalogue ("Glasfaseranbindung" counts for the longer "Glasfaser" as it is).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.matching.text import FOLD, MIN_PART, GermanAnalyzer, stem

# A record's word shorter than this needs the other part of a compound to be a word of the
# catalogue ("Land-kreis" is no "Reise", "Gründ-ung" no "Grün"); a longer one is specific enough
# on its own ("Glasfaser-anbindung", "Zeltlager-wochenende").
SHORT_WORD = 8


class PurposeIndex:
    """The narrow programmes by the stems and the written forms of their words, built once per
    engine with its analyzer; a lookup per project word and per cut of it, never a scan of the
    catalogue."""

    def __init__(self, programmes: list[Programme], analyzer: GermanAnalyzer) -> None:
        self.size = len(programmes)
        self.analyzer = analyzer
        self.narrow = np.array([p.narrow_purpose is not None for p in programmes], dtype=bool)
        self.by_stem: dict[str, list[int]] = defaultdict(list)
        self.by_start: dict[str, list[int]] = defaultdict(list)
        for row, p in enumerate(programmes):
            for word in p.narrow_purpose.words if p.narrow_purpose else ():
                written = word.lower().translate(FOLD)
                self.by_stem[stem(word.lower())].append(row)
                self.by_start[written].append(row)
        # The lengths of the words' stems and written forms: the only cuts worth looking up.
        self.stem_lengths = sorted({len(k) for k in self.by_stem})
        self.start_lengths = sorted({len(k) for k in self.by_start})
        # Both the index and the analyzer are fixed for the engine's life: a word's rows are too.
        # They are kept only for words of the catalogue itself (bounded by its vocabulary, as
        # the analyzer's own cache): a project's other words are analysed afresh and never kept,
        # so no stream of new words can grow the process (test_text_under_load.py).
        self._catalogue_rows = lru_cache(maxsize=None)(self._rows_naming)

    def unplanned(self, tokens: Iterable[str]) -> np.ndarray:
        """Narrow programmes none of whose words the project's words name (``_rows_naming``)."""
        planned = np.zeros(self.size, dtype=bool)
        if not self.by_stem:
            return planned
        for word in set(tokens):
            known = self.analyzer.in_vocabulary(word)
            rows = self._catalogue_rows(word) if known else self._rows_naming(word)
            if rows:
                planned[list(rows)] = True
        return self.narrow & ~planned

    def _rows_naming(self, word: str) -> tuple[int, ...]:
        """The narrow programmes a word names: as the same word (stem), as a compound part the
        ranking knows, as the head of a compound (Gruppen-reise, Ferien-freizeiten) or as its
        first part (Reise-kosten), a short word only when the other part is a word of its own
        in the catalogue: "Landkreis" is no "Reise", "Gründung" no "Grün"."""
        analyzer = self.analyzer
        terms = analyzer.word_terms(word)
        whole = terms[0]
        folded = word.translate(FOLD)
        rows: list[int] = []
        for term in terms:
            rows += self.by_stem.get(term, ())
        for n in self.stem_lengths:
            head = self.by_stem.get(whole[-n:]) if len(whole) - n >= MIN_PART else None
            if head and (n >= SHORT_WORD or analyzer.known_part(folded[: len(whole) - n])):
                rows += head
        for n in self.start_lengths:
            start = self.by_start.get(folded[:n]) if len(folded) - n >= MIN_PART else None
            if start and (n >= SHORT_WORD or analyzer.known_part(folded[n:])):
                rows += start
        return tuple(rows)


def purpose_question(programme: Programme) -> str | None:
    """The warning on a programme whose narrow purpose the project does not mention."""
    purpose = programme.narrow_purpose
    if purpose is None:
        return None
    return (
        f"Gefördert wird nur: {purpose.label}. In Ihrer Projektbeschreibung finden wir dazu "
        "nichts – planen Sie das, beschreiben Sie es dort."
    )
