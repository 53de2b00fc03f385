import json
from datetime import date

from funding_matcher.domain.planning.award import plan_award
from funding_matcher.domain.planning.meetings import parse_meetings
from funding_matcher.domain.planning.render import render_award_text, render_submission_text
from funding_matcher.domain.planning.submission import plan_submission

T0 = date(2027, 5, 28)


def test_submission_json_has_the_contract_shape():
    plan = plan_submission(T0, "kommune", "NW", None, date(2027, 5, 10))
    data = json.loads(plan.to_json())
    assert data == plan.to_dict()
    assert set(data) == {"deadline", "milestones", "warnings"}
    assert data["deadline"] == "2027-05-28"
    for milestone in data["milestones"]:
        assert set(milestone) == {"key", "title", "due", "at_risk", "note"}
        assert isinstance(milestone["at_risk"], bool)
    by_key = {m["key"]: m for m in data["milestones"]}
    assert by_key["ratsbeschluss"]["due"] is None
    assert by_key["vorgespraech"] == {
        **by_key["vorgespraech"],
        "due": "2027-03-25",
        "at_risk": True,
    }
    assert data["warnings"][0]["id"] == "no_meetings"
    assert "Vorgespräch" in plan.to_json()  # German text, not \\u escapes


def test_award_json_has_milestones_in_the_same_shape():
    data = plan_award(date(2027, 4, 1), date(2029, 3, 31), "kommune").to_dict()
    assert data["project_end"] == "2029-03-31"
    assert [m["due"] for m in data["milestones"]] == [
        "2028-04-30",
        "2029-04-30",
        "2030-03-31",
        "2035-03-31",
    ]
    assert set(data["milestones"][0]) == {"key", "title", "due", "at_risk", "note"}


def test_submission_text_lists_dates_open_items_and_warnings():
    calendar = parse_meetings({"meetings": [{"body": "rat", "date": "2027-05-20"}]})
    text = render_submission_text(plan_submission(T0, "kommune", "NW", calendar, date(2027, 5, 10)))
    assert text.startswith("Zeitplan bis zur Antragsfrist Fr 28.05.2027")
    assert (
        "Do 25.03.2027  Vorgespräch mit der Bewilligungsbehörde (Projektskizze)  [überfällig]"
        in (text)
    )
    assert "offen          Ratsbeschluss" in text
    assert "Achtung:" in text
    assert "Dringlichkeitsentscheidung" in text


def test_award_text_names_the_period_and_each_date():
    text = render_award_text(plan_award(date(2027, 4, 1), date(2028, 3, 31), "verein", True))
    assert "Bewilligungszeitraum 01.04.2027 bis 31.03.2028" in text
    assert "So 30.04.2028  Zwischennachweis für 2027" in text
    assert "Sa 30.09.2028  Verwendungsnachweis" in text
    assert "Mi 31.03.2038  Belege aufbewahren bis" in text
    assert "Achtung" not in text
