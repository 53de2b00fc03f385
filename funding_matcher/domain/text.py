"""German text analysis for ranking: tokens, stop words, stemming and compound splitting.

German glues nouns together (Quartiersentwicklung, Stadtteilmanagement), so a plain word
vocabulary misses that a "Quartierskonzept" and "Quartiersmanagement" share a subject. The
analyzer stems every word (Snowball, German) and splits long words into parts it has seen on
their own in the catalogue, keeping the whole word as well.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain, filterfalse

import snowballstemmer

FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
MIN_TOKEN = 3
TOKEN_RE = re.compile(rf"[a-zß-öø-ÿā-ž]{{{MIN_TOKEN},}}")  # Latin letters; hyphens split words
MIN_PART = 4  # compound parts shorter than this are too ambiguous (Land-, Bau-, Amt)
LINKING = ("s", "es", "n", "en", "er", "e")  # Fugenelemente: Quartier-s-management

STOP_WORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an andere anderen anderer anderes auch auf
    aus bei beim bereits bis bzw da dabei damit dann das dass dem den denen der deren des
    dessen die dies diese diesem diesen dieser dieses doch dort durch eine einem einen einer
    eines einzelne etwa etwas für gegen ggf hat haben hier ihr ihre ihrem ihren ihrer im in
    ins insbesondere ist jede jedem jeden jeder jedoch kann kein keine können man mehr mit
    möglich muss müssen nach neben nicht noch nur ob oder ohne sein seine sich sie sind so
    sollen soll sowie über um und uns unter usw vom von vor war was weitere weiteren wenn
    werden wie wird wo zu zum zur zwischen sowohl bzw sofern soweit dafür davon deren
    einschließlich jeweils rund ca gefördert fördert förderung förderprogramm programm
    projekt projekte projekten vorhaben
    """.split()  # noqa: SIM905 (a word list reads best as text)
)

_stemmer = snowballstemmer.stemmer("german")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem of a lower-case word, umlauts folded (Förderung -> forder)."""
    return _stemmer.stemWord(word).translate(FOLD)


def words(text: str) -> list[str]:
    """Lower-case words of at least three letters, without stop words; hyphens split."""
    return list(filterfalse(STOP_WORDS.__contains__, TOKEN_RE.findall(text.lower())))


class GermanAnalyzer:
    """Turns text into index terms: stems plus the stems of known compound parts."""

    def __init__(self, known_stems: Iterable[str] = (), decompound: bool = True):
        self.known = frozenset(s for s in known_stems if len(s) >= MIN_PART)
        self.decompound = decompound
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self._word_terms = _WordTerms(self)

    @classmethod
    def from_token_lists(
        cls, token_lists: Iterable[list[str]], decompound: bool = True
    ) -> GermanAnalyzer:
        """Learn which stems stand on their own in the corpus (the parts compounds split into)."""
        document_frequency = Counter(chain.from_iterable(set(tokens) for tokens in token_lists))
        stems: Counter[str] = Counter()
        for word, count in document_frequency.items():
            stems[stem(word)] += count
        return cls((s for s, n in stems.items() if n >= 2), decompound)

    def terms(self, tokens: list[str]) -> list[str]:
        """Index terms of words already split by ``words``."""
        return list(chain.from_iterable(map(self._word_terms.__getitem__, tokens)))

    def parts(self, word: str) -> tuple[str, ...]:
        """Stems of the parts of a compound, e.g. stadtteilbüro -> (stadtteil, buro)."""
        cached = self._split_cache.get(word)
        if cached is None:
            cached = self._split(word.translate(FOLD))
            self._split_cache[word] = cached
        return cached

    def _split(self, word: str) -> tuple[str, ...]:
        # Longest head first: "quartiersmanagement" -> quartier + management.
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            tail_stem = stem(tail)
            if tail_stem not in self.known:
                continue
            for candidate in (head, *(head[: -len(f)] for f in LINKING if head.endswith(f))):
                if len(candidate) >= MIN_PART and stem(candidate) in self.known:
                    return (stem(candidate), tail_stem)
        return ()


class _WordTerms(dict):
    """word -> its index terms (stem, then compound parts), computed once per word."""

    def __init__(self, analyzer: GermanAnalyzer):
        super().__init__()
        self.analyzer = analyzer

    def __missing__(self, word: str) -> tuple[str, ...]:
        terms: tuple[str, ...] = (stem(word),)
        if self.analyzer.decompound and len(word) >= 2 * MIN_PART:
            terms += self.analyzer.parts(word)
        self[word] = terms
        return terms
