"""German text analysis for ranking: tokens, stop words, stemming and compound splitting.

German glues nouns together (Quartiersentwicklung, Stadtteilmanagement), so a plain word
vocabulary misses that a "Quartierskonzept" and "Quartiersmanagement" share a subject. The
analyzer stems every word (Snowball, German) and splits long words into parts it has seen on
their own in the catalogue, keeping the whole word as well. Some first parts hardly ever stand
alone (Wohlfahrts-verband, Wohlfahrts-pflege): when no split into two known parts exists, a
known last part (the grammatical head of a German compound) also splits off a first part of at
least ``MIN_MODIFIER`` letters, so both compounds share "wohlfahrt".

Everything here is safe to call from many threads at once and costs bounded work per word:
each thread has its own stemmer (a Snowball stemmer keeps state while it works), a run of more
than ``MAX_WORD`` letters is not a word and is dropped, and the only cache is the catalogue's own
vocabulary, computed once when the analyzer is built and never changed afterwards.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable
from itertools import chain, filterfalse, product

import Stemmer

FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
MIN_TOKEN = 3
MAX_WORD = 64  # longer than any German word in use; a longer letter run is noise or an attack
TOKEN_RE = re.compile(rf"[a-zß-öø-ÿā-ž]{{{MIN_TOKEN},}}")  # Latin letters; hyphens split words
MIN_PART = 4  # compound parts shorter than this are too ambiguous (Land-, Bau-, Amt)
# A first part not seen on its own must be longer: a short one is more often a prefix or a
# misread word than a noun (ver-einbarung, unter-stützung, aus-stattung).
MIN_MODIFIER = 6
LINKING = ("s", "es", "n", "en", "er", "e")  # Fugenelemente: Quartier-s-management
# Snowball's German stemmer reads "ae", "oe", "ue" as umlauts, so a stem may be shorter at the
# start than the word it came from: "muesli" -> "musl".
UMLAUT_SPELLINGS = {"a": ("a", "ae"), "o": ("o", "oe"), "u": ("u", "ue")}

STOP_WORDS = (
    frozenset(
        """
    aber alle allem allen aller alles als also am an andere anderen anderer anderes auch auf
    aus bei beim bereits bis bzw da dabei damit dann das dass dem den denen der deren des
    dessen die dies diese diesem diesen dieser dieses doch dort durch eine einem einen einer
    eines einzelne etwa etwas für gegen ggf hat haben hier ihr ihre ihrem ihren ihrer im in
    ins insbesondere ist jede jedem jeden jeder jedoch kann kein keine können man mehr mit
    möglich muss müssen nach neben nicht noch nur ob oder ohne sein seine sich sie sind so
    sollen soll sowie über um und uns unter usw vom von vor war was weitere weiteren wenn
    werden wie wird wo zu zum zur zwischen sowohl bzw sofern soweit dafür davon deren
    einschließlich jeweils rund ca gefördert fördert fördern förderung förderprogramm programm
    projekt projekte projekten vorhaben
    ein einige einigem einigen einiger einiges einmal anderem anders keinem keinen keiner keines
    jedes jene jenem jenen jener jenes manche manchem manchen mancher manches solche solchem
    solchen solcher solches welche welchem welchen welcher welches derselbe derselben dieselbe
    dieselben dasselbe derer ich mich mir dich dir ihn ihm ihnen ihres seinem seinen seiner
    seines wir unser unsere unserem unseren unserer unseres mein meine meinem meinen meiner
    meines dein deine deinem deinen deiner deines euer eure eurem euren eurer eures bin bist
    gewesen habe hatte hatten waren werde will wollen wollte würde würden sollte könnte musste
    dazu denn indem jetzt nun sehr selbst sondern sonst viel während weil wieder zwar nichts
    """.split()  # noqa: SIM905 (a word list reads best as text)
    )
    | frozenset(
        # Counts and spans of time say when or how often ("an drei Tagen pro Woche geöffnet"), not
        # what a project or programme is about (own cases 0.807 -> 0.814 nDCG@10, shared equal).
        """
    eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert
    tausend einmal zweimal dreimal mal pro tag tage tagen tages woche wochen monat monate
    monaten jahr jahre jahren jahres stunde stunden täglich wöchentlich monatlich jährlich
    """.split()  # noqa: SIM905 (a word list reads best as text)
    )
    | frozenset(
        # A guideline's legal frame ("tritt in Kraft", "außer Kraft"): "Kraft" in a project's text
        # ranked the Integrationsagenturen tenth for a DRK Mobilitätsdienst (dev cases equal).
        ("kraft", "inkrafttreten")
    )
)

# An adjective ending in "-frei" (barrierefrei, schwellenfreier, kostenfreie) says "without" its
# first part: its last part is no subject of its own, and as a term it matched "freie Träger",
# "Freie Wohlfahrtspflege", "Freistaat" and "Freizeit". Its first part (Barriere) stays a term.
FREE_OF = frozenset({"frei", "freie", "freier", "freien", "freies", "freiem"})

# A stem ending in -inn is a feminine form when at least four letters come before it.
FEMININE_MIN = 7

_per_thread = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    """This thread's Snowball stemmer (the C implementation; one instance per thread)."""
    stemmer = getattr(_per_thread, "stemmer", None)
    if stemmer is None:
        stemmer = _per_thread.stemmer = Stemmer.Stemmer("german", 0)  # 0: no internal cache
    return stemmer


