"""Bad budget input is refused with every bad field named by its path; good input is typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from funding_matcher.domain.budget import parse_budget
from funding_matcher.domain.errors import InvalidData

from .conftest import MakeBudget


def problems_of(data: Any) -> dict[str, str]:
    with pytest.raises(InvalidData) as caught:
        parse_budget(data)
    return {problem.field: problem.message for problem in caught.value.problems}


def test_valid_budget_becomes_typed_objects(make_budget: MakeBudget) -> None:
    budget = parse_budget(
        make_budget(
            costs=[
                {
                    "category": "personal",
                    "label": "Koordination",
                    "monthly_eur": 5200.5,
                    "share": 0.75,
                    "months": 36,
                },
                {"category": "investition", "label": "Lastenrad", "unit_price_net_eur": 3200},
            ]
        )
    )
    personal, bike = budget.costs
    assert personal.monthly_eur == Decimal("5200.5")
    assert personal.share == Decimal("0.75")
    assert personal.months == 36
    assert bike.quantity == Decimal(1)
    assert budget.period.start == date(2027, 4, 1)
    assert budget.terms_entered["funding_rate_max_percent"] == Decimal(80)


def test_float_tenths_stay_exact(make_budget: MakeBudget) -> None:
    budget = parse_budget(
        make_budget(
            costs=[
                {"category": "sach", "label": "a", "amount_eur": 0.1},
                {"category": "sach", "label": "b", "amount_eur": 0.2},
            ]
        )
    )
    assert sum(line.amount_eur for line in budget.costs) == Decimal("0.3")


def test_decimal_input_is_accepted(make_budget: MakeBudget) -> None:
    data = make_budget(costs=[{"category": "sach", "label": "a", "amount_eur": Decimal("12.34")}])
    assert parse_budget(data).costs[0].amount_eur == Decimal("12.34")


def test_negative_amount_names_its_field(make_budget: MakeBudget) -> None:
    data = make_budget(costs=[{"category": "sach", "label": "a", "amount_eur": -5}])
    assert "nicht negativ" in problems_of(data)["costs[0].amount_eur"]


def test_share_above_one_names_its_field(make_budget: MakeBudget) -> None:
    line = {"category": "personal", "label": "a", "monthly_eur": 100, "share": 1.5, "months": 3}
    message = problems_of(make_budget(costs=[line]))["costs[0].share"]
    assert "zwischen 0 und 1" in message
    assert "1,5" in message


def test_unknown_category_lists_the_allowed_ones(make_budget: MakeBudget) -> None:
    data = make_budget(costs=[{"category": "bewirtung", "label": "a", "amount_eur": 5}])
    message = problems_of(data)["costs[0].category"]
    assert "bewirtung" in message
    assert "personal" in message
    assert "verwaltung" in message


def test_absurd_amount_is_refused_not_overflowed(make_budget: MakeBudget) -> None:
    data = make_budget(costs=[{"category": "sach", "label": "a", "amount_eur": 10**20}])
    assert "unplausibel hoch" in problems_of(data)["costs[0].amount_eur"]


def test_absurd_float_amount_is_refused(make_budget: MakeBudget) -> None:
    data = make_budget(financing={"own_funds_eur": 1e20})
    assert "unplausibel hoch" in problems_of(data)["financing.own_funds_eur"]


def test_line_whose_product_passes_the_ceiling_is_refused(make_budget: MakeBudget) -> None:
    line = {"category": "personal", "label": "a", "monthly_eur": 900_000_000, "months": 2}
    assert "je Zeile" in problems_of(make_budget(costs=[line]))["costs[0]"]


def test_string_for_number_is_refused(make_budget: MakeBudget) -> None:
    data = make_budget(financing={"own_funds_eur": "2000"})
    assert "nicht Text" in problems_of(data)["financing.own_funds_eur"]


def test_boolean_for_number_is_refused(make_budget: MakeBudget) -> None:
    data = make_budget(terms={"funding_rate_max_percent": True})
    assert "true/false" in problems_of(data)["terms.funding_rate_max_percent"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN")])
def test_nan_and_infinity_are_refused(make_budget: MakeBudget, value: Any) -> None:
    data = make_budget(financing={"other_public": [{"programme": "x", "amount_eur": value}]})
    assert "endliche Zahl" in problems_of(data)["financing.other_public[0].amount_eur"]


def test_unknown_key_is_refused_at_every_level(make_budget: MakeBudget) -> None:
    data = make_budget(colour="rot", financing={"bonus": 1})
    data["costs"][0]["note"] = "x"
    problems = problems_of(data)
    assert problems["colour"].startswith("unbekanntes Feld")
    assert problems["financing.bonus"].startswith("unbekanntes Feld")
    assert problems["costs[0].note"].startswith("unbekanntes Feld")


def test_months_zero_is_refused(make_budget: MakeBudget) -> None:
    line = {"category": "personal", "label": "a", "monthly_eur": 100, "months": 0}
    assert "1 und 240" in problems_of(make_budget(costs=[line]))["costs[0].months"]


def test_fractional_months_are_refused(make_budget: MakeBudget) -> None:
    line = {"category": "personal", "label": "a", "monthly_eur": 100, "months": 6.5}
    assert "ganze Zahl" in problems_of(make_budget(costs=[line]))["costs[0].months"]


def test_percent_above_hundred_is_refused(make_budget: MakeBudget) -> None:
    data = make_budget(terms={"funding_rate_max_percent": 120})
    assert "0 und 100" in problems_of(data)["terms.funding_rate_max_percent"]


def test_quantity_zero_is_refused(make_budget: MakeBudget) -> None:
    line = {"category": "sach", "label": "a", "unit_price_net_eur": 10, "quantity": 0}
    assert "größer als 0" in problems_of(make_budget(costs=[line]))["costs[0].quantity"]


def test_more_than_two_decimals_in_euros_is_refused(make_budget: MakeBudget) -> None:
    data = make_budget(costs=[{"category": "sach", "label": "a", "amount_eur": 10.123}])
    assert "Cent" in problems_of(data)["costs[0].amount_eur"]


def test_end_before_start_is_refused(make_budget: MakeBudget) -> None:
    data = make_budget(period={"start": "2027-04-01", "end": "2027-03-31"})
    assert "vor dem Beginn" in problems_of(data)["period.end"]


@pytest.mark.parametrize("value", ["01.04.2027", "2027-02-30", "20270401", 20270401])
def test_malformed_date_is_refused(make_budget: MakeBudget, value: Any) -> None:
    assert "JJJJ-MM-TT" in problems_of(make_budget(applied_on=value))["applied_on"]


def test_personal_line_needs_monthly_amount_and_months(make_budget: MakeBudget) -> None:
    problems = problems_of(make_budget(costs=[{"category": "personal", "label": "a"}]))
    assert problems["costs[0].monthly_eur"] == "Pflichtangabe fehlt"
    assert problems["costs[0].months"] == "Pflichtangabe fehlt"


def test_overhead_line_needs_percent(make_budget: MakeBudget) -> None:
    problems = problems_of(make_budget(costs=[{"category": "verwaltung", "label": "a"}]))
    assert problems["costs[0].percent"] == "Pflichtangabe fehlt"


def test_item_line_needs_an_amount(make_budget: MakeBudget) -> None:
    problems = problems_of(make_budget(costs=[{"category": "reise", "label": "a"}]))
    assert "amount_eur oder unit_price_net_eur" in problems["costs[0].amount_eur"]


def test_field_of_another_category_is_refused(make_budget: MakeBudget) -> None:
    line = {"category": "sach", "label": "a", "amount_eur": 5, "months": 3}
    assert "passt nicht zur Kategorie" in problems_of(make_budget(costs=[line]))["costs[0].months"]


def test_amount_and_unit_price_together_are_refused(make_budget: MakeBudget) -> None:
    line = {"category": "sach", "label": "a", "amount_eur": 5, "unit_price_net_eur": 5}
    assert "nicht beides" in problems_of(make_budget(costs=[line]))["costs[0].unit_price_net_eur"]


def test_unsupported_version_is_refused(make_budget: MakeBudget) -> None:
    assert "Version" in problems_of(make_budget(version=2))["version"]


def test_non_object_is_refused() -> None:
    assert "JSON-Objekt" in problems_of([1, 2])[""]


def test_every_problem_is_listed_at_once(make_budget: MakeBudget) -> None:
    data = make_budget(
        costs=[
            {"category": "personal", "label": "a", "monthly_eur": 100, "share": 1.5, "months": 0},
            {"category": "sach", "label": "b", "amount_eur": -1},
        ],
        financing={"volunteer_hours": "viele"},
        de_minimis_received=[{"date": "2025-01-01", "grantor": "", "amount_eur": 1}],
    )
    assert set(problems_of(data)) == {
        "costs[0].share",
        "costs[0].months",
        "costs[1].amount_eur",
        "financing.volunteer_hours",
        "de_minimis_received[0].grantor",
    }


def test_missing_required_sections_are_named(make_budget: MakeBudget) -> None:
    data = make_budget()
    for key in ("period", "applied_on", "costs", "financing"):
        del data[key]
    problems = problems_of(data)
    assert {"period", "applied_on", "costs", "financing"} <= set(problems)


def test_terms_volunteer_work_with_unknown_key_is_refused(make_budget: MakeBudget) -> None:
    data = make_budget(terms={"volunteer_work": {"rate_eur_per_hour": 10, "cap": 5}})
    assert "unbekanntes Feld" in problems_of(data)["terms.volunteer_work.cap"]


def test_amount_min_above_max_is_refused(make_budget: MakeBudget) -> None:
    data = make_budget(terms={"amount_min_eur": 5000, "amount_max_eur": 1000})
    assert "amount_max_eur" in problems_of(data)["terms.amount_min_eur"]


def test_nested_non_object_is_one_problem(make_budget: MakeBudget) -> None:
    data = make_budget(period="2027", financing={"other_public": ["land"]})
    assert problems_of(data) == {
        "period": "muss ein Objekt sein",
        "financing.other_public[0]": "muss ein Objekt sein",
    }
