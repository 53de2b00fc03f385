"""Consultants in the browser: client organisations, access by the consultancy's role, the
overview across clients, switching that never loses work, the Papierkorb, wizard autosave."""

from __future__ import annotations

from datetime import date

import pytest

from funding_matcher.extensions import db
from funding_matcher.models import Application, Organisation, ProjectProfile, Role, TrashEntry
from funding_matcher.operations.trash import purge
from tests.conftest import again, loaded


@pytest.fixture
def consultancy(make_org):
    return make_org("Lange Fördermittelberatung", "beratung")


@pytest.fixture
def petra(consultancy, make_user):
    return make_user(consultancy, Role.owner, email="petra@beratung.de")


def create_client(client, name, kind="verband", state="NI", consultancy_id=None):
    data = {"name": name, "kind": kind, "state": state}
    if consultancy_id is not None:
        data["consultancy"] = str(consultancy_id)
    response = client.post("/organisationen/neu", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    with client.application.app_context():
        return loaded(db.session.scalar(db.select(Organisation).where(Organisation.name == name)))


def test_a_consultant_creates_clients_and_a_colleague_works_for_them(
    app, client, login, consultancy, petra, make_user, make_application
):
    login(petra)
    form = client.get("/organisationen/neu").get_data(as_text=True)
    assert "Lange Fördermittelberatung (als Mandant)" in form
    diakonie = create_client(
        client, "Diakonisches Werk Hannover e. V.", "verband", "NI", consultancy.id
    )
    stadt = create_client(client, "Landeshauptstadt Hannover", "kommune", "NI", consultancy.id)
    assert diakonie.consultancy_id == consultancy.id
    assert diakonie.state == "NI"
    # The new client's organisation page invites its own people.
    page = client.get("/organisation/").get_data(as_text=True)
    assert "Mitglied einladen" in page
    make_application(diakonie)

    colleague = make_user(consultancy, Role.editor, email="murat@beratung.de")
    client.post("/abmelden")
    login(colleague)
    overview = client.get("/mandanten/").get_data(as_text=True)
    assert "Diakonisches Werk Hannover e. V." in overview
    assert "Landeshauptstadt Hannover" in overview
    assert "<td>Idee</td>" in overview  # the application in the client's table
    # The colleague opens the client's application from the overview: switched, no 404.
    client.post("/organisation/wechseln", data={"organisation_id": stadt.id})
    with app.app_context():
        application = loaded(db.session.scalar(db.select(Application)))
    page = client.get(f"/antraege/{application.id}")
    assert page.status_code == 200
    assert "Organisation gewechselt" in page.get_data(as_text=True)
    assert stadt.id != diakonie.id


def test_a_clients_own_people_see_no_other_client(
    client, login, consultancy, petra, make_user, make_application
):
    login(petra)
    diakonie = create_client(client, "Diakonie Hannover", consultancy_id=consultancy.id)
    stadt = create_client(client, "Stadt Hannover", "kommune", consultancy_id=consultancy.id)
    application = make_application(stadt)
    client.post("/abmelden")
    sabine = make_user(diakonie, Role.owner, email="sabine@diakonie.de")
    login(sabine)
    assert client.get(f"/antraege/{application.id}").status_code == 404
    assert client.get("/mandanten/").status_code == 404
    header = client.get("/").get_data(as_text=True)
    assert "Stadt Hannover" not in header
    assert "Lange Fördermittelberatung" not in header.split("<main")[0]


def test_a_consultancy_viewer_cannot_create_clients(app, client, login, consultancy, make_user):
    login(make_user(consultancy, Role.viewer))
    response = client.post(
        "/organisationen/neu",
        data={
            "name": "Neuer Mandant",
            "kind": "verein",
            "state": "BE",
            "consultancy": str(consultancy.id),
        },
    )
    assert response.status_code == 422
    with app.app_context():
        assert (
            db.session.scalar(db.select(Organisation).where(Organisation.name == "Neuer Mandant"))
            is None
        )


def test_the_new_organisation_form_names_each_bad_field(client, login, petra):
    login(petra)
    response = client.post("/organisationen/neu", data={"name": "X", "kind": "", "state": "XX"})
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte die Art der Organisation wählen." in text
    assert (
        "Bundesland" in text and "Keine gültige Auswahl" in text or "Not a valid choice" not in text
    )


def test_a_save_from_a_tab_of_another_organisation_lands_there(
    app, client, login, consultancy, petra, make_application
):
    """Tab A edits the Diakonie's section; tab B switched to the Stadt meanwhile."""
    login(petra)
    diakonie = create_client(client, "Diakonie Hannover", consultancy_id=consultancy.id)
    stadt = create_client(client, "Stadt Hannover", "kommune", consultancy_id=consultancy.id)
    application = make_application(diakonie)
    section = application.sections[0]
    client.get(f"/antraege/{application.id}/abschnitte/{section.key}")  # tab A opens it
    client.post("/organisation/wechseln", data={"organisation_id": stadt.id})  # tab B switches
    saved = client.post(
        f"/antraege/{application.id}/abschnitte/{section.key}/autosave",
        data={"text": "Text aus Tab A", "version": section.version},
        headers={"X-Requested-With": "fetch"},
    )
    assert saved.status_code == 200, saved.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Application, application.id).sections[0].text == "Text aus Tab A"
    # Tab B still works for the Stadt: the save did not switch the session.
    with client.session_transaction() as session:
        assert session["organisation_id"] == stadt.id


