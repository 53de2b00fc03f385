"""The split over Haushaltsjahre: personal lines by their months, others pro rata, exact cents."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from funding_matcher.domain.budget import check_budget, years_text
from funding_matcher.domain.budget.years import apportion

from .conftest import MakeBudget

PERSONAL = {"category": "personal", "label": "Koordination", "monthly_eur": 5200, "share": 0.75}


def test_personal_line_follows_the_months_in_each_year(make_budget: MakeBudget) -> None:
    data = make_budget(
        period={"start": "2027-04-01", "end": "2030-03-31"}, costs=[{**PERSONAL, "months": 36}]
    )
    split = check_budget(data).years()
    assert split.years == (2027, 2028, 2029, 2030)
    # 3.900 € a month: 9, 12, 12 and 3 months
    assert list(split.lines[0].by_year.values()) == [
        Decimal(35100),
        Decimal(46800),
        Decimal(46800),
        Decimal(11700),
    ]


def test_short_position_is_laid_from_the_project_start(make_budget: MakeBudget) -> None:
    data = make_budget(
        period={"start": "2027-04-01", "end": "2030-03-31"}, costs=[{**PERSONAL, "months": 12}]
    )
    by_year = check_budget(data).years().lines[0].by_year
    assert by_year == {2027: Decimal(35100), 2028: Decimal(11700), 2029: 0, 2030: 0}


def test_position_longer_than_the_period_is_spread_and_noted(make_budget: MakeBudget) -> None:
    data = make_budget(costs=[{**PERSONAL, "months": 36}])  # period of 24 months
    split = check_budget(data).years()
    assert sum(split.lines[0].by_year.values()) == Decimal(140400)
    assert split.lines[0].by_year[2027] == Decimal(140400) * 9 / 24
    assert "36 Monate" in split.notes[0]
    assert "24 Monate" in split.notes[0]


def test_other_lines_are_pro_rata_by_project_months(make_budget: MakeBudget) -> None:
    data = make_budget(
        period={"start": "2027-12-01", "end": "2029-01-31"},
        costs=[{"category": "sach", "label": "Miete", "amount_eur": 100}],
    )
    # 1, 12 and 1 months: 7,142857… € each side; the spare cent goes to the largest remainder.
    assert check_budget(data).years().lines[0].by_year == {
        2027: Decimal("7.14"),
        2028: Decimal("85.72"),
        2029: Decimal("7.14"),
    }


def test_partly_covered_months_count_by_days(make_budget: MakeBudget) -> None:
    data = make_budget(period={"start": "2027-12-17", "end": "2028-01-31"})
    split = check_budget(data).years()
    assert split.months == {2027: Fraction(15, 31), 2028: Fraction(1)}


def test_volunteer_value_and_totals_per_year(make_budget: MakeBudget) -> None:
    data = make_budget(
        period={"start": "2027-07-01", "end": "2028-06-30"},
        terms={"volunteer_work": {"rate_eur_per_hour": 10, "max_percent": None}},
        financing={"volunteer_hours": 101},
    )
    split = check_budget(data).years()
    assert split.volunteer_value == {2027: Decimal("505.00"), 2028: Decimal("505.00")}
    assert split.totals == {2027: Decimal("5505.00"), 2028: Decimal("5505.00")}
    assert split.by_category == {"sach": {2027: Decimal(5000), 2028: Decimal(5000)}}


def test_single_year_period_keeps_everything_in_that_year(make_budget: MakeBudget) -> None:
    data = make_budget(period={"start": "2027-02-01", "end": "2027-11-30"})
    assert check_budget(data).years().totals == {2027: Decimal(10000)}


def test_apportion_is_exact_and_deterministic() -> None:
    weights = {2027: Fraction(1), 2028: Fraction(1), 2029: Fraction(1)}
    parts = apportion(Decimal("0.02"), weights)
    # Equal remainders: the earlier years get the spare cents.
    assert parts == {2027: Decimal("0.01"), 2028: Decimal("0.01"), 2029: Decimal(0)}


def test_year_table_is_german(make_budget: MakeBudget) -> None:
    text = years_text(check_budget(make_budget()).years())
    assert "Haushaltsjahr" in text
    assert "3.750,00 €" in text
    assert "Gesamtausgaben" in text


def test_year_split_json(make_budget: MakeBudget) -> None:
    out = check_budget(make_budget()).years().as_dict()
    assert out["years"] == [2027, 2028, 2029]
    assert out["totals"] == {"2027": 3750.0, "2028": 5000.0, "2029": 1250.0}
    assert out["months"] == {"2027": 9.0, "2028": 12.0, "2029": 3.0}
