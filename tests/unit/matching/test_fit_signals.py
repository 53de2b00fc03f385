"""Fit signals of round three on the grown catalogue: a small programme made for the project is not
buried by its share of the need, and a programme naming the project's target group among others
fits better than one for everybody."""

from __future__ import annotations

from funding_matcher.domain import taxonomy
from tests.unit.matching.helpers import others, programme, rank, slugs

MEHRGENERATIONENHAUS = {
    "title": "Offene Treffs im Mehrgenerationenhaus",
    "description": "Ein Verein betreibt ein Mehrgenerationenhaus mit offenen Treffs für Jung und "
    "Alt, Mittagstisch und Nachbarschaftshilfe.",
    "budget_total_eur": 60000,
    "own_funds_eur": 6000,
    "duration_months": 24,
}


def test_a_small_programme_made_for_the_project_ranks_above_a_broad_one_with_a_big_cap():
    made_for_it = programme(
        slug="mehrgenerationen",
        title="Landesförderung Mehrgenerationenhäuser",
        summary="Zuschüsse für Mehrgenerationenhäuser und offene Treffs der Generationen.",
        description="Gefördert werden Mehrgenerationenhäuser, offene Treffs für Jung und Alt und "
        "Nachbarschaftshilfe.",
        amount_min_eur=None,
        amount_max_eur=6000,
        amount_max_per="jahr",
    )
    broad = programme(
        slug="lotterie",
        title="Soziallotterie Projektförderung",
        summary="Zuschüsse für soziale Projekte gemeinnütziger Träger.",
        description="Gefördert werden soziale Projekte, offene Treffs für Jung und Alt und "
        "Nachbarschaftshilfe.",
        amount_min_eur=None,
        amount_max_eur=200000,
    )
    ranking = rank([made_for_it, broad, *others()], **MEHRGENERATIONENHAUS)
    assert slugs(ranking.matches)[:2] == ["mehrgenerationen", "lotterie"]
    first = ranking.matches[0]
    assert (
        "Förderung bis 6.000 € je Jahr (12.000 € für 2 Jahre) – deckt 22 % des Bedarfs, "
        "als Kofinanzierung" in first.reasons
    )


def test_a_programme_naming_older_people_among_others_fits_better_than_one_for_everybody():
    groups = ["kinder", "familien", "aeltere", "menschen_mit_behinderung", "gefluechtete"]
    groups.append("migrantinnen")
    many_groups = programme(slug="viele-gruppen", target_groups=groups)
    # The same words in the text, so that only the codes tell the two apart.
    everybody = programme(
        slug="fuer-alle",
        target_groups=["alle"],
        description="Gefördert werden Nachbarschaftsprojekte, Stadtteilarbeit und Ehrenamt. "
        + ", ".join(taxonomy.labels("target_groups", groups))
        + ".",
    )
    ranking = rank([everybody, many_groups, *others()], target_groups=["aeltere"])
    assert slugs(ranking.matches)[:2] == ["viele-gruppen", "fuer-alle"]


GENERATIONS = {
    "title": "Kita, Schule und Seniorenzentrum kochen zusammen",
    "description": "Kita-Kinder, Schulkinder und Bewohnerinnen eines Seniorenzentrums kochen, "
    "lesen und gärtnern regelmäßig zusammen; eine Fachkraft koordiniert, Ehrenamtliche helfen.",
    "target_groups": ["kinder", "aeltere"],
}


def _migration_and_generations():
    """Two programmes with the same text: one for migrants only, one for young and old."""
    text = (
        "Gefördert werden Begegnung, Ehrenamt und Kochen im Quartier, koordiniert von Fachkräften."
    )
    for_migrants = programme(slug="integration", target_groups=["gefluechtete", "migrantinnen"])
    for_generations = programme(slug="generationen", target_groups=["kinder", "aeltere"])
    return [
        for_migrants.model_copy(update={"description": text}),
        for_generations.model_copy(update={"description": text}),
        *others(),
    ]


def test_a_programme_made_for_other_people_ranks_below_one_for_the_projects_people_and_says_so():
    ranking = rank(_migration_and_generations(), **GENERATIONS)
    order = slugs(ranking.matches)
    assert order[0] == "generationen"
    others_match = ranking.matches[order.index("integration")]
    assert any(
        w.startswith("Gedacht für andere Zielgruppen: Geflüchtete") for w in others_match.warnings
    )
    assert not any("andere Zielgruppen" in w for w in ranking.matches[0].warnings)


