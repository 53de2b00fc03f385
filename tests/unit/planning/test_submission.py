from datetime import date, timedelta

import pytest
from funding_matcher.domain.planning.offsets import PlanningOffsets

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.planning.meetings import MeetingCalendar, parse_meetings
from funding_matcher.domain.planning.submission import plan_submission
from funding_matcher.domain.planning.workdays import is_working_day
from funding_matcher.domain.taxonomy import APPLICANT_TYPES

T0 = date(2027, 5, 28)  # Friday; the Thursday before is Fronleichnam
TODAY = date(2026, 12, 1)
CONTRACT_MEETINGS = {
    "ladungsfrist_days": 7,
    "internal_lead_days": 21,
    "council_buffer_days": 14,
    "meetings": [
        {"body": "rat", "date": "2027-03-18"},
        {"body": "ausschuss", "date": "2027-03-04"},
    ],
}


def meetings(*entries: tuple[str, str], **lead_times: int) -> MeetingCalendar:
    return parse_meetings({"meetings": [{"body": b, "date": d} for b, d in entries], **lead_times})


def dues(plan) -> dict[str, date | None]:
    return {m.key: m.due for m in plan.milestones}


def warning_ids(plan) -> list[str]:
    return [w.id for w in plan.warnings]


def test_contract_example_for_a_kommune_in_nrw():
    plan = plan_submission(T0, "kommune", "NW", parse_meetings(CONTRACT_MEETINGS), TODAY)
    assert dues(plan) == {
        "vorgespraech": date(2027, 3, 25),  # 28.03. is Sunday, 26.03. Karfreitag
        "kooperationen": date(2027, 5, 7),
        "angebote": date(2027, 5, 7),
        "finanzplan_final": date(2027, 5, 14),
        "entwurf_intern": date(2027, 5, 18),
        "einreichung": date(2027, 5, 25),  # Fronleichnam 27.05. is skipped
        "ratsbeschluss": date(2027, 3, 18),
        "ausschuss": date(2027, 3, 4),
        "vorlage": date(2027, 2, 18),  # 18.03. - 7 - 21 days, a Thursday
    }
    assert plan.warnings == ()
    assert all(m.at_risk is False for m in plan.milestones)


def test_milestones_come_in_date_order():
    plan = plan_submission(T0, "kommune", "NW", parse_meetings(CONTRACT_MEETINGS), TODAY)
    days = [m.due for m in plan.milestones]
    assert days == sorted(days)
    assert plan.milestones[0].key == "vorlage"


def test_every_milestone_has_a_german_title():
    plan = plan_submission(T0, "kommune", "NW", parse_meetings(CONTRACT_MEETINGS), TODAY)
    titles = {m.key: m.title for m in plan.milestones}
    assert titles["ratsbeschluss"] == "Ratsbeschluss"
    assert "Sitzungsvorlage" in titles["vorlage"]
    assert all(titles.values())


def test_holiday_moves_a_due_date_back_only_where_the_land_has_it():
    deadline = date(2027, 6, 10)  # minus 14 days is Fronleichnam
    nrw = plan_submission(deadline, "verein", "NW", None, TODAY)
    nds = plan_submission(deadline, "verein", "NI", None, TODAY)
    assert dues(nrw)["finanzplan_final"] == date(2027, 5, 26)
    assert dues(nds)["finanzplan_final"] == date(2027, 5, 27)
    assert "Fronleichnam" in nrw.milestone("finanzplan_final").note


def test_submission_buffer_is_the_second_working_day_before_the_deadline():
    assert dues(plan_submission(T0, "verein", "NI", None, TODAY))["einreichung"] == date(
        2027, 5, 26
    )
    nrw = plan_submission(T0, "verein", "NW", None, TODAY)
    assert dues(nrw)["einreichung"] == date(2027, 5, 25)
    assert "Fronleichnam" in nrw.milestone("einreichung").note
    # Deadline on a Monday: Friday is the first working day before, Thursday the second.
    assert dues(plan_submission(date(2027, 6, 7), "verein", "NI", None, TODAY))[
        "einreichung"
    ] == date(2027, 6, 3)


def test_due_dates_never_move_towards_the_deadline():
    for deadline in (date(2027, 1, 1) + timedelta(days=n) for n in range(365)):
        plan = plan_submission(deadline, "verein", "NW", None, TODAY)
        for m in plan.milestones:
            assert m.due < deadline
            assert is_working_day(m.due, "NW")
        assert plan.milestone("finanzplan_final").due <= deadline - timedelta(days=14)


