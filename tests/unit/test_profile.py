import json

import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.profile import Profile
from tests.conftest import SHARED, profile_data

DEV_CASES = SHARED / "eval" / "dev" / "cases.json"


def problems(data) -> dict[str, list[str]]:
    with pytest.raises(InvalidData) as caught:
        Profile.from_dict(data)
    return caught.value.as_dict()


def test_round_trip_keeps_every_field_and_extras():
    data = profile_data(
        start_date="2027-01-01",
        partners=["Kita Sonnenschein"],
        designated_area=True,
        x_internal_ref="A-17",
    )
    profile = Profile.from_dict(data)
    assert json.loads(profile.to_json()) == data
    assert profile.requested_eur == 54000


@pytest.mark.skipif(not DEV_CASES.exists(), reason="shared eval cases not beside the project")
def test_shared_profiles_import_and_export_unchanged():
    for case in json.loads(DEV_CASES.read_text(encoding="utf-8")):
        assert Profile.from_dict(case["profile"]).to_dict() == case["profile"], case["id"]


def test_unknown_theme_names_field_and_allowed_codes():
    found = problems(profile_data(themes=["teilhabe", "quartiersarbeit"]))
    message = found["themes"][0]
    assert "quartiersarbeit" in message
    assert "quartiersmanagement" in message  # the allowed values are listed


def test_unknown_applicant_and_state_codes():
    found = problems(profile_data(applicant_type="firma", state="NRW"))
    assert "firma" in found["applicant_type"][0]
    assert "NW" in found["state"][0]


def test_wrong_types_and_missing_fields_are_named():
    data = profile_data(budget_total_eur="viel", duration_months=0)
    del data["title"]
    found = problems(data)
    assert found["title"] == ["Pflichtangabe fehlt"]
    assert "Zahl" in found["budget_total_eur"][0]
    assert "mindestens 1" in found["duration_months"][0]


def test_own_funds_above_budget_is_rejected():
    found = problems(profile_data(budget_total_eur=1000, own_funds_eur=5000))
    assert "Eigenmittel" in found["own_funds_eur"][0]


@pytest.mark.parametrize("text", ["{nicht json", "[1, 2]", "", b"\xff\xfe"])
def test_malformed_json_gives_a_message_not_a_crash(text):
    with pytest.raises(InvalidData) as caught:
        Profile.from_json(text)
    assert str(caught.value)
