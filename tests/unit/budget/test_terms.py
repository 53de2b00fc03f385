"""Terms: the catalogue record supplies them, the user's entries win, null and "none" differ."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from funding_matcher.domain.budget import check_budget, merge_terms, terms_from_programme
from funding_matcher.domain.errors import InvalidData

from .conftest import build_budget

RECORD: dict[str, Any] = {
    "slug": "stadt-fonds",
    "checked_on": "2026-11-29",
    "funding_type": "zuschuss",
    "financing_type": "anteil",
    "funding_rate_max_percent": 50.0,
    "amount_max_eur": 20000.0,
    "own_contribution_min_percent": None,
    "volunteer_work": {"rate_eur_per_hour": 15.0, "max_percent": None, "may_meet_own_min": None},
    "de_minimis": True,
    "title": "not a term",
}


@pytest.mark.parametrize(
    ("flag", "regime"),
    [(True, None), (False, "none"), (None, None), ("dawi", "dawi"), ("none", "none")],
)
def test_catalogue_de_minimis_flag_becomes_a_regime(flag: Any, regime: str | None) -> None:
    assert merge_terms({}, {**RECORD, "de_minimis": flag}).de_minimis.value == regime


def test_terms_from_programme_takes_the_contract_keys_only() -> None:
    terms = terms_from_programme(RECORD)
    assert "title" not in terms
    assert "slug" not in terms
    assert terms["amount_max_eur"] == 20000.0


def test_entered_key_overrides_the_record_null_included() -> None:
    terms = merge_terms({"amount_max_eur": None, "funding_rate_max_percent": "none"}, RECORD)
    assert terms.amount_max_eur.value is None
    assert terms.amount_max_eur.source == "eingabe"
    assert terms.funding_rate_max_percent.no_rule
    assert terms.financing_type.value == "anteil"
    assert terms.financing_type.source == "katalog"
    assert terms.source_text("financing_type") == "laut Katalog (Stand 29.11.2026)"
    assert terms.source_text("rate_base") == "nicht angegeben"


def test_volunteer_terms_from_the_record() -> None:
    volunteer = merge_terms({}, RECORD).volunteer
    assert volunteer is not None
    assert volunteer.rate_eur_per_hour == Decimal(15)
    assert volunteer.max_percent is None
    assert volunteer.may_meet_own_min is None


def test_a_plan_on_catalogue_terms_alone_is_not_ok_while_terms_are_unknown() -> None:
    data = build_budget(programme="stadt-fonds") | {"terms": {}}
    report = check_budget(data, RECORD)
    assert report.figures.grant == 5000  # 50 % of 10.000 € from the record
    assert report.verdict == "ok_unchecked"
    assert "rate" in report.unchecked  # rate_base unknown: checked on the lower reading
    assert "de_minimis" in report.unchecked  # the record says "yes" but not which regulation


def test_a_record_stating_no_rule_reaches_ok() -> None:
    record = {**RECORD, "de_minimis": False}
    terms = dict(build_budget()["terms"])
    for key in ("funding_rate_max_percent", "amount_max_eur", "financing_type", "de_minimis"):
        terms.pop(key)
    report = check_budget(build_budget(programme="stadt-fonds") | {"terms": terms}, record)
    assert report.verdict == "ok", report.unchecked


def test_record_of_another_programme_is_refused() -> None:
    with pytest.raises(InvalidData) as caught:
        check_budget(build_budget(programme="anderes-programm"), RECORD)
    assert caught.value.problems[0].field == "programme"


def test_a_loan_has_no_grant() -> None:
    report = check_budget(build_budget(terms={"funding_type": "darlehen"}))
    assert report.figures.grant == 0
    assert [c.id for c in report.checks] == ["not_a_grant"]


def test_a_yearly_maximum_of_the_record_caps_each_haushaltsjahr() -> None:
    terms = merge_terms({}, {**RECORD, "amount_max_eur": 6000.0, "amount_max_per": "jahr"})
    assert terms.annual_max_eur.value == Decimal(6000)
    assert terms.amount_max_eur.value is None


def test_a_maximum_per_dwelling_is_no_cap_of_the_grant() -> None:
    terms = merge_terms({}, {**RECORD, "amount_max_eur": 50000.0, "amount_max_per": "wohneinheit"})
    assert terms.amount_max_eur.value is None
    assert terms.annual_max_eur.value is None
