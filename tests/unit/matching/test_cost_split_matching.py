"""With the budget split by cost type, a programme carries its rate of the costs it funds only:
caps, coverage, the card's warning and the funding mix."""

from __future__ import annotations

import math
from decimal import Decimal
from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funding_matcher.domain.matching.amounts import AmountArrays, amount_reason, programme_cap
from funding_matcher.domain.matching.costs import funded_types
from funding_matcher.domain.matching.mix import propose_mix
from funding_matcher.domain.profile import Profile
from tests.conftest import profile_data
from tests.unit.matching.helpers import match_for, others, programme, rank

SPLIT = {"personal": 60000, "sach": 10000, "investiv": 30000}
ALL_TYPES = ["personal", "sach", "investiv"]


def split_profile(split=SPLIT, **overrides) -> Profile:
    """100.000 € with 10.000 € own funds, split by cost type (or not, with ``split=None``)."""
    data = {"budget_total_eur": sum(split.values()) if split else 100000, "own_funds_eur": 10000}
    data["costs_by_type_eur" if split else "cost_types"] = split or ALL_TYPES
    return Profile.from_dict(profile_data(**{**data, **overrides}))


def staff_and_material(**overrides):
    return programme(
        **{
            "slug": "land",
            "short_title": "Landesprogramm",
            "funder": "Land A",
            "funding_rate_max_percent": 80,
            "amount_max_eur": None,
            "cost_types": ["personal", "sach"],
            **overrides,
        }
    )


def only(cost_type: str, slug: str, amount: int, **overrides):
    return programme(
        **{
            "slug": slug,
            "short_title": slug.capitalize(),
            "funder": f"Stiftung {slug}",
            "level": "stiftung",
            "funding_rate_max_percent": None,
            "own_contribution_min_percent": None,
            "amount_min_eur": None,
            "amount_max_eur": amount,
            "cost_types": [cost_type],
            **overrides,
        }
    )


# -- caps --------------------------------------------------------------------------------------


def test_the_rate_applies_to_the_costs_the_programme_funds():
    land = staff_and_material()
    assert programme_cap(land, split_profile(None)).eur == Decimal("80000.00")
    with_split = split_profile()
    assert programme_cap(land, with_split).eur == Decimal("56000.00")  # 80 % of 70.000 €
    assert amount_reason(land, with_split) == (
        "Förderung bis 80 % der Personal- und Sachkosten – deckt 62 % des Bedarfs"
    )


def test_a_cap_is_never_more_than_the_costs_the_programme_funds():
    material = only("sach", "sachfonds", 15000)
    assert programme_cap(material, split_profile(None)).eur == Decimal("15000.00")
    cap = programme_cap(material, split_profile())
    assert cap.eur == Decimal("10000.00")
    assert amount_reason(material, split_profile()) == (
        "Förderung bis zur Höhe der Sachkosten (10.000 €) – deckt 11 % des Bedarfs, "
        "als Kofinanzierung"
    )
    # An unknown amount stays unknown: the costs bound what it may give, not what it gives.
    unknown = only("sach", "offen", None)
    assert programme_cap(unknown, split_profile()).eur is None


def test_a_programme_that_funds_all_the_projects_costs_keeps_its_cap():
    staff_only = Profile.from_dict(
        profile_data(budget_total_eur=50000, costs_by_type_eur={"personal": 50000})
    )
    land = staff_and_material(amount_max_eur=200000)
    assert programme_cap(land, staff_only) == programme_cap(
        land, Profile.from_dict(profile_data(budget_total_eur=50000, cost_types=["personal"]))
    )
    assert programme_cap(land, staff_only).text == "80 % der Kosten"


def test_the_card_shows_the_cap_on_the_funded_costs():
    material = only("sach", "sachfonds", 15000)
    ranking = rank([material, *others()], budget_total_eur=100000, costs_by_type_eur=SPLIT)
    match = match_for(ranking, "sachfonds")
    assert match.cap_eur == 10000
    assert round(match.coverage, 3) == round(10000 / 94000, 3)


CAPS = st.one_of(st.none(), st.integers(min_value=1, max_value=300_000))
TYPE_SETS = st.lists(st.sampled_from(ALL_TYPES), unique=True, max_size=3)
CENTS = st.integers(min_value=0, max_value=20_000_000).map(lambda c: c / 100)


@st.composite
def catalogues(draw) -> list:
    records = []
    for index in range(draw(st.integers(min_value=1, max_value=6))):
        rate = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=100)))
        records.append(
            programme(
                slug=f"p{index}",
                funding_rate_max_percent=rate,
                amount_min_eur=None,
                amount_max_eur=draw(CAPS),
                amount_max_per=draw(st.sampled_from([None, "jahr", "wohneinheit"])),
                annual_max_eur=draw(CAPS),
                first_application_max_eur=draw(CAPS),
                cost_types=draw(TYPE_SETS),
            )
        )
    return records


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    records=catalogues(),
    split=st.one_of(st.none(), st.dictionaries(st.sampled_from(ALL_TYPES), CENTS, max_size=3)),
    months=st.integers(min_value=1, max_value=60),
)
def test_the_vectorised_caps_agree_with_programme_cap(records, split, months):
    data = profile_data(duration_months=months, own_funds_eur=0)
    if split:
        del data["budget_total_eur"]
        data["costs_by_type_eur"] = split
    profile = Profile.from_dict(data)
    arrays = AmountArrays(records).caps(profile)
    for record, vectorised in zip(records, arrays, strict=True):
        cap = programme_cap(record, profile).eur
        if cap is None:
            assert math.isnan(vectorised), record.slug
        else:
            assert abs(float(cap) - vectorised) <= 0.01, record.slug


