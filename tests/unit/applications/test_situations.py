"""The three situations of the documents review (2026-12-07), drafted end to end.

(a) Stadt Gelsenkirchen, Quartiersmanagement, Städtebauförderung NRW; (b) AWO Kreisverband,
inklusiver Nachbarschaftstreff, Aktion Mensch; (c) Nachbarschaftsverein Leipzig, Hofküche,
Weltoffenes Sachsen Kleinprojekte. Inputs in tests/data/drafting.
"""

from __future__ import annotations

import io
import re

import docx
import pytest

from funding_matcher.domain.applications.compose import placement
from funding_matcher.domain.applications.draft import (
    DraftNotReady,
    StoredSection,
)
from funding_matcher.domain.applications.draft_checks import amounts_in, plan_amounts
from funding_matcher.domain.applications.outline import outline_of
from funding_matcher.domain.exports import export_docx, export_markdown
from funding_matcher.domain.german import format_eur

from .conftest import draft, load_case

CASES = {
    "a": ("kommune-nrw", "nrw-stadterneuerung"),
    "b": ("verband-aktion-mensch", "aktion-mensch-projektfoerderung"),
    "c": ("verein-sachsen", "sn-weltoffenes-sachsen-kleinprojekte"),
}
# The section the Kommune writes by hand: the closed topic list has nothing for climate measures.
CLIMATE = "Teilmaßnahmen zu Klimaschutz und Klimaanpassung"
CLIMATE_TEXT = (
    "Das Quartiersbüro berät Eigentümer zu Dach- und Hofbegrünung; der Verfügungsfonds fördert "
    "Entsiegelungsprojekte der Nachbarschaft."
)


def facts_by_topic(profile) -> dict[str, list[str]]:
    """The user's words of each detail, by the topic they belong to (drafting contract § 3)."""
    d = profile.details
    found: dict[str, list[str]] = {
        "ausgangslage": [d.need] if d.need else [],
        "zielgruppen": [d.target_group.description] if d.target_group else [],
        "ziele": [g.goal.rstrip(".") for g in d.goals],
        "massnahmen": [a.description for a in d.activities if a.description],
        "beteiligung": [d.participation] if d.participation else [],
        "barrierefreiheit": [d.accessibility] if d.accessibility else [],
        "kooperation": [f"{p.name}: {p.role}" for p in d.partners],
        "verstetigung": [d.sustainability] if d.sustainability else [],
        "oeffentlichkeitsarbeit": [d.publicity] if d.publicity else [],
        "notwendigkeit": [d.funding_need] if d.funding_need else [],
        "traeger": [d.experience] if d.experience else [],
    }
    return {topic: words for topic, words in found.items() if words}


def build(case: str, version: str = "arbeitsfassung", **request):
    profile, record, applicant, report = load_case(*CASES[case])
    return (
        profile,
        record,
        report,
        draft(record, profile, report=report, applicant=applicant, version=version, **request),
    )


def ready(case: str, version: str = "einreichung"):
    """The draft as the applicant sends it; (a) with the climate section written by hand."""
    if case != "a":
        return build(case, version)
    _, record, _ = load_case(*CASES[case])[:3]
    stored = [
        StoredSection(
            s.key, s.title, CLIMATE_TEXT if s.title == CLIMATE else "", s.title != CLIMATE
        )
        for s in outline_of(record)
    ]
    return build(case, version, sections=stored)


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_fact_sits_in_a_section_of_its_topic(case):
    profile, record, _, doc = build(case)
    targets = placement([s.topics for s in outline_of(record)])
    sections = list(doc.sections)
    for topic, words in facts_by_topic(profile).items():
        target = targets[topic]
        for text in words:
            if target.kind == "applicant":
                assert text in doc.applicant_text, (topic, text)
                continue
            holders = [s.title for s in sections if text in s.text]
            assert holders == [sections[target.index].title], (topic, text, holders)
            if target.fallback:
                assert any(
                    note.startswith(_topic_name(topic)) for note in sections[target.index].moved
                )


