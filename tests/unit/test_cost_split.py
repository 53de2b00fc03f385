"""The budget split by cost type in the profile: validation, the derived total and cost types."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.profile import Profile
from tests.conftest import profile_data

SPLIT = {"personal": 60000, "sach": 10000, "investiv": 30000}


def problems(data) -> dict[str, list[str]]:
    with pytest.raises(InvalidData) as caught:
        Profile.from_dict(data)
    return caught.value.as_dict()


def test_a_split_round_trips_and_a_profile_without_it_exports_unchanged():
    data = profile_data(
        budget_total_eur=100000,
        cost_types=["personal", "sach", "investiv"],
        costs_by_type_eur=SPLIT,
    )
    profile = Profile.from_dict(data)
    assert json.loads(profile.to_json()) == data
    assert profile.cost_split == {
        "personal": Decimal("60000.00"),
        "sach": Decimal("10000.00"),
        "investiv": Decimal("30000.00"),
    }
    plain = profile_data()
    assert "costs_by_type_eur" not in Profile.from_dict(plain).to_dict()
    assert Profile.from_dict(plain).cost_split is None


def test_a_split_that_misses_the_total_says_both_sums():
    found = problems(
        profile_data(budget_total_eur=100000, costs_by_type_eur={"personal": 60000, "sach": 35000})
    )
    assert found == {
        "costs_by_type_eur": [
            "Die Kosten nach Art ergeben 95.000,00 €, das Gesamtbudget ist 100.000,00 €."
        ]
    }


def test_the_split_must_match_the_total_to_the_cent():
    found = problems(
        profile_data(budget_total_eur=100000, costs_by_type_eur={"personal": 99999.99})
    )
    assert "99.999,99 €" in found["costs_by_type_eur"][0]
    exact = Profile.from_dict(
        profile_data(
            budget_total_eur=100000.3, costs_by_type_eur={"personal": 0.1, "sach": 100000.2}
        )
    )
    assert exact.cost_split["sach"] == Decimal("100000.20")


def test_an_unknown_cost_type_and_a_negative_amount_are_named_at_their_key():
    found = problems(profile_data(costs_by_type_eur={"miete": 1000, "sach": -5}))
    assert found["costs_by_type_eur.miete"] == [
        "unbekannte Kostenart „miete“ (erlaubt: personal, sach, investiv)"
    ]
    assert found["costs_by_type_eur.sach"] == ["muss mindestens 0 sein"]


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        ({"personal": "viel"}, "costs_by_type_eur.personal", "muss eine Zahl sein"),
        ({"personal": True}, "costs_by_type_eur.personal", "muss eine Zahl sein"),
        ([60000], "costs_by_type_eur", "muss ein Objekt sein"),
    ],
)
def test_a_split_of_the_wrong_type_is_named(value, field, message):
    assert problems(profile_data(costs_by_type_eur=value))[field] == [message]


def test_without_a_total_the_split_is_the_total():
    data = profile_data(costs_by_type_eur={"personal": 40000.5, "sach": 9999.5})
    del data["budget_total_eur"]
    profile = Profile.from_dict(data)
    assert profile.budget_total_eur == 50000
    assert profile.requested_eur == 44000
    assert profile.to_dict()["budget_total_eur"] == 50000


def test_own_funds_above_the_split_total_are_refused():
    data = profile_data(own_funds_eur=20000, costs_by_type_eur={"sach": 10000})
    del data["budget_total_eur"]
    assert "Eigenmittel" in problems(data)["own_funds_eur"][0]


def test_a_type_with_costs_counts_as_one_of_the_projects_cost_types():
    profile = Profile.from_dict(
        profile_data(
            budget_total_eur=70000,
            cost_types=["sach"],
            costs_by_type_eur={"personal": 60000, "sach": 10000, "investiv": 0},
        )
    )
    assert profile.cost_types == ["sach", "personal"]


def test_an_empty_split_is_no_split():
    profile = Profile.from_dict(profile_data(costs_by_type_eur={}))
    assert profile.cost_split is None
    assert profile.budget_total_eur == 60000


def test_a_draft_keeps_a_split_that_is_valid_on_its_own():
    assert Profile.draft_fields({"costs_by_type_eur": {"sach": 500}}) == {
        "costs_by_type_eur": {"sach": 500.0}
    }
    assert Profile.draft_fields({"costs_by_type_eur": {"sach": -1}}) == {}


def test_a_split_without_costs_adds_no_cost_types_to_the_export():
    data = profile_data(costs_by_type_eur={"sach": 0})
    del data["budget_total_eur"], data["cost_types"], data["own_funds_eur"]
    exported = Profile.from_dict(data).to_dict()
    assert "cost_types" not in exported
    assert exported["budget_total_eur"] == 0
