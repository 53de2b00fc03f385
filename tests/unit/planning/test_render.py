"""The contract's JSON shape (version 2) and the German text of both plans."""

from datetime import date

from funding_matcher.domain.planning import (
    AwardRequest,
    SubmissionRequest,
    parse_meetings,
    plan_award,
    plan_submission,
    render_award_text,
    render_submission_text,
)

T0 = date(2027, 5, 28)


def submission(**kwargs):
    defaults = {
        "applicant_type": "kommune",
        "state": "NW",
        "today": date(2026, 12, 1),
        "deadline": T0,
    }
    return plan_submission(SubmissionRequest(**{**defaults, **kwargs}))


def test_submission_json_has_the_contract_shape():
    data = submission().to_dict()
    assert list(data) == [
        "version",
        "deadline",
        "rolling",
        "project_start",
        "apply_lead_days",
        "funder_term",
        "milestones",
        "warnings",
    ]
    assert (data["version"], data["deadline"], data["rolling"]) == (2, "2027-05-28", False)
    first = data["milestones"][0]
    assert list(first) == ["key", "title", "kind", "due", "legal_due", "at_risk", "note"]
    dated = [m["due"] for m in data["milestones"] if m["due"]]
    assert dated == sorted(dated)
    undated = [i for i, m in enumerate(data["milestones"]) if m["due"] is None]
    assert undated == list(range(len(dated), len(data["milestones"])))


def test_award_json_has_the_profile_and_year_on_interim_reports():
    data = plan_award(
        AwardRequest(
            date(2027, 4, 1),
            date(2029, 3, 31),
            "verein",
            "NW",
            date(2027, 4, 1),
            funder_level="bund",
            funder_state="NW",
        )
    ).to_dict()
    assert list(data) == [
        "version",
        "project_start",
        "project_end",
        "profile",
        "rules",
        "funder_term",
        "milestones",
        "warnings",
    ]
    interim = [m for m in data["milestones"] if m["key"] == "zwischennachweis"]
    assert [m["year"] for m in interim] == [2027, 2028]
    assert all("year" not in m for m in data["milestones"] if m["key"] != "zwischennachweis")


def test_submission_text_lists_dates_the_legal_date_and_warnings():
    settings = parse_meetings({"meetings": [{"body": "rat", "date": "2027-05-20"}]})
    text = render_submission_text(submission(settings=settings, today=date(2027, 5, 10)))
    assert text.startswith("Zeitplan bis zur Antragsfrist 28.05.2027")
    assert "25.05.2027  Antrag einreichen (Frist laut Aufruf: 28.05.2027)" in text
    assert "offen" in text
    assert "[überfällig]" in text
    assert "Achtung:" in text
    assert "Sondersitzung" in text


def test_award_text_names_the_period_the_rules_and_each_date():
    text = render_award_text(
        plan_award(
            AwardRequest(
                date(2027, 4, 1),
                date(2028, 3, 31),
                "verein",
                "NW",
                date(2027, 4, 1),
                funder_profile="bund_anbest_p",
                funder_state="NW",
                eu_funded=True,
            )
        )
    )
    assert (
        "Bewilligungszeitraum 01.04.2027 bis 31.03.2028, Nebenbestimmungen: ANBest-P (Bund)" in text
    )
    assert "28.04.2028  Zwischennachweis 2027 (Frist endet am 02.05.2028)" in text
    assert "29.09.2028  Verwendungsnachweis (Frist endet am 02.10.2028)" in text
    assert "31.03.2038  Belege aufbewahren bis" in text
