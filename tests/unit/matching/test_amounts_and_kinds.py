"""Amount fit as a signal, kinds of funding and cross-border programmes."""

from __future__ import annotations

import pytest

from funding_matcher.domain.matching.amounts import AmountArrays, amount_reason, programme_cap
from funding_matcher.domain.matching.explain import regional_reason
from funding_matcher.domain.matching.kinds import (
    cross_border_fits,
    in_programme_area,
    speaks_of_cooperation_abroad,
)
from funding_matcher.domain.profile import Profile
from tests.conftest import profile_data
from tests.unit.matching.helpers import match_for, others, programme, rank, slugs


def test_a_small_programme_is_a_cofunder_with_its_share_not_an_exclusion():
    small = programme(
        slug="treffpunkte", amount_min_eur=None, amount_max_eur=6000, amount_max_per="jahr"
    )
    ranking = rank(
        [small, *others()], budget_total_eur=110000, own_funds_eur=10000, duration_months=36
    )
    match = match_for(ranking, "treffpunkte")
    assert (
        "Förderung bis 6.000 € je Jahr (18.000 € für 3 Jahre) – deckt 18 % des Bedarfs, "
        "als Kofinanzierung"
    ) in match.reasons
    assert match.cap_eur == 18000
    assert "treffpunkte" not in {e.programme.slug for e in ranking.excluded}


def test_a_cap_per_wohneinheit_is_not_applied_to_the_whole_project():
    loan = programme(
        slug="umbau",
        funding_type="darlehen",
        funding_rate_max_percent=None,
        amount_min_eur=None,
        amount_max_eur=50000,
        amount_max_per="wohneinheit",
    )
    profile = Profile.from_dict(profile_data(budget_total_eur=400000, own_funds_eur=0))
    cap = programme_cap(loan, profile)
    assert cap.eur is None
    assert amount_reason(loan, profile) == "Darlehen bis 50.000 € je Wohneinheit"
    assert slugs(rank([loan], budget_total_eur=400000, own_funds_eur=0).matches) == ["umbau"]


def test_the_rate_caps_what_a_programme_gives_this_project():
    p = programme(funding_rate_max_percent=80, amount_max_eur=50000)
    profile = Profile.from_dict(profile_data(budget_total_eur=20000, own_funds_eur=2000))
    assert programme_cap(p, profile).eur == 16000
    assert amount_reason(p, profile) == "Förderung bis 80 % der Kosten – deckt 89 % des Bedarfs"


def test_a_regular_rate_below_the_maximum_is_what_the_card_the_cap_and_the_mix_count_with():
    """SozialstiftungNRW: "Regelzuschuss bis 50 Prozent", 90 only in justified exceptions. A
    card saying "bis 90 % – deckt den Bedarf" and a plan carrying 90 % could not be signed."""
    foundation = programme(
        slug="stiftung",
        short_title="Stiftung",
        funding_rate_max_percent=90,
        funding_rate_regular_percent=50,
        amount_max_eur=None,
    )
    profile = Profile.from_dict(profile_data(budget_total_eur=145000, own_funds_eur=14500))
    assert programme_cap(foundation, profile).eur == 72500
    assert amount_reason(foundation, profile) == (
        "Förderung bis 50 % der Kosten in der Regel, bis 90 % als Ausnahme – deckt 56 % des Bedarfs"
    )
    assert AmountArrays([foundation]).caps(profile)[0] == 72500
    ranking = rank([foundation], budget_total_eur=145000, own_funds_eur=14500)
    assert [(p.programme.slug, p.amount_eur) for p in ranking.mix.parts] == [("stiftung", 72500)]


def test_a_regular_rate_needs_a_maximum_it_does_not_exceed():
    with pytest.raises(ValueError, match="funding_rate_regular_percent"):
        programme(funding_rate_max_percent=50, funding_rate_regular_percent=60)
    with pytest.raises(ValueError, match="funding_rate_regular_percent"):
        programme(funding_rate_max_percent=None, funding_rate_regular_percent=60)


def test_a_first_application_is_capped_in_the_reason_the_shares_and_the_arrays():
    lottery = programme(
        funding_rate_max_percent=80, amount_max_eur=250000, first_application_max_eur=30000
    )
    profile = Profile.from_dict(profile_data(budget_total_eur=120000, own_funds_eur=12000))
    assert programme_cap(lottery, profile).eur == 30000
    assert amount_reason(lottery, profile) == (
        "Förderung bis 30.000 € bei Erstbewerbung – deckt 28 % des Bedarfs, als Kofinanzierung"
    )
    assert AmountArrays([lottery]).caps(profile)[0] == 30000


def test_a_tiny_cofunder_ranks_below_a_programme_that_can_carry_a_large_project():
    tiny = programme(slug="kleinbetrag", amount_min_eur=None, amount_max_eur=2000)
    carrying = programme(slug="traegt", amount_min_eur=None, amount_max_eur=None)
    ranking = rank(
        [tiny, carrying, *others()],
        applicant_type="verein",
        budget_total_eur=3_600_000,
        own_funds_eur=400_000,
    )
    assert slugs(ranking.matches).index("traegt") < slugs(ranking.matches).index("kleinbetrag")


