"""Each check of the contract fires when its rule is broken and is silent when it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from funding_matcher.domain.budget import CHECK_IDS, Check, check_budget

from .conftest import build_budget

VOLUNTEER_10 = {"volunteer_work": {"rate_eur_per_hour": 10, "max_percent": 10}}
OVERHEAD_LINES = [
    {"category": "sach", "label": "Material", "amount_eur": 10000},
    {"category": "verwaltung", "label": "Pauschale", "percent": 10},
]
AID_295K = [{"date": "2025-06-30", "grantor": "Stadt", "amount_eur": 295000, "dawi": False}]


@dataclass(frozen=True)
class Case:
    """A budget breaking one rule, one keeping it, and what the finding must say."""

    id: str
    level: str
    broken: dict[str, Any]
    kept: dict[str, Any]
    fragments: tuple[str, ...] = ()
    line: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case(
        "balance",
        "error",
        {"financing": {"own_funds_eur": 1000}},
        {},
        ("10.000,00 €", "9.000,00 €", "1.000,00 €"),
    ),
    Case(
        "rate",
        "error",
        {"financing": {"own_funds_eur": 1000, "requested_eur": 9000}},
        {"financing": {"own_funds_eur": 2000, "requested_eur": 8000}},
        ("80 %", "8.000,00 €", "1.000,00 €"),
    ),
    Case(
        "amount_max",
        "error",
        {
            "terms": {"amount_max_eur": 7000},
            "financing": {"own_funds_eur": 2000, "requested_eur": 8000},
        },
        {"terms": {"amount_max_eur": 8000}},
        ("7.000,00 €", "1.000,00 €"),
    ),
    Case(
        "amount_min",
        "error",
        {"terms": {"amount_min_eur": 9000}},
        {"terms": {"amount_min_eur": 8000}},
        ("9.000,00 €", "8.000,00 €"),
    ),
    Case(
        "own_share",
        "error",
        {"terms": {"own_contribution_min_percent": 25}},
        {"terms": {"own_contribution_min_percent": 20}},
        ("25 %", "2.500,00 €", "500,00 €"),
    ),
    Case(
        "overhead",
        "error",
        {"costs": OVERHEAD_LINES, "terms": {"overhead_max_percent": 7}},
        {"costs": OVERHEAD_LINES, "terms": {"overhead_max_percent": 10}},
        ("10 %", "7 %", "1.000,00 €", "700,00 €", "Zeile 2"),
        line=1,
    ),
    Case(
        "volunteer_cap",
        "error",
        {"terms": VOLUNTEER_10, "financing": {"volunteer_hours": 200}},
        {"terms": VOLUNTEER_10, "financing": {"volunteer_hours": 100}},
        ("200 Stunden", "2.000,00 €", "1.200,00 €"),
    ),
    Case(
        "volunteer_not_accepted",
        "warning",
        {"financing": {"volunteer_hours": 50}},
        {"terms": VOLUNTEER_10, "financing": {"volunteer_hours": 50}},
        ("50 Stunden", "0,00 €"),
    ),
    Case(
        "grant_exceeds_cash",
        "error",
        {
            "terms": {
                "funding_rate_max_percent": 100,
                "volunteer_work": {"rate_eur_per_hour": 10, "max_percent": None},
            },
            "financing": {"volunteer_hours": 100, "own_funds_eur": 0},
        },
        {
            "terms": {
                "funding_rate_max_percent": 90,
                "volunteer_work": {"rate_eur_per_hour": 10, "max_percent": None},
            },
            "financing": {"volunteer_hours": 100, "own_funds_eur": 100},
        },
        ("11.000,00 €", "10.000,00 €"),
    ),
    Case(
        "overfunding",
        "error",
        {
            "financing": {
                "own_funds_eur": 0,
                "requested_eur": 7000,
                "other_public": [{"programme": "land", "amount_eur": 3001}],
            }
        },
        {
            "financing": {
                "own_funds_eur": 0,
                "requested_eur": 7000,
                "other_public": [{"programme": "land", "amount_eur": 3000}],
            }
        },
        ("3.001,00 €", "10.001,00 €", "1,00 €"),
    ),
    Case(
        "not_combinable",
        "error",
        {
            "terms": {"not_combinable_with": ["aktion-mensch"]},
            "financing": {
                "own_funds_eur": 1000,
                "other_public": [{"programme": "aktion-mensch", "amount_eur": 1000}],
            },
        },
        {
            "terms": {"not_combinable_with": ["fernsehlotterie"]},
            "financing": {
                "own_funds_eur": 1000,
                "other_public": [{"programme": "aktion-mensch", "amount_eur": 1000}],
            },
        },
        ("aktion-mensch", "1.000,00 €"),
        extra={"field": "financing.other_public[0].programme"},
    ),
    Case(
        "de_minimis",
        "error",
        {"terms": {"de_minimis": "general"}, "de_minimis_received": AID_295K},
        {"terms": {"de_minimis": "dawi"}, "de_minimis_received": AID_295K},
        ("295.000,00 €", "8.000,00 €", "303.000,00 €", "300.000,00 €", "2023/2831"),
    ),
    Case(
        "inventory",
        "warning",
        {
            "costs": [
                {
                    "category": "investition",
                    "label": "Lastenrad",
                    "unit_price_net_eur": 800.01,
                    "quantity": 12.5,
                }
            ]
        },
        {
            "costs": [
                {
                    "category": "investition",
                    "label": "Stühle",
                    "unit_price_net_eur": 800,
                    "quantity": 12.5,
                }
            ]
        },
        ("Lastenrad", "800,01 €", "inventarisierungspflichtig"),
        line=0,
    ),
    Case(
        "early_start",
        "error",
        {"period": {"start": "2026-12-01"}},
        {"period": {"start": "2026-12-01"}, "early_start_approved": True},
        ("01.12.2026", "vorzeitigen Maßnahmebeginn"),
    ),
    Case(
        "fixed_amount_missing",
        "error",
        {"terms": {"financing_type": "festbetrag", "fixed_amount_eur": None}},
        {"terms": {"financing_type": "festbetrag", "fixed_amount_eur": 8000}},
        ("fixed_amount_eur",),
    ),
    Case(
        "terms_unknown",
        "notice",
        {"terms": {"amount_max_eur": None}},
        {"terms": {"amount_max_eur": 9000}},
        ("Höchstbetrag", "amount_max_eur"),
        extra={"term": "amount_max_eur"},
    ),
]


def findings(overrides: dict[str, Any], check_id: str) -> list[Check]:
    report = check_budget(build_budget(**overrides))
    found = [check for check in report.checks if check.id == check_id]
    if check_id == "terms_unknown":
        found = [check for check in found if check.term == "amount_max_eur"]
    return found


def test_every_contract_check_has_a_case() -> None:
    assert sorted(case.id for case in CASES) == sorted(CHECK_IDS)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_check_fires_when_rule_is_broken(case: Case) -> None:
    found = findings(case.broken, case.id)
    assert len(found) == 1
    check = found[0]
    assert check.level == case.level
    for fragment in case.fragments:
        assert fragment in check.message
    assert check.line == case.line
    for key, value in case.extra.items():
        assert getattr(check, key) == value


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_check_is_silent_when_rule_holds(case: Case) -> None:
    assert findings(case.kept, case.id) == []


def test_ok_is_false_only_for_errors() -> None:
    warned = check_budget(build_budget(**CASES[7].broken))  # volunteer_not_accepted: a warning
    assert warned.ok is True
    assert check_budget(build_budget(financing={"own_funds_eur": 1000})).ok is False


def test_balance_names_overfunding_the_other_way_round() -> None:
    (check,) = findings({"financing": {"own_funds_eur": 2500}}, "balance")
    assert "übersteigt die Ausgaben um 500,00 €" in check.message


def test_de_minimis_general_also_keeps_the_overall_ceiling() -> None:
    aids = [{"date": "2025-01-10", "grantor": "Land", "amount_eur": 745000, "dawi": True}]
    found = findings(
        {"terms": {"de_minimis": "general"}, "de_minimis_received": aids}, "de_minimis"
    )
    assert len(found) == 1
    assert "750.000,00 €" in found[0].message
    assert "2023/2832" in found[0].message


def test_de_minimis_ignores_aid_older_than_three_years() -> None:
    aids = [{"date": "2023-11-30", "grantor": "Stadt", "amount_eur": 295000, "dawi": False}]
    assert (
        findings({"terms": {"de_minimis": "general"}, "de_minimis_received": aids}, "de_minimis")
        == []
    )


def test_de_minimis_is_not_checked_when_regime_is_none() -> None:
    assert (
        findings({"terms": {"de_minimis": "none"}, "de_minimis_received": AID_295K}, "de_minimis")
        == []
    )


def test_each_overhead_line_is_reported_with_its_index() -> None:
    costs = [*OVERHEAD_LINES, {"category": "verwaltung", "label": "zweite", "percent": 8}]
    found = findings({"costs": costs, "terms": {"overhead_max_percent": 7}}, "overhead")
    assert [check.line for check in found] == [1, 2]


def test_unknown_terms_are_each_named() -> None:
    report = check_budget(
        build_budget(
            terms={
                "financing_type": None,
                "funding_rate_max_percent": None,
                "de_minimis": None,
                "volunteer_work": {"rate_eur_per_hour": None, "max_percent": None},
            },
            financing={"volunteer_hours": 10},
        )
    )
    named = {check.term for check in report.checks if check.id == "terms_unknown"}
    assert {
        "financing_type",
        "funding_rate_max_percent",
        "de_minimis",
        "volunteer_work.rate_eur_per_hour",
    } <= named


def test_known_terms_raise_no_notice() -> None:
    report = check_budget(
        build_budget(
            terms={"amount_min_eur": 0, "amount_max_eur": 9000, "own_contribution_min_percent": 10}
        )
    )
    assert [check for check in report.checks if check.id == "terms_unknown"] == []
