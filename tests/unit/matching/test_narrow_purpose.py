"""A programme that funds one kind of measure only (narrow_purpose) ranks below an equally
fitting broad one for a project that plans no such measure, and asks whether it does; a
project that names the measure, in any form or compound, is not asked."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from funding_matcher.domain.catalogue.records import NarrowPurpose
from tests.unit.matching.helpers import others, programme, rank, slugs

# Both records use "Gruppen", "Kosten", "Land" and "Arbeit": words of the catalogue, so that
# they may be the other part of a compound in a project's words.
TEXT = (
    "Gefördert werden inklusive Angebote in Gruppen für Kinder und Jugendliche mit und ohne "
    "Behinderung, die ein gemeinnütziger Träger im ganzen Land offen ausschreibt; Kosten der "
    "Arbeit mit den Gruppen werden übernommen."
)
TRIPS = NarrowPurpose(
    label="Gruppenreisen mit Übernachtung", words=["Reise", "Ferienfreizeit", "Zeltlager"]
)


def _catalogue():
    trips = programme(slug="ferienreisen").model_copy(
        update={"description": TEXT + " Zum Beispiel eine Ferienfreizeit.", "narrow_purpose": TRIPS}
    )
    broad = programme(slug="inklusion-breit").model_copy(update={"description": TEXT})
    return [trips, broad, *others()]


def _warnings(ranking, slug):
    return next(m.warnings for m in ranking.matches if m.programme.slug == slug)


ASKED = "Gefördert wird nur"

WEEKLY_SPORT = {
    "title": "Inklusiver Sport am Dienstag",
    "description": "Kinder und Jugendliche mit und ohne Behinderung treiben jede Woche "
    "gemeinsam Sport in der Turnhalle des Vereins; Übungsleitende werden geschult.",
}


def test_a_narrow_programme_ranks_below_a_broad_one_and_asks_when_the_project_does_not_plan_it():
    ranking = rank(_catalogue(), **WEEKLY_SPORT)
    order = slugs(ranking.matches)
    assert order.index("inklusion-breit") < order.index("ferienreisen")
    assert (
        "Gefördert wird nur: Gruppenreisen mit Übernachtung. In Ihrer Projektbeschreibung finden "
        "wir dazu nichts – planen Sie das, beschreiben Sie es dort."
    ) in _warnings(ranking, "ferienreisen")
    assert not any(w.startswith(ASKED) for w in _warnings(ranking, "inklusion-breit"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Im Sommer fahren wir für eine Woche gemeinsam an die Nordsee: eine Gruppenreise.",
        "Höhepunkt ist ein inklusives Zeltlager in den Sommerferien.",
        "Dazu kommen zwei Ferienfreizeiten an der Ostsee.",
        "Zwei Reisen im Jahr gehören dazu.",
        "Die Reisekosten trägt der Verein.",
        "Dazu kommt ein Zeltlagerwochenende am See.",
        "Dazu kommt eine Ferien-Freizeit an der Ostsee.",  # hyphens join a compound
    ],
)
def test_a_project_that_names_the_measure_in_any_form_is_not_asked(sentence):
    profile = dict(WEEKLY_SPORT, description=WEEKLY_SPORT["description"] + " " + sentence)
    ranking = rank(_catalogue(), **profile)
    assert not any(w.startswith(ASKED) for w in _warnings(ranking, "ferienreisen"))


def test_the_chosen_codes_do_not_count_as_planning_the_measure():
    """Only the project's own words say what it plans, not the labels of its themes."""
    ranking = rank(_catalogue(), themes=["sport", "inklusion"], **WEEKLY_SPORT)
    assert any(w.startswith(ASKED) for w in _warnings(ranking, "ferienreisen"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Wir laden zu Turnieren mit Preisen im Kreis.",
        "Der Landkreis und ein Arbeitskreis unterstützen uns.",
    ],
)
def test_a_word_like_the_measure_is_not_the_measure(sentence):
    """Preise, Landkreis and Arbeitskreis contain the letters of Reise but are other words: the
    rest of a compound must be a word of the catalogue (Land-k, Arbeits-k are not)."""
    profile = dict(WEEKLY_SPORT, description=WEEKLY_SPORT["description"] + " " + sentence)
    ranking = rank(_catalogue(), **profile)
    assert any(w.startswith(ASKED) for w in _warnings(ranking, "ferienreisen"))


