"""Programme families in the ranking: the general line of a programme is never hidden behind a
special sub-line split off from it (Aktion Mensch Projektförderung beside a temporary Förderaktion,
the Fernsehlotterie's project funding beside building and equipment)."""

from __future__ import annotations

from funding_matcher.domain.catalogue.family import rankable
from tests.unit.matching.helpers import others, programme, rank, slugs

TREFF = {
    "title": "Inklusiver Nachbarschaftstreff",
    "description": "Ein Verein eröffnet einen Treff für Menschen mit und ohne Behinderung, eine "
    "Koordinatorin begleitet Ehrenamtliche.",
    "cost_types": ["personal", "sach"],
}


def test_a_programme_with_one_special_sub_line_keeps_its_general_line():
    general = programme(
        slug="projektfoerderung",
        title="Projektförderung für Inklusion",
        description="Gefördert werden Nachbarschaftstreffs und Begegnung von Menschen mit und "
        "ohne Behinderung, Personal- und Sachkosten.",
    )
    action = programme(
        slug="foerderaktion",
        parent="projektfoerderung",
        title="Förderaktion gegen Mobbing an Schulen",
        description="Workshops gegen Mobbing für Schulklassen.",
    )
    assert [p.slug for p in rankable([general, action])] == ["projektfoerderung", "foerderaktion"]
    assert slugs(rank([general, action, *others()], **TREFF).matches)[0] == "projektfoerderung"


def test_a_parent_funding_costs_none_of_its_sub_lines_funds_is_a_line_of_its_own():
    projects = programme(slug="lotterie", cost_types=["personal", "sach", "investiv"])
    building = programme(slug="lotterie-bau", parent="lotterie", cost_types=["investiv"])
    equipment = programme(slug="lotterie-ausstattung", parent="lotterie", cost_types=["sach"])
    ranked = [p.slug for p in rankable([projects, building, equipment])]
    assert ranked == ["lotterie", "lotterie-bau", "lotterie-ausstattung"]


def test_an_umbrella_whose_sub_lines_carry_every_cost_is_not_ranked():
    umbrella = programme(slug="dach", cost_types=["personal", "sach"])
    lines = [
        programme(slug="linie-a", parent="dach", cost_types=["personal", "sach"]),
        programme(slug="linie-b", parent="dach", cost_types=["sach"]),
    ]
    assert [p.slug for p in rankable([umbrella, *lines])] == ["linie-a", "linie-b"]
