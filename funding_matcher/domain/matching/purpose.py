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

Integration programmes have that narrow purpose by what they are, whether or not the record
names one: a programme whose title names the integration of Zugewanderte (or whose named target
groups are Zugewanderte and Geflüchtete only, with the theme Integration) funds projects with and
for them, not a Jugendtreff or a Seniorennetz that shares "Begegnung" and "Teilhabe" with it. A
project names them in its words ("Geflüchtete", "interkulturell") or by its codes (the theme
Integration, the target groups Menschen mit Einwanderungsgeschichte or Geflüchtete).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from funding_matcher.domain.catalogue.records import NarrowPurpose, Programme
from funding_matcher.domain.matching.text import FOLD, MIN_PART, GermanAnalyzer, stem
from funding_matcher.domain.profile import Profile

# A record's word shorter than this needs the other part of a compound to be a word of the
# catalogue ("Land-kreis" is no "Reise", "Gründ-ung" no "Grün"); a longer one is specific enough
# on its own ("Glasfaser-anbindung", "Zeltlager-wochenende").
SHORT_WORD = 8

MIGRANT_GROUPS = frozenset({"migrantinnen", "gefluechtete"})
# A title naming the integration of Zugewanderte: "Integrationsfonds", "Migrationsberatung",
# "Willkommensinitiativen", "integrationsfördernde Einzelprojekte" (not "integrierte").
INTEGRATION_TITLE = re.compile(
    r"integration|migra|zugewander|zuwander|geflücht|flücht|einwander|asyl|willkommens", re.I
)
INTEGRATION = NarrowPurpose(
    label="Integration von Zugewanderten und Geflüchteten",
    words=[
        "Integration", "Migration", "Migrant", "Migrantin", "Zugewanderte", "Zuwanderung",
        "Einwanderung", "Einwanderungsgeschichte", "Migrationsgeschichte", "Geflüchtete",
        "Flüchtling", "Flucht", "Asyl", "Herkunftsland", "interkulturell",
        "Sprachcafé", "Deutschkurs", "Sprachkurs", "Integrationskurs",
    ],
)  # fmt: skip


def is_integration_programme(programme: Programme) -> bool:
    """Made for Zugewanderte: migrant target groups, and a title naming their integration or
    the theme Integration with no other group named."""
    groups = set(programme.target_groups)
    if not groups & MIGRANT_GROUPS:
        return False
    if INTEGRATION_TITLE.search(programme.title):
        return True
    return "integration" in programme.themes and not groups - MIGRANT_GROUPS - {"alle"}


def narrow_purpose(programme: Programme) -> NarrowPurpose | None:
    """The programme's narrow purpose: the record's, else Integration for an integration
    programme."""
    if programme.narrow_purpose is not None:
        return programme.narrow_purpose
    return INTEGRATION if is_integration_programme(programme) else None


def names_integration(profile: Profile) -> bool:
    """The project's codes name Zugewanderte: the theme Integration or a migrant target group."""
    return "integration" in profile.themes or bool(MIGRANT_GROUPS & set(profile.target_groups))


class PurposeIndex:
    """The narrow programmes by the stems and the written forms of their words, built once per
    engine with its analyzer; a lookup per project word and per cut of it, never a scan of the
    catalogue."""

    def __init__(self, programmes: list[Programme], analyzer: GermanAnalyzer) -> None:
        self.size = len(programmes)
        self.analyzer = analyzer
        purposes = [narrow_purpose(p) for p in programmes]
        self.narrow = np.array([p is not None for p in purposes], dtype=bool)
        # Integration programmes by their built-in purpose: a project's codes name it too.
        self.integration = np.array([p is INTEGRATION for p in purposes], dtype=bool)
        self.by_stem: dict[str, list[int]] = defaultdict(list)
        self.by_start: dict[str, list[int]] = defaultdict(list)
        for row, purpose in enumerate(purposes):
            for word in purpose.words if purpose else ():
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

    def unplanned(self, tokens: Iterable[str], codes_name_integration: bool = False) -> np.ndarray:
        """Narrow programmes none of whose words the project's words name (``_rows_naming``);
        integration programmes count as named when the project's codes name Zugewanderte."""
        if not self.by_stem:
            return np.zeros(self.size, dtype=bool)
        planned = self.integration.copy() if codes_name_integration else np.zeros(self.size, bool)
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
    purpose = narrow_purpose(programme)
    if purpose is None:
        return None
    return (
        f"Gefördert wird nur: {purpose.label}. In Ihrer Projektbeschreibung finden wir dazu "
        "nichts – planen Sie das, beschreiben Sie es dort."
    )