@pytest.mark.parametrize("word", ["Ferien reise", "Re", "Reise!", "12er"])
def test_the_record_lists_single_words_only(word):
    with pytest.raises(ValidationError, match="kein einzelnes Wort"):
        NarrowPurpose(label="Gruppenreisen", words=[word])


def _integration_catalogue(title="Integrationsfonds – Nachbarschaftsprogramm des Landes"):
    text = "Gefördert werden Begegnung, Teilhabe und Engagement in der Nachbarschaft im Land."
    fund = programme(
        slug="integrationsfonds",
        title=title,
        target_groups=["migrantinnen", "gefluechtete", "alle"],
        themes=["integration", "teilhabe", "engagement"],
    ).model_copy(update={"description": text})
    broad = programme(
        slug="nachbarschaft-breit", themes=["teilhabe", "engagement"], target_groups=["alle"]
    ).model_copy(update={"description": text})
    return [fund, broad, *others()]


YOUTH_CLUB = {
    "title": "Jugendtreff im Dorf",
    "description": "Jugendliche richten einen Treff ein: Begegnung, Teilhabe und Engagement in "
    "der Nachbarschaft.",
    "themes": ["teilhabe", "engagement"],
    "target_groups": ["jugendliche"],
}


def test_an_integration_programme_is_asked_about_for_a_project_that_names_no_zugewanderte():
    """BAMF's gemeinwesenorientierte Integrationsprojekte stood fourth for Jugendtreffs in
    Vorpommern, MaTZ third for an inclusion project: their "alle" beside the migrant groups
    let them pass as programmes for everybody."""
    ranking = rank(_integration_catalogue(), **YOUTH_CLUB)
    order = slugs(ranking.matches)
    assert order.index("nachbarschaft-breit") < order.index("integrationsfonds")
    assert (
        "Gefördert wird nur: Integration von Zugewanderten und Geflüchteten. In Ihrer "
        "Projektbeschreibung finden wir dazu nichts – planen Sie das, beschreiben Sie es dort."
    ) in _warnings(ranking, "integrationsfonds")


@pytest.mark.parametrize(
    "named",
    [
        {"target_groups": ["jugendliche", "gefluechtete"]},
        {"themes": ["teilhabe", "integration"]},
        {"description": YOUTH_CLUB["description"] + " Geflüchtete Jugendliche sind dabei."},
        {"description": YOUTH_CLUB["description"] + " Ein interkultureller Abend im Monat."},
    ],
)
def test_a_project_naming_zugewanderte_by_word_or_code_is_not_asked(named):
    ranking = rank(_integration_catalogue(), **{**YOUTH_CLUB, **named})
    assert not any(w.startswith(ASKED) for w in _warnings(ranking, "integrationsfonds"))


def test_integrated_urban_development_is_no_integration_programme():
    # "Integrierte Stadtentwicklung" names no Zugewanderte, and it names other groups beside
    # them (as Sozialer Zusammenhalt does); nor does "Kulturinitiative" name them.
    catalogue = _integration_catalogue(title="Integrierte Stadtentwicklung im Quartier")
    groups = ["alle", "migrantinnen", "aeltere", "familien"]
    catalogue[0] = catalogue[0].model_copy(update={"target_groups": groups})
    ranking = rank(catalogue, **{**YOUTH_CLUB, "description": "Eine Kulturinitiative baut "
                                 "einen Jugendtreff für Begegnung und Teilhabe."})  # fmt: skip
    assert "integrationsfonds" in slugs(ranking.matches)
    assert not any(w.startswith(ASKED) for w in _warnings(ranking, "integrationsfonds"))


def test_the_origin_of_a_potato_names_no_zugewanderte():
    # A Kartoffelfest shows "Herkunft, Ernte und alte Zubereitungsarten der Knolle".
    description = "Herkunft und Ernte der Kartoffel zeigen wir beim Fest: Begegnung und Teilhabe."
    ranking = rank(_integration_catalogue(), **{**YOUTH_CLUB, "description": description})
    assert any(w.startswith(ASKED) for w in _warnings(ranking, "integrationsfonds"))
