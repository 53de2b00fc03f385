"""The backward plan of rules v2 (planning.md § 2 to § 7), and the three situations of the
municipal trial (issue 25) with the dates a grant officer would write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.planning import (
    ProgrammeTerms,
    SubmissionRequest,
    parse_meetings,
    plan_submission,
)
from funding_matcher.domain.planning.funder import PUBLIC_LAW_WORDS


def plan(**kwargs):
    settings = kwargs.pop("settings", None)
    defaults = {"applicant_type": "kommune", "state": "NW", "today": date(2027, 1, 4)}
    request = SubmissionRequest(
        **{**defaults, **kwargs},
        settings=parse_meetings(settings) if settings is not None else None,
    )
    return plan_submission(request)


def dues(result) -> dict[str, date | None]:
    return {m.row_key: m.due for m in result.milestones}


def warning_ids(result) -> list[str]:
    return [w.id for w in result.warnings]


def texts(result) -> str:
    parts = [m.title for m in result.milestones] + [m.note for m in result.milestones]
    return " ".join(parts + [w.message for w in result.warnings])


# -- the three situations of the trial -----------------------------------------------------------


def test_nrw_city_fachausschuss_then_rat_vorlage_and_budget_before_the_first_body():
    """Soziale Stadt, Frist Di 01.06.2027: the Vorlage must be ready for the Fachausschuss
    (Ladungsfrist 10 Tage), offers and KFP a week before the Vorlage, all before the council."""
    result = plan(
        deadline=date(2027, 6, 1),
        funder_level="land",
        settings={
            "bodies": [
                {
                    "body": "fachausschuss",
                    "title": "Ausschuss für Soziales",
                    "ladungsfrist_days": 10,
                },
                {"body": "rat", "ladungsfrist_days": 7},
            ],
            "meetings": [
                {"body": "fachausschuss", "date": "2027-02-08"},
                {"body": "fachausschuss", "date": "2027-04-20"},
                {"body": "rat", "date": "2027-04-29"},
                {"body": "rat", "date": "2027-06-24"},
            ],
        },
    )
    due = dues(result)
    assert due["ratsbeschluss"] == date(2027, 4, 29)  # last Rat on or before 18.05.
    assert due["beratung_fachausschuss"] == date(2027, 4, 20)  # on or before 29.04. - 7
    assert due["vorlage"] == date(2027, 3, 19)  # 20.04. - 10 - 21 = Sa 20.03. -> Fr 19.03.
    assert due["angebote"] == due["finanzplan_final"] == date(2027, 3, 12)
    assert due["vorgespraech"] == date(2027, 1, 19)
    assert due["entwurf_intern"] == date(2027, 5, 21)  # Sa 22.05. -> Fr 21.05.
    assert due["einreichung"] == date(2027, 5, 28)  # Fronleichnam 27.05. is no working day
    assert result.milestone("einreichung").legal_due == date(2027, 6, 1)
    order = [m.key for m in result.milestones]
    assert order.index("finanzplan_final") < order.index("vorlage")
    assert order.index("vorlage") < order.index("beratung_fachausschuss")
    assert order.index("beratung_fachausschuss") < order.index("ratsbeschluss")
    assert result.warnings == ()
    assert "Ausschuss für Soziales" in result.milestone("vorlage").title


def test_aktion_mensch_rolling_application_of_a_verband():
    """Rolling lottery programme, start 01.06.2027, lead unknown: 42 days assumed, the Vorstand
    meeting from the calendar, no authority wording anywhere."""
    aktion_mensch = ProgrammeTerms(
        level="stiftung", rolling=True, start_rule="after_application", apply_lead_days=None
    )
    result = plan(
        applicant_type="freier_traeger",
        state="NI",
        project_start=date(2027, 6, 1),
        programme=aktion_mensch,
        settings={
            "meetings": [{"body": "vorstand", "date": d} for d in ("2027-01-20", "2027-03-17")]
        },
    )
    assert result.rolling
    assert result.deadline == date(2027, 4, 20)
    assert result.apply_lead_days == 42
    assert warning_ids(result) == ["apply_lead_unknown"]
    einreichung = result.milestone("einreichung")
    assert (einreichung.due, einreichung.legal_due) == (date(2027, 4, 16), None)
    assert "eigenes Risiko" in einreichung.note
    board = result.milestone("vorstandsbeschluss")
    assert (board.kind, board.due) == ("sitzung", date(2027, 3, 17))
    assert result.funder_term == "Fördergeber"
    assert result.milestone("vorgespraech").title.startswith("Abstimmung mit dem Fördergeber")
    assert not any(word in texts(result) for word in PUBLIC_LAW_WORDS)


def test_sachsen_kleinprojekt_four_weeks_before_start_with_the_members_meeting():
    """Weltoffenes Sachsen Kleinprojekt: "vier Wochen vor Beginn"; 4.800 € grant + 260 € own
    funds exceed the Satzung's 2.500 €, so the Mitgliederversammlung decides."""
    result = plan(
        applicant_type="verein",
        state="SN",
        project_start=date(2027, 5, 10),
        programme=ProgrammeTerms(level="land", rolling=True, apply_lead_days=28),
        grant_eur=Decimal(4800),
        own_funds={2027: Decimal(260)},
        today=date(2026, 12, 1),
        settings={
            "mv": {"threshold_eur": 2500, "einberufungsfrist_days": 14},
            "meetings": [
                {"body": "vorstand", "date": "2027-03-10"},
                {"body": "mitgliederversammlung", "date": "2027-03-20"},
            ],
        },
    )
    due = dues(result)
    assert result.deadline == date(2027, 4, 12)
    assert due["mitgliederversammlung"] == date(2027, 3, 20)
    assert due["mv_einberufung"] == date(2027, 3, 5)  # Sa 06.03. -> Fr 05.03.
    assert due["finanzplan_final"] == date(2027, 2, 26)  # 7 days before the invitation
    assert due["einreichung"] == date(2027, 4, 8)
    assert result.milestone("einreichung").legal_due == date(2027, 4, 12)
    assert "haushalt_eigenanteil-2027" not in due  # a Verein has no Haushalt step


