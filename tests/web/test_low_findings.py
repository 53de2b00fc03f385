"""The probe's low findings, one test each: German weak passwords, caching, server banner,
strict parsing, German messages, links from BASE_URL, one-line titles, private folders, links
viewers cannot follow, and an OpenAPI document that states the server's limits."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from funding_matcher import create_app
from funding_matcher.cli.server import build_server
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import ProjectProfile, Role
from funding_matcher.operations.projects import save_profile
from funding_matcher.web.api.openapi import openapi_document
from tests.conftest import again, bearer, loaded, profile_data
from tests.web.crawl import crawl
from tests.web.mailbox import free_port
from tests.web.waitress_thread import serving

# -- passwords ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        "Passwort2026!",
        "Sommer2026!!",
        "Quartier2027!",
        "P4ssw0rt2026!",
        "Stadt Hagen 2026!",
        "StadtHagen2027",
        "Hagen-Stadt-2026?",
    ],
)
def test_german_weak_passwords_and_the_organisations_name_are_refused(app, client, password):
    response = client.post(
        "/einrichten",
        data={
            "organisation": "Stadt Hagen",
            "kind": "kommune",
            "email": "chefin@stadt-hagen.de",
            "password": password,
            "password_repeat": password,
        },
    )
    assert "zu leicht zu erraten" in response.get_data(as_text=True), password
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(ProjectProfile.id))) == 0


def test_a_sentence_of_ones_own_words_is_accepted(client):
    password = "Gartenfest im Quartier Hagen"
    response = client.post(
        "/einrichten",
        data={
            "organisation": "Stadt Hagen",
            "kind": "kommune",
            "email": "chefin@stadt-hagen.de",
            "password": password,
            "password_repeat": password,
        },
    )
    assert response.status_code == 302


def test_a_new_password_may_not_be_the_organisations_name(client, login, make_org, make_user):
    organisation = make_org("Diakonie Dortmund", "verband")
    login(make_user(organisation, Role.editor))
    weak = "Diakonie Dortmund 2026"
    response = client.post(
        "/konto/passwort",
        data={
            "current_password": "richtig-langes-passwort",
            "new_password": weak,
            "new_password_repeat": weak,
        },
    )
    assert response.status_code == 422
    assert "zu leicht zu erraten" in response.get_data(as_text=True)


# -- caching and the server banner ------------------------------------------------------------


def test_pages_of_an_organisation_are_never_stored_by_a_cache(
    app, client, login, make_org, make_user, make_application
):
    organisation = make_org()
    user = make_user(organisation, Role.owner)
    application = make_application(organisation, user)
    login(user)
    for path in (
        "/",
        f"/projekte/{application.project_id}",
        f"/antraege/{application.id}",
        f"/antraege/{application.id}/finanzplan",
        f"/antraege/{application.id}/export/xlsx",
        "/organisation/",
        "/organisation/de-minimis",
        "/programme/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path


def test_the_server_does_not_name_its_software(app):
    port = free_port()
    server = build_server(app, "127.0.0.1", port, threads=2)
    url = f"http://127.0.0.1:{port}/anmelden"
    with serving(server), urllib.request.urlopen(url, timeout=10) as answer:
        headers = dict(answer.headers)
    assert "Server" not in headers
    assert "waitress" not in json.dumps(headers).lower()


# -- strict parsing and German messages ----------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("budget_total_eur", True),
        ("own_funds_eur", "1000"),
        ("designated_area", "yes"),
        ("designated_area", 1),
        ("start_date", 0),
        ("start_date", "2027-01-01T00:00:00"),
        ("duration_months", 12.0),
        ("duration_months", "12"),
        ("budget_total_eur", "١٢٠٠٠"),
    ],
)
def test_profiles_are_read_strictly(client, make_org, make_user, field, value):
    organisation = make_org()
    headers = bearer(make_user(organisation, Role.editor), organisation)
    response = client.post("/api/v1/projects", json=profile_data(**{field: value}), headers=headers)
    assert response.status_code == 400, (field, value)
    assert field in response.get_json()["fields"]


def test_arabic_indic_digits_are_no_money_and_no_id(app, client, login, make_org, make_user):
    organisation = make_org()
    user = make_user(organisation, Role.editor)
    with app.app_context():
        project = save_profile(again(organisation), Profile.from_dict(profile_data()), again(user))
        db.session.commit()
        project = loaded(project)
    login(user)
    response = client.post(f"/projekte/{project.id}/schritt/3", data={"budget_total_eur": "١٢٠٠٠"})
    assert response.status_code == 422
    assert "Ziffern 0 bis 9" in response.get_data(as_text=True)
    arabic_id = str(project.id).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert client.get(f"/projekte/{arabic_id}").status_code == 404
    headers = bearer(user, organisation)
    assert client.get(f"/api/v1/projects/{arabic_id}", headers=headers).status_code == 404


def test_messages_are_german_and_well_formatted(client):
    body = json.dumps(profile_data(notiz="x" * 9_000_000))
    response = client.post("/api/v1/match", data=body, headers={"Content-Type": "application/json"})
    message = response.get_json()["fields"]["_"][0]
    size = f"{len(body.encode()):,}".replace(",", ".")
    assert f"({size} Byte, höchstens 2.097.152 Byte)" in message
    listed = client.post("/api/v1/match", json=profile_data(partners=["Partner"] * 51))
    text = json.dumps(listed.get_json(), ensure_ascii=False)
    assert "hat zu viele Einträge (höchstens 50)" in text
    assert "should" not in text
    assert "List" not in text


# -- links, titles, folders ----------------------------------------------------------------------


def test_calendar_links_come_from_base_url_not_the_host_header(client, make_org, make_user):
    organisation = make_org()
    headers = bearer(make_user(organisation, Role.viewer), organisation)
    response = client.get("/api/v1/me/calendar", headers={**headers, "Host": "angreifer.example"})
    assert response.get_json()["ics_url"].startswith("http://localhost/kalender/")


@pytest.mark.parametrize("title", ["Treff\r\nX-Injected: ja", "Zeile eins\nZeile zwei", "A\u2028B"])
def test_line_breaks_in_titles_and_names_are_refused(
    app, client, login, make_org, make_user, title
):
    organisation = make_org()
    user = make_user(organisation, Role.owner)
    headers = bearer(user, organisation)
    api = client.post("/api/v1/projects", json=profile_data(title=title), headers=headers)
    assert api.status_code == 400
    assert "title" in api.get_json()["fields"]
    login(user)
    with app.app_context():
        project = save_profile(again(organisation), Profile.from_dict(profile_data()), again(user))
        db.session.commit()
        project = loaded(project)
    step = client.post(
        f"/projekte/{project.id}/schritt/2",
        data={"title": title, "description": "Ein offener Treff mit Beratung im Quartier."},
    )
    assert step.status_code == 422
    assert "Zeilenumbruch" in step.get_data(as_text=True)
    token = client.post("/konto/tokens", data={"label": title})
    assert token.status_code == 422


def test_instance_folders_are_private_even_when_they_existed(tmp_path, monkeypatch):
    folder = tmp_path / "instanz"
    (folder / "letterheads").mkdir(parents=True)
    folder.chmod(0o755)
    (folder / "letterheads").chmod(0o755)
    monkeypatch.setenv("FUNDING_MATCHER_INSTANCE", str(folder))
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.app_context():
        db.engine.dispose()
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "letterheads").stat().st_mode & 0o777 == 0o700


# -- what viewers see ----------------------------------------------------------------------------

FORM_ACTION = re.compile(r'<form[^>]*method="post"[^>]*action="([^"]+)"')


def test_viewers_see_no_links_or_forms_they_cannot_use(
    app, client, login, make_org, make_user, make_application
):
    """The probe: 69 of 150 links shown to a viewer answered 403."""
    app.config["TODAY"] = "2026-12-01"
    organisation = make_org()
    owner = make_user(organisation, Role.owner)
    make_application(organisation, owner)
    # A profile with gaps: its results list "Angabe fehlt" hints that link into the wizard.
    with app.app_context():
        sparse = {k: v for k, v in profile_data().items() if k not in ("municipality", "area_type")}
        save_profile(again(organisation), Profile.from_dict(sparse), again(owner))
        db.session.commit()
        sparse = loaded(sparse)
    login(make_user(organisation, Role.viewer))
    statuses = crawl(client)
    assert len(statuses) > 20
    assert {path: code for path, code in statuses.items() if code >= 400} == {}
    own_account = ("/konto/", "/abmelden", "/organisation/wechseln")
    for path in statuses:
        page = client.get(path)
        if page.mimetype != "text/html":
            continue
        actions = FORM_ACTION.findall(page.get_data(as_text=True))
        foreign = [a for a in actions if not a.startswith(own_account)]
        assert foreign == [], (path, foreign)


# -- the OpenAPI document ------------------------------------------------------------------------


def test_the_openapi_document_states_the_limits_the_server_enforces():
    document = openapi_document(["testprogramm"])
    schemas = document["components"]["schemas"]
    profile = schemas["Profile"]["properties"]
    assert profile["budget_total_eur"]["anyOf"][0]["maximum"] == 1_000_000_000
    assert profile["start_date"]["anyOf"][0]["pattern"].startswith("^(199")
    assert "pattern" in profile["title"]
    assert schemas["Profile"]["maxProperties"] >= len(profile)
    status = document["paths"]["/api/v1/applications/{application_id}/status"]["post"]
    body = status["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert body["amount_eur"]["maximum"] == 1_000_000_000
    assert body["date"]["pattern"] == profile["start_date"]["anyOf"][0]["pattern"]
    ids = status["parameters"][0]["schema"]
    assert (ids["minimum"], ids["maximum"]) == (1, 999_999_999)
    create = document["paths"]["/api/v1/applications"]["post"]
    programme = create["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert programme["programme"] == {"enum": ["testprogramm"]}
    assert "links" in create["responses"]["201"]
