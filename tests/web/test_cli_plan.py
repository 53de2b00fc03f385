"""``funding-matcher plan submission`` and ``plan award`` as the planning contract fixes them."""

from __future__ import annotations

import json

MEETINGS = {
    "ladungsfrist_days": 7,
    "internal_lead_days": 21,
    "council_buffer_days": 14,
    "meetings": [
        {"body": "rat", "date": "2027-03-18"},
        {"body": "ausschuss", "date": "2027-03-04"},
    ],
}


def test_submission_plan_of_a_kommune(cli, tmp_path):
    meetings = tmp_path / "meetings.json"
    meetings.write_text(json.dumps(MEETINGS), encoding="utf-8")
    result = cli(
        [
            "plan",
            "submission",
            "--deadline",
            "2027-05-28",
            "--applicant-type",
            "kommune",
            "--state",
            "NW",
            "--meetings",
            str(meetings),
            "--today",
            "2026-12-01",
        ]
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    due = {m["key"]: m["due"] for m in plan["milestones"]}
    assert plan["deadline"] == "2027-05-28"
    assert due["ratsbeschluss"] == "2027-03-18"
    assert due["ausschuss"] == "2027-03-04"
    assert due["vorlage"] == "2027-02-18"
    assert due["einreichung"] == "2027-05-25"
    assert due["vorgespraech"] == "2027-03-25"
    assert "vorstandsbeschluss" not in due
    assert plan["warnings"] == []
    assert {"key", "title", "due", "at_risk", "note"} == set(plan["milestones"][0])


def test_kommune_without_meetings_and_a_verein(cli):
    kommune = json.loads(
        cli(
            [
                "plan",
                "submission",
                "--deadline",
                "2027-05-28",
                "--applicant-type",
                "kommune",
                "--state",
                "NW",
                "--today",
                "2026-12-01",
            ]
        ).output
    )
    assert [w["id"] for w in kommune["warnings"]] == ["no_meetings"]
    assert {m["key"]: m["due"] for m in kommune["milestones"]}["ratsbeschluss"] is None
    verein = json.loads(
        cli(
            [
                "plan",
                "submission",
                "--deadline",
                "2027-05-28",
                "--applicant-type",
                "verein",
                "--state",
                "BY",
                "--today",
                "2027-05-20",
            ]
        ).output
    )
    due = {m["key"]: m for m in verein["milestones"]}
    assert "ratsbeschluss" not in due
    assert due["vorstandsbeschluss"]["due"] == "2027-05-07"
    assert due["vorstandsbeschluss"]["at_risk"] is True


def test_award_dates_and_text(cli):
    result = cli(
        [
            "plan",
            "award",
            "--project-start",
            "2027-04-01",
            "--project-end",
            "2029-03-31",
            "--applicant-type",
            "verein",
            "--eu-funded",
        ]
    )
    award = json.loads(result.output)
    due = [(m["key"], m["due"]) for m in award["milestones"]]
    assert ("verwendungsnachweis", "2029-09-30") in due
    assert ("belege_aufbewahren", "2039-03-31") in due
    text = cli(
        [
            "plan",
            "award",
            "--project-start",
            "2027-04-01",
            "--project-end",
            "2029-03-31",
            "--applicant-type",
            "kommune",
            "--format",
            "text",
        ]
    ).output
    assert "Verwendungsnachweis" in text


def test_unreadable_input_names_the_field(cli, tmp_path):
    bad_date = cli(
        [
            "plan",
            "submission",
            "--deadline",
            "28.05.2027",
            "--applicant-type",
            "kommune",
            "--state",
            "NW",
        ]
    )
    assert bad_date.exit_code == 2
    assert "deadline" in bad_date.output
    meetings = tmp_path / "m.json"
    meetings.write_text('{"meetings": [{"body": "rat", "date": "morgen"}]}', encoding="utf-8")
    bad_meeting = cli(
        [
            "plan",
            "submission",
            "--deadline",
            "2027-05-28",
            "--applicant-type",
            "kommune",
            "--state",
            "NW",
            "--meetings",
            str(meetings),
        ]
    )
    assert bad_meeting.exit_code == 2
    assert "meetings[0].date" in bad_meeting.output
    unknown_state = cli(
        [
            "plan",
            "submission",
            "--deadline",
            "2027-05-28",
            "--applicant-type",
            "kommune",
            "--state",
            "XX",
        ]
    )
    assert unknown_state.exit_code == 2
    assert "state" in unknown_state.output
    end_before = cli(
        [
            "plan",
            "award",
            "--project-start",
            "2027-04-01",
            "--project-end",
            "2026-03-31",
            "--applicant-type",
            "kommune",
        ]
    )
    assert end_before.exit_code == 2
    assert "project_end" in end_before.output
