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


def test_a_parent_open_to_applicants_none_of_its_sub_lines_serves_is_a_line_of_its_own():
    # A foundation's micro grants for Vereine everywhere, recorded as the parent of a competition
    # for one Land and a programme for private persons: a Verein elsewhere must still find it.
    micro = programme(slug="stiftung", states="all", cost_types=["sach"])
    competition = programme(
        slug="stiftung-wettbewerb", parent="stiftung", states=["SN"], cost_types=["sach"]
    )
    persons = programme(
        slug="stiftung-personen",
        parent="stiftung",
        states="all",
        applicant_types=["privatperson"],
        cost_types=["sach"],
    )
    assert "stiftung" in [p.slug for p in rankable([micro, competition, persons])]
    everywhere = programme(slug="dach", states="all", cost_types=["sach"])
    lines = [
        programme(slug="dach-a", parent="dach", states="all", cost_types=["sach"]),
        programme(slug="dach-b", parent="dach", states=["SN"], cost_types=["sach"]),
    ]
    assert "dach" not in [p.slug for p in rankable([everywhere, *lines])]


STAFF_PROJECT = {
    "title": "Quartiersarbeit für Ältere fortsetzen",
    "description": "Eine Quartiersmanagerin organisiert Nachbarschaftshilfe, ein Café und "
    "Besuchsdienste; dafür wird ihre Stelle und etwas Material gebraucht.",
    "cost_types": ["personal", "sach"],
}


def _lottery_family():
    projects = programme(
        slug="lotterie",
        title="Lotterie: Projektförderung",
        description="Die Lotterie fördert soziale Projekte gemeinnütziger Träger.",
        cost_types=["personal", "sach", "investiv"],
    )
    equipment = programme(
        slug="lotterie-ausstattung",
        parent="lotterie",
        title="Lotterie: Erstausstattung",
        description="Ausstattung für ein Café, Nachbarschaftshilfe und Besuchsdienste im "
        "Quartier, etwa Möbel und Geräte für die Quartiersarbeit mit Älteren.",
        cost_types=["sach", "investiv"],
    )
    return projects, equipment


def test_the_line_that_pays_the_staff_comes_before_its_equipment_line_for_a_staff_project():
    projects, equipment = _lottery_family()
    catalogue = [projects, equipment, *others()]
    # The equipment line's text is closer to the project, but it cannot pay the Stelle.
    by_text = rank(catalogue, **{**STAFF_PROJECT, "cost_types": ["sach", "investiv"]})
    assert slugs(by_text.matches).index("lotterie-ausstattung") < slugs(by_text.matches).index(
        "lotterie"
    )
    ranking = rank(catalogue, **STAFF_PROJECT)
    order = slugs(ranking.matches)
    assert order.index("lotterie") < order.index("lotterie-ausstattung")
    scores = {m.programme.slug: m.score for m in ranking.matches}
    assert scores["lotterie-ausstattung"] <= scores["lotterie"]


def test_a_line_of_another_family_keeps_its_place():
    projects, equipment = _lottery_family()
    stranger = programme(
        slug="ausstattungsfonds",
        title="Ausstattungsfonds",
        description="Ausstattung für ein Café, Nachbarschaftshilfe und Besuchsdienste im "
        "Quartier, etwa Möbel und Geräte für die Quartiersarbeit mit Älteren.",
        cost_types=["sach", "investiv"],
    )
    order = slugs(rank([projects, stranger, *others()], **STAFF_PROJECT).matches)
    assert order.index("ausstattungsfonds") < order.index("lotterie")
