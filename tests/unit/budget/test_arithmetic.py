"""Line amounts, totals and the highest possible grant per Finanzierungsart, in exact cents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from funding_matcher.domain.budget import check_budget

from .conftest import MakeBudget


def test_personal_line_rounds_half_up_to_cents(make_budget: MakeBudget) -> None:
    line = {"category": "personal", "label": "a", "monthly_eur": 100.01, "share": 0.5, "months": 1}
    report = check_budget(make_budget(costs=[line]))
    assert report.figures.lines[0].amount == Decimal("50.01")  # 50.005 half up


def test_unit_price_line_multiplies_quantity(make_budget: MakeBudget) -> None:
    line = {"category": "sach", "label": "a", "unit_price_net_eur": 19.99, "quantity": 3}
    assert check_budget(make_budget(costs=[line])).figures.lines[0].amount == Decimal("59.97")


def test_overhead_is_a_percent_of_eligible_direct_lines_only(make_budget: MakeBudget) -> None:
    costs = [
        {"category": "sach", "label": "a", "amount_eur": 1000},
        {"category": "sach", "label": "nicht förderfähig", "amount_eur": 500, "eligible": False},
        {"category": "verwaltung", "label": "Pauschale", "percent": 7.5},
        {"category": "verwaltung", "label": "zweite", "percent": 1},
    ]
    figures = check_budget(make_budget(costs=costs)).figures
    assert [item.amount for item in figures.lines][2:] == [Decimal("75.00"), Decimal("10.00")]
    assert figures.total == Decimal("1585.00")
    assert figures.ineligible == Decimal("500.00")
    assert figures.eligible == Decimal("1085.00")


def test_volunteer_value_is_eligible_cost_and_own_contribution(make_budget: MakeBudget) -> None:
    data = make_budget(
        terms={"volunteer_work": {"rate_eur_per_hour": 15, "max_percent": 20}},
        financing={"volunteer_hours": 40, "own_funds_eur": 1000},
    )
    f = check_budget(data).figures
    assert f.volunteer_value == Decimal(600)
    assert f.total == f.eligible == Decimal(10600)
    assert f.eligible_cash == Decimal(10000)
    assert f.other_financing == Decimal(1600)
    assert f.own_share_percent == Decimal("15.09")  # 1.600 / 10.600


def test_anteil_grant_is_rate_times_eligible_capped(make_budget: MakeBudget) -> None:
    f = check_budget(make_budget(terms={"amount_max_eur": 7000})).figures
    assert f.grant_max == Decimal(7000)
    assert check_budget(make_budget()).figures.grant_max == Decimal(8000)


def test_anteil_with_unknown_rate_allows_the_eligible_costs(make_budget: MakeBudget) -> None:
    f = check_budget(make_budget(terms={"funding_rate_max_percent": None})).figures
    assert f.grant_max == Decimal(10000)


def test_fehlbedarf_grant_is_the_gap(make_budget: MakeBudget) -> None:
    data = make_budget(
        terms={"financing_type": "fehlbedarf"},
        financing={"own_funds_eur": 1500, "third_party_eur": 1000, "income_eur": 500},
    )
    assert check_budget(data).figures.grant_max == Decimal(7000)


def test_fehlbedarf_never_goes_below_zero(make_budget: MakeBudget) -> None:
    data = make_budget(terms={"financing_type": "fehlbedarf"}, financing={"own_funds_eur": 12000})
    assert check_budget(data).figures.grant_max == Decimal(0)


def test_festbetrag_grant_is_the_fixed_amount_capped(make_budget: MakeBudget) -> None:
    data = make_budget(terms={"financing_type": "festbetrag", "fixed_amount_eur": 6000})
    assert check_budget(data).figures.grant_max == Decimal(6000)
    capped = make_budget(
        terms={"financing_type": "festbetrag", "fixed_amount_eur": 6000, "amount_max_eur": 5000}
    )
    assert check_budget(capped).figures.grant_max == Decimal(5000)


def test_vollfinanzierung_grant_is_eligible_less_income(make_budget: MakeBudget) -> None:
    data = make_budget(terms={"financing_type": "voll"}, financing={"income_eur": 400})
    assert check_budget(data).figures.grant_max == Decimal(9600)


def test_requested_amount_is_the_grant(make_budget: MakeBudget) -> None:
    f = check_budget(make_budget(financing={"requested_eur": 7500.5})).figures
    assert f.grant == Decimal("7500.5")
    assert f.grant_max == Decimal(8000)
    assert f.rate_effective_percent == Decimal("75.01")  # 75.005 half up


@pytest.mark.parametrize("key", ["rate_effective_percent", "own_share_percent"])
def test_percentages_without_eligible_costs_are_none(make_budget: MakeBudget, key: str) -> None:
    data = make_budget(costs=[], financing={"own_funds_eur": 0})
    assert getattr(check_budget(data).figures, key) is None