def test_a_save_that_cannot_be_applied_shows_the_text_back(
    client, login, make_org, make_user, make_application
):
    other = make_org("Fremde Stadt")
    application = make_application(other)
    login(make_user(make_org("Eigene Stadt")))
    response = client.post(
        f"/antraege/{application.id}/abschnitte/ausgangslage-im-quartier",
        data={"text": "Mein langer Text, der nicht verloren gehen darf.", "version": 1},
    )
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Mein langer Text, der nicht verloren gehen darf." in page
    assert "nicht verloren" in page
    autosave = client.post(
        f"/antraege/{application.id}/abschnitte/ausgangslage-im-quartier/autosave",
        data={"text": "x", "version": 1},
        headers={"X-Requested-With": "fetch"},
    )
    assert autosave.status_code == 404
    assert autosave.is_json


def test_signed_out_autosave_answers_401_json(client, make_org, make_application):
    application = make_application(make_org())
    response = client.post(
        f"/antraege/{application.id}/abschnitte/ausgangslage-im-quartier/autosave",
        data={"text": "x", "version": 1},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 401
    assert response.get_json()["error"] == "Nicht angemeldet"


def test_deleting_an_application_asks_then_the_papierkorb_restores_it(
    app, client, login, make_org, make_user, make_application
):
    organisation = make_org()
    user = make_user(organisation, Role.editor)
    application = make_application(organisation, user)
    login(user)
    show = client.get(f"/antraege/{application.id}").get_data(as_text=True)
    assert "Antrag löschen …" in show
    asked = client.get(f"/antraege/{application.id}/loeschen").get_data(as_text=True)
    assert "Wirklich löschen?" in asked
    assert "30 Tage" in asked
    client.post(f"/antraege/{application.id}/loeschen")  # without the confirmation
    with app.app_context():
        assert db.session.get(Application, application.id).trashed_in_id is None
    done = client.post(f"/antraege/{application.id}/loeschen", data={"confirmed": "ja"})
    assert done.status_code == 303
    client.get("/antraege/")  # the message about the deletion
    assert application.programme_title not in client.get("/antraege/").get_data(as_text=True)
    assert client.get(f"/antraege/{application.id}").status_code == 410
    trash = client.get("/organisation/papierkorb/").get_data(as_text=True)
    assert application.programme_title in trash
    with app.app_context():
        entry = loaded(db.session.scalar(db.select(TrashEntry)))
    assert entry.purge_after == date(2026, 12, 8) or entry.purge_after > date(2026, 1, 1)
    restored = client.post(f"/organisation/papierkorb/{entry.id}/wiederherstellen")
    assert restored.headers["Location"].endswith(f"/antraege/{application.id}")
    assert client.get(f"/antraege/{application.id}").status_code == 200
    with app.app_context():
        assert len(db.session.get(Application, application.id).sections) == 3


def test_the_purge_waits_thirty_days(client, login, app, make_org, make_user, make_application):
    app.config["TODAY"] = "2026-12-01"
    organisation = make_org()
    user = make_user(organisation, Role.editor)
    application = make_application(organisation, user)
    project_id, application_id = application.project_id, application.id
    login(user)
    client.post(f"/projekte/{project_id}/loeschen", data={"confirmed": "ja"})
    with app.app_context():
        assert purge(date(2026, 12, 31)) == 0  # the 30th day: still restorable
        db.session.commit()
        assert db.session.get(ProjectProfile, project_id) is not None
        assert purge(date(2027, 1, 1)) == 1
        db.session.commit()
        assert db.session.get(ProjectProfile, project_id) is None
        assert db.session.get(Application, application_id) is None


def test_a_removed_member_and_a_meeting_come_back_from_the_papierkorb(
    app, client, login, make_org, make_user
):
    organisation = make_org()
    owner = make_user(organisation, Role.owner)
    colleague = make_user(organisation, Role.editor, email="kollegin@stadt.de")
    login(owner)
    with app.app_context():
        membership = next(m for m in again(organisation).memberships if m.user_id == colleague.id)
    client.post(f"/organisation/mitglieder/{membership.id}/entfernen", data={"confirmed": "ja"})
    assert "kollegin@stadt.de" not in client.get("/organisation/").get_data(as_text=True)
    client.post("/organisation/gremien/sitzungen", data={"body": "rat", "day": "2027-03-11"})
    with app.app_context():
        meeting = loaded(
            db.session.scalar(db.select(Organisation).where(Organisation.id == organisation.id))
        )
    from funding_matcher.models import BodyMeeting

    with app.app_context():
        meeting = loaded(db.session.scalar(db.select(BodyMeeting)))
    client.post(f"/organisation/gremien/sitzungen/{meeting.id}/loeschen", data={"confirmed": "ja"})
    with app.app_context():
        assert db.session.scalar(db.select(BodyMeeting)) is None
        entries = db.session.scalars(db.select(TrashEntry)).all()
    for entry in entries:
        client.post(f"/organisation/papierkorb/{entry.id}/wiederherstellen")
    assert "kollegin@stadt.de" in client.get("/organisation/").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(BodyMeeting)).day == date(2027, 3, 11)


