"""Who issued a guideline, its title, and whether it fits the catalogue record it is put on.

A guideline names its issuer where it starts (title block, letterhead, running header): "Richtlinie
der Stadt Mannheim", "Bundesministerium für …", "Bekanntmachung … BAnz AT". A municipal guideline
uploaded onto a federal programme (a Potsdam guideline on the NKI record) is the wrong file; the
import then warns and the proposals cannot be taken over as checked.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.pdf_import.document import PdfText
from funding_matcher.domain.pdf_import.sections import section_kind

_PLACE = (
    r"(?P<place>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*"
    r"(?:\s(?:am|an der|a\.\s?d\.|im|in der|ob der)\s[A-ZÄÖÜ][\w.]+)?)"
)
MUNICIPAL = re.compile(
    r"\b(?:Landeshauptstadt|Hansestadt|Universitätsstadt|Kreisstadt|Stadt|Gemeinde|Markt|"
    r"Landkreis(?:es)?|Verbandsgemeinde|Bezirksamt(?:es)?|Samtgemeinde)\s" + _PLACE
)
LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "bund",
        re.compile(
            r"Bundesministeri\w*|Bundesamt\b|Bundesanstalt|Bundesanzeiger|BAnz AT|\bKfW\b|"
            r"\bBAFA\b|Bundesregierung|Bundesförderung"
        ),
    ),
    (
        "land",
        re.compile(
            r"\bFreistaat(?:es)?\s(?:Bayern|Sachsen|Thüringen)|Landesregierung|Landesamt|"
            r"Staatsministerium|Ministerium (?:\w+ ){0,6}des Landes|Landesförderinstitut|"
            r"Investitionsbank|Senatsverwaltung|\bdes Landes\b"
        ),
    ),
    ("eu", re.compile(r"Europäische Kommission|Interreg|Erasmus\+|Europäischer Sozialfonds")),
)
# "Die Stadt Heidelberg fördert …", "Richtlinie der Gemeinde Poing": a Kommune as grantor.
GRANTING_MUNICIPALITY = re.compile(
    r"(?:(?:Richtlinie|Förderrichtlinie|Förderprogramm|Zuschüsse|Zuschuss|Zuwendungen|Mittel|"
    r"Haushaltsmittel|Leistung) der |\b[Dd]ie |\b[Dd]er )(?P<who>"
    + MUNICIPAL.pattern
    + r")(?:\s(?:fördert|gewährt|bezuschusst|unterstützt|möchte|stellt)\b)?"
)
_LEADER = re.compile(r"\.{4,}|…{2,}")
_TITLE_END = re.compile(r"^(?:Vom|vom|Stand|Gültig|gültig|in der Fassung|Fassung|\d)")
TITLE_WORDS = re.compile(
    r"Richtlinie|Förderrichtlinie|Merkblatt|Förderaufruf|Förderprogramm|Bekanntmachung|Programm",
    re.IGNORECASE,
)
LEVEL_NAMES = {
    "kommune": "einer Kommune",
    "land": "eines Landes",
    "bund": "des Bundes",
    "eu": "der EU",
    "stiftung": "einer Stiftung oder Lotterie",
}
ISSUED_BY = {
    "kommune": "von einer Kommune",
    "land": "von einem Land",
    "bund": "vom Bund",
    "eu": "von der EU",
}
_HEAD_LINES = 12  # lines at the start of the first page that carry the title block


@dataclass(frozen=True)
class Issuer:
    """Who issued a guideline: a level (kommune, land, bund, eu) and, for a Kommune, how the
    text names it ("Landeshauptstadt Potsdam") and its place ("Potsdam")."""

    level: str
    name: str = ""
    place: str = ""

    def to_dict(self) -> dict[str, str]:
        """``{"level": "kommune", "name": "Landeshauptstadt Potsdam", "place": "Potsdam"}``."""
        return {"level": self.level, "name": self.name, "place": self.place}


def find_title(document: PdfText) -> str | None:
    """The guideline's title: the first lines of the first page from a title word's line to
    the date, a section heading or running text."""
    if not document.pages:
        return None
    head = [line for line in document.pages[0].lines[:_HEAD_LINES] if len(line) > 2]
    for index, line in enumerate(head):
        if TITLE_WORDS.search(line) and not _LEADER.search(line):
            parts = [line]
            for more in head[index + 1 : index + 5]:
                if (
                    _TITLE_END.match(more)
                    or _LEADER.search(more)
                    or more[-1:] in ".,:;"
                    or len(more) > 100
                    or section_kind(more)
                ):
                    break
                parts.append(more)
            return " ".join(parts)[:200]
    return None


def find_issuer(document: PdfText) -> Issuer | None:
    """The issuer that the title block, letterheads and running headers name, or the running
    text names as the one who grants ("Die Stadt Heidelberg fördert …"); None when unclear."""
    weights: Counter[str] = Counter()
    places: Counter[tuple[str, str]] = Counter()
    for number, page in enumerate(document.pages[:2], start=1):
        head = (*page.lines[:_HEAD_LINES], *page.furniture) if number == 1 else page.furniture
        for line in head:
            for match in MUNICIPAL.finditer(line):
                weights["kommune"] += 3
                places[(match.group(0), match.group("place"))] += 3
            for level, pattern in LEVELS:
                weights[level] += 3 if pattern.search(line) else 0
        for line in page.lines[_HEAD_LINES if number == 1 else 0 :]:
            for match in GRANTING_MUNICIPALITY.finditer(line):
                weights["kommune"] += 2
                places[(match.group("who"), match.group("place"))] += 2
    weights = +weights  # drop levels never named
    if not weights:
        return None
    ranked = weights.most_common(2)
    level, score = ranked[0]
    if len(ranked) > 1 and ranked[1][1] * 2 > score:
        return None  # two levels named about as often: a joint programme, or unclear
    if level != "kommune" or not places:
        return Issuer(level)
    (name, place), _ = places.most_common(1)[0]
    return Issuer(level, name, place)


def fit_warning(issuer: Issuer | None, title: str | None, programme: Programme) -> str | None:
    """A German sentence when the guideline's issuer cannot be the record's funder; else None.

    Only clear contradictions count: a Kommune's guideline on a programme of the Bund, a Land,
    the EU or a foundation (unless the record names that Kommune), a federal or Land guideline on
    a municipal programme or a foundation's, and a second Kommune on a municipal record.
    """
    if issuer is None:
        return title_warning(title, programme)
    record = programme.level
    text = " ".join(
        filter(
            None,
            (
                programme.title,
                programme.short_title,
                programme.funder,
                programme.summary,
                programme.description,
                programme.notes,
            ),
        )
    )
    clash = False
    if issuer.level == "kommune":
        named = bool(issuer.place) and re.search(rf"\b{re.escape(issuer.place)}\b", text)
        clash = not named
    elif issuer.level in ("bund", "land"):
        clash = record in ("kommune", "stiftung")
    if not clash:
        return title_warning(title, programme)
    who = f"von der {issuer.name}" if issuer.name else ISSUED_BY[issuer.level]
    who = who.replace("von der Markt", "vom Markt").replace("von der Landkreis", "vom Landkreis")
    named_title = f" („{title}“)" if title else ""
    record_level = LEVEL_NAMES.get(record, record)
    return (
        f"Die Datei stammt offenbar {who}{named_title}, der Eintrag „{programme.short_title}“ ist "
        f"ein Programm {record_level} ({programme.funder}); bitte prüfen, ob die Richtlinie zu "
        "diesem Programm gehört. Vorschläge aus dieser Datei lassen sich hier nicht als von Ihrer "
        "Organisation geprüft übernehmen."
    )


# Words every guideline title may carry: they say nothing about which programme it is.
_GENERIC = frozenset(
    [
        "richtlinie",
        "förderrichtlinie",
        "richtlinien",
        "förderung",
        "förderprogramm",
        "programm",
        "programms",
        "programme",
        "bekanntmachung",
        "merkblatt",
        "merkblattes",
        "änderung",
        "änderungen",
        "gewährung",
        "zuwendung",
        "zuwendungen",
        "zuschuss",
        "zuschüssen",
        "zuschüsse",
        "kredit",
        "kredite",
        "rahmen",
        "fachprogramm",
        "fachprogramms",
        "durchführung",
        "vergabe",
        "anträge",
        "antrag",
        "anträgen",
        "projekten",
        "projekte",
        "vorhaben",
        "maßnahmen",
        "stadt",
        "gemeinde",
        "landkreis",
        "landeshauptstadt",
        "landes",
        "bundes",
        "bundesförderung",
        "privatpersonen",
        "sowie",
        "gemäß",
        "fassung",
        "stand",
        "gültig",
        "vom",
        "über",
        "unter",
        "einer",
        "eines",
    ]
)
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{5,}")
_STEM = 6  # "Klimaschutzes" and "Klimaschutz" share their first letters


def _stems(text: str) -> set[str]:
    return {w.casefold()[:_STEM] for w in _WORD.findall(text) if w.casefold() not in _GENERIC}


def title_fits(title: str | None, programme: Programme) -> bool:
    """Whether the guideline's title shares a telling word with the record (its titles, funder,
    summary); a title of fewer than two telling words is never held against it."""
    if not title:
        return True
    own = _stems(title)
    if len(own) < 2:
        return True
    record = " ".join(
        filter(None, (programme.title, programme.short_title, programme.funder, programme.summary))
    )
    return bool(own & _stems(record))


def title_warning(title: str | None, programme: Programme) -> str | None:
    """A German sentence when the guideline's title has nothing in common with the record."""
    if title_fits(title, programme):
        return None
    return (
        f"Der Titel der Datei („{title}“) hat mit dem Eintrag „{programme.short_title}“ "
        f"({programme.funder}) kein Wort gemeinsam; bitte prüfen, ob die Richtlinie zu diesem "
        "Programm gehört. Vorschläge aus dieser Datei lassen sich hier nicht als von Ihrer "
        "Organisation geprüft übernehmen."
    )


def _issuer_name(issuer: Issuer) -> str:
    return f"der Kommune {issuer.name}"
