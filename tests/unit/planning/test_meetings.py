import json
from datetime import date

import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.planning.meetings import (
    Meeting,
    parse_meetings,
    parse_meetings_json,
)

CONTRACT_EXAMPLE = {
    "ladungsfrist_days": 7,
    "internal_lead_days": 21,
    "council_buffer_days": 14,
    "meetings": [
        {"body": "rat", "date": "2027-03-18"},
        {"body": "ausschuss", "date": "2027-03-04"},
    ],
}


def problems(data) -> dict[str, str]:
    with pytest.raises(InvalidData) as err:
        parse_meetings(data)
    return {p.field: p.message for p in err.value.problems}


def test_contract_example_parses():
    calendar = parse_meetings_json(json.dumps(CONTRACT_EXAMPLE))
    assert calendar.ladungsfrist_days == 7
    assert calendar.internal_lead_days == 21
    assert calendar.council_buffer_days == 14
    assert calendar.meetings == (
        Meeting("rat", date(2027, 3, 18)),
        Meeting("ausschuss", date(2027, 3, 4)),
    )
    assert calendar.days_of("rat") == [date(2027, 3, 18)]


def test_lead_times_are_optional_and_bodies_case_insensitive():
    calendar = parse_meetings({"meetings": [{"body": " Rat ", "date": "2027-03-18"}]})
    assert calendar.ladungsfrist_days is None
    assert calendar.meetings[0].body == "rat"


def test_round_trip_through_to_dict():
    calendar = parse_meetings(CONTRACT_EXAMPLE)
    assert parse_meetings(calendar.to_dict()) == calendar


def test_bad_date_names_the_meeting_and_field():
    data = {
        "meetings": [{"body": "rat", "date": "2027-03-18"}, {"body": "rat", "date": "18.03.2027"}]
    }
    found = problems(data)
    assert list(found) == ["meetings[1].date"]
    assert "JJJJ-MM-TT" in found["meetings[1].date"]


def test_impossible_date_is_reported_as_such():
    found = problems({"meetings": [{"body": "rat", "date": "2027-02-30"}]})
    assert "gibt es nicht" in found["meetings[0].date"]


def test_unknown_body_lists_the_allowed_bodies():
    found = problems({"meetings": [{"body": "gemeinderat", "date": "2027-03-18"}]})
    assert "gemeinderat" in found["meetings[0].body"]
    assert "ausschuss" in found["meetings[0].body"]


def test_missing_fields_and_non_objects():
    found = problems({"meetings": [{"date": "2027-03-18"}, "rat", {"body": "rat"}]})
    assert found["meetings[0].body"] == "Pflichtangabe fehlt"
    assert "Objekt" in found["meetings[1]"]
    assert found["meetings[2].date"] == "Pflichtangabe fehlt"


def test_every_problem_is_reported_at_once():
    data = {
        "ladungsfrist_days": "sieben",
        "council_buffer_days": -1,
        "internal_lead_days": True,
        "sitzungen": [],
        "meetings": [{"body": "rat", "date": "2027-3-18", "ort": "Rathaus"}],
    }
    found = problems(data)
    assert set(found) == {
        "ladungsfrist_days",
        "council_buffer_days",
        "internal_lead_days",
        "sitzungen",
        "meetings[0].date",
        "meetings[0].ort",
    }
    assert "ganze Zahl" in found["ladungsfrist_days"]
    assert "zwischen 0" in found["council_buffer_days"]


def test_meetings_list_is_required():
    assert "Pflichtangabe" in problems({"ladungsfrist_days": 7})["meetings"]
    assert "Liste" in problems({"meetings": {"body": "rat"}})["meetings"]


def test_top_level_must_be_an_object():
    with pytest.raises(InvalidData) as err:
        parse_meetings_json("[]")
    assert "JSON-Objekt" in str(err.value)


def test_broken_json_says_where():
    with pytest.raises(InvalidData) as err:
        parse_meetings_json('{"meetings": [\n{"body": "rat",}]}')
    assert "Zeile 2" in err.value.problems[0].message
