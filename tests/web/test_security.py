"""Hardening: every finding of the probe has a test here (headers, sessions, passwords, sign-in
throttling, JSON edge cases, numbers, files)."""

from __future__ import annotations

import io
import json
import time

import pytest

from funding_matcher import create_app
from funding_matcher.extensions import db
from funding_matcher.models import ProjectProfile, Role, ThrottleCounter
from tests.conftest import PASSWORD, loaded, profile_data

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
)


@pytest.mark.parametrize(
    "path", ["/anmelden", "/static/app.css", "/api/openapi.json", "/gibt-es-nicht"]
)
def test_security_headers_on_every_kind_of_response(client, path):
    with client.get(path) as response:
        headers = response.headers
    for header in SECURITY_HEADERS:
        assert header in headers, (path, header)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in headers


def test_https_switches_on_hsts_and_secure_cookies(make_app):
    app = make_app(SECRET_KEY="t", HTTPS=True, TESTING=True)
    response = app.test_client().get("/anmelden")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_405_names_the_allowed_methods(client):
    response = client.get("/api/v1/match")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert client.delete("/anmelden").headers["Allow"]


# -- sessions and passwords ------------------------------------------------------------------------


def test_a_copied_session_cookie_stops_working_after_logout(app, make_org, make_user):
    user = make_user(make_org(), Role.editor)
    browser, thief = app.test_client(), app.test_client()
    browser.post("/anmelden", data={"email": user.email, "password": PASSWORD})
    cookie = browser.get_cookie("session")
    thief.set_cookie("session", cookie.value)
    assert thief.get("/projekte/").status_code == 200
    browser.post("/abmelden")
    assert thief.get("/projekte/").status_code == 302


def test_a_new_password_ends_all_other_sessions(app, make_org, make_user):
    user = make_user(make_org(), Role.editor)
    here, elsewhere = app.test_client(), app.test_client()
    for client in (here, elsewhere):
        client.post("/anmelden", data={"email": user.email, "password": PASSWORD})
    new = "Neues Passwort fürs Quartiersbüro"
    response = here.post(
        "/konto/passwort",
        data={"current_password": PASSWORD, "new_password": new, "new_password_repeat": new},
    )
    assert response.status_code == 303
    assert here.get("/projekte/").status_code == 200
    assert elsewhere.get("/projekte/").status_code == 302
    wrong = here.post(
        "/konto/passwort",
        data={"current_password": "falsch", "new_password": new, "new_password_repeat": new},
    )
    assert wrong.status_code == 422


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("aaaaaaaaaa", "mindestens 12 Zeichen"),
        ("1234567890", "mindestens 12 Zeichen"),
        (" " * 12, "Bitte ein Passwort wählen"),
        ("aaaaaaaaaaaaaa", "zu leicht zu erraten"),
        ("123456789012", "zu leicht zu erraten"),
        ("passwort1234", "zu leicht zu erraten"),
        ("chefin@stadt-hagen.de", "E-Mail-Adresse"),
    ],
)
def test_weak_passwords_are_refused_at_setup(client, password, message):
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
    assert message in response.get_data(as_text=True)


def test_unknown_addresses_take_as_long_as_known_ones(
    client, make_org, make_user, production_password_hashing
):
    user = make_user(make_org(), Role.editor)

    def timed(email: str) -> float:
        start = time.perf_counter()
        client.post("/anmelden", data={"email": email, "password": "falsch-aber-lang"})
        return time.perf_counter() - start

    known = min(timed(user.email) for _ in range(3))
    unknown = min(timed("niemand@example.org") for _ in range(3))
    # Both verify an argon2 hash; before the fix the unknown address answered 20x faster.
    assert unknown > 0.5 * known


# -- sign-in throttling ----------------------------------------------------------------------------


def test_guessing_a_password_is_slowed_down(app, client, make_org, make_user):
    user = make_user(make_org(), Role.editor)
    for _ in range(5):
        assert (
            client.post("/anmelden", data={"email": user.email, "password": "falsch"}).status_code
            == 401
        )
    blocked = client.post("/anmelden", data={"email": user.email, "password": PASSWORD})
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) >= 1
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in blocked.get_data(as_text=True)
    # When the wait is over, the right password works again.
    with app.app_context():
        for row in db.session.scalars(db.select(ThrottleCounter)):
            row.blocked_until = time.time() - 1
        db.session.commit()
    assert (
        client.post("/anmelden", data={"email": user.email, "password": PASSWORD}).status_code
        == 302
    )


