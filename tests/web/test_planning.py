"""Deadlines and planning as a Kommune and a Verein: plan, bodies, calendar, feed, watch list."""

from __future__ import annotations

import re
from datetime import date

import pytest
from icalendar import Calendar

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import Application, Milestone, Role
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.projects import save_profile
from tests.conftest import profile_data

DEADLINE = {"kind": "fixed", "dates": ["2027-05-28"]}


@pytest.fixture
def kommune(app, make_org, make_user, login, write_programme, catalogue_dir):
    app.config["TODAY"] = "2026-12-01"
    organisation = make_org("Stadt Hagen", "kommune")
    user = make_user(organisation, Role.owner, email="planung@hagen.de")
    login(user)
    write_programme(
        slug="quartiersfonds",
        title="Quartiersfonds",
        deadline=DEADLINE,
        applicant_types=["kommune"],
    )
    sync_catalogue(load_catalogue(catalogue_dir).programmes)
    project = save_profile(
        organisation, Profile.from_dict(profile_data(applicant_type="kommune")), user
    )
    db.session.commit()
    return {"org": organisation, "user": user, "project": project}


def start(client, project) -> int:
    response = client.post(
        "/antraege/neu", data={"project_id": project.id, "programme": "quartiersfonds"}
    )
    return int(re.search(r"/antraege/(\d+)$", response.headers["Location"]).group(1))


def milestones(application_id: int) -> dict[str, Milestone]:
    db.session.expire_all()
    return {m.key: m for m in db.session.get(Application, application_id).milestones}


def test_kommune_plans_backwards_from_the_deadline_with_its_council(client, kommune):
    application_id = start(client, kommune["project"])
    plan = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    assert "28.05.2027" in plan
    assert "Keine Sitzungstermine" in plan or "Sitzungstermine eintragen" in plan
    for body, day in (("rat", "2027-03-18"), ("ausschuss", "2027-03-04")):
        assert (
            client.post(
                "/organisation/gremien/sitzungen", data={"body": body, "day": day}
            ).status_code
            == 303
        )
    plan = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    assert "Sitzungsvorlage für den Rat fertig" in plan
    rows = milestones(application_id)
    assert rows["ratsbeschluss"].due == date(2027, 3, 18)
    assert rows["ausschuss"].due == date(2027, 3, 4)
    assert rows["vorlage"].due == date(2027, 2, 18)  # 18.03. - 7 days Ladungsfrist - 21 days
    assert rows["einreichung"].due == date(2027, 5, 25)  # Fronleichnam 27.05. in NW skipped


def test_council_too_late_is_a_clear_warning(client, kommune):
    client.post("/organisation/gremien/sitzungen", data={"body": "rat", "day": "2027-05-20"})
    application_id = start(client, kommune["project"])
    plan = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    assert "Ratsbeschluss nicht mehr erreichbar" in plan
    assert milestones(application_id)["ratsbeschluss"].due is None


def test_a_date_set_by_hand_is_kept_and_moves_raise_the_sequence(client, kommune):
    client.post("/organisation/gremien/sitzungen", data={"body": "rat", "day": "2027-03-18"})
    application_id = start(client, kommune["project"])
    client.get(f"/antraege/{application_id}/plan")
    angebote = milestones(application_id)["angebote"]
    assert angebote.sequence == 0
    client.post(
        f"/antraege/{application_id}/plan/meilensteine/{angebote.id}",
        data={"due": "2027-04-30", "owner_id": kommune["user"].id, "note": "Schreinerei fragen"},
    )
    client.post(f"/antraege/{application_id}/plan/frist", data={"deadline": "2027-06-30"})
    client.get(f"/antraege/{application_id}/plan")
    rows = milestones(application_id)
    assert rows["angebote"].due == date(2027, 4, 30)
    assert rows["angebote"].edited
    assert rows["angebote"].owner_id == kommune["user"].id
    assert rows["angebote"].sequence == 1
    assert rows["finanzplan_final"].due == date(2027, 6, 16)
    assert rows["finanzplan_final"].sequence == 1


def test_award_dates_after_approval(client, kommune):
    application_id = start(client, kommune["project"])
    application = db.session.get(Application, application_id)
    for item in application.checklist:
        item.done = True
    db.session.commit()
    client.post(f"/antraege/{application_id}/status", data={"status": "eingereicht"})
    client.post(
        f"/antraege/{application_id}/status", data={"status": "bewilligt", "amount_eur": "40000"}
    )
    response = client.post(
        f"/antraege/{application_id}/plan/bewilligung",
        data={"project_start": "2027-04-01", "project_end": "2029-03-31"},
    )
    assert response.status_code == 303
    client.get(f"/antraege/{application_id}/plan")
    rows = milestones(application_id)
    assert rows["verwendungsnachweis"].due == date(2030, 3, 31)
    assert rows["zwischennachweis-2027"].due == date(2028, 4, 30)
    assert rows["zwischennachweis-2028"].due == date(2029, 4, 30)
    assert rows["belege_aufbewahren"].due == date(2035, 3, 31)
    bad = client.post(
        f"/antraege/{application_id}/plan/bewilligung",
        data={"project_start": "2027-04-01", "project_end": "2026-03-31"},
    )
    assert bad.status_code == 422


