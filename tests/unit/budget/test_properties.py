"""Property-based: a proposed plan never over-finances, years add up, the grant keeps its caps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funding_matcher.domain.budget import check_budget

from .conftest import build_budget

CENTS = st.integers(min_value=0, max_value=5_000_000).map(lambda c: Decimal(c).scaleb(-2))
PERCENT = st.integers(min_value=0, max_value=100)
KINDS = ("donation", "income", "private_third_party", "public_grant", "foundation_grant")
DAYS = ("2027-04-01", "2027-09-15", "2028-01-10", "2028-03-31")


def _number(value: Decimal) -> float:
    return float(value)


@st.composite
def plans(draw: Any) -> dict[str, Any]:
    """A random but valid plan over two Haushaltsjahre with typed sources."""
    costs = []
    for index in range(draw(st.integers(min_value=1, max_value=6))):
        form = draw(st.sampled_from(("amount", "unit", "monthly", "by_year")))
        line: dict[str, Any] = {
            "category": draw(st.sampled_from(("sach", "honorar", "investition", "personal"))),
            "label": f"Zeile {index}",
            "eligible": draw(st.booleans()),
        }
        if form == "amount":
            line |= {"amount_eur": _number(draw(CENTS)), "paid_on": draw(st.sampled_from(DAYS))}
        elif form == "unit":
            line |= {
                "unit_price_net_eur": _number(draw(CENTS)),
                "quantity": draw(st.integers(min_value=1, max_value=9)),
                "vat_percent": draw(st.sampled_from((0, 7, 19))),
            }
        elif form == "monthly":
            line |= {
                "monthly_eur": _number(draw(CENTS)),
                "months": draw(st.integers(min_value=1, max_value=12)),
                "share": draw(st.sampled_from((1, 0.5, 0.75))),
            }
        else:
            line |= {"by_year": {"2027": _number(draw(CENTS)), "2028": _number(draw(CENTS))}}
        costs.append(line)
    sources: list[dict[str, Any]] = [{"kind": "own_cash", "label": "Rücklagen", "amount_eur": None}]
    for index in range(draw(st.integers(min_value=0, max_value=4))):
        amount = (draw(CENTS) / 10).quantize(Decimal("0.01"))
        entry: dict[str, Any] = {"kind": draw(st.sampled_from(KINDS)), "label": f"Q{index}"}
        if draw(st.booleans()):
            first = (amount / 2).quantize(Decimal("0.01"))
            entry["by_year"] = {"2027": _number(first), "2028": _number(amount - first)}
        else:
            entry["amount_eur"] = _number(amount)
        sources.append(entry)
    financing_type = draw(st.sampled_from(("anteil", "fehlbedarf", "voll", "festbetrag")))
    terms = {
        "financing_type": financing_type,
        "funding_rate_max_percent": draw(PERCENT),
        "rate_base": draw(st.sampled_from(("eligible", "eligible_minus_income", "total_cost",
                                           "eligible_minus_private_third_party",
                                           "eligible_minus_all_other_funding"))),
        "amount_max_eur": draw(st.sampled_from(("none", 5000, 50000))),
        "annual_max_eur": draw(st.sampled_from(("none", 3000, 20000))),
        "fixed_amount_eur": draw(st.sampled_from((1000, 25000))),
        "own_contribution_min_percent": draw(st.sampled_from(("none", 10, 20))),
        "public_funding_cap_percent": draw(st.sampled_from(("none", 50, 90))),
    }  # fmt: skip
    return build_budget(
        period={"start": "2027-04-01", "end": "2028-03-31"},
        costs=costs,
        terms=terms,
        financing={"sources": sources},
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_a_proposed_plan_never_overfinances(data: dict[str, Any]) -> None:
    f = check_budget(data).figures
    assert f.grant >= 0
    assert f.grant + f.other_financing <= f.total or f.grant == 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_the_grant_never_exceeds_a_cap(data: dict[str, Any]) -> None:
    f = check_budget(data).figures
    for name, cap in f.caps.items():
        if cap is not None:
            assert f.grant <= max(cap, Decimal(0)), name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_years_add_up_to_the_totals_to_the_cent(data: dict[str, Any]) -> None:
    f = check_budget(data).figures
    for item in f.lines:
        assert sum(item.by_year.values()) == item.amount
    assert sum(y.expenses for y in f.years) == f.total
    assert sum(f.grant_by_year.values()) == f.grant
    assert sum(f.own_by_year.values()) == f.own_cash_required
    for kind, amount in f.sources.items():
        assert sum(y.sources[kind] for y in f.years) == amount, kind
    for value in (f.total, f.grant, f.own_cash, *f.grant_by_year.values()):
        assert value == value.quantize(Decimal("0.01"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_a_proposal_balances_whenever_own_cash_can_close_the_gap(data: dict[str, Any]) -> None:
    report = check_budget(data)
    f = report.figures
    if f.own_cash_required >= 0:
        assert f.delta == 0
        assert "balance" not in {check.id for check in report.checks}