# -- Kommune: decision, chain, Haushalt ---------------------------------------------------------


def test_without_meetings_the_council_steps_stay_open_with_a_warning():
    result = plan(deadline=date(2027, 5, 28))
    assert warning_ids(result) == ["no_meetings"]
    assert dues(result)["ratsbeschluss"] is None
    assert dues(result)["vorlage"] is None
    assert not any(m.key.startswith("beratung_") for m in result.milestones)
    # D undated: offers undated, the Vorgespräch two months before the deadline.
    assert dues(result)["angebote"] is None
    assert dues(result)["vorgespraech"] == date(2027, 3, 25)  # Ostersonntag, Karfreitag -> Do
    assert dues(result)["kooperationen"] == date(2027, 5, 7)


def test_a_council_meeting_too_late_and_a_committee_that_cannot_be_reached():
    late = plan(
        deadline=date(2027, 5, 28), settings={"meetings": [{"body": "rat", "date": "2027-05-20"}]}
    )
    assert warning_ids(late) == ["council_not_reachable"]
    assert dues(late)["ratsbeschluss"] is None
    assert dues(late)["vorlage"] is None
    chain = plan(
        deadline=date(2027, 5, 28),
        settings={
            "bodies": [{"body": "fachausschuss"}, {"body": "hauptausschuss"}, {"body": "rat"}],
            "meetings": [
                {"body": "fachausschuss", "date": "2027-04-27"},
                {"body": "hauptausschuss", "date": "2027-04-01"},
                {"body": "rat", "date": "2027-04-29"},
            ],
        },
    )
    assert warning_ids(chain) == ["body_not_reachable"]
    due = dues(chain)
    assert due["ratsbeschluss"] == date(2027, 4, 29)
    assert due["beratung_hauptausschuss"] == date(2027, 4, 1)
    assert due["beratung_fachausschuss"] is None
    assert due["vorlage"] is None
    assert "Sondersitzung" in chain.warnings[0].message


