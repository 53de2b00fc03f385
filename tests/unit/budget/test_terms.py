"""Terms come from the catalogue record unless the user entered them, each with its source."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from funding_matcher.domain.budget import (
    VolunteerTerms,
    check_budget,
    merge_terms,
    parse_budget,
    report_to_json,
    terms_from_programme,
)
from funding_matcher.domain.errors import InvalidData

from .conftest import MakeBudget

RECORD: dict[str, Any] = {
    "slug": "beispiel-programm",
    "title": "Beispielprogramm",
    "financing_type": "anteil",
    "funding_rate_max_percent": 50,
    "amount_min_eur": 1000,
    "amount_max_eur": 4000,
    "own_contribution_min_percent": 20,
    "overhead_max_percent": None,
    "volunteer_work": {"rate_eur_per_hour": 15, "max_percent": None},
    "de_minimis": True,
    "not_combinable_with": ["anderes-programm"],
    "checked_on": date(2026, 11, 29),
}


@pytest.mark.parametrize(("flag", "regime"), [(True, "general"), (False, "none"), (None, None)])
def test_catalogue_de_minimis_flag_becomes_regime(flag: bool | None, regime: str | None) -> None:
    assert terms_from_programme({**RECORD, "de_minimis": flag})["de_minimis"] == regime


def test_terms_from_programme_takes_the_contract_keys_only() -> None:
    terms = terms_from_programme(RECORD)
    assert terms["funding_rate_max_percent"] == 50
    assert terms["volunteer_work"] == {"rate_eur_per_hour": 15, "max_percent": None}
    assert terms["not_combinable_with"] == ["anderes-programm"]
    assert "slug" not in terms
    assert "checked_on" not in terms
    # The catalogue has no Festbetrag: a term it lacks stays absent, not null.
    assert "fixed_amount_eur" not in terms


def test_entered_key_overrides_the_record_null_included() -> None:
    terms = merge_terms({"funding_rate_max_percent": Decimal(70), "amount_max_eur": None}, RECORD)
    assert terms.funding_rate_max_percent.value == Decimal(70)
    assert terms.funding_rate_max_percent.source == "eingabe"
    assert terms.amount_max_eur.value is None
    assert terms.amount_max_eur.source == "eingabe"
    assert terms.own_contribution_min_percent.value == Decimal(20)
    assert terms.own_contribution_min_percent.source == "katalog"
    assert terms.volunteer_work.value == VolunteerTerms(Decimal(15), None)


def test_source_texts_for_a_page() -> None:
    terms = merge_terms({"amount_max_eur": Decimal(1)}, RECORD)
    assert terms.source_text("funding_rate_max_percent") == "laut Katalog (Stand 29.11.2026)"
    assert terms.source_text("amount_max_eur") == "von Ihnen eingegeben"
    assert terms.source_text("fixed_amount_eur") == "nicht angegeben"
    assert terms.as_dict()["funding_rate_max_percent"]["source"] == "katalog"


def test_checked_on_as_text_is_read() -> None:
    terms = merge_terms({}, {**RECORD, "checked_on": "2026-10-01"})
    assert terms.checked_on == date(2026, 10, 1)


def test_without_record_only_entered_terms_count() -> None:
    terms = merge_terms({"financing_type": "voll"})
    assert terms.financing_type.value == "voll"
    assert not terms.funding_rate_max_percent.known
    assert terms.funding_rate_max_percent.source is None


def test_budget_is_checked_against_catalogue_terms(make_budget: MakeBudget) -> None:
    data = make_budget(programme="beispiel-programm")
    del data["terms"]
    output = report_to_json(check_budget(data, RECORD))
    # 50 % of 10.000 € capped by the Höchstbetrag of 4.000 €.
    assert output["grant_max_eur"] == 4000
    assert output["terms"]["amount_max_eur"]["source_text"] == "laut Katalog (Stand 29.11.2026)"
    assert "own_share" not in output["errors"]


def test_entered_terms_beat_the_catalogue_in_the_result(make_budget: MakeBudget) -> None:
    data = make_budget(programme="beispiel-programm", terms={"amount_max_eur": None})
    output = report_to_json(check_budget(data, RECORD))
    assert output["grant_max_eur"] == 8000  # the entered 80 %, no cap


def test_record_of_another_programme_is_refused(make_budget: MakeBudget) -> None:
    with pytest.raises(InvalidData) as caught:
        check_budget(make_budget(programme="etwas-anderes"), RECORD)
    assert caught.value.problems[0].field == "programme"


def test_bad_catalogue_value_is_named() -> None:
    with pytest.raises(InvalidData) as caught:
        merge_terms({}, {**RECORD, "funding_rate_max_percent": 150})
    assert caught.value.problems[0].field == "programm.funding_rate_max_percent"


def test_entered_terms_are_validated(make_budget: MakeBudget) -> None:
    with pytest.raises(InvalidData) as caught:
        parse_budget(make_budget(terms={"financing_type": "zuschuss", "de_minimis": "ja"}))
    fields = {problem.field for problem in caught.value.problems}
    assert fields == {"terms.financing_type", "terms.de_minimis"}