def test_wizard_autosave_keeps_invalid_input_and_creates_the_draft_on_first_typing(
    app, client, login, make_org, make_user
):
    organisation = make_org("Diakonie Hannover", "verband")
    with app.app_context():
        again(organisation).state = "NI"
        db.session.commit()
    login(make_user(organisation, Role.editor))
    new = client.get("/projekte/neu").get_data(as_text=True)
    # Prefilled from the organisation.
    assert 'value="Diakonie Hannover"' in new
    assert '<option selected value="freier_traeger">' in new
    assert '<option selected value="NI">' in new
    assert "wird sofort gespeichert" in new
    nothing = client.post("/projekte/neu/autosave", data={}, headers={"X-Requested-With": "fetch"})
    assert nothing.get_json()["saved"] is False
    with app.app_context():
        assert db.session.scalar(db.select(ProjectProfile)) is None
    first = client.post(
        "/projekte/neu/autosave",
        data={"applicant_type": "freier_traeger", "organisation": "Diakonie", "state": ""},
        headers={"X-Requested-With": "fetch"},
    ).get_json()
    assert first["saved"] is True
    assert first["problems"] == 1  # Bundesland missing: kept anyway
    step2 = first["step_url"].replace("schritt/1", "schritt/2")
    second = client.post(
        step2 + "/autosave",
        data={"title": "Nachbarschaftstreff Sahlkamp", "description": "zu kurz"},
        headers={"X-Requested-With": "fetch"},
    ).get_json()
    assert second["problems"] == 1
    page = client.get(step2).get_data(as_text=True)
    assert "Nachbarschaftstreff Sahlkamp" in page
    assert "zu kurz" in page


def test_reminders_say_what_is_missing(client, login, make_org, make_user):
    login(make_user(make_org()))
    page = client.get("/konto/").get_data(as_text=True)
    assert "Erinnerungen sind aus" in page
    assert "kein E-Mail-Versand eingerichtet" in page
    assert "noch nie gelaufen" in page
