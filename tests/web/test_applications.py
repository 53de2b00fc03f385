"""From a match to an application: outline, editing without losing text, checklist, status."""

from __future__ import annotations

import re

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import Application, ApplicationSection, Role
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.projects import save_profile
from tests.conftest import again, loaded, profile_data, running_app


@pytest.fixture
def editor(make_org, make_user, login):
    organisation = make_org("Nachbarn e. V.", "verein")
    user = make_user(organisation, Role.editor)
    login(user)
    return user


@pytest.fixture
def project(app, editor, write_programme, catalogue_dir):
    app.config["TODAY"] = "2026-11-24"
    write_programme(
        slug="quartiersfonds",
        title="Quartiersfonds Nachbarschaft",
        outline_sections=["Situation im Quartier", "Zielgruppen", "Verstetigung"],
        outline_topics=[["ausgangslage"], ["zielgruppen"], ["verstetigung"]],
        requirements=["Stellungnahme der Kommune"],
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        row = save_profile(
            editor.memberships[0].organisation,
            Profile.from_dict(profile_data(target_groups=["aeltere"])),
            editor,
        )
        db.session.commit()
        row = loaded(row)
    return row


def start(client, project, slug="quartiersfonds"):
    response = client.post("/antraege/neu", data={"project_id": project.id, "programme": slug})
    assert response.status_code == 303, response.get_data(as_text=True)
    return int(re.search(r"/antraege/(\d+)$", response.headers["Location"]).group(1))


def section_version(application_id: int, key: str) -> ApplicationSection:
    with running_app().app_context():
        return db.session.scalars(
            db.select(ApplicationSection).where(
                ApplicationSection.application_id == application_id, ApplicationSection.key == key
            )
        ).one()


def test_results_page_offers_to_prepare_an_application(client, project):
    page = client.get(f"/projekte/{project.id}/treffer").get_data(as_text=True)
    assert "Antrag vorbereiten" in page
    application_id = start(client, project)
    page = client.get(f"/antraege/{application_id}").get_data(as_text=True)
    titles = re.findall(r'/abschnitte/[^"]+">([^<]+)</a>', page)
    assert titles == ["Situation im Quartier", "Zielgruppen", "Verstetigung"]
    assert "Entwurf aus Ihren Angaben" in page
    assert "Stellungnahme der Kommune" in page
    assert "Satzung (aktuelle Fassung)" in page
    # Each section asks for what its topics need, in plain German with an example.
    assert "Wen wollen Sie erreichen, wie viele Menschen" in page
    assert "Wie geht es nach der Förderung weiter" in page
    situation = client.get(f"/antraege/{application_id}/abschnitte/situation-im-quartier")
    text = situation.get_data(as_text=True)
    # Without details the description's sentences stand in, each once; no taxonomy label.
    assert "Ein offener Treff mit Beratung, Sprachcafé und Ehrenamtsbörse im Quartier." in text
    assert "Vorschlag aus Ihrem Projektprofil" in text
    section = client.get(f"/antraege/{application_id}/abschnitte/zielgruppen").get_data(
        as_text=True
    )
    assert "Ältere Menschen" not in section


def test_programme_page_starts_an_application_and_a_second_start_finds_it(app, client, project):
    page = client.get("/programme/quartiersfonds").get_data(as_text=True)
    assert f'<option value="{project.id}">' in page
    first = start(client, project)
    response = client.post(
        "/antraege/neu", data={"project_id": project.id, "programme": "quartiersfonds"}
    )
    assert response.headers["Location"].endswith(f"/antraege/{first}")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Application.id))) == 1
    listing = client.get("/antraege/").get_data(as_text=True)
    assert "Quartiersfonds Nachbarschaft" in listing
    assert "48.000,00 €" in listing  # requested: need 54.000 €, at most 80 % of 60.000 €


