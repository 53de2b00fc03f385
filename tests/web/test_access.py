"""Each organisation sees only its own objects; viewers cannot change anything."""

import io
import json

import pytest

from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import ProjectProfile, Role
from funding_matcher.operations.accounts import add_member
from funding_matcher.operations.projects import save_profile
from tests.conftest import again, loaded, profile_data


@pytest.fixture
def two_orgs(app, make_org, make_user):
    a, b = make_org("Stadt A"), make_org("Verband B", "verband")
    with app.app_context():
        project_b = save_profile(b, Profile.from_dict(profile_data(title="Projekt B")))
        db.session.commit()
        project_b = loaded(project_b)
    return {
        "a": a,
        "b": b,
        "user_a": make_user(a),
        "project_b": project_b.id,
        "viewer_b": make_user(b, Role.viewer),
        "editor_b": make_user(b, Role.editor),
    }


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/projekte/{id}"),
        ("get", "/projekte/{id}/profil.json"),
        ("post", "/projekte/{id}/loeschen"),
    ],
)
def test_other_organisations_objects_answer_404(app, client, login, two_orgs, method, path):
    login(two_orgs["user_a"])
    response = getattr(client, method)(path.format(id=two_orgs["project_b"]))
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(ProjectProfile, again(two_orgs["project_b"])) is not None


def test_project_list_shows_only_own_projects(client, login, two_orgs):
    login(two_orgs["user_a"])
    assert "Projekt B" not in client.get("/projekte/").get_data(as_text=True)


def test_viewer_reads_but_cannot_change(app, client, login, two_orgs):
    login(two_orgs["viewer_b"])
    project = two_orgs["project_b"]
    assert client.get(f"/projekte/{project}").status_code == 200
    assert client.post(f"/projekte/{project}/loeschen").status_code == 403
    upload = {"file": (io.BytesIO(json.dumps(profile_data()).encode()), "p.json")}
    assert client.post("/projekte/importieren", data=upload).status_code == 403
    with app.app_context():
        assert db.session.get(ProjectProfile, project) is not None


def test_editor_can_delete_after_confirming(app, client, login, two_orgs):
    login(two_orgs["editor_b"])
    project = two_orgs["project_b"]
    asked = client.post(f"/projekte/{project}/loeschen")  # one click only asks
    assert "Wirklich löschen?" in asked.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(ProjectProfile, project).trashed_in_id is None
    response = client.post(f"/projekte/{project}/loeschen", data={"confirmed": "ja"})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(ProjectProfile, project).trashed_in_id is not None
    assert client.get(f"/projekte/{project}").status_code == 410


def test_consultant_switches_between_organisations(app, client, login, make_user, two_orgs):
    consultant = make_user(two_orgs["a"], Role.editor)
    with app.app_context():
        add_member(again(consultant), again(two_orgs["b"]), Role.viewer)
        db.session.commit()
    login(consultant)
    project = two_orgs["project_b"]
    client.post("/organisation/wechseln", data={"organisation_id": two_orgs["a"].id})
    # A link to an object of another of their organisations switches there and says so.
    page = client.get(f"/projekte/{project}")
    assert page.status_code == 200
    assert "Organisation gewechselt" in page.get_data(as_text=True)
    assert "jetzt <strong>Verband B</strong> (vorher: Stadt A)" in page.get_data(as_text=True)
    # ... and the next page works there without a further note.
    next_page = client.get(f"/projekte/{project}").get_data(as_text=True)
    assert "Organisation gewechselt" not in next_page


def test_cannot_switch_into_a_foreign_organisation(client, login, two_orgs):
    login(two_orgs["user_a"])
    response = client.post("/organisation/wechseln", data={"organisation_id": two_orgs["b"].id})
    assert response.status_code == 404


def test_import_and_export_profile_round_trip(client, login, make_org, make_user):
    login(make_user(make_org()))
    data = profile_data(partners=["Kita Regenbogen"])
    upload = {"file": (io.BytesIO(json.dumps(data).encode()), "profil.json")}
    response = client.post("/projekte/importieren", data=upload)
    assert response.status_code == 302
    exported = client.get(response.headers["Location"] + "/profil.json")
    assert exported.get_json() == data


def test_import_of_a_bad_profile_names_the_field_and_stores_nothing(
    app, client, login, make_org, make_user
):
    login(make_user(make_org()))
    bad = profile_data(themes=["quartiersarbeit"])
    upload = {"file": (io.BytesIO(json.dumps(bad).encode()), "profil.json")}
    page = client.post("/projekte/importieren", data=upload, follow_redirects=True)
    assert "themes" in page.get_data(as_text=True)
    assert "quartiersarbeit" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(ProjectProfile).count() == 0


def test_oversized_upload_is_refused(client, login, make_org, make_user, app):
    login(make_user(make_org()))
    app.config["MAX_CONTENT_LENGTH"] = 1024
    upload = {"file": (io.BytesIO(b" " * 4096), "gross.json")}
    response = client.post("/projekte/importieren", data=upload)
    assert response.status_code == 413
    assert "zu groß" in response.get_data(as_text=True)
