"""api-v1 with tokens: projects, applications, sections, status; 401, 403, 404 and 4xx."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from funding_matcher.extensions import db
from funding_matcher.models import ApiToken, ProjectProfile, Role
from tests.conftest import bearer, profile_data


@pytest.fixture
def org(make_org):
    return make_org("Stadt Hagen", "kommune")


@pytest.fixture
def editor(org, make_user):
    return bearer(make_user(org, Role.editor), org)


@pytest.fixture
def viewer(org, make_user):
    return bearer(make_user(org, Role.viewer), org)


@pytest.fixture
def programme(app, write_programme, catalogue_dir):
    from funding_matcher.domain.catalogue.files import load_catalogue
    from funding_matcher.operations.catalogue import sync_catalogue

    app.config["TODAY"] = "2026-11-24"
    write_programme(slug="quartiersfonds", outline_sections=["Ausgangslage", "Zielgruppen"])
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    return "quartiersfonds"


def new_application(client, headers, programme) -> dict:
    project = client.post("/api/v1/projects", json=profile_data(), headers=headers)
    assert project.status_code == 201, project.get_json()
    response = client.post(
        "/api/v1/applications",
        json={"project_id": project.get_json()["id"], "programme": programme},
        headers=headers,
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer fm_falsch",
        "Bearer fm_" + "a" * 43,
        "Basic dXNlcjpwYXNz",
        "bearer " + "x" * 5000,
    ],
)
def test_missing_or_unknown_tokens_answer_401(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/projects/1", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "API-Token" in response.get_json()["message"]


def test_revoked_token_answers_401(app, client, org, make_user):
    user = make_user(org, Role.editor)
    headers = bearer(user, org)
    assert client.get("/api/v1/projects/1", headers=headers).status_code == 404
    with app.app_context():
        for row in db.session.scalars(db.select(ApiToken)):
            row.revoked_at = db.func.now()
        db.session.commit()
    assert client.get("/api/v1/projects/1", headers=headers).status_code == 401


def test_project_round_trip_and_isolation(client, editor, make_org, make_user):
    created = client.post("/api/v1/projects", json=profile_data(), headers=editor)
    assert created.status_code == 201
    body = created.get_json()
    assert body["profile"]["title"] == profile_data()["title"]
    assert client.get(f"/api/v1/projects/{body['id']}", headers=editor).get_json() == body
    other = make_org("Verband B", "verband")
    stranger = bearer(make_user(other, Role.owner), other)
    assert client.get(f"/api/v1/projects/{body['id']}", headers=stranger).status_code == 404


def test_bad_profile_names_the_field(client, editor):
    response = client.post(
        "/api/v1/projects", json=profile_data(state="XX", title="A"), headers=editor
    )
    assert response.status_code == 400
    assert set(response.get_json()["fields"]) == {"state", "title"}


def test_a_nul_character_is_refused_with_the_field_before_it_reaches_the_database(
    app, client, editor
):
    response = client.post(
        "/api/v1/projects", json=profile_data(title="Treff\x00punkt"), headers=editor
    )
    assert response.status_code == 400
    assert "Nullzeichen" in " ".join(response.get_json()["fields"]["title"])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ProjectProfile)) == 0


def test_application_shape_and_section_editing(client, editor, programme):
    application = new_application(client, editor, programme)
    assert application["status"] == "idee"
    assert application["programme"] == "quartiersfonds"
    assert application["next_deadline"] == "2027-09-30"
    assert [s["key"] for s in application["sections"]] == ["ausgangslage", "zielgruppen"]
    assert {"key", "title", "text", "guidance", "limit", "version"} <= set(
        application["sections"][0]
    )
    assert {
        k: v for k, v in application["checklist"][3].items() if k in ("key", "title", "required")
    } == {"key": "satzung", "title": "Satzung (aktuelle Fassung)", "required": True}
    url = f"/api/v1/applications/{application['id']}/sections/zielgruppen"
    saved = client.patch(url, json={"text": "Familien im Quartier", "version": 1}, headers=editor)
    assert saved.status_code == 200
    assert saved.get_json() == {"key": "zielgruppen", "text": "Familien im Quartier", "version": 2}
    stale = client.patch(url, json={"text": "Überschreiben?", "version": 1}, headers=editor)
    assert stale.status_code == 409
    assert stale.get_json()["current"] == {"text": "Familien im Quartier", "version": 2}
    again = client.get(f"/api/v1/applications/{application['id']}", headers=editor).get_json()
    assert again["sections"][1]["text"] == "Familien im Quartier"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": 5, "version": 1}, "text"),
        ({"text": "x", "version": "1"}, "version"),
        ({"text": "x"}, "version"),
        ({"text": "x", "version": 1, "extra": True}, "extra"),
        ({"text": "x" * 200_001, "version": 1}, "text"),
    ],
)
def test_bad_section_bodies_name_the_field(client, editor, programme, body, field):
    application = new_application(client, editor, programme)
    response = client.patch(
        f"/api/v1/applications/{application['id']}/sections/zielgruppen", json=body, headers=editor
    )
    assert response.status_code == 400
    assert field in response.get_json()["fields"]


def test_viewer_reads_but_cannot_change(client, editor, viewer, programme):
    application = new_application(client, editor, programme)
    base = f"/api/v1/applications/{application['id']}"
    assert client.get(base, headers=viewer).status_code == 200
    assert client.post("/api/v1/projects", json=profile_data(), headers=viewer).status_code == 403
    assert (
        client.patch(
            f"{base}/sections/zielgruppen", json={"text": "x", "version": 1}, headers=viewer
        )
    ).status_code == 403
    assert (
        client.post(
            f"{base}/status", json={"status": "in_vorbereitung"}, headers=viewer
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/api/v1/applications",
            json={"project_id": application["project_id"], "programme": programme},
            headers=viewer,
        ).status_code
        == 403
    )


def test_other_organisations_ids_answer_404(client, editor, programme, make_org, make_user):
    application = new_application(client, editor, programme)
    other = make_org("Verband B", "verband")
    stranger = bearer(make_user(other, Role.owner), other)
    base = f"/api/v1/applications/{application['id']}"
    assert client.get(base, headers=stranger).status_code == 404
    assert (
        client.patch(
            f"{base}/sections/zielgruppen", json={"text": "x", "version": 1}, headers=stranger
        )
    ).status_code == 404
    assert (
        client.post(f"{base}/status", json={"status": "idee"}, headers=stranger).status_code == 404
    )
    foreign_project = client.post(
        "/api/v1/applications",
        json={"project_id": application["project_id"], "programme": programme},
        headers=stranger,
    )
    assert foreign_project.status_code == 404


def test_status_changes_and_their_refusals(client, editor, programme):
    application = new_application(client, editor, programme)
    url = f"/api/v1/applications/{application['id']}/status"
    unknown = client.post(url, json={"status": "genehmigt"}, headers=editor)
    assert unknown.status_code == 422
    assert "unbekannter Status" in unknown.get_json()["fields"]["status"][0]
    assert client.post(url, json={"status": 7}, headers=editor).status_code == 400
    assert (
        client.post(
            url, json={"status": "eingereicht", "date": "morgen"}, headers=editor
        ).status_code
        == 400
    )
    assert (
        client.post(
            url, json={"status": "eingereicht", "amount_eur": "viel"}, headers=editor
        ).status_code
        == 400
    )
    blocked = client.post(url, json={"status": "eingereicht", "date": "2026-11-20"}, headers=editor)
    assert blocked.status_code == 422
    assert "Pflichtunterlagen fehlen" in blocked.get_json()["fields"]["status"][0]
    moved = client.post(url, json={"status": "in_vorbereitung"}, headers=editor)
    assert moved.status_code == 200
    assert moved.get_json()["status"] == "in_vorbereitung"
    assert moved.get_json()["status_log"][0]["to"] == "in_vorbereitung"


def test_application_requests_that_are_refused(client, editor, programme):
    project = client.post("/api/v1/projects", json=profile_data(), headers=editor).get_json()
    cases = [
        ({"project_id": project["id"], "programme": "gibt-es-nicht"}, 400),
        ({"project_id": "1", "programme": programme}, 400),
        ({"programme": programme}, 400),
        ({"project_id": 999999, "programme": programme}, 404),
    ]
    for body, status in cases:
        assert client.post("/api/v1/applications", json=body, headers=editor).status_code == status
    first = client.post(
        "/api/v1/applications",
        json={"project_id": project["id"], "programme": programme},
        headers=editor,
    )
    assert first.status_code == 201
    again = client.post(
        "/api/v1/applications",
        json={"project_id": project["id"], "programme": programme},
        headers=editor,
    )
    assert again.status_code == 409
    assert again.get_json()["id"] == first.get_json()["id"]


def test_cli_creates_a_token_that_works(cli, client, org, make_user):
    user = make_user(org, Role.editor)
    result = cli(["token", "create", user.email, "--org", "Stadt Hagen", "--label", "Skript"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("fm_")
    assert (
        client.get(
            "/api/v1/projects/424242", headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 404
    )
    listed = cli(["token", "list", user.email]).output
    assert token not in listed
    assert token[:10] in listed
    bad = cli(["token", "create", "niemand@example.org", "--org", "Stadt Hagen"])
    assert bad.exit_code == 2