def test_edited_text_survives_a_reload_and_keeps_its_history(client, project):
    application_id = start(client, project)
    url = f"/antraege/{application_id}/abschnitte/verstetigung"
    response = client.post(
        url, data={"text": "Der Treff wird vom Verein weitergeführt.", "version": 1}
    )
    assert response.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Der Treff wird vom Verein weitergeführt." in page
    assert section_version(application_id, "verstetigung").version == 2
    client.post(url, data={"text": "Zweite Fassung.", "version": 2})
    history = client.get(f"{url}/verlauf").get_data(as_text=True)
    assert "Version 3 (aktuell)" in history
    assert "Der Treff wird vom Verein weitergeführt." in history
    client.post(f"{url}/verlauf/2/wiederherstellen")
    restored = section_version(application_id, "verstetigung")
    assert restored.text == "Der Treff wird vom Verein weitergeführt."
    assert restored.version == 4
    assert not restored.prefilled


def test_two_tabs_get_the_conflict_page_and_nothing_is_overwritten(client, project):
    application_id = start(client, project)
    url = f"/antraege/{application_id}/abschnitte/zielgruppen"
    # Both tabs loaded version 1; the first saves, the second saves on top of version 1.
    assert client.post(url, data={"text": "Tab eins", "version": 1}).status_code == 303
    response = client.post(url, data={"text": "Tab zwei", "version": 1})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Konflikt beim Speichern" in page
    assert "Tab eins" in page
    assert "Tab zwei" in page
    assert section_version(application_id, "zielgruppen").text == "Tab eins"
    # From the conflict page the user can keep their own text as a new version.
    assert client.post(url, data={"text": "Tab zwei", "version": 2}).status_code == 303
    assert section_version(application_id, "zielgruppen").text == "Tab zwei"


def test_autosave_answers_json_and_refuses_stale_versions(client, project):
    application_id = start(client, project)
    url = f"/antraege/{application_id}/abschnitte/zielgruppen/autosave"
    ok = client.post(url, data={"text": "Automatisch", "version": 1})
    assert ok.status_code == 200
    assert ok.get_json() == {"version": 2, "chars": 11}
    stale = client.post(url, data={"text": "Veraltet", "version": 1})
    assert stale.status_code == 409
    assert stale.get_json()["current"]["version"] == 2
    assert section_version(application_id, "zielgruppen").text == "Automatisch"
    assert client.post(url, data={"text": "x", "version": "zwei"}).status_code == 400


def test_missing_required_documents_block_submission(app, client, project):
    application_id = start(client, project)
    url = f"/antraege/{application_id}/status"
    client.post(url, data={"status": "in_vorbereitung"})
    blocked = client.post(url, data={"status": "eingereicht"})
    assert blocked.status_code == 422
    assert "Pflichtunterlagen fehlen" in blocked.get_data(as_text=True)
    assert "Trotzdem als eingereicht erfassen" in blocked.get_data(as_text=True)
    with app.app_context():
        application = loaded(db.session.get(Application, application_id))
    for item in application.checklist:
        if item.required:
            client.post(f"/antraege/{application_id}/checkliste/{item.id}", data={"done": "y"})
    submitted = client.post(
        url, data={"status": "eingereicht", "date": "2026-11-20", "amount_eur": "50.000,00"}
    )
    assert submitted.status_code == 303
    approved = client.post(
        url, data={"status": "bewilligt", "date": "2026-11-24", "amount_eur": "45000"}
    )
    assert approved.status_code == 303
    with app.app_context():
        application = loaded(db.session.get(Application, application_id))
    assert application.status == "bewilligt"
    assert str(application.requested_eur) == "50000.00"
    assert str(application.approved_eur) == "45000.00"
    log = [(e.from_status, e.to_status) for e in application.status_log]
    assert log == [
        ("idee", "in_vorbereitung"),
        ("in_vorbereitung", "eingereicht"),
        ("eingereicht", "bewilligt"),
    ]
    assert all(e.user_id is not None for e in application.status_log)
    page = client.get(f"/antraege/{application_id}").get_data(as_text=True)
    assert "Eingereicht → Bewilligt" in page
    # The amount entered on submission is what was applied for: no longer "vorläufig", here
    # and in the list, and an edit of the project's figures leaves it alone.
    assert "Beantragt: 50.000,00 €" in page
    assert "vorläufig" not in page
    export = client.get(f"/antraege/{application_id}/export/md").get_data(as_text=True)
    assert "50.000,00 €" in export
    assert "50.000,00 € – vorläufig" not in export
    assert "Beantragt laut Einreichung: 50.000,00 €" in export
    assert "vorläufig" not in client.get("/antraege/").get_data(as_text=True)
    with app.app_context():
        from funding_matcher.operations.projects import save_wizard_step

        project_row = again(application.project)
        save_wizard_step(project_row, 3, {**project_row.data, "budget_total_eur": 90000})
        db.session.commit()
        assert str(db.session.get(Application, application_id).requested_eur) == "50000.00"


