"""German passwords that zxcvbn's English dictionaries rate as strong: a common word (or the
organisation's own name) with a year and a sign, such as "Sommer2026!" or "StadtHagen2026".

A password is too weak when, after undoing common letter substitutions, it consists only of
words from the list below or from the context (organisation and person names), digits and
signs. A word of one's own anywhere ("Gartenfest im Quartier") keeps it strong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words people build passwords from in German offices: seasons, months, days, greetings,
# places, clubs, and the vocabulary of this application and its users' organisations.
_WORD_LINES = (
    "passwort kennwort passwd geheim geheimnis hallo willkommen servus moin test admin",
    "benutzer nutzer zugang login anmeldung start neu neues mein meine dein ich du wir",
    "liebe schatz sonne sonnenschein mond stern engel blume hund katze maus baer",
    "sommer winter herbst fruehling fruhling fruehjahr",
    "januar februar maerz marz april mai juni juli august september oktober november dezember",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "weihnachten ostern urlaub feierabend wochenende",
    "deutschland berlin hamburg muenchen munchen koeln koln frankfurt stuttgart duesseldorf",
    "dusseldorf dortmund essen bremen leipzig dresden hannover nuernberg nurnberg",
    "fussball schalke bayern borussia bvb werder eintracht",
    "quartier quartiers stadt gemeinde kommune kreis rathaus amt verwaltung buero buro",
    "verein verband traeger trager stiftung caritas diakonie awo paritaet paritat drk",
    "foerdermittel fordermittel foerderung forderung foerder forder antrag projekt projekte",
    "nachbarschaft nachbarn matcher",
    "qwertz qwertzu asdf yxcv",
)
COMMON_WORDS = frozenset(word for line in _WORD_LINES for word in line.split())
_SUBSTITUTIONS = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "€": "e"}
)
_SUBSTITUTION_CHARS = frozenset("013457@$€")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_LETTERS = re.compile(r"[^\W\d_]+")


def _words(text: str) -> set[str]:
    plain = text.casefold().translate(_UMLAUTS)
    return {word for word in _LETTERS.findall(plain) if len(word) >= 2}


def _undo_substitutions(text: str) -> str:
    """ "p4ssw0rt" is "passwort": a digit or sign next to a letter and not part of a number
    (a year such as 2026 stays digits) stands for the letter it resembles."""
    out = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        beside_letter = before.isalpha() or after.isalpha()
        in_number = before.isdigit() or after.isdigit()
        if char in _SUBSTITUTION_CHARS and beside_letter and not in_number:
            out.append(char.translate(_SUBSTITUTIONS))
        else:
            out.append(char)
    return "".join(out)


def _made_of(run: str, words: set[str]) -> bool:
    """Whether ``run`` splits entirely into the given words (dynamic programming)."""
    reachable = [True] + [False] * len(run)
    for end in range(1, len(run) + 1):
        reachable[end] = any(
            reachable[start] and run[start:end] in words for start in range(max(0, end - 20), end)
        )
    return reachable[-1]


def only_common_words(password: str, context: Iterable[str] = ()) -> bool:
    """Whether the password is nothing but common or context words, digits and signs."""
    words = set(COMMON_WORDS)
    for text in context:
        words |= _words(text)
    runs = _LETTERS.findall(_undo_substitutions(password.casefold().translate(_UMLAUTS)))
    if not runs:
        return False  # digits and signs only: zxcvbn judges those
    return all(_made_of(run, words) for run in runs)
