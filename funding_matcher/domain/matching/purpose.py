"""Narrow Fördergegenstand: a programme that funds one kind of measure or object only.

A Ferienreisen line, a playground fund or a broadband programme shares plenty of words with a
neighbourhood project (Kinder, Inklusion, Dorf) that plans no trip, no playground and no cable.
The record names the measure and the words a project planning it would use
(``narrow_purpose``); a project whose own title and description use none of them is asked
whether it plans that measure, and the programme ranks lower (weights.NARROW_PURPOSE_FACTOR).

Words are compared by their stems and as parts of compounds, so "Spielplätze" in a project
matches the record's "Spielplatz", "Gruppenreise" and "Reisekosten" match "Reise"; "Preise" and
"Landkreis" do not, because the rest of a compound must be a word of the catalogue.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.matching.text import FOLD, MIN_PART, GermanAnalyzer, stem


class PurposeIndex:
    """The narrow programmes by the stems and the written forms of their words, built once per
    engine; a lookup per project word and per cut of it, never a scan of the catalogue."""

    def __init__(self, programmes: list[Programme]) -> None:
        self.size = len(programmes)
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

    def unplanned(self, tokens: Iterable[str], analyzer: GermanAnalyzer) -> np.ndarray:
        """Narrow programmes none of whose words the project's words name: as the same word
        (stem), as a compound part the ranking knows, as the head of a compound
        (Gruppen-reise, Ferien-freizeiten) or as its first part (Reise-kosten) when the other
        part is a word of its own in the catalogue: "Landkreis" is no "Reise", "Gründung" no
        "Grün"."""
        planned = np.zeros(self.size, dtype=bool)
        if not self.by_stem:
            return planned
        for word in set(tokens):
            terms = analyzer.word_terms(word)
            whole = terms[0]
            folded = word.translate(FOLD)
            rows: list[int] = []
            for term in terms:
                rows += self.by_stem.get(term, ())
            for n in self.stem_lengths:
                head = self.by_stem.get(whole[-n:]) if len(whole) - n >= MIN_PART else None
                if head and analyzer.known_part(folded[: len(whole) - n]):
                    rows += head
            for n in self.start_lengths:
                start = self.by_start.get(folded[:n]) if len(folded) - n >= MIN_PART else None
                if start and analyzer.known_part(folded[n:]):
                    rows += start
            planned[rows] = True
        return self.narrow & ~planned


def purpose_question(programme: Programme) -> str | None:
    """The warning on a programme whose narrow purpose the project does not mention."""
    purpose = programme.narrow_purpose
    if purpose is None:
        return None
    return (
        f"Gefördert wird nur: {purpose.label}. In Ihrer Projektbeschreibung finden wir dazu "
        "nichts – planen Sie das, beschreiben Sie es dort."
    )