def test_below_the_value_limit_the_administration_decides():
    settings = {
        "council": {"threshold_eur": 100000},
        "meetings": [{"body": "rat", "date": "2027-09-23"}],
    }
    small = plan(deadline=date(2027, 11, 15), total_eur=Decimal(85000), settings=settings)
    assert "verwaltungsentscheidung" in dues(small)
    assert "ratsbeschluss" not in dues(small)
    assert dues(small)["verwaltungsentscheidung"] == date(2027, 10, 25)
    big = plan(deadline=date(2027, 11, 15), total_eur=Decimal(120000), settings=settings)
    assert "ratsbeschluss" in dues(big)
    unknown = plan(deadline=date(2027, 11, 15), settings=settings)
    assert "ratsbeschluss" in dues(unknown)  # amount unknown: the council decides
    required = plan(
        deadline=date(2027, 11, 15),
        total_eur=Decimal(85000),
        requires_council_decision=True,
        settings=settings,
    )
    assert "ratsbeschluss" in dues(required)


def test_a_kreistag_takes_the_decision_of_the_council():
    result = plan(
        deadline=date(2027, 5, 28),
        settings={
            "meetings": [
                {"body": "kreistag", "date": "2027-03-18"},
                {"body": "rat", "date": "2027-05-01"},
            ]
        },
    )
    decision = result.milestone("ratsbeschluss")
    assert (decision.due, decision.title) == (date(2027, 3, 18), "Kreistagsbeschluss")


def test_haushalt_steps_per_year_and_the_verpflichtungsermaechtigung():
    result = plan(
        deadline=date(2027, 9, 30),
        project_start=date(2027, 10, 1),
        own_funds={2027: Decimal(5000), 2028: Decimal(20000)},
        investments={2027: Decimal(10000), 2029: Decimal(30000)},
        settings={
            "budget": {"adopted_years": [2027]},
            "meetings": [{"body": "rat", "date": "2027-09-09"}],
        },
    )
    assert sorted(warning_ids(result)) == ["budget_deadline_unknown", "ve_adopted_budget"]
    due = dues(result)
    assert due["haushalt_deckung-2027"] == due["finanzplan_final"]
    assert due["haushalt_eigenanteil-2028"] is None
    ve = result.milestone("haushalt_ve")
    assert ve.year == 2027
    assert "30.000,00 €" in ve.title
    assert ve.due == due["finanzplan_final"]


def test_endorsement_of_the_kommune_only_when_another_applies():
    kommune = plan(deadline=date(2027, 5, 28), requires_municipal_endorsement=True)
    assert "einvernehmen_kommune" not in dues(kommune)
    verein = plan(
        deadline=date(2027, 5, 28), applicant_type="verein", requires_municipal_endorsement=True
    )
    assert dues(verein)["einvernehmen_kommune"] == date(2027, 4, 30)


# -- Vereine and private persons -------------------------------------------------------------


def test_a_board_without_a_fitting_meeting_gets_one_date_and_a_warning():
    result = plan(
        deadline=date(2027, 5, 28),
        applicant_type="verein",
        settings={
            "board_title": "Geschäftsführung",
            "meetings": [{"body": "vorstand", "date": "2027-05-20"}],
        },
    )
    board = result.milestone("vorstandsbeschluss")
    assert (board.kind, board.due, board.title) == (
        "intern",
        date(2027, 5, 7),
        "Beschluss Geschäftsführung",
    )
    assert warning_ids(result) == ["board_not_reachable"]
    assert [m.key for m in result.milestones].count("vorstandsbeschluss") == 1


