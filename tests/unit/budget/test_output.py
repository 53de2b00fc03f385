"""The contract's JSON output and the German text table."""

from __future__ import annotations

import json
from decimal import Decimal

from funding_matcher.domain.budget import check_budget, report_text, report_to_json

from .conftest import MakeBudget


def test_json_has_the_contract_keys(make_budget: MakeBudget) -> None:
    output = report_to_json(check_budget(make_budget()))
    contract_keys = {
        "total_eur",
        "ineligible_eur",
        "eligible_eur",
        "volunteer_value_eur",
        "other_financing_eur",
        "grant_max_eur",
        "grant_eur",
        "rate_effective_percent",
        "own_share_percent",
        "lines",
        "checks",
        "ok",
    }
    assert contract_keys <= set(output)
    assert output["lines"][0] == {
        "index": 0,
        "label": "Material",
        "category": "sach",
        "amount_eur": 10000.0,
        "eligible": True,
        "formula": None,
    }
    assert output["ok"] is True


def test_json_amounts_print_as_exact_cents(make_budget: MakeBudget) -> None:
    costs = [
        {"category": "sach", "label": "a", "amount_eur": 0.1},
        {"category": "sach", "label": "b", "amount_eur": 0.2},
        {
            "category": "personal",
            "label": "c",
            "monthly_eur": 3333.33,
            "share": 0.3333,
            "months": 7,
        },
    ]
    output = report_to_json(check_budget(make_budget(costs=costs)))
    text = json.dumps(output)
    parsed = json.loads(text, parse_float=Decimal)
    assert parsed["lines"][0]["amount_eur"] == Decimal("0.1")
    assert parsed["lines"][2]["amount_eur"] == Decimal("7776.99")  # 7.776,992223 €
    assert parsed["total_eur"] == Decimal("7777.29")
    for key in ("total_eur", "eligible_eur", "grant_max_eur", "own_share_percent"):
        assert parsed[key] == parsed[key].quantize(Decimal("0.01"))


def test_checks_in_json_carry_line_and_field(make_budget: MakeBudget) -> None:
    data = make_budget(
        costs=[{"category": "investition", "label": "Rad", "unit_price_net_eur": 3200}],
        financing={"own_funds_eur": 640},
    )
    output = report_to_json(check_budget(data))
    (inventory,) = [check for check in output["checks"] if check["id"] == "inventory"]
    assert inventory["line"] == 0
    assert inventory["field"] == "costs[0].unit_price_net_eur"
    assert output["warnings"] == ["inventory"]
    assert output["errors"] == []


def test_text_table_is_german_with_figures(make_budget: MakeBudget) -> None:
    data = make_budget(financing={"own_funds_eur": 1000, "requested_eur": 9000})
    text = report_text(check_budget(data), with_years=True)
    assert "Gesamtausgaben" in text
    assert "10.000,00 €" in text
    assert "Zuwendung (beantragt)" in text
    assert "9.000,00 €" in text
    assert "Fehler   [rate]" in text
    assert "Ergebnis: 1 Fehler" in text
    assert "Haushaltsjahr" in text


def test_text_table_of_clean_plan(make_budget: MakeBudget) -> None:
    text = report_text(
        check_budget(
            make_budget(
                terms={
                    "amount_min_eur": 0,
                    "amount_max_eur": 8000,
                    "own_contribution_min_percent": 0,
                }
            )
        )
    )
    assert "keine Beanstandungen" in text
    assert "Ergebnis: in Ordnung" in text
    assert "80 %" in text
    assert "20 %" in text
