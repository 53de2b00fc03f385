"""Every outline section carries topics its title names (drafting contract § 3)."""

from __future__ import annotations

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.catalogue.records import OUTLINE_TOPICS
from funding_matcher.paths import PROJECT_ROOT
from tests.unit.catalogue.topic_names import NAMES, names

CATALOGUE = load_catalogue(PROJECT_ROOT / "programs")


def test_the_catalogue_loads_without_problems():
    assert CATALOGUE.problems == []
    assert len(CATALOGUE.programmes) > 200


def test_every_record_with_sections_has_a_topic_list_of_the_same_length():
    missing = [
        p.slug
        for p in CATALOGUE.programmes
        if p.outline_sections
        and (p.outline_topics is None or len(p.outline_topics) != len(p.outline_sections))
    ]
    assert missing == []


def test_no_section_carries_a_topic_its_title_does_not_name():
    wrong = [
        f"{p.slug}: „{title}“ {topic}"
        for p in CATALOGUE.programmes
        for title, topics in zip(p.outline_sections, p.outline_topics or [], strict=False)
        for topic in topics
        if not names(title, topic)
    ]
    assert wrong == []


def test_the_word_lists_cover_every_topic():
    assert set(NAMES) == set(OUTLINE_TOPICS)


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        # The two misplacements of the review (documents-2026-12-07, case b).
        ("Barrierefreiheit des Vorhabens", "massnahmen"),
        ("Beteiligung von Menschen mit Behinderung bzw. der Zielgruppe", "kooperation"),
        ("Beteiligung und Mitwirkung der Bürgerschaft", "kooperation"),
        ("Öffentlichkeitsarbeit", "massnahmen"),
        ("Zielgruppen", "ziele"),
        ("Kosten- und Finanzierungsplan", "ausgangslage"),
    ],
)
def test_a_wrong_topic_is_caught(title, topic):
    assert not names(title, topic)


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("Barrierefreiheit des Vorhabens", "barrierefreiheit"),
        ("Vorhaben und Zielgruppe", "massnahmen"),
        ("Ausgangslage, Bedarf und Zielgruppe", "zielgruppen"),
        ("Teilmaßnahmen zu Klimaschutz und Klimaanpassung", "massnahmen"),
    ],
)
def test_a_named_topic_is_accepted(title, topic):
    assert names(title, topic)


def test_programs_validate_fails_on_sections_without_topics(write_programme, catalogue_dir, cli):
    write_programme(slug="ohne-themen", outline_sections=["Ausgangslage"], outline_topics=None)
    result = cli(["programs", "validate", "--dir", str(catalogue_dir)])
    assert result.exit_code == 1
    assert "ohne-themen.yaml" in result.output
    assert "outline_topics fehlt" in result.output


@pytest.mark.parametrize(
    ("topics", "fragment"),
    [
        ([["ausgangslage"]], "outline_topics: 1 Einträge, outline_sections hat 2"),
        ([["ausgangslage"], []], "Eintrag 2 ist leer"),
        ([["ausgangslage"], ["klima"]], "unbekannte Themen klima"),
    ],
)
def test_programs_validate_fails_on_a_wrong_topic_list(
    write_programme, catalogue_dir, cli, topics, fragment
):
    write_programme(
        slug="falsche-themen", outline_sections=["Ausgangslage", "Ziele"], outline_topics=topics
    )
    result = cli(["programs", "validate", "--dir", str(catalogue_dir)])
    assert result.exit_code == 1
    assert fragment in result.output