def test_one_address_trying_many_accounts_is_slowed_down(client, make_org, make_user):
    user = make_user(make_org(), Role.editor)
    for n in range(21):
        client.post("/anmelden", data={"email": f"probe{n}@example.org", "password": "falsch"})
    assert (
        client.post("/anmelden", data={"email": user.email, "password": PASSWORD}).status_code
        == 429
    )


def test_guessing_api_tokens_is_slowed_down(client):
    headers = {"Authorization": "Bearer fm_" + "x" * 43}
    statuses = [client.get("/api/v1/projects/1", headers=headers).status_code for _ in range(22)]
    assert statuses[0] == 401
    assert statuses[-1] == 429


# -- JSON and numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "?top=%C2%B2",
        "?top=0",
        "?today=9999-12-31",
        "?today=",
        "?today=2026-13-01",
        "?today=1800-01-01",
    ],
)
def test_bad_match_options_are_400_not_500(client, query):
    response = client.post(f"/api/v1/match{query}", json=profile_data())
    assert response.status_code == 400
    assert response.get_json()["fields"]


@pytest.mark.parametrize(
    "body",
    [
        "[" * 3000 + "]" * 3000,
        '{"title": "Treff", "extra": ' + "[" * 40 + "]" * 40 + "}",
        json.dumps(profile_data(budget_total_eur=1)).replace("1", "1e309", 1),
        json.dumps(profile_data()).replace('"NW"', '"NW", "budget_total_eur": Infinity'),
        json.dumps(profile_data()).replace('"NW"', '"NW", "budget_total_eur": NaN'),
        json.dumps(profile_data()).replace('"NW"', '"NW", "notiz": "\\ud800"'),
    ],
)
def test_hostile_json_bodies_get_400(client, body):
    response = client.post("/api/v1/match", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.is_json


def test_profile_import_refuses_lone_surrogates_so_export_never_fails(
    app, client, login, make_org, make_user
):
    login(make_user(make_org(), Role.editor))
    raw = json.dumps(profile_data()).replace('"NW"', '"NW", "notiz": "\\udc80"')
    response = client.post(
        "/projekte/importieren",
        data={"file": (io.BytesIO(raw.encode()), "profil.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(ProjectProfile.id))) == 0
    assert "ungültige Zeichen" in client.get("/projekte/").get_data(as_text=True)


def test_budget_numbers_are_finite_and_minus_zero_is_zero(app, client, login, make_org, make_user):
    login(make_user(make_org(), Role.editor))
    client.post("/projekte/neu", data={"applicant_type": "verein", "state": "NW"})
    with app.app_context():
        project = loaded(db.session.scalars(db.select(ProjectProfile)).one())
    for bad in ("NaN", "Infinity", "1e309"):
        response = client.post(f"/projekte/{project.id}/schritt/3", data={"budget_total_eur": bad})
        assert response.status_code == 422, bad
    client.post(f"/projekte/{project.id}/schritt/3", data={"budget_total_eur": "-0"})
    with app.app_context():
        stored = db.session.get(ProjectProfile, project.id).data["budget_total_eur"]
    assert stored == 0
    assert str(stored) in ("0", "0.0")


def test_extra_fields_are_bounded(client):
    extra = {f"feld{n}": "x" for n in range(60)}
    response = client.post("/api/v1/match", json=profile_data(**extra))
    assert response.status_code == 400


# -- files --------------------------------------------------------------------------------


def test_sqlite_file_and_instance_folder_are_private(tmp_path, monkeypatch):
    from flask_migrate import upgrade

    folder = tmp_path / "instanz"
    monkeypatch.setenv("FUNDING_MATCHER_INSTANCE", str(folder))
    monkeypatch.delenv("FUNDING_MATCHER_DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    assert (folder / "funding_matcher.db").stat().st_mode & 0o777 == 0o600
    assert (folder / "secret_key").stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