def test_calendar_page_and_feed(client, kommune):
    client.post("/organisation/gremien/sitzungen", data={"body": "rat", "day": "2027-03-18"})
    application_id = start(client, kommune["project"])
    page = client.get("/kalender/").get_data(as_text=True)
    assert "März 2027" in page
    assert "Ratsbeschluss" in page
    account = client.get("/konto/").get_data(as_text=True)
    url = re.search(r'id="feed-url" value="([^"]+)"', account).group(1)
    path = url.split("localhost", 1)[1]
    first = client.get(path)
    assert first.status_code == 200
    assert first.mimetype == "text/calendar"
    raw = first.get_data()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\r\n" in raw
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in raw
    events = {str(e["summary"]): e for e in Calendar.from_ical(raw).walk("VEVENT")}
    rat = events["Ratsbeschluss"]
    assert rat["dtstart"].dt == date(2027, 3, 18)
    assert rat["dtend"].dt == date(2027, 3, 19)
    assert f"/antraege/{application_id}/plan" in str(rat["url"])
    # The same UIDs on the next fetch; a moved date raises SEQUENCE.
    client.post(f"/antraege/{application_id}/plan/frist", data={"deadline": "2027-06-30"})
    again = {
        str(e["summary"]): e for e in Calendar.from_ical(client.get(path).get_data()).walk("VEVENT")
    }
    assert again["Ratsbeschluss"]["uid"] == rat["uid"]
    moved = again["Kosten- und Finanzierungsplan final"]
    assert (
        int(moved["sequence"]) == int(events["Kosten- und Finanzierungsplan final"]["sequence"]) + 1
    )
    # A new address revokes the old one.
    client.post("/konto/kalender/neu")
    assert client.get(path).status_code == 404
    assert client.get("/kalender/1-falsch.ics").status_code == 404
    assert client.get("/kalender/x.ics").status_code == 404


def test_api_gives_the_feed_url(client, kommune):
    from funding_matcher.operations.tokens import create_api_token

    _, token = create_api_token(kommune["user"], kommune["org"])
    db.session.commit()
    body = client.get(
        "/api/v1/me/calendar", headers={"Authorization": f"Bearer {token}"}
    ).get_json()
    assert body["ics_url"].endswith(".ics")
    assert client.get(body["ics_url"].split("localhost", 1)[1]).status_code == 200
    assert client.get("/api/v1/me/calendar").status_code == 401


def test_watch_list_shows_catalogue_changes_on_the_dashboard(
    client, kommune, write_programme, catalogue_dir
):
    write_programme(
        slug="naechste-runde",
        title="Programm zwischen zwei Runden",
        deadline={"kind": "fixed", "dates": ["2026-03-31"]},
    )
    sync_catalogue(load_catalogue(catalogue_dir).programmes)
    db.session.commit()
    page = client.get("/programme/naechste-runde").get_data(as_text=True)
    assert "Für die nächste Runde vormerken" in page
    assert client.post("/programme/naechste-runde/merken", data={}).status_code == 303
    assert "Von der Merkliste nehmen" in client.get("/programme/naechste-runde").get_data(
        as_text=True
    )
    write_programme(
        slug="naechste-runde",
        title="Programm zwischen zwei Runden",
        deadline={"kind": "fixed", "dates": ["2027-03-31"]},
    )
    sync_catalogue(load_catalogue(catalogue_dir).programmes, today=date(2026, 12, 1))
    db.session.commit()
    dashboard = client.get("/").get_data(as_text=True)
    assert "Änderungen an gemerkten Programmen" in dashboard
    assert "Frist: feste Stichtage → feste Stichtage, nächste: 31.03.2027" in dashboard
    assert "31.03.2027" in dashboard  # in the next dates, too
    assert client.post("/programme/gibt-es-nicht/merken", data={}).status_code == 404


def test_other_organisations_and_viewers_cannot_touch_plans(
    client, kommune, login, make_org, make_user
):
    application_id = start(client, kommune["project"])
    client.post("/abmelden")
    viewer = make_user(kommune["org"], Role.viewer)
    login(viewer)
    assert client.get(f"/antraege/{application_id}/plan").status_code == 200
    assert (
        client.post(
            f"/antraege/{application_id}/plan/frist", data={"deadline": "2027-01-01"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/organisation/gremien/sitzungen", data={"body": "rat", "day": "2027-01-01"}
        ).status_code
        == 403
    )
    client.post("/abmelden")
    login(make_user(make_org("Andere"), Role.owner))
    assert client.get(f"/antraege/{application_id}/plan").status_code == 404
    assert client.post(f"/antraege/{application_id}/plan/frist", data={}).status_code == 404


def test_the_dashboard_costs_the_same_queries_for_3_or_12_applications(client, kommune):
    """Plans are recomputed on every view: their inputs are read once per organisation, so a
    busy office's dashboard stays as quick as a new one's."""
    import sqlalchemy as sa

    def queries_for_dashboard() -> int:
        statements: list[str] = []

        def count(*args) -> None:
            statements.append(args[2])

        sa.event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/").status_code == 200
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    def add_applications(n: int) -> None:
        for i in range(n):
            project = save_profile(
                kommune["org"],
                Profile.from_dict(profile_data(applicant_type="kommune", title=f"Projekt {i}")),
                kommune["user"],
            )
            db.session.commit()
            start(client, project)

    add_applications(3)
    client.post("/programme/quartiersfonds/merken")
    queries_for_dashboard()  # the first view stores the new plans' milestones
    few = queries_for_dashboard()
    add_applications(9)
    queries_for_dashboard()
    assert queries_for_dashboard() == few
