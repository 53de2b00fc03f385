"""Properties of the arithmetic over many generated plans (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from funding_matcher.domain.budget import check_budget, report_to_json
from funding_matcher.domain.budget.money import cents
from funding_matcher.domain.budget.years import apportion

from .conftest import build_budget

PROPERTY = settings(max_examples=150, deadline=None, database=None)


def scaled(places: int, low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Decimals with ``places`` decimals between low and high (given in the smallest unit)."""
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-places))


euros = scaled(2, 0, 100_000_000)  # up to 1.000.000,00 €
percent = scaled(2, 0, 10_000)
eligible = {"eligible": st.booleans()}
ITEM_CATEGORIES = ["sach", "honorar", "reise", "investition"]

personal_line = st.fixed_dictionaries(
    {
        "category": st.just("personal"),
        "label": st.just("Stelle"),
        "monthly_eur": scaled(2, 0, 2_000_000),
        "share": scaled(4, 0, 10_000),
        "months": st.integers(1, 240),
    },
    optional=eligible,
)
item_line = st.fixed_dictionaries(
    {"category": st.sampled_from(ITEM_CATEGORIES), "label": st.just("Posten"), "amount_eur": euros},
    optional=eligible,
)
unit_line = st.fixed_dictionaries(
    {
        "category": st.sampled_from(ITEM_CATEGORIES),
        "label": st.just("Stück"),
        "unit_price_net_eur": scaled(2, 0, 1_000_000),
        "quantity": scaled(2, 1, 100_000),
    },
    optional=eligible,
)
overhead_line = st.fixed_dictionaries(
    {
        "category": st.just("verwaltung"),
        "label": st.just("Pauschale"),
        "percent": scaled(2, 0, 2500),
    },
    optional=eligible,
)
cost_lines = st.lists(st.one_of(personal_line, item_line, unit_line, overhead_line), max_size=8)
volunteer = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"rate_eur_per_hour": scaled(2, 0, 3000), "max_percent": st.one_of(st.none(), percent)}
    ),
)
hours = scaled(2, 0, 500_000)


@st.composite
def periods(draw: st.DrawFn) -> dict[str, str]:
    start = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 4000)))
    end = start + timedelta(days=draw(st.integers(0, 6 * 366)))
    return {"start": start.isoformat(), "end": end.isoformat()}


def error_ids(data: dict[str, Any]) -> list[str]:
    return report_to_json(check_budget(data))["errors"]


@PROPERTY
@given(cost_lines, percent, st.one_of(st.none(), euros), volunteer, hours, euros, euros)
def test_anteil_plan_balances_when_requested_is_the_grant(
    costs: list[dict[str, Any]],
    rate: Decimal,
    cap: Decimal | None,
    volunteer_terms: dict[str, Any] | None,
    volunteer_hours: Decimal,
    third_party: Decimal,
    other_public: Decimal,
) -> None:
    data = build_budget(
        costs=costs,
        terms={
            "funding_rate_max_percent": rate,
            "amount_max_eur": cap,
            "volunteer_work": volunteer_terms,
        },
        financing={
            "own_funds_eur": 0,
            "volunteer_hours": volunteer_hours,
            "third_party_eur": third_party,
            "other_public": [{"programme": "land", "amount_eur": other_public}],
        },
    )
    first = check_budget(data).figures
    own_funds = first.total - first.other_financing - first.grant_max
    assume(own_funds >= 0)
    data["financing"].update(own_funds_eur=own_funds, requested_eur=first.grant_max)
    second = check_budget(data)
    assert second.figures.grant == first.grant_max
    assert second.figures.total == second.figures.other_financing + second.figures.grant
    assert "balance" not in [check.id for check in second.checks]


@PROPERTY
@given(cost_lines, euros, euros, euros)
def test_fehlbedarf_plan_balances_by_itself(
    costs: list[dict[str, Any]], own: Decimal, third: Decimal, income: Decimal
) -> None:
    data = build_budget(
        costs=costs,
        terms={"financing_type": "fehlbedarf", "funding_rate_max_percent": None},
        financing={"own_funds_eur": own, "third_party_eur": third, "income_eur": income},
    )
    figures = check_budget(data).figures
    assume(figures.other_financing <= figures.total)
    assert figures.grant == figures.total - figures.other_financing
    assert "balance" not in error_ids(data)


