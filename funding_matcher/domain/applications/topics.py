"""What an outline section is about, recognised from its title, and what to write there.

Funders name their sections differently ("Ausgangslage und Bedarf", "Situation im Quartier",
"Problemanalyse"); the topic decides which profile facts prefill a section and which guidance it
carries. Guidance is our own summary of common practice (Vorhabenbeschreibung of Bund and Land,
foundations' forms), not a funder's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A kind of outline section."""

    key: str
    title: str  # the standard German title
    words: tuple[str, ...]  # lower-case fragments of section titles that mean this topic
    guidance: str


# A title is about the topic whose word starts earliest in it, the longer word winning a tie
# ("Zielgruppen" over "Ziele"); words count only at the start of a word, so "Regelfinanzierung"
# is no financing section.
TOPICS: tuple[Topic, ...] = (
    Topic(
        "zusammenfassung",
        "Kurzbeschreibung",
        ("kurzbeschreibung", "zusammenfassung", "projektskizze", "projektidee", "abstract"),
        "Das Vorhaben in wenigen Sätzen: was, für wen, wo, wie lange, mit welchem Ziel. "
        "Gutachterinnen und Gutachter lesen diesen Abschnitt zuerst.",
    ),
    Topic(
        "traeger",
        "Antragsteller und Träger",
        ("träger", "antragsteller", "organisation", "verbandszugehörigkeit", "einrichtung"),
        "Wer beantragt: Rechtsform, Erfahrung mit vergleichbaren Vorhaben, Verankerung im "
        "Quartier, Verbandszugehörigkeit und Gemeinnützigkeit, wo das Programm sie verlangt.",
    ),
    Topic(
        "zielgruppen",
        "Zielgruppen",
        ("zielgruppe", "teilnehmende", "adressaten"),
        "Wen das Vorhaben erreichen soll, wie viele Menschen und wie der Zugang gelingt "
        "(aufsuchende Arbeit, Sprachen, Barrierefreiheit).",
    ),
    Topic(
        "ausgangslage",
        "Ausgangslage und Bedarf",
        ("ausgangslage", "bedarf", "situation", "hintergrund", "problem", "sozialraum", "analyse"),
        "Die Lage im Quartier mit belegbaren Zahlen (Sozialraummonitoring, Einwohnerstruktur, "
        "Infrastruktur) und warum es das Vorhaben gerade hier braucht. Quellen nennen.",
    ),
    Topic(
        "ziele",
        "Ziele",
        ("ziel",),
        "Überprüfbare Ziele mit Indikatoren und Zielwerten (z. B. Zahl der Teilnehmenden, neue "
        "Angebote), möglichst mit Meilensteinen für die Erfolgskontrolle.",
    ),
    Topic(
        "massnahmen",
        "Maßnahmen und Arbeitsplan",
        (
            "maßnahme",
            "massnahme",
            "arbeitsplan",
            "umsetzung",
            "methode",
            "konzept",
            "vorgehen",
            "aktivität",
            "inhalt",
            "vorhaben",
        ),
        "Was konkret geschieht, in welchen Arbeitspaketen und in welcher Reihenfolge, wer "
        "zuständig ist und welche Ergebnisse entstehen.",
    ),
    Topic(
        "kooperation",
        "Kooperationspartner",
        ("kooperation", "partner", "netzwerk", "bündnis", "arbeitsteilung", "beteiligung"),
        "Partner mit ihrer Rolle und ihrem Beitrag (auch unbar); Kooperationsvereinbarungen "
        "oder Absichtserklärungen beilegen.",
    ),
    Topic(
        "zeitplan",
        "Zeitplan",
        ("zeitplan", "zeitraum", "laufzeit", "meilenstein", "zeitliche"),
        "Beginn und Ende, Meilensteine je Quartal oder Halbjahr. Beginn nicht vor dem "
        "Zuwendungsbescheid (vorzeitiger Maßnahmebeginn nur mit Zustimmung).",
    ),
    Topic(
        "eigenanteil",
        "Eigenanteil und Kofinanzierung",
        ("eigenanteil", "eigenmittel", "kofinanzierung", "eigenleistung"),
        "Woher der Eigenanteil kommt (Haushaltsmittel, Spenden, Eigenleistung) und welche "
        "Drittmittel beantragt oder bewilligt sind.",
    ),
    Topic(
        "kosten",
        "Kosten und Finanzierung",
        ("kosten", "finanzierung", "budget", "ausgaben", "finanzplan", "mittel"),
        "Verweis auf den Kosten- und Finanzierungsplan: die großen Posten kurz begründen "
        "(Personal mit Eingruppierung, Sachkosten, Investitionen mit Angeboten).",
    ),
    Topic(
        "nachhaltigkeit",
        "Nachhaltigkeit und Verstetigung",
        ("nachhaltig", "verstetigung", "fortführung", "folgelasten", "weiterführung"),
        "Was nach Förderende bleibt und wie es weiter finanziert wird; Folgekosten und wer "
        "sie trägt.",
    ),
    Topic(
        "wirkung",
        "Wirkung und Evaluation",
        ("wirkung", "evaluation", "erfolg", "indikator", "dokumentation"),
        "Wie Sie messen, ob die Ziele erreicht werden (Indikatoren, Befragungen, "
        "Dokumentation), und wer auswertet.",
    ),
    Topic(
        "oeffentlichkeit",
        "Öffentlichkeitsarbeit",
        ("öffentlichkeit", "kommunikation", "presse", "verbreitung"),
        "Wie das Vorhaben bekannt wird und wie die Förderung sichtbar gemacht wird "
        "(Logo- und Hinweispflichten des Fördergebers beachten).",
    ),
)

BY_KEY = {topic.key: topic for topic in TOPICS}

# The standard outline when a programme names none (Vorhabenbeschreibung of Bund and Land).
STANDARD_OUTLINE = (
    "ausgangslage",
    "ziele",
    "zielgruppen",
    "massnahmen",
    "kooperation",
    "zeitplan",
    "kosten",
    "eigenanteil",
    "nachhaltigkeit",
    "wirkung",
    "oeffentlichkeit",
)


def topic_of(title: str) -> Topic | None:
    """The topic a section title is about, or None when none is recognised."""
    text = title.lower()
    best: tuple[int, int, Topic] | None = None
    for topic in TOPICS:
        for word in topic.words:
            found = re.search(rf"(?<![\w]){re.escape(word)}", text)
            if found and (best is None or (found.start(), -len(word)) < best[:2]):
                best = (found.start(), -len(word), topic)
    return best[2] if best else None
