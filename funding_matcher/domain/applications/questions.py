"""What the application page asks, section by section: only the facts the outline needs.

Each detail of profile format v1.1 is asked once, in the first section whose topics need it,
in plain German with an example (drafting contract § 1). Generated topics ask nothing; the page
says where their content comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One input of a row (a goal's indicator, an activity's first month)."""

    name: str
    label: str
    number: bool = False
    wide: bool = False


@dataclass(frozen=True)
class Question:
    """One detail field: its question, an example answer, and for lists the columns of a row."""

    field: str
    label: str
    question: str
    example: str
    columns: tuple[Column, ...] = ()  # empty: one free text

    @property
    def rows(self) -> bool:
        return bool(self.columns)


QUESTIONS: dict[str, Question] = {
    q.field: q
    for q in (
        Question(
            "need",
            "Ausgangslage und Bedarf",
            "Wie ist die Lage vor Ort, und warum braucht es das Vorhaben gerade hier?",
            "Im Quartier fehlt seit der Schließung des Jugendzentrums 2024 ein offener "
            "Treffpunkt; viele Familien leben in kleinen Wohnungen.",
        ),
        Question(
            "need_figures",
            "Zahlen, die den Bedarf zeigen",
            "Welche Zahlen belegen den Bedarf? Bitte mit Quelle.",
            "SGB-II-Quote im Quartier – 24 % – Sozialbericht der Stadt 2025",
            (
                Column("label", "Kennzahl"),
                Column("value", "Wert"),
                Column("source", "Quelle"),
            ),
        ),
        Question(
            "target_group",
            "Zielgruppe",
            "Wen wollen Sie erreichen, wie viele Menschen, und wie kommen Sie mit ihnen in "
            "Kontakt?",
            "Allein lebende Ältere und Familien aus den Häusern rund um den Marktplatz; "
            "wir sprechen sie über die Hausmeister und den Seniorentreff an.",
        ),
        Question(
            "goals",
            "Ziele mit Indikator und Zielwert",
            "Was soll am Ende anders sein, und woran messen Sie es?",
            "Ältere Menschen sind weniger allein – Zahl der regelmäßigen Besucherinnen und "
            "Besucher – mindestens 40 je Woche ab dem 12. Monat",
            (
                Column("goal", "Ziel", wide=True),
                Column("indicator", "Indikator"),
                Column("target", "Zielwert"),
            ),
        ),
        Question(
            "activities",
            "Arbeitspakete mit Monaten",
            "Was tun Sie, und in welchen Projektmonaten? (Monat 1 ist der erste Monat des "
            "Projektzeitraums.)",
            "Treffpunkt-Rat aufbauen – Bewohnerinnen wählen sechs Mitglieder – Monat 1 bis 6",
            (
                Column("title", "Arbeitspaket"),
                Column("description", "Was geschieht", wide=True),
                Column("from_month", "von Monat", number=True),
                Column("to_month", "bis Monat", number=True),
            ),
        ),
        Question(
            "participation",
            "Beteiligung",
            "Wie planen und entscheiden die Menschen, für die das Vorhaben gedacht ist, mit?",
            "Ein Treffpunkt-Rat aus sechs Bewohnerinnen und Bewohnern entscheidet über das "
            "Programm und die Hausregeln.",
        ),
        Question(
            "accessibility",
            "Barrierefreiheit",
            "Wie werden Räume, Informationen und Veranstaltungen für alle zugänglich?",
            "Stufenloser Zugang über eine Rampe, Einladungen auch in Leichter Sprache, "
            "Induktionsschleife im Saal.",
        ),
        Question(
            "partners",
            "Partner und ihre Aufgaben",
            "Mit wem arbeiten Sie zusammen, und was übernimmt der Partner?",
            "Lebenshilfe Hildesheim – berät zur Barrierefreiheit und bietet eine Sprechstunde an",
            (Column("name", "Partner"), Column("role", "Aufgabe oder Beitrag", wide=True)),
        ),
        Question(
            "sustainability",
            "Nach dem Förderzeitraum",
            "Wie geht es nach der Förderung weiter, und wer trägt die Folgekosten?",
            "Ab dem vierten Jahr übernimmt die Stadt die Miete; den Treff führen Ehrenamtliche "
            "weiter.",
        ),
        Question(
            "publicity",
            "Öffentlichkeitsarbeit",
            "Wie machen Sie das Vorhaben bekannt, und wie zeigen Sie die Förderung?",
            "Aushänge in den Hausfluren, Stadtteilzeitung, Instagram; das Logo des "
            "Fördergebers auf allen Materialien.",
        ),
        Question(
            "funding_need",
            "Notwendigkeit der Förderung",
            "Warum geht es nicht ohne Förderung?",
            "Der Verein finanziert sich aus Mitgliedsbeiträgen; eine Koordination kann er "
            "daraus nicht bezahlen.",
        ),
        Question(
            "experience",
            "Erfahrung des Trägers",
            "Welche Erfahrung bringt Ihre Organisation mit vergleichbaren Vorhaben mit?",
            "Seit 2012 betreiben wir zwei Nachbarschaftstreffs mit zusammen 25 Ehrenamtlichen.",
        ),
    )
}
TARGET_COLUMNS = (Column("label", "Teilgruppe"), Column("count", "Anzahl", number=True))

# Which details a topic needs; generated topics need none of their own.
TOPIC_FIELDS: dict[str, tuple[str, ...]] = {
    "ausgangslage": ("need", "need_figures"),
    "zielgruppen": ("target_group",),
    "ziele": ("goals",),
    "evaluation": ("goals",),
    "massnahmen": ("activities",),
    "zeitplan": ("activities",),
    "beteiligung": ("participation",),
    "barrierefreiheit": ("accessibility",),
    "kooperation": ("partners",),
    "verstetigung": ("sustainability",),
    "oeffentlichkeitsarbeit": ("publicity",),
    "notwendigkeit": ("funding_need",),
    "traeger": ("experience",),
}
GENERATED_NOTES = {
    "zusammenfassung": "Die Kurzbeschreibung entsteht aus Ihren Angaben (wer, was, wo, wann, "
    "wie viele Menschen) und dem beantragten Betrag.",
    "finanzierung": "Die Zahlen kommen aus dem Kosten- und Finanzierungsplan.",
    "zeitplan": "Der Zeitraum kommt aus dem Finanzplan oder dem Projektprofil; die Monate "
    "aus den Arbeitspaketen.",
    "traeger": "Rechtsform, Register und Gemeinnützigkeit kommen aus den Antragsteller-Angaben "
    "der Organisation.",
}


@dataclass(frozen=True)
class SectionQuestions:
    """The questions shown with one section, and notes on what fills it by itself."""

    index: int
    title: str
    questions: tuple[Question, ...]
    notes: tuple[str, ...]


def questions_for(titles: Sequence[str], topics: Sequence[Sequence[str]]) -> list[SectionQuestions]:
    """Per section the detail questions first needed there (each field asked once)."""
    asked: set[str] = set()
    out = []
    for i, (title, codes) in enumerate(zip(titles, topics, strict=True)):
        fields = []
        for code in codes:
            for name in TOPIC_FIELDS.get(code, ()):
                if name not in asked:
                    asked.add(name)
                    fields.append(QUESTIONS[name])
        notes = tuple(GENERATED_NOTES[c] for c in codes if c in GENERATED_NOTES)
        out.append(SectionQuestions(i, title, tuple(fields), notes))
    return out