def test_members_meeting_without_a_date_or_einberufungsfrist():
    missing = plan(
        deadline=date(2027, 5, 28), applicant_type="verein", settings={"mv": {"required": True}}
    )
    assert warning_ids(missing) == ["mv_not_reachable"]
    assert dues(missing)["mitgliederversammlung"] is None
    no_frist = plan(
        deadline=date(2027, 5, 28),
        applicant_type="verein",
        settings={
            "mv": {"required": True},
            "meetings": [{"body": "mitgliederversammlung", "date": "2027-04-24"}],
        },
    )
    assert warning_ids(no_frist) == ["mv_einberufungsfrist_unknown"]
    assert dues(no_frist)["mv_einberufung"] is None
    below = plan(
        deadline=date(2027, 5, 28),
        applicant_type="verein",
        total_eur=Decimal(2000),
        settings={"mv": {"threshold_eur": 2500}},
    )
    assert "mitgliederversammlung" not in dues(below)


def test_a_private_person_has_no_decision_row():
    result = plan(deadline=date(2027, 5, 28), applicant_type="privatperson")
    keys = {m.key for m in result.milestones}
    assert keys == {
        "vorgespraech",
        "angebote",
        "finanzplan_final",
        "kooperationen",
        "entwurf_intern",
        "einreichung",
    }
    assert dues(result)["finanzplan_final"] == date(2027, 4, 30)  # Fr 07.05. - 7


# -- anchor, start rules, days ------------------------------------------------------------------


def test_bad_anchors_name_their_field():
    with pytest.raises(InvalidData) as both:
        plan(deadline=date(2027, 5, 28), rolling=True, project_start=date(2027, 7, 1))
    assert both.value.problems[0].field == "deadline"
    with pytest.raises(InvalidData) as no_start:
        plan(rolling=True)
    assert no_start.value.problems[0].field == "project_start"
    with pytest.raises(InvalidData) as nothing:
        plan()
    assert nothing.value.problems[0].field == "deadline"


def test_a_project_starting_too_early_is_warned_about():
    before = plan(deadline=date(2027, 5, 28), project_start=date(2027, 5, 1))
    assert "start_before_submission" in warning_ids(before)
    decision = plan(
        deadline=date(2027, 5, 28),
        project_start=date(2027, 6, 15),
        start_rule="after_bescheid",
        apply_lead_days=56,
    )
    assert "start_before_decision" in warning_ids(decision)
    assumed = plan(rolling=True, project_start=date(2027, 6, 15), start_rule="after_bescheid")
    assert "start_before_decision" not in warning_ids(assumed)


def test_holidays_of_the_applicants_land_move_the_submission_buffer():
    # Buß- und Bettag (17.11.2027) is a holiday in Sachsen only.
    saxony = plan(deadline=date(2027, 11, 18), applicant_type="verein", state="SN")
    nrw = plan(deadline=date(2027, 11, 18), applicant_type="verein", state="NW")
    assert dues(saxony)["einreichung"] == date(2027, 11, 15)
    assert dues(nrw)["einreichung"] == date(2027, 11, 16)
    assert "Buß- und Bettag" in saxony.milestone("einreichung").note


def test_no_due_date_falls_on_a_weekend_or_holiday():
    from funding_matcher.domain.planning import is_working_day

    for deadline in (date(2027, 1, 3), date(2027, 4, 5), date(2027, 12, 26)):
        result = plan(deadline=deadline, applicant_type="verein", settings={})
        for m in result.milestones:
            assert m.due is None or is_working_day(m.due, "NW"), (deadline, m)


def test_at_risk_against_today():
    result = plan(deadline=date(2027, 2, 26), applicant_type="verein", today=date(2027, 2, 1))
    assert {m.key for m in result.milestones if m.at_risk} == {
        "vorgespraech",
        "angebote",
        "finanzplan_final",
        "kooperationen",
    }
    assert result.milestone("vorstandsbeschluss").due == date(2027, 2, 5)
