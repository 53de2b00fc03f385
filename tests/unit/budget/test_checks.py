"""Each check of the contract fires when its rule is broken and is silent when it holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from funding_matcher.domain.budget import CHECK_IDS, check_budget

from .conftest import build_budget, source

TWO_YEARS = [
    {"category": "sach", "label": "Material", "amount_eur": 5000, "paid_on": "2027-05-01"},
    {"category": "sach", "label": "Druck", "amount_eur": 5000, "paid_on": "2028-02-01"},
]
OVERHEAD = [
    {"category": "sach", "label": "Material", "amount_eur": 10000, "paid_on": "2027-05-01"},
    {"category": "verwaltung", "label": "Pauschale", "percent": 10},
]
ONE_OFF_OVERHEAD = [
    {"category": "sach", "label": "Material", "amount_eur": 10000, "paid_on": "2027-05-01"},
    {"category": "verwaltung", "label": "Verwaltung", "amount_eur": 1500, "paid_on": "2027-05-01"},
]
INVEST = [
    {"category": "sach", "label": "Material", "amount_eur": 8000, "paid_on": "2027-05-01"},
    {"category": "investition", "label": "Regal", "amount_eur": 2000, "paid_on": "2027-05-01"},
]
VOLUNTEER = {"rate_eur_per_hour": 10, "max_percent": "none", "may_meet_own_min": False}
OWN_DECLARED = [source("own_cash", 2000)]


def _unit(price: float, quantity: float = 1) -> list[dict[str, Any]]:
    return [
        {"category": "sach", "label": "Material", "amount_eur": 9000, "paid_on": "2027-05-01"},
        {
            "category": "sach",
            "label": "Herd",
            "unit_price_net_eur": price,
            "quantity": quantity,
            "vat_percent": 0,
            "paid_on": "2027-05-01",
        },
    ]


@dataclass(frozen=True)
class Case:
    """A budget breaking one rule, one keeping it, and what the finding must say."""

    id: str
    level: str
    broken: dict[str, Any]
    kept: dict[str, Any]
    fragments: tuple[str, ...] = ()


def fin(*sources: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A financing override: own cash nach Bedarf plus the given sources."""
    own = [source("own_cash", None, "Rücklagen")]
    return {"financing": {"sources": own + list(sources), **extra}}


