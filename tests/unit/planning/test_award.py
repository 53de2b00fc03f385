from datetime import date

import pytest
from funding_matcher.domain.planning.offsets import PlanningOffsets

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.planning.award import plan_award


def dues(plan, key: str) -> list[date]:
    return [m.due for m in plan.milestones if m.key == key]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2027, 2, 1), date(2027, 11, 30), []),
        (date(2027, 1, 1), date(2027, 12, 31), []),  # ends on 31.12.: not strictly inside
        (date(2026, 12, 31), date(2027, 6, 30), []),  # starts on 31.12.: not strictly inside
        (date(2027, 4, 1), date(2028, 3, 31), [date(2028, 4, 30)]),
        (date(2027, 4, 1), date(2029, 3, 31), [date(2028, 4, 30), date(2029, 4, 30)]),
        (
            date(2027, 1, 1),
            date(2030, 12, 31),
            [date(2028, 4, 30), date(2029, 4, 30), date(2030, 4, 30)],
        ),
    ],
)
def test_one_interim_report_per_31_december_inside_the_period(start, end, expected):
    plan = plan_award(start, end, "verein")
    assert dues(plan, "zwischennachweis") == expected


def test_interim_reports_name_their_year():
    plan = plan_award(date(2027, 4, 1), date(2029, 3, 31), "kommune")
    titles = [m.title for m in plan.milestones if m.key == "zwischennachweis"]
    assert titles == ["Zwischennachweis für 2027", "Zwischennachweis für 2028"]


def test_kommune_reports_twelve_months_after_the_end_and_keeps_receipts_five_years_more():
    plan = plan_award(date(2027, 4, 1), date(2029, 3, 31), "kommune")
    assert dues(plan, "verwendungsnachweis") == [date(2030, 3, 31)]
    assert dues(plan, "belege_aufbewahren") == [date(2035, 3, 31)]


@pytest.mark.parametrize("applicant_type", ["verein", "freier_traeger", "kommunales_unternehmen"])
def test_everyone_else_reports_six_months_after_the_end(applicant_type):
    plan = plan_award(date(2027, 4, 1), date(2029, 3, 31), applicant_type)
    assert dues(plan, "verwendungsnachweis") == [date(2029, 9, 30)]
    assert dues(plan, "belege_aufbewahren") == [date(2034, 9, 30)]


def test_report_date_missing_in_the_target_month_becomes_its_last_day():
    assert dues(
        plan_award(date(2027, 9, 1), date(2028, 8, 31), "verein"), "verwendungsnachweis"
    ) == [date(2029, 2, 28)]
    assert dues(
        plan_award(date(2027, 3, 1), date(2028, 2, 29), "kommune"), "verwendungsnachweis"
    ) == [date(2029, 2, 28)]


@pytest.mark.parametrize("applicant_type", ["kommune", "verein"])
def test_eu_funding_keeps_receipts_ten_years_after_the_project_end(applicant_type):
    plan = plan_award(date(2027, 4, 1), date(2029, 3, 31), applicant_type, eu_funded=True)
    assert dues(plan, "belege_aufbewahren") == [date(2039, 3, 31)]
    assert "EU" in plan.milestones[-1].note


def test_milestones_are_in_date_order_with_titles():
    plan = plan_award(date(2027, 4, 1), date(2029, 3, 31), "kommune")
    assert [m.key for m in plan.milestones] == [
        "zwischennachweis",
        "zwischennachweis",
        "verwendungsnachweis",
        "belege_aufbewahren",
    ]
    assert all(m.title for m in plan.milestones)


def test_at_risk_only_with_a_today_and_only_for_reports():
    plan = plan_award(date(2027, 4, 1), date(2029, 3, 31), "kommune")
    assert not any(m.at_risk for m in plan.milestones)
    late = plan_award(date(2027, 4, 1), date(2029, 3, 31), "kommune", today=date(2040, 1, 1))
    risky = [m.key for m in late.milestones if m.at_risk]
    assert risky == ["zwischennachweis", "zwischennachweis", "verwendungsnachweis"]
    mid = plan_award(date(2027, 4, 1), date(2029, 3, 31), "kommune", today=date(2028, 5, 1))
    assert [m.at_risk for m in mid.milestones][:2] == [True, False]


def test_organisation_can_change_the_award_offsets():
    offsets = PlanningOffsets(
        verwendungsnachweis_months_other=3, zwischennachweis_month=3, zwischennachweis_day=31
    )
    plan = plan_award(date(2027, 4, 1), date(2028, 3, 31), "verein", offsets=offsets)
    assert dues(plan, "zwischennachweis") == [date(2028, 3, 31)]
    assert dues(plan, "verwendungsnachweis") == [date(2028, 6, 30)]


def test_end_before_start_names_the_project_end():
    with pytest.raises(InvalidData) as err:
        plan_award(date(2027, 4, 1), date(2027, 3, 31), "verein")
    assert err.value.problems[0].field == "project_end"
    assert "vor dem Projektbeginn" in err.value.problems[0].message


def test_unknown_applicant_type_is_rejected():
    with pytest.raises(InvalidData) as err:
        plan_award(date(2027, 4, 1), date(2028, 3, 31), "behörde")
    assert err.value.problems[0].field == "applicant_type"
