"""MatchingEngine: hard eligibility rules plus German TF-IDF ranking, with reasons.

Fitted once from the catalogue (draft records do not count) and kept for the life of the process;
``rank`` then works on precomputed arrays: the rules are vectorised masks, the text score gathers
only the query terms' columns of a CSC matrix, and reasons are written for the top matches only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import chain

import numpy as np
from scipy import sparse
from sklearn import config_context
from sklearn.feature_extraction.text import TfidfVectorizer

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.family import rankable
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.catalogue.rounds import guideline_expired
from funding_matcher.domain.matching.amounts import coverage, most_for_project, programme_cap
from funding_matcher.domain.matching.explain import (
    Fit,
    match_reasons,
    match_warnings,
    missing_data,
    timing_warning,
)
from funding_matcher.domain.matching.features import ProgrammeArrays, mask
from funding_matcher.domain.matching.kinds import funding_kind
from funding_matcher.domain.matching.mix import propose_mix
from funding_matcher.domain.matching.purpose import PurposeIndex, names_integration
from funding_matcher.domain.matching.ranking import Exclusion, Match, Ranking
from funding_matcher.domain.matching.routes import RouteIndex, conflicts, keep_routes_together
from funding_matcher.domain.matching.rules import Eligibility, eligible
from funding_matcher.domain.matching.scoring import (
    coverage_credit,
    scaled_scores,
    score_parts,
    total_scores,
)
from funding_matcher.domain.matching.standing import Standing, standing
from funding_matcher.domain.matching.terms import CaseCounts, cut_short, shows_meaning
from funding_matcher.domain.matching.text import FOLD, GermanAnalyzer, stem, words
from funding_matcher.domain.matching.timing import timing_problem
from funding_matcher.domain.matching.weights import (
    MIX_POOL,
    STANDING_FACTORS,
    WEIGHTS,
    StandingFactors,
)
from funding_matcher.domain.places import place_words
from funding_matcher.domain.profile import Profile

__all__ = ["Exclusion", "Match", "MatchingEngine", "Ranking"]

WRITTEN_RE = re.compile(r"[^\W\d_]+")
# A sentence or clause that says what is not funded ("Nicht gefördert werden Ausflüge ohne
# Übernachtung"; "Baumaßnahmen sind ausgeschlossen") names things the programme does not fit.
_CLAUSE = re.compile(r"(?<=[.;!?])\s+")
_EXCLUDING = re.compile(
    r"nicht (?:gefördert|förderfähig|zuwendungsfähig|antragsberechtigt)|ausgeschlossen"
    r"|keine förderung|nicht übernommen|nicht finanziert",
    re.IGNORECASE,
)


def without_exclusions(text: str) -> str:
    """The text without its clauses on what is not funded."""
    return " ".join(c for c in _CLAUSE.split(text) if not _EXCLUDING.search(c))


# How text is indexed: plain words, Snowball stems, stems plus compound parts, char 3-5-grams.
TEXT_MODES = ("words", "stem", "stem+compounds", "char")
DEFAULT_TEXT_MODE = "stem+compounds"


def funder_text(p: Programme) -> str:
    """The programme's own words (title, summary, description, funder): what a matching term
    shown as a reason must come from, never the labels of its codes added for ranking."""
    return " ".join(
        [p.title, p.short_title, p.summary, without_exclusions(p.description), p.funder]
    )


def programme_text(p: Programme) -> str:
    """The text a programme is ranked on: its own words and the labels of its codes."""
    return " ".join(
        [
            funder_text(p),
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
class TextScores:
    """A profile's text against the catalogue: each programme's cosine similarity, the query's
    index terms (columns, ascending) and weights, the programmes' weights of those terms
    (``shared``: programme x query term, CSR) and the words as the user wrote them."""

    scores: np.ndarray
    terms: np.ndarray
    weights: np.ndarray
    shared: sparse.csr_matrix
    surface: dict[str, str]


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
        standing_factors: StandingFactors = STANDING_FACTORS,
    ):
        if text_mode not in TEXT_MODES:
            raise ValueError(f"text_mode must be one of {', '.join(TEXT_MODES)}")
        self.text_mode = text_mode
        self.weights = dict(WEIGHTS if weights is None else weights)
        self.standing_factors = standing_factors
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
        # How the catalogue writes each word (capitalised = noun), for the reasons' terms.
        self.case_counts = CaseCounts.of(f"{p.summary} {p.description}" for p in self.programmes)
        # Row -> index terms of the record's own words, filled for the records a ranking explains.
        self._own_terms_cache: dict[int, frozenset[str]] = {}
        self.routes = RouteIndex(self.programmes)
        self.purposes = PurposeIndex(self.programmes, self.analyzer)

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

    def text_scores(self, profile: Profile) -> TextScores:
        """Cosine similarity of the profile to every programme, and what explains it."""
        terms, weights, _, word_terms = self._query(profile_text(profile))
        # Only the query terms' columns are touched: a column slice of the CSC matrix. As rows
        # (programme x query term) it also holds each programme's shared terms for the reasons.
        shared = self.columns[:, terms].tocsr()
        shared.sort_indices()
        scores = np.asarray(shared @ weights).ravel().astype(np.float32)
        surface = self._surface_forms(
            profile.own_text, word_terms, place_words(profile.state, profile.municipality)
        )
        return TextScores(scores, terms, weights, shared, surface)

    def search(self, text: str) -> list[tuple[Programme, float]]:
        """Programmes whose text shares terms with ``text``, most similar first."""
        if not self.programmes:
            return []
        columns, weights, _, _ = self._query(text)
        scores = np.asarray(self.columns[:, columns] @ weights).ravel()
        order = np.argsort(-scores, kind="stable")
        return [(self.programmes[i], float(scores[i])) for i in order if scores[i] > 0]

    def _surface_forms(
        self,
        text: str,
        word_terms: dict[str, tuple[str, ...]],
        hidden: frozenset[str] = frozenset(),
    ) -> dict[str, str]:
        """Index term -> the word as the user wrote it, for words that carry meaning on their own
        (terms.py); other words are never shown. A compound's parts count in the score but are
        never shown as the compound: "Hausaufgabenhilfe" is no matching term of a programme that
        only says "Gemeindehaus" and "Aufgaben". Words in ``hidden`` (the project's own place)
        are never shown: "Hannover" is where the project is, not why a programme fits; nor is
        the first part of a compound cut short ("Sach- und Personalkosten")."""
        written = {w.lower(): w for w in WRITTEN_RE.findall(text)}
        own = CaseCounts.of([text])
        hidden = hidden | cut_short(text)
        surface: dict[str, str] = {}
        for word in words(text):
            shown = written.get(word, word)
            if word in hidden or not shows_meaning(shown, self.case_counts, own):
                continue
            terms = word_terms.get(word)
            if terms is None or self.text_mode != "stem+compounds":
                terms = (stem(word), *self.analyzer.parts(word))
            surface.setdefault(terms[0], shown)
            surface.setdefault(word, shown)
        return surface

    def eligible(self, profile: Profile, today: date, include_closed: bool) -> Eligibility:
        """Boolean masks: passes every hard rule; closed now; reachable only through others."""
        return eligible(self.arrays, profile, today, include_closed)

    def unplanned(self, profile: Profile) -> np.ndarray:
        """Programmes with a narrow purpose that the project's own title and description do
        not name (purpose.py); the labels of its chosen codes do not count. A compound written
        with hyphens is read joined as well: "Mehr-Generationen-Haus" names the
        Mehrgenerationenhaus (split at white space only: linear in the text's length)."""
        text = profile.own_text
        joined = " ".join(t.replace("-", "") for t in text.split() if "-" in t)
        return self.purposes.unplanned(words(text) + words(joined), names_integration(profile))

    def _plannable(self, row: int, today: date, profile: Profile, unplanned: np.ndarray) -> bool:
        """A programme the funding mix may plan with: one can apply now or on a known next
        date (through its Land procedure for a Bund programme) that is not after the project's
        start, its guideline still runs when the project starts, and it funds what the project
        plans (not a narrow purpose the project's words do not name)."""
        programme = self.programmes[row]
        st = self._standing(programme, profile, today)
        if unplanned[row] or st.round == "ended":
            return False
        start = profile.start_date
        if start is not None and guideline_expired(programme, start):
            return False  # no guideline when the project starts
        problem = timing_problem(programme, profile, st.next_window, today)
        if problem is not None and problem.blocks_plan:
            return False  # one could not apply in time for this start
        return st.round == "open" or st.next_window is not None

    def scores(
        self, profile: Profile, text: np.ndarray, rules: Eligibility, unplanned: np.ndarray
    ) -> tuple[np.ndarray, dict]:
        """Score (0..100) of every programme, excluded ones -inf, and the weighted parts."""
        credit = coverage_credit(self.arrays, profile)
        parts = score_parts(self.arrays, profile, text, rules.ok, credit)
        total = total_scores(parts, self.weights, len(rules.ok))
        scaled = scaled_scores(
            total, self.arrays, rules, credit, self.standing_factors, profile, unplanned
        )
        return scaled, parts

    def rank(
        self, profile: Profile, today: date, include_closed: bool = False, top: int | None = None
    ) -> Ranking:
        """Rank the catalogue for a profile: matches (best first), funding mix, exclusions."""
        if not self.programmes:
            return Ranking([], self.programmes, profile, today)
        text = self.text_scores(profile)
        rules = self.eligible(profile, today, include_closed)
        unplanned = self.unplanned(profile)
        total, parts = self.scores(profile, text.scores, rules, unplanned)
        main = rules.ok & (~rules.indirect | rules.ordinary)
        lists = [
            keep_routes_together(
                [self.programmes[r] for r in self._related_best(total, chosen, top, profile, text)],
                self.routes,
                profile.state,
            )
            for chosen in (main, rules.ok & rules.indirect & ~rules.ordinary)
        ]
        row_of = self._row_of
        clashes = conflicts(lists[0] + lists[1])
        matches, indirect = (
            [
                self._match(
                    row_of[p.slug],
                    profile,
                    today,
                    total,
                    parts,
                    rules,
                    text,
                    clashes[p.slug],
                    bool(unplanned[row_of[p.slug]]),
                )
                for p in listed
            ]
            for listed in lists
        )
        candidates = _best(total, main, max(MIX_POOL, top or 0))
        # The best of the list that could carry a project, plannable now or not: the mix's bar.
        listed_best = max(
            (
                float(total[r])
                for r in candidates
                if not self.programmes[r].requires_public_cofunding and self._carries(r, rules)
            ),
            default=None,
        )
        pool = [
            (self.programmes[r], float(total[r]))
            for r in candidates
            # Money reached through a third party (a Programmpartner, the Kreis) is that
            # party's to give: listed, never planned with an amount.
            if not rules.indirect[r] and self._plannable(r, today, profile, unplanned)
        ]
        return Ranking(
            matches,
            self.programmes,
            profile,
            today,
            rules,
            text.scores,
            indirect,
            propose_mix(
                pool,
                profile,
                lambda p: self.routes.procedure(p, profile.state),
                listed_best,
                lambda p: timing_warning(p, profile, self._standing(p, profile, today), today),
            ),
        )

    def _related_best(
        self,
        total: np.ndarray,
        chosen: np.ndarray,
        top: int | None,
        profile: Profile,
        text: TextScores,
    ) -> list[int]:
        """The best ``top`` chosen rows that have something in common with the project: a
        theme, or a word of its own that the programme's text shares (a shown matching term).
        A programme that merely passes the rules (broadband money for a playground, whose
        only reason is "Antragsberechtigt: Kommune") is no match, however short the list. A
        profile without themes is not filtered: it says too little to tell."""
        if not profile.themes:
            return list(_best(total, chosen, top))
        themes = mask("themes", profile.themes)
        out: list[int] = []
        for row in _best(total, chosen, None):
            if self.arrays.themes[row] & themes or self._matched_terms(int(row), text):
                out.append(int(row))
                if top is not None and len(out) == top:
                    break
        return out

    def _standing(self, programme: Programme, profile: Profile, today: date) -> Standing:
        """The programme's standing, with the next date of its Land procedure for the profile's
        Land (a Bund programme)."""
        return standing(programme, today, self.routes.procedure(programme, profile.state))

    def _carries(self, row: int, rules: Eligibility) -> bool:
        """A grant the applicant applies for itself: what a funding mix is built from."""
        return not rules.indirect[row] and funding_kind(self.programmes[row]) == "grant"

    @property
    def _row_of(self) -> dict[str, int]:
        cached = getattr(self, "_rows_by_slug", None)
        if cached is None:
            cached = self._rows_by_slug = {p.slug: i for i, p in enumerate(self.programmes)}
        return cached

    def _match(
        self,
        row: int,
        profile: Profile,
        today: date,
        total: np.ndarray,
        parts: dict,
        rules: Eligibility,
        text: TextScores,
        clashes: list[Programme],
        unplanned: bool,
    ) -> Match:
        programme = self.programmes[row]
        route = programme.route_for(profile.applicant_type) if rules.indirect[row] else None
        scale = 100.0 / sum(self.weights.values())
        strengths = {
            name: float(value[row] if isinstance(value, np.ndarray) else value)
            * self.weights.get(name, 0)
            * scale
            for name, value in parts.items()
        }
        fit = Fit(
            strengths,
            self._matched_terms(row, text),
            route,
            bool(rules.ordinary[row]),
            self.routes.procedure(programme, profile.state),
            self.routes.carried(programme),
        )
        where = standing(programme, today, fit.procedure)
        cap = programme_cap(programme, profile)
        return Match(
            programme=programme,
            # A penalty (no designated area) can push a score below 0; the order keeps the raw
            # value, the number shown never leaves 0..100.
            score=min(max(round(float(total[row]), 1), 0.0), 100.0),
            reasons=match_reasons(programme, profile, where, fit, today),
            missing=missing_data(programme, profile),
            next_deadline=where.next_window,
            currently_closed=bool(rules.closed[row]),
            round=where.round,
            access_via=route,
            warnings=match_warnings(programme, profile, today, where, clashes, unplanned),
            kind=funding_kind(programme),
            ordinary_route=bool(rules.ordinary[row]),
            unclear=where.unclear,
            coverage=coverage(cap, profile),
            cap_eur=float(most) if (most := most_for_project(cap, profile)) is not None else None,
            conflicts=[p.slug for p in clashes],
            linked=sorted(self.routes.linked(programme, profile.state)),
        )

    def _matched_terms(self, row: int, text: TextScores) -> list[str]:
        """The words of the project that the programme's own text shares, the most weighty
        first (as the user wrote them)."""
        shared = text.shared
        start, end = shared.indptr[row], shared.indptr[row + 1]
        if start == end:
            return []
        positions = shared.indices[start:end]  # into the query's terms, ascending
        contribution = shared.data[start:end] * text.weights[positions]
        own = self._own_terms(row)
        out = []
        for i in np.argsort(-contribution):
            term = self.term_names[text.terms[positions[i]]]
            word = text.surface.get(term) if term in own else None
            if word and word not in out:
                out.append(word)
        return out

    def _own_terms(self, row: int) -> frozenset[str]:
        """The index terms of the programme's own words (funder_text), for the few programmes
        a ranking explains; kept for the engine's life, one small set per explained record."""
        found = self._own_terms_cache.get(row)
        if found is None:
            tokens = words(funder_text(self.programmes[row]))
            found = frozenset(self._index_terms(tokens, self._word_terms(tokens)))
            self._own_terms_cache[row] = found
        return found
