"""Which matching words may be shown as a reason ("Passende Begriffe").

A word is shown only when it carries meaning on its own: a noun (German writes nouns with a
capital letter, so a word counts as a noun when it is written capitalised inside sentences more
often than not, in the catalogue and in the user's own text; at a sentence start every word is
capitalised and says nothing), at least four letters, no number,
no ordinal ("vierten", "Erste"), no function word, and none of the generic nouns that every
project description contains ("Ort", "Jahr", "Angebote"). Verbs and adjectives ("läuft",
"richtet", "kleiner", "viele") are written in lower case and so never qualify; the few adjectives
written capitalised in set phrases ("für Groß und Klein", "Jung und Alt") are listed, and the first
part of a compound cut short before "und" ("Sach- und Personalkosten") is no word of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from funding_matcher.domain.matching.text import STOP_WORDS

WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A sentence ends at . ! ? : ; before white space, or at a line break.
WORD_OR_END_RE = re.compile(r"([.!?:;](?=\s)|\n)|([^\W\d_]+(?:-[^\W\d_]+)*)")
ORDINAL_RE = re.compile(
    r"^(erst|zweit|dritt|viert|fünft|sechst|siebt|siebent|acht|neunt|zehnt|elft|zwölft"
    r"|zwanzigst|hundertst|letzt|nächst|vorletzt)(e|er|es|en|em)?$"
)
MIN_LETTERS = 4
# Nouns that every project description contains, and the budget's and an application's words
# (Laufzeit, Sachkosten, Personal, Akteure): they explain nothing about a fit.
GENERIC_NOUNS = frozenset(
    """
    ort orte orten jahr jahre jahren jahres monat monate monaten woche wochen tag tage tagen zeit
    zeiten teil teile teilen art arten weise form formen rahmen bereich bereiche bereichen euro
    prozent stunde stunden ziel ziele zielen beginn ende anfang mensch menschen leute person
    personen angebot angebote angeboten möglichkeit möglichkeiten maßnahme maßnahmen thema themen
    frage fragen fall fälle grundlage grundlagen hälfte mitte kosten mittel summe betrag antrag
    anträge verein vereine vereins stadt städte gemeinde gemeinden kommune kommunen träger land
    landes länder bund initiative initiativen gruppe gruppen zahl anzahl seite seiten idee ideen
    vorhaben projekt projekte projekten projekts programm programme förderung förderungen
    unterstützung beispiel beispiele dinge ding weg wege woche stelle stellen haus häuser
    raum räume leben anteil anteile zusammenhang entwicklung umsetzung bedarf bedarfe ebene
    einsatz quartier quartiere quartieren quartiers stadtteil stadtteile stadtteilen absatz
    januar februar märz april mai juni juli august september oktober november dezember montag
    dienstag mittwoch donnerstag freitag samstag sonntag
    laufzeit laufzeiten personal personals sachkosten personalkosten honorarkosten eigenmittel
    eigenanteil finanzierung zuschuss zuschüsse vereinen akteur akteure akteuren
    landkreis kreis bezirk einrichtung einrichtungen geld gelder mittelpunkt
    """.split()  # noqa: SIM905 (a word list reads best as text)
)
# Adjectives written capitalised in set phrases and names ("für Groß und Klein", "Jung und Alt",
# "Neues wagen", "Best Practice"): capitalised in the text, yet no noun.
CAPITALISED_ADJECTIVES = frozenset(
    "groß gross klein jung älter neues gute best first fast good just hard".split()  # noqa: SIM905
)
# A compound's first part cut short before a conjunction or comma ("Sach- und Personalkosten",
# "Lern-, Spiel- und Bewegungsräume"): not a word of its own.
CUT_SHORT_RE = re.compile(r"\b([^\W\d_]+)-(?=[\s,/)])")


def cut_short(text: str) -> frozenset[str]:
    """The first parts of compounds cut short in ``text``, lower case ("sach", "lern")."""
    return frozenset(w.lower() for w in CUT_SHORT_RE.findall(text))


@dataclass(frozen=True)
class CaseCounts:
    """How often each word is written capitalised / in lower case inside sentences."""

    capital: Counter[str] = field(default_factory=Counter)
    lower: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, texts: Iterable[str]) -> CaseCounts:
        """Count words after the first of each sentence (which is capitalised anyway)."""
        capital: dict[str, int] = {}
        lower: dict[str, int] = {}
        for text in texts:
            first = True
            for sentence_end, word in WORD_OR_END_RE.findall(text):
                if sentence_end:
                    first = True
                    continue
                if first:
                    first = False
                    continue
                # Repair-Café counts for Repair and Café too.
                for part in (word, *word.split("-")) if "-" in word else (word,):
                    counts = capital if part[:1].isupper() else lower
                    key = part.casefold()
                    counts[key] = counts.get(key, 0) + 1
        return cls(Counter(capital), Counter(lower))


ENDINGS = ("", "e", "en", "er", "es", "em", "n", "s")


def _forms(key: str) -> set[str]:
    """The word and its other inflected forms (inklusiver -> inklusiv, inklusive, ...)."""
    stems = {key} | {
        key[: -len(e)] for e in ENDINGS if e and key.endswith(e) and len(key) > len(e) + 3
    }
    return {s + e for s in stems for e in ENDINGS}


# Every inflected form of the generic nouns: "Stadtteils", "Antrags", "Anteils" as well.
GENERIC_FORMS = frozenset(form for noun in GENERIC_NOUNS for form in _forms(noun))


def is_noun(word: str, *counts: CaseCounts) -> bool:
    """Written capitalised more often than in lower case, this form or else any inflected form
    ("Inklusiver" at the start of a title is an adjective: "inklusive" is written lower case).
    A word seen only at the start of sentences gives no evidence and is not shown."""
    key = word.casefold()
    for keys in ({key}, _forms(key)):
        capital = sum(c.capital[k] for c in counts for k in keys)
        lower = sum(c.lower[k] for c in counts for k in keys)
        if capital or lower:
            return capital > lower
    return False


def shows_meaning(word: str, *counts: CaseCounts) -> bool:
    """The word may be shown as a matching term."""
    # lower(), not casefold(): the lists keep ß, which casefold() writes as ss ("massnahme").
    key = word.lower()
    if not word[:1].isupper() or len(word) < MIN_LETTERS or not key.replace("-", "").isalpha():
        return False  # written in lower case here: a verb, an adjective, an adverb
    if key in STOP_WORDS or key in GENERIC_FORMS or key in CAPITALISED_ADJECTIVES:
        return False
    if ORDINAL_RE.match(key):
        return False
    return is_noun(word, *counts)


def shown_words(text: str, catalogue: CaseCounts) -> list[str]:
    """Every word of ``text`` that could be shown as a matching term, in order, once each."""
    own = CaseCounts.of([text])
    cut = cut_short(text)
    out: list[str] = []
    for word in WORD_RE.findall(text):
        for part in word.split("-"):
            if part not in out and part.lower() not in cut and shows_meaning(part, catalogue, own):
                out.append(part)
    return out