@pytest.mark.parametrize(
    ("overrides", "label"),
    [
        ({"funding_type": "preis"}, "Preis oder Wettbewerb"),
        ({"funding_kind": "personnel_subsidy"}, "Lohnkostenzuschuss"),
    ],
)
def test_prizes_and_wage_subsidies_never_outrank_a_fitting_grant(overrides, label):
    text = "Nachbarschaftstreff Sprachcafé Ehrenamtsbörse Beratung Quartier Treff"
    secondary = programme(slug="zweitrangig", summary=text, description=text, **overrides)
    grant = programme(slug="zuschuss", description="Gefördert werden Begegnung und Ehrenamt.")
    ranking = rank([secondary, grant, *others()])
    order = slugs(ranking.matches)
    # Its text fits best, but every fitting grant stays above it.
    assert order[0] == "zuschuss"
    assert order[-1] == "zweitrangig"
    labelled = ranking.matches[-1]
    assert labelled.kind in ("prize", "personnel_subsidy")
    assert any(label.split()[0] in w for w in labelled.warnings)


def interreg(**overrides):
    data = {
        "slug": "grenzprogramm",
        "level": "eu",
        "states": ["SN"],
        "cooperation": "cross_border",
        "programme_area": ["Landkreis Görlitz", "Stadt Dresden"],
        "requires_designated_area": None,
    }
    return programme(**{**data, **overrides})


def test_a_cross_border_programme_needs_partners_abroad():
    ranking = rank([interreg(), *others()], state="SN", municipality="Dresden")
    assert "grenzprogramm" not in slugs(ranking.matches)
    (reasons,) = [e.reasons for e in ranking.excluded if e.programme.slug == "grenzprogramm"]
    assert "Grenzüberschreitendes Programm: nur mit Partnern im Ausland" in reasons
    with_partners = rank(
        [interreg(), *others()], state="SN", municipality="Görlitz", partners_abroad=True
    )
    match = match_for(with_partners, "grenzprogramm")
    assert any(w.startswith("Grenzüberschreitend") for w in match.warnings)


def test_partners_abroad_do_not_bring_a_place_outside_the_area_in():
    ranking = rank(
        [interreg(), *others()], state="SN", municipality="Leipzig", partners_abroad=True
    )
    assert "grenzprogramm" not in slugs(ranking.matches)
    (reasons,) = [e.reasons for e in ranking.excluded if e.programme.slug == "grenzprogramm"]
    assert (
        "Nur für Landkreis Görlitz, Stadt Dresden – Leipzig (kreisfreie Stadt) liegt außerhalb"
        in reasons
    )


def test_partners_from_another_country_than_the_programmes_are_asked_about_and_rank_lower():
    czech = interreg(slug="tschechien-fonds", partner_countries=["CZ"], programme_area=None)
    neutral = interreg(slug="grenzfonds", programme_area=None)  # any country
    polish = "Begegnungsfest mit unserer polnischen Partnergemeinde, der Gmina Gubin."
    ranking = rank(
        [czech, neutral, *others()],
        state="SN",
        municipality="Görlitz",
        partners_abroad=True,
        description=polish,
    )
    asked = match_for(ranking, "tschechien-fonds")
    assert (
        "Nur mit Partnern aus Tschechien – Ihr Projekt nennt Polen: trifft das zu?"
        in asked.warnings
    )
    assert asked.score < match_for(ranking, "grenzfonds").score
    # A Czech partner named anywhere, in the text or among the partners, fits; so does a text
    # that names no country, and the Sächsische Schweiz is no country.
    for description, partners in (
        ("Sprachcafé mit unserem tschechischen Partnerverein aus Liberec.", []),
        ("Chorfest mit einem Gastchor aus Polen.", ["Partnergemeinde in Tschechien"]),
        ("Wir laden unsere Partner jenseits der Grenze zum Sommerfest ein.", []),
        ("Wanderwoche in der Sächsischen Schweiz mit Partnern im Ausland.", []),
    ):
        fits = rank(
            [czech, *others()],
            state="SN",
            municipality="Görlitz",
            partners_abroad=True,
            description=description,
            partners=partners,
        )
        warnings = match_for(fits, "tschechien-fonds").warnings
        assert not any(w.startswith("Nur mit Partnern aus") for w in warnings), description


