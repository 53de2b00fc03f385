"""Every programme of the catalogue, drafted: with all details no section is empty in the version
for the grantor; without details that version is refused with the list of sections to fill."""

from __future__ import annotations

from functools import cache

import pytest

from funding_matcher.domain.applications.compose import placement
from funding_matcher.domain.applications.draft import DraftNotReady
from funding_matcher.domain.applications.outline import outline_of
from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.exports import export_markdown
from funding_matcher.paths import PROJECT_ROOT

from .conftest import catalogue_programme, draft, plan, profile

# Sections whose every topic an earlier section of the same outline already carries (rule 1: a
# fact goes only to the first section of its topic), and for which the closed topic list has no
# other topic their title honestly names: staff and their qualification after the Träger, climate
# measures or an energy standard after the measures, a second analysis after the area's
# description, a part of the measures (structural work, mentoring, preparation and safety, an
# external adviser, first steps after a dialogue), the partners after a goal of cooperation, a
# municipal budget entry, costs and feasibility inside a concept, the ESF cross-cutting
# principles. Nothing is generated for them: a cross-reference or an activity picked by a word of
# the title would let the version for the grantor pass with a section that does not answer its
# question. With all details they stay empty until the applicant writes them; the refusal names
# each and the section where its topic's facts already stand. (Documents to attach - plans,
# proofs, a follow-up finance plan - and optional parts are not outline sections: the catalogue
# lists them as requirements, so they appear in the Anlagenverzeichnis instead.)
KNOWN_GAPS = {
    ("bamf-migrationsberatung-erwachsene", "Qualifikation der Beratenden"),
    ("bw-nachbarschaftsgespraeche", "Vorgeschlagene externe Beratung bzw. Moderation"),
    ("bw-nachbarschaftsgespraeche", "Mögliche erste Umsetzungsmaßnahmen"),
    ("bw-quartiersimpulse", "Externe Prozessberatung (Beratungsumfang und Tagessätze)"),
    ("erasmus-plus-jugend-jugendbegegnungen", "Vorbereitung, Sicherheit und Begleitung"),
    ("esf-plus-aktif-plus", "Kooperationspartner, insbesondere Kommune und Jobcenter"),
    (
        "esf-plus-ehap-plus",
        "Beitrag zu Gleichstellung, Antidiskriminierung und ökologischer Nachhaltigkeit",
    ),
    (
        "esf-plus-wir-netzwerke-gefluechtete",
        "Strukturelle Maßnahmen zur Sensibilisierung von Verwaltung und Betrieben",
    ),
    ("eu-esk-freiwilligenprojekte", "Begleitung, Mentoring und Lernunterstützung"),
    (
        "kfw-208-ikk-investitionskredit-kommunen",
        "Haushaltsansatz im Vermögenshaushalt bzw. Vermögensplan",
    ),
    (
        "kfw-432-energetische-stadtsanierung",
        "Kosten, Machbarkeit und Wirtschaftlichkeit der Maßnahmen",
    ),
    ("nds-migrationsberatung", "Personal und Qualifikation"),
    ("nrw-klimaresilienz-kommunen", "Naturbasierte Lösungen, Entsiegelung, Begrünung, Wasser"),
    ("nrw-stadterneuerung", "Teilmaßnahmen zu Klimaschutz und Klimaanpassung"),
    ("nrw-wohnraumfoerderung", "Energetischer Standard"),
    ("sh-migrationsberatung-mbsh", "Personal und Qualifikation"),
    ("sl-saar66", "Bestandsaufnahme vorhandener präventiver und unterstützender Angebote"),
    (
        "stbauf-lebendige-zentren",
        "Analyse von Funktionsverlusten, Leerstand und Versorgungssituation",
    ),
    ("stbauf-lebendige-zentren", "Maßnahmen zu Klimaschutz und Klimaanpassung"),
    ("stbauf-sozialer-zusammenhalt", "Maßnahmen zu Klimaschutz und Klimaanpassung"),
    ("stbauf-wachstum-erneuerung", "Analyse von Funktionsverlusten, Leerstand und Brachflächen"),
    ("stbauf-wachstum-erneuerung", "Maßnahmen zu Klimaschutz und Klimaanpassung"),
}
# A plan without errors whatever the record says (the draft's figures are not under test here).
OPEN_TERMS = {
    "terms": {
        "funding_type": "zuschuss",
        "financing_type": "anteil",
        "funding_rate_max_percent": 80,
        "rate_base": "eligible",
        "amount_min_eur": "none",
        "amount_max_eur": "none",
        "annual_max_eur": "none",
        "fixed_amount_eur": "none",
        "subsidiarity": "none",
        "public_funding_cap_percent": "none",
        "own_contribution_min_percent": 10,
        "own_contribution_base": "eligible",
        "own_contribution_counts": ["own_cash"],
        "volunteer_work": "none",
        "overhead_max_percent": "none",
        "investment_max_percent": "none",
        "sach_max_percent": "none",
        "own_staff_eligible": True,
        "de_minimis": "none",
        "start_rule": "after_bescheid",
        "not_combinable_with": [],
    }
}


