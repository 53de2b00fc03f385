"""The closed list of outline topics (drafting contract § 3): what each is, where it falls back.

A programme record says per section which topics it carries (``outline_topics``); a section's
title is never read for keywords. Eleven topics carry the user's facts, four are generated.
The guidance is our own summary of common practice (Vorhabenbeschreibung of Bund and Land,
foundations' forms), not a funder's text; it appears in the working version only.
"""

from __future__ import annotations

from dataclasses import dataclass

USER_TOPICS = (
    "ausgangslage",
    "zielgruppen",
    "ziele",
    "massnahmen",
    "beteiligung",
    "barrierefreiheit",
    "kooperation",
    "verstetigung",
    "oeffentlichkeitsarbeit",
    "notwendigkeit",
    "traeger",
)
GENERATED_TOPICS = ("zusammenfassung", "zeitplan", "finanzierung", "evaluation")


@dataclass(frozen=True)
class Topic:
    """One topic: its German name and what a section about it should say."""

    code: str
    title: str
    guidance: str


TOPICS: dict[str, Topic] = {
    t.code: t
    for t in (
        Topic(
            "zusammenfassung",
            "Kurzbeschreibung",
            "Das Vorhaben in wenigen Sätzen: was, für wen, wo, wie lange, mit welchem Ziel und "
            "welcher Zuwendung. Gutachterinnen und Gutachter lesen diesen Abschnitt zuerst.",
        ),
        Topic(
            "ausgangslage",
            "Ausgangslage und Bedarf",
            "Die Lage vor Ort mit belegbaren Zahlen (Sozialraummonitoring, Einwohnerstruktur, "
            "Infrastruktur) und warum es das Vorhaben gerade hier braucht; Quellen nennen.",
        ),
        Topic(
            "zielgruppen",
            "Zielgruppen",
            "Wen das Vorhaben erreichen soll, wie viele Menschen, welche Gruppen darunter und "
            "wie der Zugang gelingt (aufsuchende Arbeit, Sprachen, Barrierefreiheit).",
        ),
        Topic(
            "ziele",
            "Ziele",
            "Überprüfbare Ziele: was am Ende anders ist, mit Indikator und Zielwert.",
        ),
        Topic(
            "massnahmen",
            "Maßnahmen und Arbeitsplan",
            "Was konkret geschieht, in welchen Arbeitspaketen und Monaten, wer zuständig ist "
            "und welche Ergebnisse entstehen.",
        ),
        Topic(
            "beteiligung",
            "Beteiligung",
            "Wie die Menschen, für die das Vorhaben gedacht ist, mitplanen und mitentscheiden "
            "(Gremien, Formate, Ehrenamt).",
        ),
        Topic(
            "barrierefreiheit",
            "Barrierefreiheit",
            "Wie Räume, Informationen und Veranstaltungen zugänglich werden (stufenloser "
            "Zugang, Leichte Sprache, Gebärdensprache, Assistenz) und was das kostet.",
        ),
        Topic(
            "kooperation",
            "Kooperationspartner",
            "Partner mit ihrer Rolle und ihrem Beitrag (auch unbar); Kooperationsvereinbarungen "
            "oder Absichtserklärungen beilegen.",
        ),
        Topic(
            "verstetigung",
            "Nachhaltigkeit und Verstetigung",
            "Was nach Förderende bleibt, wer es weiter trägt und finanziert; Folgekosten und "
            "ihre Tragbarkeit.",
        ),
        Topic(
            "oeffentlichkeitsarbeit",
            "Öffentlichkeitsarbeit",
            "Wie das Vorhaben bekannt wird und wie die Förderung sichtbar gemacht wird "
            "(Hinweis- und Logopflichten des Fördergebers beachten).",
        ),
        Topic(
            "notwendigkeit",
            "Notwendigkeit der Förderung",
            "Warum das Vorhaben ohne die Zuwendung nicht oder nicht in diesem Umfang möglich "
            "ist: Eigenmittel, andere Finanzierung, keine Regelfinanzierung.",
        ),
        Topic(
            "traeger",
            "Antragsteller und Träger",
            "Wer beantragt: Rechtsform, Gemeinnützigkeit, Erfahrung mit vergleichbaren "
            "Vorhaben und Verankerung vor Ort.",
        ),
        Topic(
            "zeitplan",
            "Zeitplan",
            "Beginn und Ende, Arbeitspakete mit Monaten, Meilensteine für die Erfolgskontrolle.",
        ),
        Topic(
            "finanzierung",
            "Kosten und Finanzierung",
            "Wird aus dem Kosten- und Finanzierungsplan erzeugt: Gesamtausgaben, Zuwendung mit "
            "Fördersatz, Eigenanteil, weitere Finanzierung.",
        ),
        Topic(
            "evaluation",
            "Erfolgskontrolle",
            "Woran Sie messen, ob die Ziele erreicht sind: Indikator und Zielwert je Ziel, wer "
            "wann auswertet.",
        ),
    )
}

# Rule 2: where a topic's facts go when no section carries it (first topic with a section).
FALLBACK: dict[str, tuple[str, ...]] = {
    "ausgangslage": ("zusammenfassung", "ziele"),
    "zielgruppen": ("ausgangslage", "ziele"),
    "ziele": ("massnahmen", "zusammenfassung"),
    "massnahmen": ("ziele", "zeitplan"),
    "beteiligung": ("massnahmen", "zielgruppen"),
    "barrierefreiheit": ("massnahmen", "beteiligung"),
    "kooperation": ("massnahmen", "traeger"),
    "verstetigung": ("ziele", "massnahmen"),
    "oeffentlichkeitsarbeit": ("massnahmen", "ziele"),
    "notwendigkeit": ("ausgangslage", "finanzierung"),
    "evaluation": ("ziele",),
    "zeitplan": ("massnahmen",),
}

# The outline of a programme that names none (Vorhabenbeschreibung of Bund and Land, § 1.3 of
# the domain notes), with the topics of each section.
STANDARD_OUTLINE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Kurzbeschreibung", ("zusammenfassung",)),
    ("Antragsteller und Träger", ("traeger",)),
    ("Ausgangslage und Bedarf", ("ausgangslage",)),
    ("Zielgruppen", ("zielgruppen",)),
    ("Ziele und Erfolgskontrolle", ("ziele", "evaluation")),
    ("Maßnahmen und Arbeitsplan", ("massnahmen",)),
    ("Beteiligung und Barrierefreiheit", ("beteiligung", "barrierefreiheit")),
    ("Kooperationspartner", ("kooperation",)),
    ("Zeitplan", ("zeitplan",)),
    ("Kosten und Finanzierung", ("finanzierung", "notwendigkeit")),
    ("Nachhaltigkeit und Verstetigung", ("verstetigung",)),
    ("Öffentlichkeitsarbeit", ("oeffentlichkeitsarbeit",)),
)


def topic_title(code: str) -> str:
    """The German name of a topic code."""
    return TOPICS[code].title


def topics_in_words(codes: list[str] | tuple[str, ...]) -> str:
    """'Ausgangslage und Bedarf, Zielgruppen' for a list of codes."""
    return ", ".join(topic_title(c) for c in codes)