def test_a_project_open_to_everybody_is_never_told_a_programme_is_for_others():
    ranking = rank(_migration_and_generations(), **{**GENERATIONS, "target_groups": ["alle"]})
    assert not any("andere Zielgruppen" in w for m in ranking.matches for w in m.warnings)


def test_what_a_programme_does_not_fund_is_no_match_and_no_reason():
    """ "Nicht gefördert werden Sportfeste" names what the programme does not fit: a sports
    festival is no matching term there, and the programme that funds it ranks first."""
    excluding = programme(slug="ohne-sportfeste").model_copy(
        update={
            "description": "Gefördert werden Treffpunkte im Stadtteil. Nicht gefördert "
            "werden Sportfeste, Turniere und Vereinsfeiern; Ausflüge sind ausgeschlossen."
        }
    )
    funding = programme(slug="sportfeste").model_copy(
        update={"description": "Gefördert werden Sportfeste im Stadtteil und Turniere."}
    )
    ranking = rank(
        [excluding, funding, *others()],
        title="Sportfest im Stadtteil",
        description="Ein Turnier und ein Sportfest für alle Nachbarinnen im Stadtteil.",
    )
    assert slugs(ranking.matches)[0] == "sportfeste"
    reasons = next(m.reasons for m in ranking.matches if m.programme.slug == "ohne-sportfeste")
    assert not any("Sportfest" in r or "Turnier" in r for r in reasons), reasons


def test_ticking_alle_beside_the_projects_groups_does_not_hide_a_programme_for_others():
    # Practitioners tick "alle" beside the groups they mean: the groups still decide.
    ranking = rank(
        _migration_and_generations(), **{**GENERATIONS, "target_groups": ["alle", "kinder"]}
    )
    order = slugs(ranking.matches)
    assert order[0] == "generationen"
    warnings = ranking.matches[order.index("integration")].warnings
    assert any(w.startswith("Gedacht für andere Zielgruppen: Geflüchtete") for w in warnings)


def test_a_programme_sharing_no_theme_and_no_word_with_the_project_is_no_match():
    # Broadband money passes every rule for a Kommune, but has nothing to do with a treff.
    unrelated = programme(
        slug="breitband",
        title="Gigabitausbau in unterversorgten Gebieten",
        short_title="Gigabit",
        summary="Zuschüsse für Glasfaseranschlüsse.",
        description="Gefördert wird die Wirtschaftlichkeitslücke beim Glasfaserausbau.",
        funder="Bundesministerium für Digitales",
        themes=["digitalisierung"],
        target_groups=["alle"],
    )
    ranking = rank([unrelated, *others()])
    assert "breitband" not in slugs(ranking.matches)
    # A word of the project's own that the programme shares makes it a match again.
    about = rank([unrelated, *others()], description="Ein offener Treff mit Glasfaseranschluss.")
    assert "breitband" in slugs(about.matches)
    # A profile without themes says too little to tell.
    assert "breitband" in slugs(rank([unrelated, *others()], themes=[]).matches)


def test_a_programme_region_is_not_the_staedtebau_area_the_profile_answers_about():
    # The profile's flag asks for a Fördergebiet of the Städtebauförderung; a LEADER region is
    # another thing: neither a reason nor a penalty, and the card asks about the region.
    leader = programme(slug="leader", requires_designated_area=True, designated_area_kind="region")
    staedtebau = programme(slug="stadtumbau", requires_designated_area=True)
    inside = rank([leader, staedtebau, *others()], designated_area=True)
    region = next(m for m in inside.matches if m.programme.slug == "leader")
    assert "Quartier liegt in einem Fördergebiet" not in region.reasons
    assert any(w.startswith("Nur in bestimmten Regionen") for w in region.warnings)
    area = next(m for m in inside.matches if m.programme.slug == "stadtumbau")
    assert "Quartier liegt in einem Fördergebiet" in area.reasons
    # Outside every Städtebau area the Städtebau programme is excluded, the region's is not.
    outside = rank([leader, staedtebau, *others()], designated_area=False)
    assert "leader" in slugs(outside.matches)
    assert "stadtumbau" not in slugs(outside.matches)
    unknown = rank([leader, *others()], designated_area=None)
    asked = next(m for m in unknown.matches if m.programme.slug == "leader")
    assert not any("Gebietskulisse" in m for m in asked.missing)
