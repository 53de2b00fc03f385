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


# -- format v1.1: details ---------------------------------------------------------------------

DETAILS = {
    "need": "Im Quartier fehlt ein Treffpunkt.",
    "need_figures": [{"label": "SGB-II-Quote", "value": "24 %", "source": "Sozialbericht 2025"}],
    "target_group": {"description": "Ältere", "count": 120, "subgroups": [{"label": "Pflegende"}]},
    "goals": [{"goal": "Weniger allein", "indicator": "Besuche je Woche", "target": "40"}],
    "activities": [{"title": "Treff", "from_month": 1, "to_month": 6}],
    "participation": "Ein Rat entscheidet.",
    "accessibility": "Rampe.",
    "partners": [{"name": "Lebenshilfe", "role": "berät"}],
    "sustainability": "Die Stadt übernimmt.",
    "publicity": "Aushänge.",
    "funding_need": "Ohne Förderung geht es nicht.",
    "experience": "Seit 2012.",
}


def test_details_round_trip_and_the_v1_fields_stay():
    data = profile_data(partners=["Kita Sonnenschein"], details=DETAILS)
    profile = Profile.from_dict(data)
    assert profile.to_dict() == data
    assert profile.has_details
    # details.partners wins over the v1 list; the v1 list is exported unchanged.
    assert [(p.name, p.role) for p in profile.partner_list] == [("Lebenshilfe", "berät")]
    assert profile.to_dict()["partners"] == ["Kita Sonnenschein"]


def test_without_details_the_v1_partners_are_the_partner_list():
    profile = Profile.from_dict(profile_data(partners=["Kita Sonnenschein", "Stadtbibliothek"]))
    assert [(p.name, p.role) for p in profile.partner_list] == [
        ("Kita Sonnenschein", None),
        ("Stadtbibliothek", None),
    ]
    assert not profile.has_details


@pytest.mark.parametrize(
    ("details", "field", "fragment"),
    [
        ({"need": "x" * 5001}, "details.need", "höchstens 5.000 Zeichen"),
        ({"goals": [{"goal": "Ziel"}] * 31}, "details.goals", "zu viele Einträge (höchstens 30)"),
        ({"goals": [{"indicator": "ohne Ziel"}]}, "details.goals.0.goal", "Pflichtangabe fehlt"),
        (
            {"activities": [{"title": "A", "from_month": 5, "to_month": 2}]},
            "details.activities.0",
            "letzte Monat liegt vor dem ersten",
        ),
        ({"target_group": {"count": -1}}, "details.target_group.count", "mindestens 0"),
        ({"budget": 1}, "details.budget", "unbekanntes Feld"),
    ],
)
def test_bad_details_name_the_field(details, field, fragment):
    found = problems(profile_data(details=details))
    assert any(fragment in message for message in found[field]), found


def test_an_activity_after_the_project_end_is_refused():
    found = problems(
        profile_data(duration_months=6, details={"activities": [{"title": "A", "to_month": 9}]})
    )
    assert found == {
        "details.activities.0.to_month": ["Monat 9 liegt nach dem Projektende (Laufzeit 6 Monate)"]
    }
