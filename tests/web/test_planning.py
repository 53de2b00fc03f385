"""Deadlines and planning as a Kommune: plan, bodies, settings, calendar, feed, watch list."""

from __future__ import annotations

import re
from datetime import date

import pytest
from icalendar import Calendar

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.planning import is_working_day
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import Application, MilestoneRow, Role
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.projects import save_profile
from tests.conftest import again, loaded, profile_data, running_app

DEADLINE = {"kind": "fixed", "dates": ["2027-05-28"]}


@pytest.fixture
def kommune(app, make_org, make_user, login, write_programme, catalogue_dir):
    app.config["TODAY"] = "2026-12-01"
    organisation = make_org("Stadt Hagen", "kommune")
    user = make_user(organisation, Role.owner, email="planung@hagen.de")
    login(user)
    write_programme(
        slug="quartiersfonds",
        title="Quartiersfonds für lebendige Nachbarschaften",
        short_title="Quartiersfonds",
        deadline=DEADLINE,
        applicant_types=["kommune"],
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        project = save_profile(
            organisation, Profile.from_dict(profile_data(applicant_type="kommune")), user
        )
        db.session.commit()
        project = loaded(project)
    return {"org": organisation, "user": user, "project": project}


def start(client, project) -> int:
    response = client.post(
        "/antraege/neu", data={"project_id": project.id, "programme": "quartiersfonds"}
    )
    return int(re.search(r"/antraege/(\d+)$", response.headers["Location"]).group(1))


def milestones(application_id: int) -> dict[str, MilestoneRow]:
    with running_app().app_context():
        return {m.key: m for m in db.session.get(Application, application_id).milestones}


def meet(client, body: str, day: str) -> None:
    response = client.post("/organisation/gremien/sitzungen", data={"body": body, "day": day})
    assert response.status_code == 303


def test_kommune_plans_backwards_from_the_deadline_through_its_committee(client, kommune):
    application_id = start(client, kommune["project"])
    assert milestones(application_id)["einreichung"].legal_due == date(2027, 5, 28)
    plan = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    assert "28.05.2027" in plan
    assert "Sitzungstermine und Einstellungen" in plan
    meet(client, "rat", "2027-03-18")
    meet(client, "ausschuss", "2027-03-04")
    rows = milestones(application_id)  # recomputed by the POSTs, not by a page view
    assert rows["ratsbeschluss"].due == date(2027, 3, 18)
    assert rows["beratung_ausschuss"].due == date(2027, 3, 4)  # on or before 18.03. - 7
    assert rows["vorlage"].due == date(2027, 2, 4)  # 04.03. - 7 - 21: before the committee
    assert rows["finanzplan_final"].due == rows["angebote"].due == date(2027, 1, 28)
    assert rows["einreichung"].due == date(2027, 5, 25)  # Fronleichnam 27.05. in NW
    assert (rows["einreichung"].kind, rows["ratsbeschluss"].kind) == ("stichtag", "sitzung")
    plan = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    assert "Sitzungsvorlage fertig (für Ausschuss)" in plan
    assert "Frist laut Aufruf: 28.05.2027" in plan


def test_council_too_late_is_a_clear_warning(client, kommune):
    meet(client, "rat", "2027-05-20")
    application_id = start(client, kommune["project"])
    plan = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    assert "Beschluss nicht mehr erreichbar" in plan
    assert milestones(application_id)["ratsbeschluss"].due is None


def test_a_date_set_by_hand_is_kept_and_moves_raise_the_sequence(client, kommune):
    meet(client, "rat", "2027-03-18")
    meet(client, "rat", "2027-06-10")
    application_id = start(client, kommune["project"])
    angebote = milestones(application_id)["angebote"]
    assert angebote.sequence == 0
    client.post(
        f"/antraege/{application_id}/plan/meilensteine/{angebote.id}",
        data={"due": "2027-04-30", "owner_id": kommune["user"].id, "note": "Schreinerei fragen"},
    )
    client.post(f"/antraege/{application_id}/plan/frist", data={"deadline": "2027-06-30"})
    rows = milestones(application_id)
    assert rows["angebote"].due == date(2027, 4, 30)
    assert rows["angebote"].edited
    assert rows["angebote"].owner_id == kommune["user"].id
    assert rows["angebote"].sequence == 1
    assert rows["ratsbeschluss"].due == date(2027, 6, 10)
    # Vorlage 13.05., KFP a week earlier: 06.05. is Christi Himmelfahrt -> 05.05.
    assert rows["finanzplan_final"].due == date(2027, 5, 5)
    assert rows["finanzplan_final"].sequence == 1


def test_award_dates_follow_the_nrw_rules_for_a_kommune(app, client, kommune):
    application_id = start(client, kommune["project"])
    with app.app_context():
        for item in db.session.get(Application, application_id).checklist:
            item.done = True
        db.session.commit()
    client.post(f"/antraege/{application_id}/status", data={"status": "eingereicht"})
    client.post(
        f"/antraege/{application_id}/status", data={"status": "bewilligt", "amount_eur": "40000"}
    )
    response = client.post(
        f"/antraege/{application_id}/plan/bewilligung",
        data={"project_start": "2027-04-01", "project_end": "2029-03-31", "vn_due": "2029-09-30"},
    )
    assert response.status_code == 303
    rows = milestones(application_id)
    # The Bescheid's day is a Sunday: legally Monday, planned Friday.
    assert (rows["verwendungsnachweis"].due, rows["verwendungsnachweis"].legal_due) == (
        date(2029, 9, 28),
        date(2029, 10, 1),
    )
    assert rows["zwischennachweis-2027"].due is None  # laut Zuwendungsbescheid
    assert rows["zwischennachweis-2028"].year == 2028
    assert rows["belege_aufbewahren"].due == date(2034, 10, 1)
    page = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    assert "ANBest-G (NRW)" in page
    assert "ANBest-Gk" not in page
    bad = client.post(
        f"/antraege/{application_id}/plan/bewilligung",
        data={"project_start": "2027-04-01", "project_end": "2026-03-31"},
    )
    assert bad.status_code == 422
    assert "liegt vor dem Projektbeginn" in bad.get_data(as_text=True)


def test_settings_decide_when_the_administration_decides(client, kommune, monkeypatch):
    # The saved Kosten- und Finanzierungsplan (its JSON output) gives the amount A.
    monkeypatch.setattr(
        "funding_matcher.operations.planning.stored_budget_json",
        lambda application: {"total_eur": 60000, "grant_eur": 48000, "verdict": "ok"},
    )
    meet(client, "rat", "2027-03-18")
    application_id = start(client, kommune["project"])
    assert "ratsbeschluss" in milestones(application_id)
    response = client.post(
        "/organisation/gremien/einstellungen",
        data={"council_required": "y", "council_threshold_eur": "100.000,00"},
    )
    assert response.status_code == 303
    rows = milestones(application_id)  # the plan's 60.000 € stay below the limit
    assert "verwaltungsentscheidung" in rows
    assert "ratsbeschluss" not in rows
    bad = client.post(
        "/organisation/gremien/einstellungen",
        data={"budget_registration": "31.02.", "adopted_years": "zwanzig"},
    )
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "kein Tag im Jahr" in text
    assert "Liste von Jahren" in text


def test_calendar_page_and_feed(client, kommune):
    meet(client, "rat", "2027-03-18")
    meet(client, "rat", "2027-06-10")
    application_id = start(client, kommune["project"])
    page = client.get("/kalender/").get_data(as_text=True)
    assert "März 2027" in page
    assert "Ratsbeschluss" in page
    assert 'href="webcal://' in page
    assert 'data-copy="feed-url"' in page
    account = client.get("/konto/").get_data(as_text=True)
    assert 'href="webcal://' in account
    assert "Adresse kopieren" in account
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
    rat = events["Ratsbeschluss – Quartiersfonds (Stadt Hagen)"]
    assert rat["dtstart"].dt == date(2027, 3, 18)
    assert rat["dtend"].dt == date(2027, 3, 19)
    assert f"/antraege/{application_id}/plan" in str(rat["url"])
    assert all(is_working_day(e["dtstart"].dt, "NW") for e in events.values())
    # The same UIDs on the next fetch; a moved date raises SEQUENCE.
    kfp = "Kosten- und Finanzierungsplan final – Quartiersfonds (Stadt Hagen)"
    client.post(f"/antraege/{application_id}/plan/frist", data={"deadline": "2027-06-30"})
    again = {
        str(e["summary"]): e for e in Calendar.from_ical(client.get(path).get_data()).walk("VEVENT")
    }
    assert again[rat_key(again)]["uid"] == rat["uid"]
    assert int(again[kfp]["sequence"]) == int(events[kfp]["sequence"]) + 1
    # A new address revokes the old one.
    client.post("/konto/kalender/neu")
    assert client.get(path).status_code == 404
    assert client.get("/kalender/1-falsch.ics").status_code == 404
    assert client.get("/kalender/x.ics").status_code == 404


def rat_key(events: dict) -> str:
    return next(k for k in events if k.startswith("Ratsbeschluss"))


def test_a_funders_weekend_deadline_shows_on_the_working_day_before(
    app, client, kommune, write_programme, catalogue_dir
):
    write_programme(
        slug="quartiersfonds",
        title="Quartiersfonds für lebendige Nachbarschaften",
        short_title="Quartiersfonds",
        deadline={"kind": "fixed", "dates": ["2027-01-31"]},  # a Sunday
        applicant_types=["kommune"],
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    start(client, kommune["project"])
    page = client.get("/kalender/").get_data(as_text=True)
    assert "Frist laut Programm: So 31.01.2027" in page
    assert '<span class="day">31.01.2027</span>' not in page  # nothing on the Sunday itself


def test_api_gives_the_feed_url(app, client, kommune):
    from funding_matcher.operations.tokens import create_api_token

    with app.app_context():
        _, token = create_api_token(again(kommune["user"]), again(kommune["org"]))
        db.session.commit()
        token = loaded(token)
    body = client.get(
        "/api/v1/me/calendar", headers={"Authorization": f"Bearer {token}"}
    ).get_json()
    assert body["ics_url"].endswith(".ics")
    assert client.get(body["ics_url"].split("localhost", 1)[1]).status_code == 200
    assert client.get("/api/v1/me/calendar").status_code == 401


def test_watch_list_shows_catalogue_changes_on_the_dashboard(
    app, client, kommune, write_programme, catalogue_dir
):
    write_programme(
        slug="naechste-runde",
        title="Programm zwischen zwei Runden",
        deadline={"kind": "fixed", "dates": ["2026-03-31"]},
    )
    with app.app_context():
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
    with app.app_context():
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
    for path, data in (
        (f"/antraege/{application_id}/plan/frist", {"deadline": "2027-01-01"}),
        (f"/antraege/{application_id}/plan/neu-berechnen", {}),
        ("/organisation/gremien/sitzungen", {"body": "rat", "day": "2027-01-01"}),
        ("/organisation/gremien/import", {"kind": "oparl", "url": "http://127.0.0.1:9/"}),
        ("/organisation/gremien/einstellungen", {"council_required": "y"}),
    ):
        assert client.post(path, data=data).status_code == 403, path
    client.post("/abmelden")
    login(make_user(make_org("Andere"), Role.owner))
    assert client.get(f"/antraege/{application_id}/plan").status_code == 404
    assert client.post(f"/antraege/{application_id}/plan/frist", data={}).status_code == 404


def test_the_dashboard_costs_the_same_queries_for_3_or_12_applications(app, client, kommune):
    """The organisation's inputs are read once per page, so a busy office's dashboard stays as
    quick as a new one's."""
    import sqlalchemy as sa

    def queries_for_dashboard() -> int:
        statements: list[str] = []

        def count(*args) -> None:
            statements.append(args[2])

        # Each request starts from a cold session of its own.
        with app.app_context():
            engine = db.engine
        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get("/").status_code == 200
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    def add_applications(n: int) -> None:
        for i in range(n):
            with app.app_context():
                project = save_profile(
                    again(kommune["org"]),
                    Profile.from_dict(profile_data(applicant_type="kommune", title=f"Projekt {i}")),
                    again(kommune["user"]),
                )
                db.session.commit()
                project = loaded(project)
            start(client, project)

    add_applications(3)
    client.post("/programme/quartiersfonds/merken")
    few = queries_for_dashboard()
    add_applications(9)
    assert queries_for_dashboard() == few


def test_the_programme_page_shows_the_planning_terms_in_german(
    app, client, kommune, write_programme, catalogue_dir
):
    write_programme(
        slug="lotteriefonds",
        level="stiftung",
        start_rule="after_written_commitment",
        apply_lead_days=60,
        requires_municipal_endorsement=True,
        post_award_profile="stiftung_vertrag",
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    page = client.get("/programme/lotteriefonds").get_data(as_text=True)
    assert "<dt>Projektbeginn</dt><dd>erst nach schriftlicher Zusage des Fördergebers</dd>" in page
    assert "mindestens 60 Tage vorher" in page
    assert "<dt>Stellungnahme der Kommune nötig</dt><dd>ja</dd>" in page
    assert "<dt>Ratsbeschluss nötig (Kommune)</dt><dd>unbekannt</dd>" in page
    assert "Förderbedingungen bzw. Fördervertrag des Fördergebers" in page
    for key in ("after_written_commitment", "stiftung_vertrag", "apply_lead_days"):
        assert key not in page


def test_an_implausible_date_is_a_field_error_not_a_crash(client, kommune):
    application_id = start(client, kommune["project"])
    response = client.post(
        f"/antraege/{application_id}/plan/frist", data={"deadline": "0001-01-01"}
    )
    assert response.status_code == 422
    assert "Datum zwischen dem 01.01.1990 und dem 31.12.2100" in response.get_data(as_text=True)
    assert client.get(f"/antraege/{application_id}/plan").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/kalender/").status_code == 200


def test_a_submitted_application_stops_reminding_of_its_submission_steps(app, client, kommune):
    """Once submitted, the steps towards submission leave the dashboard, calendar and feed (the
    plan page keeps them as its history), and the page says when it went in instead of naming
    a next deadline."""
    application_id = start(client, kommune["project"])
    step = milestones(application_id)["einreichung"].title
    before = client.get("/kalender/").get_data(as_text=True)
    assert step in before
    assert "Frist: Quartiersfonds" in before
    with app.app_context():
        for item in db.session.get(Application, application_id).checklist:
            item.done = True
        db.session.commit()
    status = f"/antraege/{application_id}/status"
    client.post(status, data={"status": "in_vorbereitung"})
    submitted = client.post(status, data={"status": "eingereicht", "date": "2026-12-01"})
    assert submitted.status_code == 303
    for path in ("/", "/kalender/"):
        page = client.get(path).get_data(as_text=True)
        assert step not in page, path
        assert "Frist: Quartiersfonds" not in page, path
    page = client.get(f"/antraege/{application_id}").get_data(as_text=True)
    assert "Eingereicht am 01.12.2026" in page
    assert "Nächste Frist" not in page
    plan = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    assert step in plan
    assert "überfällig</span>" not in plan
    assert "mit der Einreichung abgeschlossen" in plan
    listing = client.get("/antraege/").get_data(as_text=True)
    assert "28.05.2027" not in listing
    assert "25.05.2027" not in listing
