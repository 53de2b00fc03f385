"""Routes, conflicts, standing, exclusions by reason and the funding mix."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from funding_matcher.domain.catalogue.records import AccessRoute
from funding_matcher.domain.matching.explain import route_label
from funding_matcher.domain.matching.mix import planned_financing, propose_mix
from funding_matcher.domain.matching.mix_notes import no_mix_reason
from funding_matcher.domain.matching.standing import standing, status_class
from funding_matcher.domain.profile import Profile
from tests.conftest import profile_data
from tests.unit.matching.helpers import TODAY, match_for, others, programme, rank, slugs

KREIS = {"applicant_types": ["verein"], "via": "Teilnehmender Kreis, der die Anträge bewilligt"}


def test_an_ordinary_route_ranks_in_the_main_list_with_its_badge():
    ordinary = programme(
        slug="ueber-kreis",
        applicant_types=["kommune"],
        access_via=[KREIS],
        access_via_ordinary=True,
    )
    other = programme(slug="fonds", applicant_types=["kommune"], access_via=[KREIS])
    ranking = rank([ordinary, other, *others()])
    assert "ueber-kreis" in slugs(ranking.matches)
    assert slugs(ranking.indirect) == ["fonds"]
    match = match_for(ranking, "ueber-kreis")
    assert match.ordinary_route
    assert "Zugang über: Teilnehmender Kreis, der die Anträge bewilligt" in match.reasons
    # The Kreis decides how much: the route is listed, never planned with an amount.
    alone = rank([ordinary], budget_total_eur=20000, own_funds_eur=2000)
    assert slugs(alone.matches) == ["ueber-kreis"]
    assert alone.mix is None


def test_route_badges_read_as_german():
    phrase = AccessRoute(applicant_types=["verein"], via="als umsetzender Träger im Vorhaben")
    assert route_label(phrase) == "Zugang als umsetzender Träger im Vorhaben"
    noun = AccessRoute(applicant_types=["verein"], via="Verfügungsfonds der Gemeinde")
    assert route_label(noun) == "Zugang über: Verfügungsfonds der Gemeinde"
    article = AccessRoute(applicant_types=["verein"], via="den Verfügungsfonds der Kommune")
    assert route_label(article) == "Zugang über den Verfügungsfonds der Kommune"


def test_bund_programme_and_land_procedure_stand_together_as_one_route():
    bund = programme(slug="bund", level="bund", states="all", applicant_types=["kommune"])
    land = programme(
        slug="landesverfahren",
        short_title="Landesverfahren NRW",
        applicant_types=["kommune"],
        land_procedure_for=["bund"],
        description="Stadterneuerung mit Wohnen und Grünflächen.",
    )
    between = programme(
        slug="dazwischen",
        applicant_types=["kommune"],
        description="Begegnung, Ehrenamt, Nachbarschaftstreff, Sprachcafé und Beratung.",
    )
    ranking = rank([bund, land, between, *others()], applicant_type="kommune")
    order = slugs(ranking.matches)
    assert abs(order.index("bund") - order.index("landesverfahren")) == 1
    by_slug = {m.programme.slug: m for m in ranking.matches}
    assert "Antrag über das Landesverfahren: Landesverfahren NRW" in by_slug["bund"].reasons
    assert any(r.startswith("Landesverfahren für:") for r in by_slug["landesverfahren"].reasons)
    assert by_slug["bund"].linked == ["landesverfahren"]


def test_every_pair_that_may_not_be_combined_is_named_on_both():
    one = programme(slug="lotterie-a", short_title="Lotterie A", not_combinable_with=["lotterie-b"])
    two = programme(slug="lotterie-b", short_title="Lotterie B")
    ranking = rank([one, two, *others()])
    by_slug = {m.programme.slug: m for m in ranking.matches}
    assert by_slug["lotterie-a"].conflicts == ["lotterie-b"]
    assert by_slug["lotterie-b"].conflicts == ["lotterie-a"]
    assert "Nicht kombinierbar mit: Lotterie A (laut Fördergeber)" in by_slug["lotterie-b"].warnings


def test_old_and_new_status_codes_are_read_in_one_place():
    assert [status_class(s) for s in ("active", "open", "paused", "between_rounds")] == [
        "open",
        "open",
        "next",
        "next",
    ]
    assert status_class("unclear") == "unclear"
    assert status_class("closed") == "ended"
    unclear = programme().model_copy(update={"status": "unclear"})
    where = standing(unclear, TODAY)
    assert where.round == "open"
    assert where.unclear
    assert where.factor < 1
    windowed = programme(deadline={"kind": "windows", "windows": [{"closes": "2027-03-31"}]})
    between = windowed.model_copy(update={"status": "between_rounds"})
    assert standing(between, TODAY).round == "next"
    assert standing(between, TODAY).next_window == date(2027, 3, 31)


def test_an_unclear_status_ranks_below_an_equally_fitting_open_programme():
    unclear = programme(slug="unklar").model_copy(update={"status": "unclear"})
    ranking = rank([unclear, programme(slug="offen"), *others()])
    order = slugs(ranking.matches)
    assert order.index("offen") < order.index("unklar")
    flagged = match_for(ranking, "unklar")
    # The doubt comes with what the newest evidence says and when.
    assert (
        "Status unklar – letzter Beleg vom 01.10.2026: „Anträge können bis zum 30. September "
        "eingereicht werden.“ – vor Antrag beim Fördergeber prüfen"
    ) in flagged.warnings


def test_exclusions_are_counted_by_reason_and_listed_page_by_page():
    wrong_land = [programme(slug=f"bayern-{i}", states=["BY"]) for i in range(7)]
    kommune_only = [programme(slug="kommune", applicant_types=["kommune"])]
    rural = [programme(slug="dorf", area_types=["rural"])]
    ranking = rank([*wrong_land, *kommune_only, *rural, *others()])
    counts = {c.rule: c.count for c in ranking.excluded_counts}
    assert counts == {"state": 7, "applicant": 1, "area": 1}
    assert ranking.excluded_total == 9
    assert [c.label for c in ranking.excluded_counts][0] == "Nur für andere Länder"
    assert [e.programme.slug for e in ranking.close_excluded] == ["dorf"]
    assert len(ranking.excluded_page(1, 5)) == 5
    assert len(ranking.excluded_page(2, 5)) == 4


def mix_profile(**overrides) -> Profile:
    data = {"budget_total_eur": 100000, "own_funds_eur": 10000, "duration_months": 24}
    return Profile.from_dict(profile_data(**{**data, **overrides}))


def test_the_mix_takes_a_main_programme_and_combinable_cofunders_within_their_caps():
    main = programme(
        slug="haupt", funder="Land A", funding_rate_max_percent=60, amount_max_eur=None
    )
    small = programme(
        slug="klein",
        funder="Stiftung B",
        level="stiftung",
        amount_max_eur=5000,
        amount_max_per="jahr",
    )
    clash = programme(slug="ausgeschlossen", funder="Lotterie C", not_combinable_with=["haupt"])
    same_funder = programme(
        slug="geschwister", funder="Land A", amount_min_eur=None, amount_max_eur=3000
    )
    ranked = [(main, 80.0), (clash, 75.0), (same_funder, 70.0), (small, 60.0)]
    mix = propose_mix(ranked, mix_profile())
    assert [(p.programme.slug, p.role, p.amount_eur) for p in mix.parts] == [
        ("haupt", "main", Decimal("60000.00")),
        ("klein", "cofunder", Decimal("10000.00")),
    ]
    assert mix.gap_eur == Decimal("20000.00")
    assert any("Es fehlen noch 20.000,00 €" in note for note in mix.notes)
    assert planned_financing(mix) == [
        {
            "kind": "foundation_grant",
            "label": "Testprogramm",
            "programme": "klein",
            "amount_eur": 10000.0,
            "status": "geplant",
        }
    ]


def test_public_money_comes_first_for_a_subordinate_programme():
    lottery = programme(
        slug="lotterie",
        level="stiftung",
        funder="Lotterie",
        subsidiarity="public_first",
        funding_rate_max_percent=95,
        amount_max_eur=None,
    )
    land = programme(slug="land", funder="Land", funding_rate_max_percent=75, amount_max_eur=100000)
    mix = propose_mix([(lottery, 90.0), (land, 80.0)], mix_profile())
    amounts = {p.programme.slug: (p.role, p.amount_eur) for p in mix.parts}
    assert amounts == {
        "land": ("main", Decimal("75000.00")),
        "lotterie": ("cofunder", Decimal("15000.00")),
    }
    assert mix.gap_eur == 0


def test_a_programme_that_only_tops_up_public_money_never_carries_the_project():
    # The Pflegekassen (§ 45c SGB XI) add to a grant of the Land or the Kommune.
    top_up = programme(
        slug="pflegekassen",
        funder="Pflegekassen",
        requires_public_cofunding=True,
        funding_rate_max_percent=None,
        amount_max_eur=30000,
    )
    assert propose_mix([(top_up, 90.0)], mix_profile()) is None
    foundation = programme(
        slug="stiftung", funder="Stiftung", level="stiftung", amount_max_eur=40000
    )
    alone = propose_mix([(top_up, 90.0), (foundation, 85.0)], mix_profile())
    assert [p.programme.slug for p in alone.parts] == ["stiftung"]
    land = programme(slug="land", funder="Land", amount_max_eur=50000)
    beside = propose_mix([(top_up, 90.0), (land, 85.0)], mix_profile())
    assert [(p.programme.slug, p.role) for p in beside.parts] == [
        ("land", "main"),
        ("pflegekassen", "cofunder"),
    ]
    listed = match_for(rank([top_up, *others()]), "pflegekassen")
    assert any(
        w.startswith("Nur ergänzend zu einer Förderung von Land oder Kommune")
        for w in listed.warnings
    )


def test_no_mix_without_a_budget_and_none_from_prizes_or_loans():
    profile = Profile.from_dict(profile_data(budget_total_eur=None, own_funds_eur=None))
    assert propose_mix([(programme(), 50.0)], profile) is None
    prize = programme(slug="preis", funding_type="preis")
    loan = programme(slug="kredit", funding_type="darlehen")
    assert propose_mix([(prize, 50.0), (loan, 50.0)], mix_profile()) is None


def test_the_mix_plans_with_the_land_procedure_of_a_bund_programme():
    bund = programme(slug="bund", level="bund", states="all", funding_rate_max_percent=None)
    land = programme(
        slug="land", land_procedure_for=["bund"], funding_rate_max_percent=80, amount_max_eur=None
    )
    mix = propose_mix([(bund, 90.0)], mix_profile(), lambda p: land if p is bund else None)
    assert mix.main.programme.slug == "land"
    assert mix.main.amount_eur == Decimal("80000.00")


def test_a_main_programme_of_unknown_amount_is_asked_for_not_given_a_figure():
    unknown = programme(
        slug="unbekannt", funder="Land A", funding_rate_max_percent=None, amount_max_eur=None
    )
    small = programme(slug="klein", funder="Stiftung B", level="stiftung", amount_max_eur=20000)
    mix = propose_mix([(unknown, 90.0), (small, 80.0)], mix_profile())
    assert [(p.programme.slug, p.role, p.amount_eur, p.basis) for p in mix.parts] == [
        ("unbekannt", "main", None, "Höhe nicht veröffentlicht – beim Fördergeber erfragen"),
        ("klein", "cofunder", Decimal("20000.00"), "bis 20.000 €"),
    ]
    assert mix.covered_eur == Decimal("20000.00")
    assert mix.gap_eur == Decimal("70000.00")
    assert (
        "Noch offen sind 70.000,00 €: welchen Teil davon Testprogramm trägt, beim Fördergeber "
        "erfragen; den Rest über Eigenmittel, geringere Kosten oder weitere Förderer decken."
        in mix.notes
    )


def test_the_best_fit_is_the_main_programme_whether_or_not_it_publishes_an_amount():
    unknown = programme(
        slug="unbekannt", funder="Land A", funding_rate_max_percent=None, amount_max_eur=None
    )
    capped = programme(slug="gedeckelt", funder="Land B", amount_max_eur=80000)
    mix = propose_mix([(unknown, 90.0), (capped, 85.0)], mix_profile())
    assert mix.main.programme.slug == "unbekannt"
    assert mix.main.amount_eur is None
    # The co-funder with a cap carries at most half of the need beside it.
    assert [(p.programme.slug, p.amount_eur) for p in mix.cofunders] == [
        ("gedeckelt", Decimal("45000.00"))
    ]


def test_a_programme_for_equipment_is_no_main_programme_for_a_staff_project():
    equipment = programme(slug="ausstattung", funder="Stiftung A", cost_types=["investiv", "sach"])
    staff = programme(slug="personal", funder="Land B", cost_types=["personal", "sach"])
    mix = propose_mix([(equipment, 90.0), (staff, 80.0)], mix_profile())
    assert mix.main.programme.slug == "personal"


def test_co_funders_fit_nearly_as_well_as_the_best_programme():
    main = programme(slug="haupt", funder="Land A", amount_max_eur=50000)
    close = programme(slug="nah", funder="Stiftung B", level="stiftung", amount_max_eur=10000)
    far = programme(slug="fern", funder="Bund C", level="bund", amount_max_eur=30000)
    mix = propose_mix([(main, 90.0), (close, 70.0), (far, 50.0)], mix_profile())
    assert [p.programme.slug for p in mix.parts] == ["haupt", "nah"]


def test_a_sub_line_and_its_parent_are_one_programme_in_the_mix():
    parent = programme(slug="lotterie", funder="Lotterie-Stiftung", amount_max_eur=40000)
    child = programme(
        slug="lotterie-ausstattung",
        funder="Stiftung der Lotterie",
        parent="lotterie",
        amount_max_eur=30000,
    )
    mix = propose_mix([(parent, 90.0), (child, 88.0)], mix_profile())
    assert [p.programme.slug for p in mix.parts] == ["lotterie"]


def test_the_mix_plans_only_with_programmes_one_can_apply_to_for_what_the_project_plans():
    # The best fit whose last call was in 2020 (no next date known) and a trip fund for a
    # project that plans no trip are listed, but no grant writer plans the budget with them.
    paused = programme(
        slug="pause",
        funder="Bund B",
        status="between_rounds",
        deadline={"kind": "fixed", "dates": ["2020-09-30"]},
        amount_max_eur=20000,
    )
    trips = programme(
        slug="reisen",
        funder="Stiftung C",
        amount_max_eur=20000,
        narrow_purpose={"label": "Gruppenreisen", "words": ["Reise", "Ferienfreizeit"]},
    )
    budget = {"budget_total_eur": 100000, "own_funds_eur": 10000, "duration_months": 24}
    ranking = rank([paused, trips], include_closed=True, **budget)
    assert slugs(ranking.matches) == ["pause", "reisen"]
    assert ranking.mix is None
    main = programme(slug="haupt", funder="Land A", funding_rate_max_percent=60)
    with_open = rank([paused, trips, main], include_closed=True, **budget)
    assert [p.programme.slug for p in with_open.mix.parts] == ["haupt"]


def test_a_cofunder_for_part_of_the_costs_is_not_planned_with_a_share_of_the_whole_budget():
    # An Erstausstattung line beside a café that is mostly staff: 50 % of the whole budget
    # would be planned for a kitchen; without the split by cost type it is not planned.
    main = programme(slug="haupt", funder="Land A", funding_rate_max_percent=60)
    equipment = programme(
        slug="erstausstattung",
        funder="Lotterie B",
        cost_types=["investiv", "sach"],
        funding_rate_max_percent=50,
        amount_max_eur=300000,
    )
    mix = propose_mix(
        [(main, 80.0), (equipment, 78.0)],
        mix_profile(cost_types=["personal", "sach", "investiv"]),
    )
    assert [p.programme.slug for p in mix.parts] == ["haupt"]


def test_a_close_fit_without_a_published_amount_is_named_beside_the_plan():
    capped = programme(slug="gedeckelt", funder="Land A", amount_max_eur=80000)
    unpriced = programme(
        slug="ohne-betrag",
        short_title="Stadtteilzentren",
        funder="Land B",
        funding_rate_max_percent=None,
        amount_max_eur=None,
    )
    rate_only = programme(
        slug="nur-quote",
        short_title="Quartiersfonds",
        funder="Stiftung C",
        funding_rate_max_percent=90,
        amount_max_eur=None,
    )
    mix = propose_mix([(capped, 90.0), (unpriced, 88.0), (rate_only, 87.0)], mix_profile())
    assert [p.programme.slug for p in mix.parts] == ["gedeckelt"]
    # A published rate is said, as on the programme's card: no "Höhe nicht veröffentlicht".
    assert (
        "Ebenfalls passend, ohne veröffentlichten Höchstbetrag: Stadtteilzentren, "
        "Quartiersfonds (bis 90 % der Kosten) – den Betrag beim Fördergeber erfragen und als "
        "weitere Finanzierung eintragen." in mix.notes
    )
    far = propose_mix([(capped, 90.0), (unpriced, 40.0)], mix_profile())
    assert not any(n.startswith("Ebenfalls passend") for n in far.notes)


def test_a_plan_that_covers_the_need_names_no_more_money():
    """A Heimat-Scheck of 2.000 € covered a Kartoffelfest's need; the plan still said "Ebenfalls
    passend … LEADER – als weitere Finanzierung eintragen": overfinancing, and the Scheck allows
    no other public money beside it."""
    cheque = programme(slug="scheck", funder="Land A", amount_min_eur=None, amount_max_eur=2000)
    unpriced = programme(
        slug="ohne-betrag", funder="Land B", funding_rate_max_percent=None, amount_max_eur=None
    )
    equipment = programme(
        slug="erstausstattung",
        funder="Lotterie C",
        cost_types=["investiv"],
        funding_rate_max_percent=50,
        narrow_purpose={"label": "Erstausstattung", "words": ["Erstausstattung"]},
    )
    profile = mix_profile(budget_total_eur=2800, own_funds_eur=800, cost_types=["sach"])
    mix = propose_mix([(cheque, 90.0), (unpriced, 88.0), (equipment, 87.0)], profile)
    assert [(p.programme.slug, p.amount_eur) for p in mix.parts] == [("scheck", 2000)]
    assert not any(n.startswith(("Ebenfalls passend", "Für einen Teil")) for n in mix.notes)
    short = propose_mix([(cheque, 90.0), (unpriced, 88.0)], mix_profile(budget_total_eur=19000))
    assert any(n.startswith("Ebenfalls passend") for n in short.notes)


def test_an_investment_decides_the_main_programme_only_among_near_equal_fits():
    profile = Profile.from_dict(
        profile_data(budget_total_eur=3000, own_funds_eur=300, cost_types=["sach", "investiv"])
    )
    material = programme(slug="sachkosten", funder="Land A", cost_types=["sach"])
    both = programme(slug="beides", funder="Stiftung B", cost_types=["sach", "investiv"])
    far = propose_mix([(material, 90.0), (both, 50.0)], profile)
    assert far.main.programme.slug == "sachkosten"
    assert (
        "Testprogramm fördert keine Investitionen: die investiven Kosten über Eigenmittel oder "
        "einen weiteren Förderer decken." in far.notes
    )
    near = propose_mix([(material, 90.0), (both, 80.0)], profile)
    assert near.main.programme.slug == "beides"


def test_the_plan_carries_what_the_cards_say_about_its_programmes():
    doubtful = programme(
        slug="unklar",
        short_title="Unklar",
        funder="Land A",
        status="unclear",
        status_evidence={
            "url": "https://example.org/aufruf",
            "date": "2023-05-01",
            "quote": "Anträge bis zum 30. Juni 2023.",
        },
        amount_max_eur=50000,
    )
    region = programme(
        slug="region",
        short_title="Regionalbudget",
        funder="LAG B",
        requires_designated_area=True,
        designated_area_kind="region",
        amount_max_eur=20000,
    )
    mix = propose_mix([(doubtful, 90.0), (region, 85.0)], mix_profile())
    assert (
        "Unklar: Status unklar (letzter Beleg vom 01.05.2023) – vor dem Einplanen beim "
        "Fördergeber bestätigen lassen, dass Anträge möglich sind." in mix.notes
    )
    assert "Regionalbudget: nur in bestimmten Regionen – prüfen, ob Ihr Ort dazu gehört." in (
        mix.notes
    )


def test_a_top_up_programme_does_not_set_the_bar_for_co_funders():
    top_up = programme(slug="pflegekassen", funder="Pflegekassen", requires_public_cofunding=True)
    carrier = programme(slug="lotterie", funder="Lotterie", level="stiftung", amount_max_eur=60000)
    gap_filler = programme(slug="land", funder="Land", amount_max_eur=15000)
    mix = propose_mix([(top_up, 90.0), (carrier, 60.0), (gap_filler, 50.0)], mix_profile())
    assert [p.programme.slug for p in mix.parts] == ["lotterie", "land"]


def test_no_weak_main_programme_when_the_fitting_ones_cannot_be_planned_now():
    # The fitting programmes are between two rounds (not candidates); a youth programme that
    # passes the rules is no main programme for a Begegnungsfest.
    weak = programme(slug="jugend", funder="ESF", amount_max_eur=None)
    assert propose_mix([(weak, 30.0)], mix_profile(), listed_best=70.0) is None
    assert propose_mix([(weak, 30.0)], mix_profile()).main.programme.slug == "jugend"
    assert no_mix_reason(mix_profile()).startswith(
        "Kein passendes Programm lässt sich zurzeit für diesen Projektbeginn einplanen"
    )
    assert no_mix_reason(mix_profile(budget_total_eur=None)).startswith("Für einen Vorschlag")


def test_no_plan_is_built_around_a_weak_fit_while_the_best_fits_wait_for_their_round():
    """Stadt Hagen, Quartiersmanagement in a Fördergebiet: Städtebauförderung fits best, its
    next deadline is after the start; a plan around the Landesförderplan Alter und Pflege (a
    programme for older people) would be none a grant writer signs."""
    weaker = programme(slug="altenhilfe", funder="Land A", amount_max_eur=None)
    assert propose_mix([(weaker, 45.0)], mix_profile(), listed_best=78.2) is None
    assert propose_mix([(weaker, 62.0)], mix_profile(), listed_best=78.2) is not None
    best = programme(slug="zusammenhalt", short_title="Sozialer Zusammenhalt")
    reason = no_mix_reason(mix_profile(), best, date(2027, 9, 30))
    assert reason.startswith(
        "Am besten passt Sozialer Zusammenhalt (nächste Frist 30.09.2027); für diesen "
        "Projektbeginn lässt es sich nicht einplanen"
    )
    assert "Termin der nächsten Runde noch nicht veröffentlicht" in no_mix_reason(
        mix_profile(), best
    )


def test_a_programme_asking_for_the_kommunes_statement_says_so_on_a_traegers_card():
    both = {"applicant_types": ["verein", "kommune"]}
    lottery = programme(slug="lotterie", requires_municipal_endorsement=True, **both)
    council = programme(slug="rat", requires_council_decision=True, **both)
    as_verein = rank([lottery, council, *others()], applicant_type="verein")
    assert any(
        w.startswith("Mit Stellungnahme der Kommune")
        for w in match_for(as_verein, "lotterie").warnings
    )
    assert not any("Ratsbeschluss" in w for w in match_for(as_verein, "rat").warnings)
    as_kommune = rank([lottery, council, *others()], applicant_type="kommune")
    assert not any("Stellungnahme" in w for w in match_for(as_kommune, "lotterie").warnings)
    assert "Mit Ratsbeschluss: die Sitzungsfolge von Ausschuss und Rat einplanen" in (
        match_for(as_kommune, "rat").warnings
    )


def test_a_foundations_maximum_rate_without_an_amount_is_a_ceiling_asked_for_not_a_figure():
    """AWO Dortmund, 850.000 € conversion: GlücksSpirale's 80 % (from its 20 % own share, no
    published amount; its projects get about 26.000 €) was planned as 680.000 €."""
    lottery = programme(
        slug="gluecksspirale",
        short_title="GlücksSpirale",
        level="stiftung",
        funding_rate_max_percent=80,
        amount_max_eur=None,
    )
    profile = mix_profile(budget_total_eur=850000, own_funds_eur=120000)
    (part,) = propose_mix([(lottery, 80.0)], profile).parts
    assert (part.role, part.amount_eur) == ("main", None)
    assert part.basis == "bis 80 % der Kosten – Höhe beim Fördergeber erfragen"
    regular = programme(
        slug="sozialstiftung",
        level="stiftung",
        funding_rate_max_percent=90,
        funding_rate_regular_percent=50,
        amount_max_eur=None,
    )
    (part,) = propose_mix([(regular, 80.0)], profile).parts
    assert part.amount_eur == Decimal("425000.00")
    public = programme(slug="land", funding_rate_max_percent=60, amount_max_eur=None)
    (part,) = propose_mix([(public, 80.0)], profile).parts
    assert part.amount_eur == Decimal("510000.00")  # a public rate is the rule applied


def test_a_card_says_which_of_the_projects_costs_the_programme_does_not_fund():
    """MSO-Förderung NRW funds Sachkosten only; the Elterncafé pays a Minijob."""
    material = programme(slug="sachkosten", cost_types=["sach"])
    silent = programme(slug="ohne-angabe", cost_types=[])
    ranking = rank([material, silent, *others()], cost_types=["personal", "sach"])
    assert (
        "Fördert keine Personalkosten: diese Kosten über Eigenmittel oder einen weiteren "
        "Förderer decken"
    ) in match_for(ranking, "sachkosten").warnings
    assert not any("Fördert keine" in w for w in match_for(ranking, "ohne-angabe").warnings)


def test_a_cofunder_for_one_kind_of_measure_is_named_for_its_part_not_planned_on_the_whole():
    """AWO Dortmund, 850.000 € conversion: Erstausstattung (furniture, technology) was planned
    with 50 % of the whole budget, capped at 300.000 €."""
    main = programme(slug="land", funder="Land", funding_rate_max_percent=60, amount_max_eur=None)
    equipment = programme(
        slug="erstausstattung",
        short_title="Erstausstattung",
        funder="Lotterie",
        level="stiftung",
        funding_rate_max_percent=50,
        amount_max_eur=300000,
        cost_types=["investiv", "sach"],
        narrow_purpose={"label": "Erstausstattung (Möbel, Technik)", "words": ["Erstausstattung"]},
    )
    mix = propose_mix(
        [(main, 80.0), (equipment, 78.0)],
        mix_profile(budget_total_eur=850000, own_funds_eur=120000),
    )
    assert [p.programme.slug for p in mix.parts] == ["land"]
    assert (
        "Für einen Teil der Kosten: Erstausstattung (bis 50 % der Kosten), gefördert wird nur "
        "Erstausstattung (Möbel, Technik) – diesen Teil beziffern und den Betrag beim "
        "Fördergeber erfragen."
    ) in mix.notes
