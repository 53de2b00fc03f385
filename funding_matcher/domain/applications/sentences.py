"""The free description split into sentences and each sentence given a topic (contract § 3, rule 4).

Used when the profile has no details for a topic: the user's sentences are kept verbatim, each
used once, and go where a section of their topic is; a sentence that fits no topic goes to the
summary. Only the user's own text is read for cue words here, never a section title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a full stop but do not end a sentence (lower-case, without the stop).
ABBREVIATIONS = frozenset(
    [
        "z",
        "b",
        "bzw",
        "ca",
        "nr",
        "d",
        "h",
        "u",
        "a",
        "e",
        "v",
        "usw",
        "etc",
        "inkl",
        "ggf",
        "vgl",
        "str",
        "st",
        "dr",
        "prof",
        "jh",
        "i",
        "r",
        "o",
        "ä",
        "v",
        "evtl",
        "insb",
        "mind",
        "max",
        "min",
        "bspw",
        "sog",
        "abs",
        "ziff",
        "tel",
        "co",
        "kap",
        "gem",
        "zzgl",
        "abzgl",
        "geb",
        "ehem",
        "jan",
        "feb",
        "mär",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dez",
    ]
)
_BOUNDARY = re.compile(r"([.!?…])([\"“”»)]*)\s+(?=[\"„“»(]?[A-ZÄÖÜ0-9])")
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")


def split_sentences(text: str) -> list[tuple[str, bool]]:
    """Sentences and list items (flag True) of a free text, each exactly as written."""
    sentences: list[tuple[str, bool]] = []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        running: list[str] = []
        for line in paragraph.split("\n"):
            if not line.strip():
                continue
            if _BULLET.match(line):
                sentences += [(s, False) for s in _split_running(" ".join(running))]
                running = []
                sentences.append((_BULLET.sub("", line).strip(), True))
            else:
                running.append(line.strip())
        sentences += [(s, False) for s in _split_running(" ".join(running))]
    return [(s, bullet) for s, bullet in sentences if s]


def _split_running(text: str) -> list[str]:
    if not text:
        return []
    out, start = [], 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start(1)]
        word = re.search(r"([\wÄÖÜäöüß]+)$", before)
        token = word.group(1) if word else ""
        if match.group(1) == "." and (
            token.lower() in ABBREVIATIONS
            or (len(token) == 1 and token.isalpha())
            or (token.isdigit() and len(token) <= 2)
        ):
            continue  # "z. B.", "e. V.", "1. Juli", "01.07." do not end a sentence
        out.append(text[start : match.end(2)].strip())
        start = match.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


# Cue fragments per topic, matched in the lower-cased sentence (German compounds: substrings).
CUES: dict[str, tuple[str, ...]] = {
    "finanzierung": ("€", " euro", "eur ", "eigenmittel", "eigenanteil", "kosten", "finanzier"),
    "barrierefreiheit": (
        "barrierefrei",
        "barriere",
        "rollstuhl",
        "leichte sprache",
        "leichter sprache",
        "gebärden",
        "stufenlos",
        "induktion",
        "blindenschrift",
        "aufzug",
        "rampe",
        "schwelle",
        "barrierearm",
    ),
    "beteiligung": (
        "beteilig",
        "mitwirk",
        "mitbestimm",
        "mitentscheid",
        "mitgestalt",
        "mitreden",
        "partizip",
        "ehrenamtlich",
        "ehrenamt",
        "freiwillig",
        "bewohnerrat",
        "beirat",
        "entscheidet mit",
        "entscheiden mit",
        "rat aus",
        "selbst organis",
        "selbstorganis",
    ),
    "kooperation": (
        "partner",
        "kooperation",
        "kooperier",
        "zusammen mit",
        "gemeinsam mit",
        "netzwerk",
        "vernetz",
        "in zusammenarbeit",
        "unterstützt von",
    ),
    "verstetigung": (
        "verstetig",
        "nach projektende",
        "nach ende der förderung",
        "nach der förderung",
        "nach auslaufen",
        "dauerhaft",
        "langfristig",
        "weiterführ",
        "fortführ",
        "fortgeführt",
        "weitergeführt",
        "nachhaltig",
        "folgekosten",
        "ab dem vierten jahr",
        "regelangebot",
    ),
    "oeffentlichkeitsarbeit": (
        "öffentlichkeit",
        "presse",
        "flyer",
        "plakat",
        "website",
        "webseite",
        "social media",
        "instagram",
        "facebook",
        "newsletter",
        "stadtteilzeitung",
        "aushang",
        "aushänge",
    ),
    "notwendigkeit": (
        "ohne förderung",
        "ohne zuschuss",
        "ohne die förderung",
        "ohne zuwendung",
        "nicht finanzier",
        "keine regelfinanzierung",
        "aus eigenen mitteln nicht",
        "eigenmittel reichen nicht",
    ),
    "traeger": (
        "unser verein",
        "unser verband",
        "gegründet",
        "seit 19",
        "mitglieder",
        "erfahrung",
        "wir sind",
        "träger",
    ),
    "zielgruppen": (
        "zielgruppe",
        "richtet sich an",
        "richtet sich vor allem",
        "teilnehmende",
        "teilnehmer",
        "für kinder",
        "für jugendliche",
        "für familien",
        "für ältere",
        "für senior",
        "erreichen wir",
        "erreichen sollen",
    ),
    "ziele": (
        "ziel",
        "sollen",
        "soll ",
        "wollen",
        " will ",
        "möchten",
        "stärken",
        "verbessern",
        "verringern",
        "damit",
        "erreichen",
    ),
    "massnahmen": (
        "geplant",
        "wir bieten",
        "angebot",
        "workshop",
        "treff",
        "veranstalt",
        "beratung",
        "sprechstunde",
        "kurs",
        "einrichten",
        "aufbau",
        "umbau",
        "koordin",
        "stelle",
        "wöchentlich",
        "monatlich",
        "regelmäßig",
        "fest",
        "durchführ",
        "organisier",
    ),
    "ausgangslage": (
        "leben",
        "lebt",
        "gibt es",
        "gibt keine",
        "fehlt",
        "fehlen",
        "mangel",
        "bedarf",
        "quote",
        "anteil",
        "prozent",
        "%",
        "einwohner",
        "arbeitslos",
        "armut",
        "kaum",
        "keine",
        "problem",
        "leerstand",
        "leerständ",
        "seit",
        "liegt",
        "geschlossen",
    ),
    "zeitplan": ("laufzeit", "projektbeginn", "beginnt am", "startet am", "monate lang"),
}
# Ties go to the earlier topic: the specific ones first, the broad ones last.
PRIORITY = tuple(CUES)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the description with the topic it was given."""

    text: str
    topic: str
    position: int
    bullet: bool = False


def classify(sentence: str) -> str:
    """The topic a sentence is about, by its cue words; 'zusammenfassung' when none fits."""
    text = f" {sentence.lower()} "
    best, best_score = "zusammenfassung", 0
    for topic in PRIORITY:
        score = sum(1 for cue in CUES[topic] if cue in text)
        if score > best_score:
            best, best_score = topic, score
    return best


def assign(description: str) -> list[Sentence]:
    """Every sentence of the description, in order, with its topic."""
    return [
        Sentence(text, classify(text), i, bullet)
        for i, (text, bullet) in enumerate(split_sentences(description))
    ]