def test_two_months_before_the_end_of_a_month():
    # 30.04.2028 minus 2 months is 29.02.2028 (a Tuesday in a leap year).
    assert dues(plan_submission(date(2028, 4, 30), "verein", "NW", None, TODAY))[
        "vorgespraech"
    ] == date(2028, 2, 29)
    # 30.04.2027 minus 2 months is 28.02.2027, a Sunday: back to Friday 26.02.
    assert dues(plan_submission(date(2027, 4, 30), "verein", "NW", None, TODAY))[
        "vorgespraech"
    ] == date(2027, 2, 26)


def test_31_may_minus_three_months_with_an_organisation_offset():
    offsets = PlanningOffsets(vorgespraech_months=3)
    leap = plan_submission(date(2028, 5, 31), "verein", "NW", None, TODAY, offsets)
    assert dues(leap)["vorgespraech"] == date(2028, 2, 29)
    common = plan_submission(date(2027, 5, 31), "verein", "NW", None, TODAY, offsets)
    assert dues(common)["vorgespraech"] == date(2027, 2, 26)  # 28.02.2027 is a Sunday


@pytest.mark.parametrize("applicant_type", sorted(set(APPLICANT_TYPES) - {"kommune"}))
def test_every_other_applicant_type_needs_a_board_decision(applicant_type):
    plan = plan_submission(T0, applicant_type, "NW", parse_meetings(CONTRACT_MEETINGS), TODAY)
    keys = dues(plan)
    assert keys["vorstandsbeschluss"] == date(2027, 5, 7)
    assert not {"ratsbeschluss", "vorlage", "ausschuss"} & set(keys)
    assert plan.warnings == ()


def test_verein_without_meetings_gets_no_warning():
    plan = plan_submission(T0, "verein", "NW", None, TODAY)
    assert plan.warnings == ()
    assert dues(plan)["vorstandsbeschluss"] == date(2027, 5, 7)


def test_board_decision_points_to_a_fitting_board_meeting():
    calendar = meetings(("vorstand", "2027-04-20"), ("vorstand", "2027-05-11"))
    note = plan_submission(T0, "verein", "NW", calendar, TODAY).milestone("vorstandsbeschluss").note
    assert "20.04.2027" in note
    late = meetings(("vorstand", "2027-05-11"))
    note = plan_submission(T0, "verein", "NW", late, TODAY).milestone("vorstandsbeschluss").note
    assert "Umlaufbeschluss" in note


@pytest.mark.parametrize("applicant_type", ["kommune", "Kommune", "kreis"])
def test_kommune_and_kreis_need_the_council(applicant_type):
    plan = plan_submission(T0, applicant_type, "NW", parse_meetings(CONTRACT_MEETINGS), TODAY)
    assert dues(plan)["ratsbeschluss"] == date(2027, 3, 18)
    assert "vorstandsbeschluss" not in dues(plan)


def test_kommune_without_meetings_file_warns_and_leaves_council_dates_open():
    plan = plan_submission(T0, "kommune", "NW", None, TODAY)
    assert warning_ids(plan) == ["no_meetings"]
    keys = dues(plan)
    assert keys["ratsbeschluss"] is None
    assert keys["vorlage"] is None
    assert "ausschuss" not in keys
    assert plan.milestone("ratsbeschluss").at_risk is False


def test_latest_council_meeting_within_the_buffer_is_chosen():
    calendar = meetings(
        ("rat", "2027-02-11"), ("rat", "2027-04-22"), ("rat", "2027-05-14"), ("rat", "2027-06-24")
    )
    plan = plan_submission(T0, "kommune", "NW", calendar, TODAY)
    # 28.05. minus the default 14 days buffer is 14.05.: a meeting on that day still counts.
    assert dues(plan)["ratsbeschluss"] == date(2027, 5, 14)
    assert plan.warnings == ()


def test_kreistag_counts_as_the_council():
    plan = plan_submission(T0, "kreis", "NW", meetings(("kreistag", "2027-04-22")), TODAY)
    assert dues(plan)["ratsbeschluss"] == date(2027, 4, 22)


def test_council_meeting_one_day_too_late_is_not_reachable():
    plan = plan_submission(T0, "kommune", "NW", meetings(("rat", "2027-05-15")), TODAY)
    assert warning_ids(plan) == ["council_not_reachable"]
    message = plan.warnings[0].message
    assert "14.05.2027" in message
    assert "Dringlichkeitsentscheidung" in message
    assert "nächsten Förderaufruf" in message
    assert dues(plan)["ratsbeschluss"] is None
    assert dues(plan)["vorlage"] is None


