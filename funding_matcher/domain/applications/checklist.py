"""The attachment checklist of an application: the programme's requirements and usual documents.

Which documents are usual depends on who applies (a Verein proves its Gemeinnützigkeit, a
Kommune its council decision and budget) and on the project (partners, investments,
De-minimis). Requirements the record names are added as they are, unless a usual document
already covers them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from funding_matcher.domain.applications.outline import slugify
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.profile import Profile

NONPROFITS = ("verein", "freier_traeger")
PUBLIC = ("kommune", "kommunales_unternehmen")


@dataclass(frozen=True)
class ChecklistEntry:
    """One document or proof the application needs (required) or may add (optional)."""

    key: str
    title: str
    required: bool
    note: str = ""
    words: tuple[str, ...] = ()  # what a programme requirement covered by this entry mentions
    unless: tuple[str, ...] = ()  # ... unless it also says one of these (another document)

    def covers(self, requirement: str) -> bool:
        """Whether a programme requirement (lower-cased) asks for this very entry."""
        return any(w in requirement for w in self.words) and not any(
            u in requirement for u in self.unless
        )


def _usual(programme: Programme, profile: Profile) -> list[ChecklistEntry]:
    kind = profile.applicant_type
    entries = [
        ChecklistEntry(
            "projektbeschreibung",
            "Projektbeschreibung (Vorhabenbeschreibung)",
            True,
            # Not "konzept" alone: an ISEK or a Schutzkonzept is an attachment of its own.
            words=("projektbeschreibung", "vorhabenbeschreibung", "projektkonzept"),
        ),
        ChecklistEntry(
            "finanzplan",
            "Kosten- und Finanzierungsplan",
            True,
            words=("finanzierungsplan", "kostenplan", "finanzplan"),
            # A plan for the years after the funding is a document of its own (SeLA Nr. 4 b).
            unless=("mittelfristig", "nach der förderung", "nach auslaufen", "nach förderende"),
        ),
        ChecklistEntry(
            "nicht-begonnen",
            "Erklärung: Vorhaben noch nicht begonnen",
            True,
            "Kein Vertrag vor dem Bescheid, außer mit Zustimmung zum vorzeitigen Maßnahmebeginn.",
            ("maßnahmenbeginn", "maßnahmebeginn", "nicht begonnen", "vorzeitig"),
        ),
    ]
    if kind in NONPROFITS:
        entries += [
            ChecklistEntry("satzung", "Satzung (aktuelle Fassung)", True, words=("satzung",)),
            ChecklistEntry(
                "registerauszug",
                "Vereins- oder Handelsregisterauszug mit dem aktuellen Vorstand",
                True,
                words=("registerauszug", "vereinsregister", "handelsregister"),
            ),
            ChecklistEntry(
                "freistellungsbescheid",
                "Freistellungsbescheid des Finanzamts (nicht älter als fünf Jahre)",
                True,
                "Oder Feststellungsbescheid nach § 60a AO (nicht älter als drei Kalenderjahre).",
                ("gemeinnützig", "freistellung"),
            ),
            ChecklistEntry(
                "jahresabschluss",
                "Letzter Jahresabschluss oder Finanzbericht",
                False,
                words=("jahresabschluss", "finanzbericht"),
            ),
        ]
    if kind in PUBLIC:
        entries += [
            ChecklistEntry(
                "ratsbeschluss",
                "Ratsbeschluss (oder Beschluss des zuständigen Ausschusses)",
                kind == "kommune",
                words=("ratsbeschluss", "beschluss", "gemeinderat", "stadtrat"),
            ),
            ChecklistEntry(
                "haushaltsmittel",
                "Bestätigung der Haushaltsmittel für den Eigenanteil",
                True,
                "Produkt und Sachkonto nennen, je Haushaltsjahr.",
                ("haushaltsmittel", "eigenanteil", "kofinanzierung"),
            ),
        ]
    elif kind not in NONPROFITS and kind != "privatperson":
        entries.append(
            ChecklistEntry(
                "vorstandsbeschluss",
                "Beschluss des Vorstands oder der Geschäftsführung",
                False,
                words=("vorstandsbeschluss",),
            )
        )
    entries.append(
        ChecklistEntry(
            "kooperationsvereinbarungen",
            "Kooperationsvereinbarungen oder Absichtserklärungen der Partner",
            bool(profile.partners),
            words=("kooperation", "partner", "absichtserklärung"),
        )
    )
    entries.append(
        ChecklistEntry(
            "angebote",
            "Angebote oder Kostenschätzungen für Investitionen",
            "investiv" in profile.cost_types,
            "Üblich: zwei Angebote zum Antrag, ab 10.000 € netto drei Angebote vor der Vergabe.",
            ("angebot", "kostenvoranschlag", "kostenschätzung"),
        )
    )
    if programme.de_minimis:
        entries.append(
            ChecklistEntry(
                "de-minimis",
                "De-minimis-Erklärung (Beihilfen der letzten drei Jahre)",
                True,
                words=("de-minimis", "de minimis"),
            )
        )
    if programme.requires_designated_area:
        entries.append(
            ChecklistEntry(
                "projektgebiet",
                "Karte und Abgrenzung des Projektgebiets (Fördergebiet)",
                True,
                words=("fördergebiet", "gebietskulisse", "projektgebiet"),
            )
        )
    return entries


def build_checklist(programme: Programme, profile: Profile) -> list[ChecklistEntry]:
    """Usual documents for this applicant and project, then the programme's own requirements."""
    entries = _usual(programme, profile)
    keys = {e.key for e in entries}
    for requirement in programme.requirements:
        text = requirement.lower()
        covered = next((e for e in entries if e.covers(text)), None)
        if covered is not None:
            if not covered.required or requirement not in covered.note:
                index = entries.index(covered)
                note = f"{covered.note} Laut Programm: {requirement}".strip()
                entries[index] = replace(covered, required=True, note=note)
            continue
        key = f"programm-{slugify(requirement)}"[:60]
        while key in keys:
            key += "-x"
        keys.add(key)
        entries.append(ChecklistEntry(key, requirement, True, "Voraussetzung laut Programm"))
    return entries


# -- what an item is, for the draft (drafting contract § 5) ------------------------------------

# Items that are this very document, or a declaration the draft's Erklärungen make.
SELF_KEYS = ("projektbeschreibung", "finanzplan")
DECLARATION_KEYS = ("nicht-begonnen",)
# A programme requirement names a document when it says one of these; everything else it says
# is a condition (Fördervoraussetzung) such as "Beginn erst nach Bewilligung".
DOCUMENT_WORDS = re.compile(
    r"nachweis|bescheinigung|satzung|registerauszug|auszug\b|beschluss\b|beschlüsse|"
    r"vereinbarung|absichtserklärung|führungszeugnis|stellungnahme|bestätigung|lebenslauf|"
    r"gutachten|kostenvoranschl|angebote\b|kostenschätzung|kostenberechnung|lagepl(?:an|äne)|"
    r"karte\b|vordruck|"
    r"formular\b|empfehlungsschreiben|jahresabschluss|vollmacht|erklärung\b|"
    r"finanzierungsplan|kostenplan|zeichnung|foto|konzept\b",
    re.IGNORECASE,
)


def item_kind(key: str, title: str) -> str:
    """'document', 'condition', 'declaration' or 'self' (this document) for a checklist item."""
    if key in SELF_KEYS:
        return "self"
    if key in DECLARATION_KEYS:
        return "declaration"
    if key.startswith("programm-") and not DOCUMENT_WORDS.search(title):
        return "condition"
    return "document"
