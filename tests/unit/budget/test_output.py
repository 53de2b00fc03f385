"""The output object of the contract and the German text table."""

from __future__ import annotations

import json

from funding_matcher.domain.budget import check_budget, report_text, report_to_json

from .conftest import build_budget, source

CONTRACT_KEYS = {
    "version", "total_eur", "ineligible_eur", "eligible_eur", "eligible_cash_eur",
    "volunteer_value_eur", "in_kind_eur", "other_financing_eur", "sources_eur", "rate_base_eur",
    "grant_max_eur", "grant_eur", "caps", "own_cash_eur", "own_cash_required_eur",
    "own_contribution_eur", "own_contribution_min_eur", "rate_effective_percent",
    "rate_on_base_percent", "own_share_percent", "grant_by_year", "own_by_year",
    "investment_by_year", "years", "lines", "checks", "errors", "warnings", "notices",
    "unchecked", "verdict", "ok",
}  # fmt: skip


def test_json_has_every_contract_key_and_zeros_for_every_year() -> None:
    out = report_to_json(check_budget(build_budget()))
    assert set(out) >= CONTRACT_KEYS
    assert out["grant_by_year"] == {"2027": 8000.0, "2028": 0.0}
    assert set(out["sources_eur"]) == {
        "donation", "income", "private_third_party", "public_grant", "foundation_grant", "in_kind"
    }  # fmt: skip
    assert set(out["lines"][0]) == {
        "label", "category", "amount_eur", "eligible", "schedule", "by_year", "assumed"
    }  # fmt: skip
    assert out["verdict"] == "ok"
    assert out["ok"] is True


def test_json_amounts_are_exact_cents() -> None:
    data = build_budget(
        costs=[{"category": "sach", "label": "x", "amount_eur": 0.1, "paid_on": "2027-05-01"},
               {"category": "sach", "label": "y", "amount_eur": 0.2, "paid_on": "2027-05-01"}],
        financing={"sources": [source("own_cash", None),
                               source("donation", 0.07, by_year={"2027": 0.07})]},
    )  # fmt: skip
    text = json.dumps(report_to_json(check_budget(data)))
    assert '"total_eur": 0.3' in text
    assert "0.30000000000000004" not in text


def test_text_table_is_german_with_years_and_verdict() -> None:
    text = report_text(check_budget(build_budget(terms={"amount_max_eur": None})))
    assert "Gesamtausgaben" in text
    assert "10.000,00 €" in text
    assert "Haushaltsjahr" in text
    assert "2027" in text
    assert "Ergebnis: keine Fehler gefunden – nicht geprüft: Höchstbetrag" in text
    assert "amount_max" not in text