def test_council_buffer_from_the_meetings_file_is_used():
    calendar = meetings(("rat", "2027-05-13"), council_buffer_days=28)
    plan = plan_submission(T0, "kommune", "NW", calendar, TODAY)
    assert warning_ids(plan) == ["council_not_reachable"]
    assert "30.04.2027" in plan.warnings[0].message


def test_meetings_file_without_council_meetings_is_not_reachable():
    calendar = meetings(("ausschuss", "2027-03-04"))
    plan = plan_submission(T0, "kommune", "NW", calendar, TODAY)
    assert warning_ids(plan) == ["council_not_reachable"]
    assert dues(plan)["ausschuss"] is None


def test_committee_must_meet_strictly_before_the_council():
    calendar = meetings(
        ("rat", "2027-04-22"),
        ("ausschuss", "2027-03-04"),
        ("ausschuss", "2027-04-08"),
        ("ausschuss", "2027-04-22"),
    )
    plan = plan_submission(T0, "kommune", "NW", calendar, TODAY)
    assert dues(plan)["ausschuss"] == date(2027, 4, 8)


def test_committee_only_after_the_council_leaves_the_committee_open():
    calendar = meetings(("rat", "2027-04-22"), ("ausschuss", "2027-05-06"))
    plan = plan_submission(T0, "kommune", "NW", calendar, TODAY)
    assert dues(plan)["ausschuss"] is None
    assert "Beratungsfolge" in plan.milestone("ausschuss").note


def test_no_committee_milestone_when_the_file_lists_no_committee():
    plan = plan_submission(T0, "kommune", "NW", meetings(("rat", "2027-04-22")), TODAY)
    assert "ausschuss" not in dues(plan)


def test_vorlage_uses_the_files_lead_times_and_moves_back_over_easter():
    # 26.04.2027 minus 9 + 19 days is Ostermontag 29.03.; back over Sunday, Saturday and
    # Karfreitag to Thursday 25.03.
    calendar = meetings(("rat", "2027-04-26"), ladungsfrist_days=9, internal_lead_days=19)
    plan = plan_submission(T0, "kommune", "NW", calendar, TODAY)
    assert dues(plan)["vorlage"] == date(2027, 3, 25)
    assert "Ostermontag" in plan.milestone("vorlage").note


def test_organisation_offsets_apply_when_the_file_has_no_lead_times():
    calendar = meetings(("rat", "2027-04-22"))
    offsets = PlanningOffsets(ladungsfrist_days=10, internal_lead_days=10)
    plan = plan_submission(T0, "kommune", "NW", calendar, TODAY, offsets)
    assert dues(plan)["vorlage"] == date(2027, 4, 2)  # 22.04. minus 20 days, a Friday
    default = plan_submission(T0, "kommune", "NW", calendar, TODAY)
    assert dues(default)["vorlage"] == date(2027, 3, 25)  # 22.04. minus 7 + 21 days


def test_at_risk_marks_exactly_the_milestones_before_today():
    plan = plan_submission(T0, "kommune", "NW", parse_meetings(CONTRACT_MEETINGS), date(2027, 5, 7))
    risky = {m.key for m in plan.milestones if m.at_risk}
    assert risky == {"vorlage", "ausschuss", "ratsbeschluss", "vorgespraech"}
    # Due today is not yet at risk.
    assert plan.milestone("kooperationen").at_risk is False


def test_organisation_offsets_change_the_milestones():
    offsets = PlanningOffsets(kooperationen_days=28, entwurf_days=7, einreichung_working_days=1)
    plan = plan_submission(T0, "verein", "NI", None, TODAY, offsets)
    assert dues(plan)["kooperationen"] == date(2027, 4, 30)
    assert dues(plan)["entwurf_intern"] == date(2027, 5, 21)
    assert dues(plan)["einreichung"] == date(2027, 5, 27)


def test_unknown_applicant_type_and_state_name_the_field():
    with pytest.raises(InvalidData) as err:
        plan_submission(T0, "stiftung", "NW", None, TODAY)
    assert err.value.problems[0].field == "applicant_type"
    assert "verein" in err.value.problems[0].message
    with pytest.raises(InvalidData) as err:
        plan_submission(T0, "verein", "Nordrhein", None, TODAY)
    assert err.value.problems[0].field == "state"
