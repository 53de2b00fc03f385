"""Haushaltsjahre: payments in the year they are made, financing per year, the split rule."""

from __future__ import annotations

from decimal import Decimal

from funding_matcher.domain.budget import check_budget
from funding_matcher.domain.budget.years import split

from .conftest import build_budget, source

YEARS = (2027, 2028, 2029)


def test_split_rounds_all_but_the_last_weighted_year() -> None:
    assert split(Decimal(100), {2027: 1, 2028: 1, 2029: 1}, YEARS) == {
        2027: Decimal("33.33"),
        2028: Decimal("33.33"),
        2029: Decimal("33.34"),
    }
    assert split(Decimal(10), {2027: 0, 2028: 3, 2029: 0}, YEARS) == {
        2027: 0,
        2028: Decimal(10),
        2029: 0,
    }
    assert split(Decimal(10), {}, YEARS) == {2027: Decimal(10), 2028: 0, 2029: 0}


def test_one_off_purchases_stay_in_the_year_they_are_paid() -> None:
    data = build_budget(
        period={"start": "2027-07-01", "end": "2029-06-30"},
        costs=[
            {"category": "investition", "label": "Spielgeräte", "unit_price_net_eur": 16000,
             "quantity": 3, "paid_on": "2028-05-20"},
            {"category": "honorar", "label": "Moderation", "monthly_eur": 500, "months": 24},
        ],
    )  # fmt: skip
    f = check_budget(data).figures
    assert f.lines[0].amount == Decimal("57120.00")  # gross: no Vorsteuerabzug
    assert f.lines[0].by_year == {2027: 0, 2028: Decimal("57120.00"), 2029: 0}
    assert f.lines[1].by_year == {2027: 3000, 2028: 6000, 2029: 3000}
    assert f.investment_by_year == {2027: 0, 2028: Decimal("57120.00"), 2029: 0}


def test_monthly_lines_start_in_their_from_month() -> None:
    data = build_budget(
        period={"start": "2027-01-01", "end": "2028-12-31"},
        costs=[{"category": "personal", "label": "Stelle", "monthly_eur": 1000, "months": 6,
                "from": "2027-10"}],
    )  # fmt: skip
    assert check_budget(data).figures.lines[0].by_year == {2027: 3000, 2028: 3000}


def test_financing_per_year_adds_up_and_tells_the_haushalt_what_to_provide() -> None:
    data = build_budget(
        period={"start": "2027-07-01", "end": "2029-06-30"},
        costs=[
            {"category": "sach", "label": "A", "amount_eur": 30000, "paid_on": "2027-08-01"},
            {"category": "sach", "label": "B", "amount_eur": 50000, "paid_on": "2028-08-01"},
            {"category": "sach", "label": "C", "amount_eur": 20000, "paid_on": "2029-02-01"},
        ],
        financing={
            "sources": [
                source("own_cash", None, "Haushalt"),
                source("public_grant", 10000, "Kreis", by_year={"2028": 10000}),
                source("donation", 3000, "Spenden"),
            ]
        },
    )
    report = check_budget(data)
    f = report.figures
    assert f.grant == 80000
    assert sum(f.grant_by_year.values()) == f.grant
    assert sum(f.own_by_year.values()) == f.own_cash_required == f.own_cash == 7000
    for year in f.years:
        paid_in = year.grant + year.own_cash_required + sum(year.sources.values())
        assert paid_in == year.cash_expenses, year
    assert report.verdict == "ok"
    # The undated donations fill the room left in 2027 and 2029; 2028 has none left.
    assert [y.assumed for y in f.years] == [True, False, True]


def test_annual_cap_limits_the_heaviest_year() -> None:
    data = build_budget(
        costs=[
            {"category": "sach", "label": "A", "amount_eur": 2000, "paid_on": "2027-05-01"},
            {"category": "sach", "label": "B", "amount_eur": 8000, "paid_on": "2028-02-01"},
        ],
        terms={"annual_max_eur": 4000},
    )
    f = check_budget(data).figures
    # One share for all years: 8.000 € of 10.000 € fall in 2028, so 4.000 € there allow 5.000 €.
    assert f.caps["annual"] == 5000
    assert f.grant == 5000
    assert f.grant_by_year == {2027: 1000, 2028: 4000}


def test_fehlbedarf_spends_own_cash_first_and_caps_each_year() -> None:
    data = build_budget(
        terms={"financing_type": "fehlbedarf", "funding_rate_max_percent": "none",
               "annual_max_eur": 5000},
        costs=[
            {"category": "sach", "label": "A", "amount_eur": 6000, "paid_on": "2027-05-01"},
            {"category": "sach", "label": "B", "amount_eur": 6000, "paid_on": "2028-02-01"},
        ],
        financing={"sources": [source("own_cash", 2000, "Verein")]},
    )  # fmt: skip
    f = check_budget(data).figures
    assert f.caps["annual"] == 9000  # min(5.000, 4.000) + min(5.000, 6.000)
    assert f.grant == 9000
    assert f.grant_by_year == {2027: 4000, 2028: 5000}
    assert f.own_by_year == {2027: 2000, 2028: 1000}
