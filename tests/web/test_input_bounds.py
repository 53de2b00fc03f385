"""H3 and M1: every date a person enters lies in 1990-2100 and every amount under one cap, in
forms, API and domain; a bad row stored before that never breaks the dashboard, calendar, feed
or reminders for everyone."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain.budget import fields as budget_fields
from funding_matcher.domain.limits import EARLIEST_DATE, LATEST_DATE, MAX_AMOUNT_EUR
from funding_matcher.extensions import db
from funding_matcher.models import Application, MilestoneRow, ProjectProfile, Role
from funding_matcher.operations.planning import refresh_plans
from funding_matcher.web.api.schemas import MONEY
from tests.conftest import again, bearer, loaded, running_app
from tests.web.mailbox import smtp_server

WINDOW = "Datum zwischen dem 01.01.1990 und dem 31.12.2100"


@pytest.fixture
def team(app, client, login, make_org, make_user, make_application):
    app.config["TODAY"] = "2026-12-01"
    organisation = make_org("Stadt Hagen", "kommune")
    owner = make_user(organisation, Role.owner, email="chefin@hagen.de")
    editor = make_user(organisation, Role.editor, email="kollege@hagen.de")
    application = make_application(organisation, editor)
    login(editor)
    with app.app_context():
        refresh_plans(again(application), date(2026, 12, 1))  # the plan's milestones exist
        db.session.commit()
    return {"org": organisation, "owner": owner, "editor": editor, "app": application}


def milestone_of(application_id: int) -> MilestoneRow:
    with running_app().app_context():
        return loaded(
            db.session.scalars(
                db.select(MilestoneRow).where(MilestoneRow.application_id == application_id)
            ).first()
        )


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1989-12-31", "2101-01-01"])
def test_dates_outside_the_window_are_refused_in_every_form(app, client, team, day):
    application_id = team["app"].id
    milestone = milestone_of(application_id)
    project_id = team["app"].project_id
    refused = client.post(
        f"/antraege/{application_id}/plan/meilensteine/{milestone.id}",
        data={"due": day, "note": ""},
        follow_redirects=True,
    )
    assert WINDOW in refused.get_data(as_text=True)  # the plan page shows it as a message
    forms = [
        (f"/antraege/{application_id}/plan/frist", {"deadline": day}),
        (f"/antraege/{application_id}/status", {"status": "in_vorbereitung", "date": day}),
        (f"/projekte/{project_id}/schritt/3", {"start_date": day, "budget_total_eur": "1000"}),
    ]
    for path, data in forms:
        response = client.post(path, data=data)
        assert response.status_code == 422, (path, response.status_code)
        assert WINDOW in response.get_data(as_text=True), path
    with app.app_context():
        application = loaded(db.session.get(Application, application_id))
    assert application.deadline is None
    assert application.status == "idee"
    assert milestone_of(application_id).due == milestone.due


def test_window_edges_are_accepted(client, team):
    application_id = team["app"].id
    for day in (EARLIEST_DATE, LATEST_DATE):
        response = client.post(
            f"/antraege/{application_id}/plan/frist", data={"deadline": day.isoformat()}
        )
        assert response.status_code == 303, day


def test_council_meetings_and_award_period_keep_the_window(client, login, team):
    client.post("/abmelden")
    login(team["owner"])
    response = client.post(
        "/organisation/gremien/sitzungen", data={"body": "rat", "day": "0001-01-01"}
    )
    assert response.status_code == 422
    assert WINDOW in response.get_data(as_text=True)


def test_bad_dates_stored_earlier_are_skipped_not_a_500_for_every_member(
    app, client, login, team, make_application, cli
):
    """The probe: one editor's deadline 0001-01-01 gave 500 on the dashboard, calendar and ICS
    feed of every member, 9999-12-31 broke the feed, and ``reminders send`` crashed."""
    with app.app_context():
        again(team["app"]).deadline = date(1, 1, 1)
        db.session.commit()
    other = make_application(
        team["org"],
        team["editor"],
        slug="zweitprogramm",
        deadline={"kind": "fixed", "dates": ["2026-12-15"]},
    )
    far = make_application(team["org"], team["editor"], slug="drittprogramm")
    with app.app_context():
        stored = again(far)
        stored.project_end = date(9999, 12, 31)
        stored.project_start = date(2027, 1, 1)
        stored.status = "bewilligt"
        db.session.commit()
    for person in (team["editor"], team["owner"]):
        client.post("/abmelden")
        login(person)
        account = client.get("/konto/").get_data(as_text=True)
        feed = re.search(r"/kalender/[\w-]+\.ics", account).group(0)
        for path in ("/", "/kalender/", feed, f"/antraege/{other.id}/plan"):
            assert client.get(path).status_code == 200, (person.email, path)
        calendar = client.get("/kalender/").get_data(as_text=True)
        assert f"/antraege/{other.id}" in calendar  # the sound rows are still listed
    with smtp_server(app) as inbox:
        result = cli(["reminders", "send", "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    # Everyone still gets the reminder for the sound application's deadline.
    assert {rcpt[0] for rcpt, _ in inbox.messages} == {"chefin@hagen.de", "kollege@hagen.de"}


def test_m1_huge_amounts_on_status_are_400_with_the_field(client, team):
    headers = bearer(team["editor"], team["org"])
    url = f"/api/v1/applications/{team['app'].id}/status"
    for amount in (1e26, 1e308, 1_000_000_000.01, -1, True, "1000"):
        response = client.post(
            url, json={"status": "in_vorbereitung", "amount_eur": amount}, headers=headers
        )
        assert response.status_code == 400, amount
        assert "amount_eur" in response.get_json()["fields"], amount
    for day in ("0001-01-01", "9999-12-31", "2026-1-1", 20261201):
        response = client.post(
            url, json={"status": "in_vorbereitung", "date": day}, headers=headers
        )
        assert response.status_code == 400, day
        assert "date" in response.get_json()["fields"]
    ok = client.post(
        url,
        json={"status": "in_vorbereitung", "amount_eur": 1_000_000_000, "date": "2026-11-30"},
        headers=headers,
    )
    assert ok.status_code == 200


def test_status_form_amount_has_the_same_cap(client, team):
    url = f"/antraege/{team['app'].id}/status"
    too_big = client.post(url, data={"status": "in_vorbereitung", "amount_eur": "1.000.000.000,01"})
    assert too_big.status_code == 422
    assert "höchstens 1.000.000.000,00 €" in too_big.get_data(as_text=True)


def test_one_cap_and_one_window_everywhere():
    assert budget_fields.MAX_EUR == MAX_AMOUNT_EUR
    assert (
        EARLIEST_DATE.year,
        LATEST_DATE.year,
    ) == (budget_fields.EARLIEST_YEAR, budget_fields.LATEST_YEAR)
    assert Decimal(MONEY["maximum"]) == MAX_AMOUNT_EUR


def test_profile_amounts_and_start_date_keep_the_bounds(app, client, team):
    headers = bearer(team["editor"], team["org"])
    from tests.conftest import profile_data

    for field, value in (
        ("budget_total_eur", 1_000_000_001),
        ("start_date", "0001-01-01"),
        ("start_date", "9999-12-31"),
    ):
        response = client.post(
            "/api/v1/projects", json=profile_data(**{field: value}), headers=headers
        )
        assert response.status_code == 400, (field, value)
        assert field in response.get_json()["fields"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(ProjectProfile.id))) == 1