@cache
def programmes():
    return tuple(
        p for p in load_catalogue(PROJECT_ROOT / "programs").programmes if p.outline_sections
    )


def test_the_catalogue_gives_drafts_to_test():
    assert len(programmes()) > 200


def test_all_details_leave_no_section_empty_except_the_known_gaps():
    empty, refused_otherwise = set(), []
    for record in programmes():
        report = plan(record, **OPEN_TERMS)
        assert report.verdict != "errors", (record.slug, report.verdict_text)
        try:
            draft(record, profile(), report=report, version="einreichung")
        except DraftNotReady as exc:
            for reason in exc.missing:
                title = reason.removeprefix("Abschnitt „").split("“ ist leer", 1)[0]
                if reason.startswith("Abschnitt „"):
                    empty.add((record.slug, title))
                else:
                    refused_otherwise.append((record.slug, reason))
    assert refused_otherwise == []
    assert empty == KNOWN_GAPS
    # Figures for the report: how many programmes can be sent as they are.
    with_gaps = {slug for slug, _ in KNOWN_GAPS}
    assert len(programmes()) - len(with_gaps) >= 240


@pytest.mark.parametrize(
    ("slug", "document"),
    [
        ("nrw-nahmobilitaet", "Planungsunterlagen (Lagepläne, Querschnitte, Kostenberechnung)"),
        ("nrw-nahmobilitaet", "Nachweis von Baurecht und Grunderwerb"),
        ("bmuv-reparieren-statt-wegwerfen", "Aktivitätsnachweis über bereits durchgeführte"),
        ("by-sela-selbstbestimmt-leben-im-alter", "Mittelfristiger Finanzierungsplan für das"),
    ],
)
def test_documents_to_attach_are_listed_as_attachments_not_as_sections(slug, document):
    record = catalogue_programme(slug)
    sent = draft(record, profile(), report=plan(record, **OPEN_TERMS), version="einreichung")
    assert all(document not in s.title for s in sent.sections)
    annexes = export_markdown(sent).split("## Anlagenverzeichnis", 1)[1].split("\n## ", 1)[0]
    assert document in annexes


def _filled_without_details(record) -> set[int]:
    """Sections that get content without details: generated topics, the description's one
    sentence (a summary sentence: the summary section, else the first section)."""
    targets = placement([s.topics for s in outline_of(record)])
    filled = {targets["zusammenfassung"].index}  # own section, or the first by fallback
    for topic in ("zeitplan", "finanzierung", "traeger"):
        if targets[topic].kind == "section":
            filled.add(targets[topic].index)
    return filled


@pytest.mark.parametrize("without", ["details"])
def test_without_details_the_grantors_version_names_every_section_to_fill(without):
    refused = 0
    for record in programmes():
        report = plan(record, **OPEN_TERMS)
        bare = profile(
            details=None, description="Das Vorhaben verbindet Nachbarinnen und Nachbarn."
        )
        outline = outline_of(record)
        expected = [
            f"Abschnitt „{s.title}“ ist leer"
            for i, s in enumerate(outline)
            if i not in _filled_without_details(record)
        ]
        try:
            draft(record, bare, report=report, version="einreichung")
            missing = []
        except DraftNotReady as exc:
            missing = [m.split(" (Angaben zu:", 1)[0].rstrip(".") for m in exc.missing]
            refused += 1
        assert missing == expected, record.slug
    assert refused >= 200  # nearly every programme asks for facts a description does not give