def test_cooperation_across_the_border_in_the_programme_area_counts():
    description = "Wir planen mit unserem tschechischen Partnerverein grenzüberschreitende Feste."
    inside = Profile.from_dict(
        profile_data(state="SN", municipality="Görlitz", description=description)
    )
    assert cross_border_fits(interreg(), inside)
    elsewhere = Profile.from_dict(
        profile_data(state="NW", municipality="Köln", description=description)
    )
    assert not cross_border_fits(interreg(), elsewhere)
    without = Profile.from_dict(profile_data(state="SN", municipality="Görlitz"))
    assert not cross_border_fits(interreg(), without)


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("Dresden", True),
        ("Landkreis Görlitz", True),
        ("Görlitz", True),
        ("Zittau", True),  # a town of the Landkreis Görlitz, from the Gemeindeverzeichnis
        ("Plauen", False),  # Vogtlandkreis
        ("Ortlosheim", None),  # not in the directory: unknown, not outside
    ],
)
def test_places_in_the_programme_area(place, expected):
    profile = Profile.from_dict(profile_data(state="SN", municipality=place))
    assert in_programme_area(interreg(), profile) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ein deutsch-niederländisches Sportfest mit unserem Partnerverein aus Venlo.", True),
        ("Austausch mit unserer Partnerstadt in Polen.", True),
        ("Kooperation mit einem Verein in Dänemark.", True),
        ("Familien aus Polen und Syrien kochen gemeinsam.", False),
        ("Ein Treff für Nachbarn im Quartier.", False),
        # Found in a grant consultant's review of a Gronau project with Dutch partners.
        ("Organisiert mit der Stichting Dorpsraad Losser.", True),
        ("Ehrenamtliche beider Seiten planen die Treffen gemeinsam.", True),
        ("Dazu ein Sprachtreff Deutsch-Niederländisch.", True),
        ("Wir tauschen uns mit einem Gartenprojekt in Tschechien aus.", True),
        ("Eine Tauschbörse mit Familien aus Polen.", False),
    ],
)
def test_descriptions_that_speak_of_cooperation_abroad(text, expected):
    assert speaks_of_cooperation_abroad(text) is expected


def test_a_need_of_a_fraction_of_a_cent_is_ranked_without_overflow():
    """Found by the API fuzzer: cap / need overflowed to infinity (a warning, an error in the
    suite); such a cap covers the whole need."""
    small = programme(slug="treffpunkte", amount_min_eur=None, amount_max_eur=6000)
    ranking = rank([small, *others()], budget_total_eur=1e-306, own_funds_eur=0)
    assert "treffpunkte" in slugs(ranking.matches)


def landschaftsverband():
    return programme(
        slug="rheinland-fonds",
        states=["NW"],
        programme_area=["Regierungsbezirk Düsseldorf", "Regierungsbezirk Köln"],
    )


def test_a_regional_programme_is_excluded_for_a_place_outside_its_area():
    ranking = rank([landschaftsverband(), *others()], state="NW", municipality="Hallenberg")
    assert "rheinland-fonds" not in slugs(ranking.matches)
    (reasons,) = [e.reasons for e in ranking.excluded if e.programme.slug == "rheinland-fonds"]
    assert reasons == [
        "Nur für Regierungsbezirk Düsseldorf, Regierungsbezirk Köln – Hallenberg "
        "(Hochsauerlandkreis, Regierungsbezirk Arnsberg) liegt außerhalb"
    ]
    assert [(c.label, c.count) for c in ranking.excluded_counts] == [
        ("Nur für andere Gebiete Ihres Landes", 1)
    ]


def test_a_regional_programme_ranks_inside_its_area_and_asks_where_the_place_is_unknown():
    inside = rank([landschaftsverband(), *others()], state="NW", municipality="Kevelaer")
    match = match_for(inside, "rheinland-fonds")
    assert not any("Programmgebiet" in w for w in match.warnings)
    unknown = rank([landschaftsverband(), *others()], state="NW", municipality="Ortlosheim")
    match = match_for(unknown, "rheinland-fonds")
    assert (
        "Prüfen Sie, ob Ihr Ort im Programmgebiet liegt: Regierungsbezirk Düsseldorf, "
        "Regierungsbezirk Köln"
    ) in match.warnings


def test_the_regional_reason_says_what_kind_of_regional_programme_it_is():
    profile = Profile.from_dict(profile_data(state="NW", municipality="Kevelaer"))
    land = programme(slug="land", level="land", states=["NW"])
    eu = programme(slug="eu", level="eu", states=["NW", "NI"])
    assert regional_reason(land, profile) == "Landesprogramm für Nordrhein-Westfalen"
    assert regional_reason(eu, profile) == (
        "Regionales Programm für Nordrhein-Westfalen und ein weiteres Land"
    )
    assert regional_reason(landschaftsverband(), profile) == (
        "Ihr Ort liegt im Programmgebiet: Kevelaer (Kreis Kleve, Regierungsbezirk Düsseldorf)"
    )


def test_the_most_for_this_project_is_never_more_than_its_need():
    big = programme(slug="gross", funding_rate_max_percent=None, amount_max_eur=200000)
    ranking = rank([big, *others()], budget_total_eur=6000, own_funds_eur=500)
    match = match_for(ranking, "gross")
    assert match.cap_eur == 5500
    assert match.coverage == 1.0
