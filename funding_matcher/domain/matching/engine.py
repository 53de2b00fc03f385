"""MatchingEngine: hard eligibility rules plus German TF-IDF ranking, with reasons.

Fitted once from the catalogue (draft records do not count) and kept for the life of the process;
``rank`` then works on precomputed arrays: the rules are vectorised masks, the text score gathers
only the query terms' columns of a CSC matrix, and reasons are written for the top matches only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import chain

import numpy as np
from scipy import sparse
from sklearn import config_context
from sklearn.feature_extraction.text import TfidfVectorizer

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.domain.catalogue.family import rankable
from funding_matcher.domain.catalogue.records import AccessRoute, Programme
from funding_matcher.domain.catalogue.rounds import Round, round_state
from funding_matcher.domain.matching.explain import (
    exclusion_reasons,
    match_reasons,
    match_warnings,
    missing_data,
)
from funding_matcher.domain.matching.features import ProgrammeArrays
from funding_matcher.domain.matching.rules import Eligibility, eligible
from funding_matcher.domain.matching.scoring import score_parts, total_scores
from funding_matcher.domain.matching.text import FOLD, GermanAnalyzer, stem, words
from funding_matcher.domain.matching.weights import CLOSED_FACTOR, WEIGHTS
from funding_matcher.domain.profile import Profile

WRITTEN_RE = re.compile(r"[^\W\d_]+")

# How text is indexed: plain words, Snowball stems, stems plus compound parts, char 3-5-grams.
TEXT_MODES = ("words", "stem", "stem+compounds", "char")
DEFAULT_TEXT_MODE = "stem+compounds"


def programme_text(p: Programme) -> str:
    """The text a programme is ranked on."""
    return " ".join(
        [
            p.title,
            p.short_title,
            p.summary,
            p.description,
            p.funder,
            " ".join(taxonomy.labels("themes", p.themes)),
            " ".join(taxonomy.labels("target_groups", p.target_groups)),
        ]
    )


def profile_text(profile: Profile) -> str:
    """The text a profile is matched with."""
    return " ".join(
        [
            profile.title,
            profile.description,
            " ".join(taxonomy.labels("themes", profile.themes)),
            " ".join(taxonomy.labels("target_groups", profile.target_groups)),
        ]
    )


@dataclass(frozen=True)
class Match:
    programme: Programme
    score: float
    reasons: list[str]
    missing: list[str]
    next_deadline: date | None
    currently_closed: bool
    round: Round = "open"
    access_via: AccessRoute | None = None  # set when the money comes through an intermediary
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Exclusion:
    programme: Programme
    reasons: list[str]


@dataclass
class Ranking:
    """Matches, best first; exclusions with their reasons are worked out when asked for.

    ``matches`` are programmes the applicant can apply to itself; ``indirect`` the ones it
    reaches only through an intermediary (Weiterleitung), listed after them.
    """

    matches: list[Match]
    _engine: MatchingEngine = field(repr=False)
    _profile: Profile = field(repr=False)
    _today: date = field(repr=False)
    _excluded_rows: np.ndarray = field(repr=False)
    indirect: list[Match] = field(default_factory=list)

    @cached_property
    def excluded(self) -> list[Exclusion]:
        engine, out = self._engine, []
        for row in self._excluded_rows:
            programme = engine.programmes[row]
            out.append(
                Exclusion(programme, exclusion_reasons(programme, self._profile, self._today))
            )
        return out


def _best(total: np.ndarray, chosen: np.ndarray, top: int | None) -> np.ndarray:
    """Rows of the chosen programmes, highest score first, at most ``top``."""
    rows = np.flatnonzero(chosen)
    k = len(rows) if top is None else min(top, len(rows))
    if k == 0:
        return np.array([], dtype=np.int64)
    if k < len(rows):
        rows = rows[np.argpartition(-total[rows], k - 1)[:k]]
    return rows[np.argsort(-total[rows], kind="stable")]


class MatchingEngine:
    """Rules + TF-IDF over one catalogue. Build once, call ``rank`` per request."""

    def __init__(
        self,
        programmes: list[Programme],
        text_mode: str = DEFAULT_TEXT_MODE,
        weights: dict[str, float] | None = None,
        closed_factor: float = CLOSED_FACTOR,
    ):
        if text_mode not in TEXT_MODES:
            raise ValueError(f"text_mode must be one of {', '.join(TEXT_MODES)}")
        self.text_mode = text_mode
        self.weights = dict(WEIGHTS if weights is None else weights)
        self.closed_factor = closed_factor
        self.programmes = rankable(programmes)  # sub-lines, not the parent of a family
        texts = [programme_text(p) for p in self.programmes]
        docs = [self._document(t) for t in texts]
        self.analyzer = GermanAnalyzer.from_token_lists(
            docs if text_mode != "char" else [], decompound=text_mode == "stem+compounds"
        )
        if text_mode == "char":
            self.vectorizer = TfidfVectorizer(
                analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32
            )
        else:
            # Documents arrive as lists of index terms (see ``_query``), so each word of a
            # query is analysed once and its terms serve both the score and the reasons.
            self.vectorizer = TfidfVectorizer(analyzer=list, sublinear_tf=True, dtype=np.float32)
            docs = [self._index_terms(tokens, self._word_terms(tokens)) for tokens in docs]
        matrix = (
            self.vectorizer.fit_transform(docs)
            if self.programmes
            else sparse.csr_matrix((0, 0), dtype=np.float32)
        )
        self.term_names = self.vectorizer.get_feature_names_out() if self.programmes else []
        self.rows = matrix.tocsr()
        self.columns = matrix.tocsc()
        self.arrays = ProgrammeArrays(self.programmes)

    def _document(self, text: str) -> list[str] | str:
        """What the vectorizer reads: word tokens, or folded text for character n-grams."""
        if self.text_mode == "char":
            return " ".join(words(text)).translate(FOLD)
        return words(text)

    def _word_terms(self, tokens: list[str]) -> dict[str, tuple[str, ...]]:
        """Each distinct word -> its index terms (the word itself in mode "words")."""
        if self.text_mode == "words":
            return {w: (w,) for w in tokens}
        return {w: self.analyzer.word_terms(w) for w in set(tokens)}

    @staticmethod
    def _index_terms(tokens: list[str], word_terms: dict[str, tuple[str, ...]]) -> list[str]:
        return list(chain.from_iterable(map(word_terms.__getitem__, tokens)))

    def _query(self, text: str) -> tuple[np.ndarray, np.ndarray, list[str], dict]:
        """The TF-IDF vector of a text (columns, weights), its words and each word's terms."""
        tokens = self._document(text)
        if self.text_mode == "char":
            with config_context(assume_finite=True, skip_parameter_validation=True):
                query = self.vectorizer.transform([tokens])
            return query.indices, query.data, words(text), {}
        word_terms = self._word_terms(tokens)
        columns, weights = self._tfidf(self._index_terms(tokens, word_terms))
        return columns, weights, tokens, word_terms

    def _tfidf(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Sorted columns and weights of a list of index terms, exactly as the fitted
        vectorizer's ``transform`` computes them (sublinear tf, idf, l2 norm in float32 with a
        double sum), without its per-call input checks, which cost twenty times the arithmetic."""
        vocabulary = self.vectorizer.vocabulary_
        counts = Counter(vocabulary[t] for t in terms if t in vocabulary)
        columns = np.array(sorted(counts), dtype=np.int32)
        tf = np.array([counts[c] for c in columns], dtype=np.float32)
        weights = (np.log(tf) + np.float32(1)) * self.vectorizer.idf_[columns]
        total = 0.0
        for square in (weights * weights).tolist():
            total += square
        if total == 0.0:
            return columns, weights
        return columns, (weights.astype(np.float64) / math.sqrt(total)).astype(np.float32)

    # -- ranking ----------------------------------------------------------------------------------

    def text_scores(self, profile: Profile) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
        """Cosine similarity of the profile to every programme, the query terms and weights."""
        own_text = f"{profile.title} {profile.description}"  # not the labels of chosen codes
        terms, weights, _, word_terms = self._query(profile_text(profile))
        # Only the query terms' columns are touched: a column slice of the CSC matrix.
        scores = np.asarray(self.columns[:, terms] @ weights).ravel().astype(np.float32)
        return scores, terms, weights, self._surface_forms(own_text, word_terms)

    def search(self, text: str) -> list[tuple[Programme, float]]:
        """Programmes whose text shares terms with ``text``, most similar first."""
        if not self.programmes:
            return []
        columns, weights, _, _ = self._query(text)
        scores = np.asarray(self.columns[:, columns] @ weights).ravel()
        order = np.argsort(-scores, kind="stable")
        return [(self.programmes[i], float(scores[i])) for i in order if scores[i] > 0]

    def _surface_forms(self, text: str, word_terms: dict[str, tuple[str, ...]]) -> dict[str, str]:
        """Index term -> the word as the user wrote it (a compound stands for its parts)."""
        written = {w.lower(): w for w in WRITTEN_RE.findall(text)}
        surface: dict[str, str] = {}
        for word in words(text):
            shown = written.get(word, word)
            terms = word_terms.get(word)
            if terms is None or self.text_mode != "stem+compounds":
                terms = (stem(word), *self.analyzer.parts(word))
            surface.setdefault(terms[0], shown)
            surface.setdefault(word, shown)
            for part in terms[1:]:
                surface.setdefault(part, shown)
        return surface

    def eligible(self, profile: Profile, today: date, include_closed: bool) -> Eligibility:
        """Boolean masks: passes every hard rule; closed now; reachable only through others."""
        return eligible(self.arrays, profile, today, include_closed)

    def scores(self, profile: Profile, text: np.ndarray, rules: Eligibility) -> np.ndarray:
        """Weighted score (0..100) of every programme; excluded ones get -inf."""
        parts = score_parts(self.arrays, profile, text, rules.ok)
        return total_scores(
            parts, self.weights, self.closed_factor, rules.ok, rules.closed, rules.indirect
        )

    def rank(
        self, profile: Profile, today: date, include_closed: bool = False, top: int | None = None
    ) -> Ranking:
        """Rank the catalogue for a profile: matches (best first) and exclusions."""
        if not self.programmes:
            return Ranking([], self, profile, today, np.array([], dtype=np.int64))
        text, terms, weights, surface = self.text_scores(profile)
        rules = self.eligible(profile, today, include_closed)
        total = self.scores(profile, text, rules)
        matches, indirect = (
            [
                self._match(row, profile, today, total, rules, terms, weights, surface)
                for row in _best(total, rules.ok & chosen, top)
            ]
            for chosen in (~rules.indirect, rules.indirect)
        )
        return Ranking(matches, self, profile, today, np.flatnonzero(~rules.ok), indirect)

    def _match(
        self,
        row: int,
        profile: Profile,
        today: date,
        total: np.ndarray,
        rules: Eligibility,
        terms: np.ndarray,
        weights: np.ndarray,
        surface: dict[str, str],
    ) -> Match:
        programme = self.programmes[row]
        matched_terms = self._matched_terms(row, terms, weights, surface)
        closed = bool(rules.closed[row])
        route = programme.route_for(profile.applicant_type) if rules.indirect[row] else None
        return Match(
            programme=programme,
            # A penalty (no designated area) can push a score below 0; the order keeps the raw
            # value, the number shown never leaves 0..100.
            score=min(max(round(float(total[row]), 1), 0.0), 100.0),
            reasons=match_reasons(programme, profile, today, matched_terms, closed, route),
            missing=missing_data(programme, profile),
            next_deadline=next_deadline(programme.deadline, today),
            currently_closed=closed,
            round=round_state(programme, today),
            access_via=route,
            warnings=match_warnings(programme, profile, today),
        )

    def _matched_terms(
        self, row: int, terms: np.ndarray, weights: np.ndarray, surface: dict[str, str]
    ) -> list[str]:
        start, end = self.rows.indptr[row], self.rows.indptr[row + 1]
        cols, vals = self.rows.indices[start:end], self.rows.data[start:end]
        # A CSR row and a query vector hold each column once: no need to make them unique.
        common, in_row, in_query = np.intersect1d(
            cols, terms, assume_unique=True, return_indices=True
        )
        if not len(common):
            return []
        contribution = vals[in_row] * weights[in_query]
        out = []
        for i in np.argsort(-contribution):
            word = surface.get(self.term_names[common[i]])
            if word and word not in out:
                out.append(word)
        return out