@PROPERTY
@given(cost_lines, percent, st.one_of(st.none(), euros), volunteer, hours)
def test_grant_never_exceeds_rate_nor_maximum(
    costs: list[dict[str, Any]],
    rate: Decimal,
    cap: Decimal | None,
    volunteer_terms: dict[str, Any] | None,
    volunteer_hours: Decimal,
) -> None:
    data = build_budget(
        costs=costs,
        terms={
            "funding_rate_max_percent": rate,
            "amount_max_eur": cap,
            "volunteer_work": volunteer_terms,
        },
        financing={"volunteer_hours": volunteer_hours},
    )
    figures = check_budget(data).figures
    assert Decimal(0) <= figures.grant_max <= cents(rate * figures.eligible / 100)
    assert cap is None or figures.grant_max <= cap
    errors = error_ids(data)
    assert "rate" not in errors
    assert "amount_max" not in errors


@PROPERTY
@given(
    cost_lines,
    st.sampled_from(["anteil", "fehlbedarf", "festbetrag", "voll", None]),
    st.one_of(st.none(), euros),
    euros,
    euros,
)
def test_grant_max_respects_the_cap_for_every_financing_type(
    costs: list[dict[str, Any]],
    financing_type: str | None,
    cap: Decimal | None,
    fixed: Decimal,
    income: Decimal,
) -> None:
    data = build_budget(
        costs=costs,
        terms={"financing_type": financing_type, "amount_max_eur": cap, "fixed_amount_eur": fixed},
        financing={"income_eur": income},
    )
    figures = check_budget(data).figures
    assert figures.grant_max >= 0
    assert cap is None or figures.grant_max <= cap
    assert "amount_max" not in error_ids(data)


@PROPERTY
@given(cost_lines, periods(), volunteer, hours)
def test_year_parts_always_add_up_to_the_line(
    costs: list[dict[str, Any]],
    period: dict[str, str],
    volunteer_terms: dict[str, Any] | None,
    volunteer_hours: Decimal,
) -> None:
    data = build_budget(
        costs=costs,
        period=period,
        applied_on="2023-12-31",
        terms={"volunteer_work": volunteer_terms},
        financing={"volunteer_hours": volunteer_hours},
    )
    report = check_budget(data)
    split = report.years()
    start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    assert split.years == tuple(range(start.year, end.year + 1))
    for line in split.lines:
        assert sum(line.by_year.values()) == line.amount
        assert all(part >= 0 and part == cents(part) for part in line.by_year.values())
    assert sum(split.volunteer_value.values()) == report.figures.volunteer_value
    assert sum(split.totals.values()) == report.figures.total
    category_sum = sum(sum(values.values()) for values in split.by_category.values())
    assert category_sum == report.figures.total - report.figures.volunteer_value


@PROPERTY
@given(cost_lines, volunteer, hours, euros)
def test_rounding_never_loses_a_cent(
    costs: list[dict[str, Any]],
    volunteer_terms: dict[str, Any] | None,
    volunteer_hours: Decimal,
    own: Decimal,
) -> None:
    data = build_budget(
        costs=costs,
        terms={"volunteer_work": volunteer_terms},
        financing={"volunteer_hours": volunteer_hours, "own_funds_eur": own},
    )
    figures = check_budget(data).figures
    assert figures.total == sum(item.amount for item in figures.lines) + figures.volunteer_value
    assert figures.eligible + figures.ineligible == figures.total
    assert figures.eligible_cash + figures.volunteer_value == figures.eligible
    output = report_to_json(check_budget(data))
    for key in ("total_eur", "eligible_eur", "ineligible_eur", "grant_eur", "grant_max_eur"):
        printed = Decimal(repr(output[key]))
        assert printed == getattr(
            figures, key.removesuffix("_eur").replace("grant_max", "grant_max")
        )
        assert printed == printed.quantize(Decimal("0.01"))
    for line, item in zip(output["lines"], figures.lines, strict=True):
        assert Decimal(repr(line["amount_eur"])) == item.amount


@PROPERTY
@given(
    st.integers(0, 10**11),
    st.lists(st.integers(0, 10_000), min_size=1, max_size=12).filter(any),
    st.integers(1, 1000),
)
def test_apportion_keeps_every_cent(
    total_cents: int, numerators: list[int], denominator: int
) -> None:
    weights = {2020 + i: Fraction(n, denominator) for i, n in enumerate(numerators)}
    total = Decimal(total_cents).scaleb(-2)
    parts = apportion(total, weights)
    assert sum(parts.values()) == total
    weight_sum = sum(weights.values())
    for year, part in parts.items():
        exact = Fraction(total_cents) * weights[year] / weight_sum
        assert abs(Fraction(int(part * 100)) - exact) < 1
