import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.planning.offsets import DEFAULT_OFFSETS, PlanningOffsets


def test_contract_defaults():
    assert DEFAULT_OFFSETS.vorgespraech_months == 2
    assert (DEFAULT_OFFSETS.kooperationen_days, DEFAULT_OFFSETS.angebote_days) == (21, 21)
    assert DEFAULT_OFFSETS.finanzplan_days == 14
    assert DEFAULT_OFFSETS.entwurf_days == 10
    assert DEFAULT_OFFSETS.einreichung_working_days == 2
    assert DEFAULT_OFFSETS.vorstandsbeschluss_days == 21


def test_settings_override_only_what_they_name():
    offsets = PlanningOffsets.from_mapping({"kooperationen_days": 28, "belege_years": 10})
    assert offsets.kooperationen_days == 28
    assert offsets.belege_years == 10
    assert offsets.angebote_days == 21
    assert PlanningOffsets.from_mapping(offsets.to_dict()) == offsets


def test_bad_settings_name_each_field():
    with pytest.raises(InvalidData) as err:
        PlanningOffsets.from_mapping(
            {
                "kooperationen_days": -1,
                "entwurf_days": "10",
                "einreichung_working_days": 0,
                "angebot_days": 3,
                "ladungsfrist_days": True,
            }
        )
    found = {p.field: p.message for p in err.value.problems}
    assert set(found) == {
        "offsets.kooperationen_days",
        "offsets.entwurf_days",
        "offsets.einreichung_working_days",
        "offsets.angebot_days",
        "offsets.ladungsfrist_days",
    }
    assert "unbekannt" in found["offsets.angebot_days"]
    assert "ganze Zahl" in found["offsets.entwurf_days"]


def test_interim_report_day_must_exist():
    with pytest.raises(InvalidData) as err:
        PlanningOffsets.from_mapping({"zwischennachweis_month": 2, "zwischennachweis_day": 30})
    assert err.value.problems[0].field == "offsets.zwischennachweis_day"