def _topic_name(topic: str) -> str:
    from funding_matcher.domain.applications.topics import topic_title

    return topic_title(topic)


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_amount_equals_the_plan(case):
    _, _, report, doc = ready(case)
    known = plan_amounts(report)
    written = "\n".join(
        [*(s.text for s in doc.sections), *doc.plan_text, *(v for _, v in doc.cover)]
    )
    user_words = "\n".join(
        w for words in facts_by_topic(load_case(*CASES[case])[0]).values() for w in words
    )
    for shown, value in amounts_in(written):
        if shown in user_words:
            continue  # the user's own amounts are kept and never block (§ 5)
        assert value in known, shown
    cover = dict(doc.cover)
    # Aktion Mensch is no public grantor: Förderung and Gesamtkosten (review, change 4).
    grant, total = ("Förderung", "Gesamtkosten") if case == "b" else ("Zuwendung", "Gesamtausgaben")
    assert cover[f"Beantragte {grant}"] == format_eur(report.figures.grant)
    assert cover[total] == format_eur(report.figures.total)
    finance = next(s.text for s in doc.sections if s.plan)
    assert f"betragen {format_eur(report.figures.total)}" in finance
    assert f"{grant} von {format_eur(report.figures.grant)}" in finance


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_version_for_the_grantor_is_clean_and_has_the_fixed_blocks(case):
    _, _, _, doc = ready(case)
    text = export_markdown(doc)
    word = docx.Document(io.BytesIO(export_docx(doc)))
    word_text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for r in t.rows for c in r.cells
    )
    for content in (text, word_text):
        for internal in (
            "ARBEITSFASSUNG",
            "Entwurf",
            "Noch leer",
            "Hinweis:",
            "Vor dem Einreichen",
        ):
            assert internal not in content, internal
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", content)  # no field key like amount_max_eur
        assert "[Noch kein Text]" not in content
        assert "Anschrift" in content
        assert "Vertretungsberechtigt" in content
        assert "Der Antragsteller erklärt:" in content
        assert "Bankverbindung" in content
    assert word.sections[0].header.paragraphs[0].text == doc.title
    assert "## Erklärungen" in text
    assert "## Anlagenverzeichnis" in text


def test_a_kommune_climate_section_has_no_facts_of_its_own_and_is_named():
    with pytest.raises(DraftNotReady) as caught:
        build("a", "einreichung")
    assert caught.value.missing == [
        f"Abschnitt „{CLIMATE}“ ist leer (Angaben zu: Maßnahmen und Arbeitsplan; sie stehen "
        "schon im Abschnitt „Beschreibung der beantragten Teilmaßnahmen und ihres "
        "Planungsstands“ – diesen Abschnitt bitte selbst schreiben)."
    ]


def test_the_review_misplacements_are_gone():
    _, _, _, b = build("b")
    found = {s.title: s.text for s in b.sections}
    accessibility = found["Barrierefreiheit des Vorhabens"]
    assert accessibility.startswith("Stufenloser Zugang über eine Rampe")
    assert "Arbeitspaket" not in accessibility
    participation = found["Beteiligung von Menschen mit Behinderung bzw. der Zielgruppe"]
    assert participation.startswith("Ein Treffpunkt-Rat")
    assert "Lebenshilfe Hildesheim:" not in participation
    _, _, _, a = build("a")
    citizens = {s.title: s.text for s in a.sections}["Beteiligung und Mitwirkung der Bürgerschaft"]
    assert "Stadtteilbeirat aus zwölf" in citizens
    assert "Caritasverband" not in citizens


def test_the_micro_grant_is_a_short_form():
    _, _, report, doc = build("c", "einreichung")
    assert report.figures.grant == 4560
    assert doc.short_form
    text = export_markdown(doc)
    assert "Haushaltsjahr" not in text
    assert "Inhalt" not in text
    # One funding application: the cost lines numbered in print order, 1 to 8.
    numbers = re.findall(r"^\| (\d+) \|", text, flags=re.MULTILINE)
    assert numbers == [str(n) for n in range(1, 9)]