CASES = [
    Case("balance", "error", {"financing": {"sources": [source("own_cash", 1000)]}},
         {"financing": {"sources": OWN_DECLARED}}, ("es fehlen 1.000,00 €",)),
    Case("overfinancing", "error", {"financing": {"sources": [source("own_cash", 3000)]}},
         {"financing": {"sources": OWN_DECLARED}}, ("um 1.000,00 € überfinanziert",)),
    Case("rate", "error", fin(requested_eur=9000), fin(requested_eur=8000),
         ("9.000,00 €", "80 %", "8.000,00 €")),
    Case("amount_max", "error", {"terms": {"amount_max_eur": 7000}, **fin(requested_eur=8000)},
         {"terms": {"amount_max_eur": 8000}, **fin(requested_eur=8000)}, ("7.000,00 €",)),
    Case("amount_min", "error", {"terms": {"amount_min_eur": 9000}},
         {"terms": {"amount_min_eur": 8000}}, ("9.000,00 €",)),
    Case("annual_max", "error",
         {"costs": TWO_YEARS, "terms": {"annual_max_eur": 3000}, **fin(requested_eur=8000)},
         {"costs": TWO_YEARS, "terms": {"annual_max_eur": 4000}, **fin(requested_eur=8000)},
         ("3.000,00 €", "2027: 4.000,00 €")),
    Case("public_cap", "error",
         {"terms": {"public_funding_cap_percent": 80},
          **fin(source("public_grant", 1000, "Stadt"), requested_eur=8000)},
         {"terms": {"public_funding_cap_percent": 90},
          **fin(source("public_grant", 1000, "Stadt"), requested_eur=8000)},
         ("9.000,00 €", "8.000,00 €")),
    Case("own_share", "error",
         {"terms": {"own_contribution_min_percent": 25}, **fin(requested_eur=8000)},
         {"terms": {"own_contribution_min_percent": 20}, **fin(requested_eur=8000)},
         ("2.000,00 €", "25 %", "2.500,00 €", "es fehlen 500,00 €")),
    Case("grant_exceeds_cash", "error",
         {"terms": {"funding_rate_max_percent": 100, "volunteer_work": VOLUNTEER},
          **fin(volunteer_hours=100, requested_eur=10500)},
         {"terms": {"funding_rate_max_percent": 100, "volunteer_work": VOLUNTEER},
          **fin(volunteer_hours=100, requested_eur=10000)},
         ("10.500,00 €", "10.000,00 €")),
    Case("overhead", "error", {"costs": OVERHEAD, "terms": {"overhead_max_percent": 7}},
         {"costs": OVERHEAD, "terms": {"overhead_max_percent": 10}},
         ("1.000,00 €", "7 %", "700,00 €")),
    Case("overhead_fixed", "error",
         {"costs": ONE_OFF_OVERHEAD, "terms": {"overhead_fixed_eur_per_year": 1000}},
         {"costs": ONE_OFF_OVERHEAD, "terms": {"overhead_fixed_eur_per_year": 2500}},
         ("2027: 1.500,00 €", "750,00 €")),
    Case("investment_cap", "error", {"costs": INVEST, "terms": {"investment_max_percent": 10}},
         {"costs": INVEST, "terms": {"investment_max_percent": 20}}, ("2.000,00 €", "1.000,00 €")),
    Case("sach_cap", "error", {"terms": {"sach_max_percent": 50}},
         {"terms": {"sach_max_percent": 100}}, ("10.000,00 €", "5.000,00 €")),
    Case("volunteer_cap", "error",
         {"terms": {"volunteer_work": {**VOLUNTEER, "max_percent": 5}}, **fin(volunteer_hours=100)},
         {"terms": {"volunteer_work": {**VOLUNTEER, "max_percent": 10}},
          **fin(volunteer_hours=100)},
         ("1.000,00 €", "550,00 €")),
    Case("not_combinable", "error",
         {"terms": {"not_combinable_with": ["lotterie-x"]},
          **fin(source("foundation_grant", 1000, "Lotterie", programme="lotterie-x"))},
         {"terms": {"not_combinable_with": ["lotterie-x"]},
          **fin(source("foundation_grant", 1000, "Lotterie", programme="lotterie-y"))},
         ("Lotterie",)),
    Case("de_minimis", "error",
         {"terms": {"de_minimis": "general"},
          "de_minimis_received": [{"date": "2025-01-10", "grantor": "Land", "amount_eur": 295000}]},
         {"terms": {"de_minimis": "general"},
          "de_minimis_received": [{"date": "2025-01-10", "grantor": "Land", "amount_eur": 290000}]},
         ("295.000,00 €", "300.000,00 €")),
    Case("early_start", "error", {"applied_on": "2027-04-01"},
         {"applied_on": "2027-04-01", "early_start_approved": True}, ("01.04.2027",)),
    Case("year_balance", "error",
         {"costs": TWO_YEARS, **fin(source("public_grant", 9000, "Land", by_year={"2027": 9000}))},
         {"costs": TWO_YEARS,
          **fin(source("public_grant", 9000, "Land", by_year={"2027": 4500, "2028": 4500}))},
         ("2027",)),
    Case("volunteer_not_accepted", "warning", fin(volunteer_hours=10), fin(volunteer_hours=0),
         ("10 Stunden",)),
    Case("in_kind_not_accepted", "warning", fin(source("in_kind", 500, "Raum")),
         {"terms": {"in_kind_accepted": True}, **fin(source("in_kind", 500, "Raum"))},
         ("500,00 €",)),
    Case("inventory", "warning", {"costs": _unit(900)}, {"costs": _unit(700, 2)},
         ("„Herd“", "900,00 € netto", "800,00 €")),
    Case("own_staff", "warning",
         {"terms": {"own_staff_eligible": False},
          "costs": [{"category": "personal", "label": "Eigenes Personal", "amount_eur": 10000,
                     "paid_on": "2027-05-01", "own_staff": True}]},
         {"costs": [{"category": "personal", "label": "Eigenes Personal", "amount_eur": 10000,
                     "paid_on": "2027-05-01", "own_staff": True}]},
         ("10.000,00 €",)),
    Case("not_a_grant", "notice", {"terms": {"funding_type": "darlehen"}}, {}, ("Darlehen",)),
    Case("public_claims", "notice", {"terms": {"subsidiarity": "public_first"}}, {},
         ("öffentliche Mittel",)),
    Case("start_needs_decision", "notice", {"terms": {"start_rule": "after_bestandskraft"}}, {},
         ("Bestandskraft", "01.04.2027")),
    Case("inventory_check", "notice", {"costs": INVEST}, {}, ("„Regal“", "2.000,00 €")),
    Case("vat_assumed", "notice", {"vat_deductible": None}, {}, ("Brutto",)),
    Case("vat_net", "notice", {"vat_deductible": True}, {}, ("netto",)),
    Case("payment_date_assumed", "notice",
         {"costs": [{"category": "sach", "label": "Material", "amount_eur": 10000}]}, {},
         ("Material",)),
    Case("source_years_assumed", "notice", fin(source("donation", 500, "Spenden")),
         fin(source("donation", 500, "Spenden", by_year={"2027": 500})), ("Spenden",)),
    Case("third_party_alias", "notice",
         {"financing": {"sources": [source("own_cash", None)], "third_party_eur": 1000}}, {},
         ("Spenden",)),
    Case("terms_unknown", "notice", {"terms": {"amount_max_eur": None}}, {},
         ("Höchstbetrag der Zuwendung", "Nicht geprüft: Höchstbetrag")),
    Case("rate_base_unknown", "notice", {"terms": {"rate_base": None}}, {},
         ("Bemessungsgrundlage",)),
    Case("own_definition_unknown", "notice",
         {"terms": {"own_contribution_min_percent": 10, "own_contribution_counts": None},
          **fin(source("donation", 500, "Spenden", by_year={"2027": 500}))},
         {"terms": {"own_contribution_min_percent": 10},
          **fin(source("donation", 500, "Spenden", by_year={"2027": 500}))},
         ("zählen auch Spenden?",)),
]  # fmt: skip