def test_a_paper_submission_is_recorded_despite_unticked_documents(app, client, project):
    """Submitted on paper: the team records it without ticking every document; the documents
    stay open in the checklist, and nothing else about the rule changes."""
    application_id = start(client, project)
    url = f"/antraege/{application_id}/status"
    client.post(url, data={"status": "in_vorbereitung"})
    recorded = client.post(
        url, data={"status": "eingereicht", "date": "2026-11-20", "despite_missing": "y"}
    )
    assert recorded.status_code == 303
    with app.app_context():
        application = loaded(db.session.get(Application, application_id))
    assert application.status == "eingereicht"
    assert any(item.required and not item.done for item in application.checklist)
    page = client.get(f"/antraege/{application_id}").get_data(as_text=True)
    assert "In der Checkliste nicht abgehakt" in page
    assert "Vor dem Einreichen fehlen" not in page


@pytest.mark.parametrize("amount", ["NaN", "1e400", "abc", "-5", "12,345"])
def test_bad_amounts_get_a_message_not_a_crash(client, project, amount):
    application_id = start(client, project)
    response = client.post(
        f"/antraege/{application_id}/status",
        data={"status": "in_vorbereitung", "amount_eur": amount},
    )
    assert response.status_code == 422
    assert 'class="error"' in response.get_data(as_text=True)


def test_other_organisations_and_viewers(client, login, make_org, make_user, make_application):
    other = make_org("Andere Stadt", "kommune")
    foreign = make_application(other)
    own_org = make_org("Eigene Stadt", "kommune")
    viewer = make_user(own_org, Role.viewer)
    mine = make_application(own_org, slug="zweites")
    login(make_user(own_org, Role.editor))
    for path in (
        f"/antraege/{foreign.id}",
        f"/antraege/{foreign.id}/abschnitte/zielgruppen",
        f"/antraege/{foreign.id}/abschnitte/zielgruppen/verlauf",
    ):
        assert client.get(path).status_code == 404, path
    for path in (
        f"/antraege/{foreign.id}/status",
        f"/antraege/{foreign.id}/loeschen",
        f"/antraege/{foreign.id}/abschnitte/zielgruppen/autosave",
        f"/antraege/{foreign.id}/checkliste/{foreign.checklist[0].id}",
    ):
        assert client.post(path, data={"status": "eingereicht"}).status_code == 404, path
    client.post("/abmelden")
    login(viewer)
    assert client.get(f"/antraege/{mine.id}").status_code == 200
    assert client.get(f"/antraege/{mine.id}/abschnitte/zielgruppen").status_code == 200
    for path in (
        f"/antraege/{mine.id}/status",
        f"/antraege/{mine.id}/abschnitte/zielgruppen",
        f"/antraege/{mine.id}/abschnitte/zielgruppen/autosave",
        f"/antraege/{mine.id}/checkliste/{mine.checklist[0].id}",
        "/antraege/neu",
    ):
        assert client.post(path, data={"text": "x", "version": 1}).status_code == 403, path


def test_tokens_on_the_account_page_are_shown_once_and_revocable(client, editor):
    response = client.post("/konto/tokens", data={"label": "DMS"})
    assert response.status_code == 201
    token = re.search(r'id="new-token">(fm_[^<]+)<', response.get_data(as_text=True)).group(1)
    page = client.get("/konto/").get_data(as_text=True)
    assert token not in page
    assert token[:10] in page
    assert (
        client.get(
            "/api/v1/projects/999999", headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 404
    )
    token_id = int(re.search(r"/konto/tokens/(\d+)/widerrufen", page).group(1))
    client.post(f"/konto/tokens/{token_id}/widerrufen")
    assert (
        client.get(
            "/api/v1/projects/999999", headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 401
    )
