"""The settings file of planning.md § 8: every key optional, every problem named by its path."""

import json
from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.planning.meetings import BodySetting, Meeting, MeetingCalendar
from funding_matcher.domain.planning.settings_reader import parse_meetings, parse_meetings_json

CONTRACT_EXAMPLE = {
    "bodies": [
        {"body": "fachausschuss", "title": "Sozialausschuss", "ladungsfrist_days": 10},
        {"body": "hauptausschuss", "ladungsfrist_days": 7},
        {"body": "rat", "ladungsfrist_days": 7},
    ],
    "ladungsfrist_days": 7,
    "internal_lead_days": 21,
    "council_buffer_days": 14,
    "finance_review_days": 7,
    "board_buffer_days": 21,
    "endorsement_lead_days": 28,
    "board_title": "Vorstand",
    "council": {"required": True, "threshold_eur": 25000},
    "budget": {"registration": "06-30", "adopted_years": [2027]},
    "mv": {"required": False, "threshold_eur": 10000, "einberufungsfrist_days": 14},
    "meetings": [{"body": "rat", "date": "2027-09-16", "title": "Ratssitzung"}],
}
V1_FILE = {
    "ladungsfrist_days": 9,
    "internal_lead_days": 21,
    "council_buffer_days": 14,
    "meetings": [
        {"body": "Rat", "date": "2027-03-18"},
        {"body": "ausschuss", "date": "2027-03-04"},
    ],
}


def problems(data) -> dict[str, str]:
    with pytest.raises(InvalidData) as err:
        parse_meetings(data)
    return {p.field: p.message for p in err.value.problems}


def test_the_contract_example_parses_with_every_key():
    settings = parse_meetings_json(json.dumps(CONTRACT_EXAMPLE))
    assert settings.bodies[0] == BodySetting("fachausschuss", "Sozialausschuss", 10)
    assert settings.body_title("fachausschuss") == "Sozialausschuss"
    assert settings.ladungsfrist("fachausschuss") == 10
    assert settings.council.threshold_eur == Decimal(25000)
    assert settings.budget.registration == (6, 30)
    assert settings.budget.adopted_years == (2027,)
    assert settings.mv is not None
    assert settings.mv.einberufungsfrist_days == 14
    assert settings.meetings == (Meeting("rat", date(2027, 9, 16), "Ratssitzung"),)


def test_a_v1_file_is_a_valid_v2_file_and_an_empty_one_takes_the_defaults():
    settings = parse_meetings(V1_FILE)
    assert settings.ladungsfrist_days == 9
    assert settings.days_of("rat") == [date(2027, 3, 18)]
    assert parse_meetings({}) == MeetingCalendar()
    defaults = MeetingCalendar()
    assert (defaults.finance_review_days, defaults.board_buffer_days) == (7, 21)
    assert (defaults.endorsement_lead_days, defaults.board_title) == (28, "Vorstand")
    assert defaults.council.required
    assert defaults.mv is None


def test_round_trip_through_to_dict():
    settings = parse_meetings(CONTRACT_EXAMPLE)
    assert parse_meetings(settings.to_dict()) == settings
    assert "meetings" not in settings.to_dict(with_meetings=False)


def test_each_problem_names_its_path():
    found = problems(
        {
            "bodies": [{"body": "rat"}, {"body": "fachausschuss", "ladungsfrist_days": -3}],
            "board_title": " ",
            "colour": "blau",
            "council": {"threshold_eur": "viel"},
            "budget": {"registration": "31-06"},
            "mv": {"einberufungsfrist_days": 1.5},
            "meetings": [{"body": "rat", "date": "18.03.2027"}],
        }
    )
    assert set(found) == {
        "bodies[1].ladungsfrist_days",
        "board_title",
        "colour",
        "council.threshold_eur",
        "budget.registration",
        "mv.einberufungsfrist_days",
        "meetings[0].date",
    }
    assert "negativ" in found["bodies[1].ladungsfrist_days"]
    assert "leer" in found["board_title"]


def test_a_body_may_stand_only_once_in_the_chain():
    found = problems({"bodies": [{"body": "rat"}, {"body": "rat"}]})
    assert list(found) == ["bodies[1].body"]


def test_unknown_body_codes_are_kept_and_shown_by_their_title():
    settings = parse_meetings(
        {"bodies": [{"body": "stadtbezirksrat", "title": "Stadtbezirksrat Mitte"}, {"body": "rat"}]}
    )
    assert settings.body_title("stadtbezirksrat") == "Stadtbezirksrat Mitte"
    assert settings.body_title("hauptausschuss") == "Haupt- und Finanzausschuss"
    assert problems({"meetings": [{"body": "Rat-Sitzung", "date": "2027-01-01"}]})