def stem(word: str) -> str:
    """Snowball stem of a lower-case word, umlauts folded (Förderung -> forder). A feminine
    form in -in/-innen stems like its masculine form, which Snowball does only for -erin
    (Seniorinnen -> senior as Senioren, Nachbarinnen -> nachbar); "Gemeinsinn" and short
    words (Beginn, Gewinn) keep their stem."""
    stemmer = _stemmer()
    found = stemmer.stemWord(word)
    if found.endswith("inn") and len(found) >= FEMININE_MIN and not found.endswith("sinn"):
        found = stemmer.stemWord(word[: word.rindex("inn")])
    return found.translate(FOLD)


def words(text: str) -> list[str]:
    """Lower-case words of three to ``MAX_WORD`` letters, without stop words; hyphens split."""
    return [
        w
        for w in filterfalse(STOP_WORDS.__contains__, TOKEN_RE.findall(text.lower()))
        if len(w) <= MAX_WORD
    ]


def _spellings(prefix: str) -> set[str]:
    """The first MIN_PART letters of every word whose stem could start with ``prefix``."""
    options = [UMLAUT_SPELLINGS.get(letter, (letter,)) for letter in prefix]
    return {"".join(choice)[:MIN_PART] for choice in product(*options)}


class GermanAnalyzer:
    """Turns words into index terms: stems plus the stems of known compound parts.

    Immutable once built: the terms of the catalogue's own words are computed up front, any
    other word is analysed afresh per call (a handful of stemmer calls, bounded by MAX_WORD).
    """

    def __init__(
        self, known_stems: Iterable[str] = (), decompound: bool = True, vocabulary=()
    ) -> None:
        self.known = frozenset(s for s in known_stems if len(s) >= MIN_PART)
        # A compound part can only stem to a known stem if it starts like one: checking the
        # first letters first spares the stemmer almost every cut of a long word.
        self.known_starts = frozenset(
            chain.from_iterable(_spellings(s[:MIN_PART]) for s in self.known)
        )
        self.decompound = decompound
        self._vocabulary = {word: self._analyse(word) for word in set(vocabulary)}

    @classmethod
    def from_token_lists(
        cls, token_lists: Iterable[list[str]], decompound: bool = True
    ) -> GermanAnalyzer:
        """Learn which stems stand on their own in the corpus (the parts compounds split into)."""
        token_lists = list(token_lists)
        document_frequency = Counter(chain.from_iterable(set(tokens) for tokens in token_lists))
        stems: Counter[str] = Counter()
        for word, count in document_frequency.items():
            stems[stem(word)] += count
        return cls((s for s, n in stems.items() if n >= 2), decompound, document_frequency)

    def word_terms(self, word: str) -> tuple[str, ...]:
        """Index terms of one word: its stem, then the stems of its compound parts."""
        known = self._vocabulary.get(word)
        return known if known is not None else self._analyse(word)

    def terms(self, tokens: list[str]) -> list[str]:
        """Index terms of words already split by ``words``."""
        return list(chain.from_iterable(map(self.word_terms, tokens)))

    def parts(self, word: str) -> tuple[str, ...]:
        """Stems of the parts of a compound, e.g. stadtteilbüro -> (stadtteil, buro)."""
        return self._split(word.translate(FOLD))

    def in_vocabulary(self, word: str) -> bool:
        """The word occurs in the catalogue (its terms were computed when the analyzer was
        built)."""
        return word in self._vocabulary

    def known_part(self, part: str) -> bool:
        """A part of a compound is a word of the catalogue: its stem, or the stem without a
        Fugenelement at either end ("gruppen", "s-kosten"), stands on its own in the corpus."""
        candidates = {part}
        for f in LINKING:
            if part.endswith(f):
                candidates.add(part[: -len(f)])
            if part.startswith(f):
                candidates.add(part[len(f) :])
        return any(len(c) >= MIN_PART and stem(c) in self.known for c in candidates)

    def _analyse(self, word: str) -> tuple[str, ...]:
        terms: tuple[str, ...] = (stem(word),)
        if self.decompound and len(word) >= 2 * MIN_PART:
            terms += self.parts(word)
        return terms

    def _split(self, word: str) -> tuple[str, ...]:
        parts = self._split_known(word) or self._split_at_head(word)
        if parts and parts[-1] in FREE_OF:
            return parts[:-1]
        return parts

    def _split_known(self, word: str) -> tuple[str, ...]:
        if word[:MIN_PART] not in self.known_starts:
            return ()
        # Longest head first: "quartiersmanagement" -> quartier + management.
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if tail[:MIN_PART] not in self.known_starts:
                continue
            tail_stem = stem(tail)
            if tail_stem not in self.known:
                continue
            for candidate in (head, *(head[: -len(f)] for f in LINKING if head.endswith(f))):
                if len(candidate) >= MIN_PART and stem(candidate) in self.known:
                    return (stem(candidate), tail_stem)
        return ()

    def _split_at_head(self, word: str) -> tuple[str, ...]:
        """Longest known last part after a first part of ``MIN_MODIFIER`` letters or more:
        wohlfahrtsverband -> (wohlfahrt, verband); the stemmer drops the linking s."""
        for cut in range(MIN_MODIFIER, len(word) - MIN_PART + 1):
            tail = word[cut:]
            if tail[:MIN_PART] not in self.known_starts:
                continue
            tail_stem = stem(tail)
            if tail_stem in self.known:
                head_stem = stem(word[:cut])
                return (head_stem, tail_stem) if len(head_stem) >= MIN_PART else ()
        return ()