# -- the card ----------------------------------------------------------------------------------


def test_the_card_says_the_unfunded_costs_with_their_euros():
    material = programme(slug="sachkosten", cost_types=["sach"])
    split = {"personal": 40000, "sach": 20000}
    ranking = rank([material, *others()], costs_by_type_eur=split)
    assert (
        "Fördert keine Personalkosten (40.000 €): diese Kosten über Eigenmittel oder einen "
        "weiteren Förderer decken"
    ) in match_for(ranking, "sachkosten").warnings
    zero_staff = rank([material, *others()], costs_by_type_eur={"personal": 0, "sach": 60000})
    # A ticked type without costs in the split is no cost of the project.
    assert not any("Fördert keine" in w for w in match_for(zero_staff, "sachkosten").warnings)


# -- the funding mix ---------------------------------------------------------------------------


def test_the_worked_example_plans_each_funder_on_the_costs_it_funds():
    """100.000 €: Personal 60.000, Sach 10.000, Investitionen 30.000, 10.000 € own funds."""
    land = staff_and_material()
    invest = only("investiv", "investfonds", 25000)
    material = only("sach", "sachfonds", 15000)
    ranked = [(land, 80.0), (invest, 78.0), (material, 77.0)]
    mix = propose_mix(ranked, split_profile())
    assert [(p.programme.slug, p.role, p.amount_eur, p.basis) for p in mix.parts] == [
        ("land", "main", Decimal("56000.00"), "bis 80 % der Personal- und Sachkosten"),
        ("investfonds", "cofunder", Decimal("25000.00"), "bis 25.000 €"),
        (
            "sachfonds",
            "cofunder",
            Decimal("2000.00"),
            "bis zur Höhe der Sachkosten (10.000 €) – begrenzt auf die noch offenen Sachkosten",
        ),
    ]
    assert mix.gap_eur == Decimal("7000.00")
    assert (
        "Landesprogramm fördert keine Investitionen (30.000 €): davon sind 25.000 € über "
        "Investfonds eingeplant, den Rest (5.000 €) über Eigenmittel oder einen weiteren "
        "Förderer decken." in mix.notes
    )
    # Without the split: 80 % of the whole budget, and the co-funders that fund only some of
    # the project's costs are left to the list.
    plain = propose_mix(ranked, split_profile(None))
    assert [(p.programme.slug, p.amount_eur) for p in plain.parts] == [
        ("land", Decimal("80000.00"))
    ]
    assert (
        "Landesprogramm fördert keine Investitionen: die investiven Kosten über Eigenmittel "
        "oder einen weiteren Förderer decken." in plain.notes
    )


def test_investments_carried_in_full_are_said_so():
    land = staff_and_material()
    invest = only("investiv", "investfonds", 40000)
    mix = propose_mix([(land, 80.0), (invest, 78.0)], split_profile())
    assert [p.amount_eur for p in mix.parts] == [Decimal("56000.00"), Decimal("30000.00")]
    assert (
        "Landesprogramm fördert keine Investitionen (30.000 €): sie sind über Investfonds "
        "eingeplant." in mix.notes
    )


def test_a_material_funder_is_never_planned_above_the_material_costs():
    staff = staff_and_material(funding_rate_max_percent=50, cost_types=["personal"])
    first = only("sach", "erster", 8000)
    second = only("sach", "zweiter", 8000)
    profile = split_profile({"personal": 80000, "sach": 10000}, own_funds_eur=0)
    mix = propose_mix([(staff, 80.0), (first, 78.0), (second, 77.0)], profile)
    amounts = {p.programme.slug: p.amount_eur for p in mix.parts}
    assert amounts == {
        "land": Decimal("40000.00"),
        "erster": Decimal("8000.00"),
        "zweiter": Decimal("2000.00"),
    }


SPLITS = st.dictionaries(
    st.sampled_from(ALL_TYPES), st.integers(min_value=0, max_value=200_000), min_size=1
).filter(lambda split: sum(split.values()) > 0)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    split=SPLITS,
    own_share=st.integers(min_value=0, max_value=50),
    amounts=st.lists(st.integers(min_value=1000, max_value=150_000), min_size=5, max_size=5),
    rate=st.integers(min_value=10, max_value=100),
)
def test_no_group_of_funders_is_planned_above_the_costs_they_fund(split, own_share, amounts, rate):
    own = sum(split.values()) * own_share // 100
    profile = split_profile(split, own_funds_eur=own)
    candidates = [
        staff_and_material(funding_rate_max_percent=rate, cost_types=[]),
        only("sach", "sach1", amounts[0]),
        only("sach", "sach2", amounts[1]),
        only("investiv", "invest", amounts[2]),
        only("personal", "personal", amounts[3]),
        programme(
            slug="beides",
            funder="Bund",
            funding_rate_max_percent=None,
            amount_min_eur=None,
            amount_max_eur=amounts[4],
            cost_types=["sach", "investiv"],
        ),
    ]
    mix = propose_mix([(p, 80.0 - i) for i, p in enumerate(candidates)], profile)
    if mix is None:
        return
    costs = profile.cost_split
    assert mix.covered_eur <= mix.need_eur
    for size in (1, 2, 3):
        for types in combinations(ALL_TYPES, size):
            within = [p for p in mix.parts if set(funded_types(p.programme)) <= set(types)]
            planned = sum((p.amount_eur or Decimal(0) for p in within), Decimal(0))
            assert planned <= sum(costs[t] for t in types), types