def _found(data: dict[str, Any]) -> list[Any]:
    return list(check_budget(data).checks)


def test_every_contract_check_has_a_case() -> None:
    assert {case.id for case in CASES} == set(CHECK_IDS)


def test_the_base_budget_is_in_order() -> None:
    report = check_budget(build_budget())
    assert report.checks == ()
    assert report.verdict == "ok"
    assert report.verdict_text == "in Ordnung"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_check_fires_when_broken(case: Case) -> None:
    hits = [check for check in _found(build_budget(**case.broken)) if check.id == case.id]
    assert hits, f"{case.id} fehlt"
    assert {check.level for check in hits} == {case.level}
    for fragment in case.fragments:
        assert any(fragment in check.message for check in hits), (fragment, hits)
    for check in hits:
        assert "_" not in check.message.replace("__", ""), check.message  # no internal keys


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_check_is_silent_when_kept(case: Case) -> None:
    assert case.id not in {check.id for check in _found(build_budget(**case.kept))}


def test_a_check_failing_on_a_reading_is_a_warning() -> None:
    # What counts as Eigenanteil is unknown: the own share is checked on "own cash only".
    data = build_budget(
        terms={"own_contribution_min_percent": 25, "own_contribution_counts": None},
        **fin(requested_eur=8000),
    )
    report = check_budget(data)
    assert [(c.id, c.level) for c in report.checks if c.id == "own_share"] == [
        ("own_share", "warning")
    ]
    assert report.verdict == "ok_unchecked"
    assert "own_share" in report.unchecked
    assert report.verdict_text.startswith(
        "keine Fehler gefunden – nicht geprüft: Mindesteigenanteil"
    )


def test_checks_come_in_the_contracts_order() -> None:
    data = build_budget(
        applied_on="2027-04-01",
        vat_deductible=True,
        terms={"start_rule": "after_bescheid", "amount_max_eur": None},
        **fin(requested_eur=9000),
    )
    ids = [check.id for check in check_budget(data).checks]
    assert ids == ["rate", "early_start", "start_needs_decision", "vat_net", "terms_unknown"]
