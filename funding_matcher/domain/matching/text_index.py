"""The catalogue's text as an index: German TF-IDF over each programme's words and the labels of
its codes, the similarity of a profile's text to every programme, and the words a match shows.

Fitted once with the engine. A query touches only its own terms' columns of a CSC matrix; the
same slice, read by programme, says which of the project's words a programme's own text shares
(the reasons' "Passende Begriffe", only words that carry meaning: terms.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain

import numpy as np
from scipy import sparse
from sklearn import config_context
from sklearn.feature_extraction.text import TfidfVectorizer

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.matching.terms import CaseCounts, cut_short, shows_meaning
from funding_matcher.domain.matching.text import FOLD, GermanAnalyzer, stem, words
from funding_matcher.domain.places import place_words
from funding_matcher.domain.profile import Profile

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


class TextIndex:
    """TF-IDF over the programmes' texts (rows as the engine ranks them)."""

    def __init__(self, programmes: list[Programme], text_mode: str = DEFAULT_TEXT_MODE) -> None:
        if text_mode not in TEXT_MODES:
            raise ValueError(f"text_mode must be one of {', '.join(TEXT_MODES)}")
        self.text_mode = text_mode
        self.programmes = programmes
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
        # How the catalogue writes each word (capitalised = noun), for the reasons' terms.
        self.case_counts = CaseCounts.of(f"{p.summary} {p.description}" for p in self.programmes)
        # Row -> index terms of the record's own words, filled for the records a ranking explains.
        self._own_terms_cache: dict[int, frozenset[str]] = {}

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

    def scores(self, profile: Profile) -> TextScores:
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

    def matched_terms(self, row: int, text: TextScores) -> list[str]:
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
