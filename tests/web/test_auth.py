from funding_matcher.models import Role
from funding_matcher.operations.accounts import find_user, has_any_user, memberships
from funding_matcher.operations.catalogue import sync_catalogue
from tests.conftest import PASSWORD, loaded


def test_empty_database_offers_first_setup(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/einrichten")
    assert "Willkommen beim Fördermittel-Matcher" in client.get("/einrichten").get_data(True)


def test_first_setup_creates_organisation_and_owner_and_signs_in(app, client):
    response = client.post(
        "/einrichten",
        data={
            "organisation": "Stadt Hagen",
            "kind": "kommune",
            "name": "Petra Muster",
            "email": "Petra.Muster@Hagen.de",
            "password": PASSWORD,
            "password_repeat": PASSWORD,
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Stadt Hagen" in page
    assert "Verwalten" in page
    with app.app_context():
        user = loaded(find_user("petra.muster@hagen.de"))
    assert user.password_hash.startswith("$argon2")
    with app.app_context():
        assert memberships(user)[0].role is Role.owner
    # once an account exists, the setup page is closed
    assert client.get("/einrichten").status_code == 302


def test_setup_keeps_input_and_names_the_field_on_error(app, client):
    response = client.post(
        "/einrichten",
        data={
            "organisation": "Caritas Hagen",
            "kind": "verband",
            "email": "keine-adresse",
            "password": "kurz",
            "password_repeat": "kurz",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="Caritas Hagen"' in page
    assert "mindestens 12 Zeichen" in page
    with app.app_context():
        assert not has_any_user()


def test_login_with_wrong_password_is_refused_with_a_message(client, make_org, make_user):
    user = make_user(make_org())
    response = client.post("/anmelden", data={"email": user.email, "password": "falsch-falsch"})
    assert response.status_code == 401
    assert "E-Mail-Adresse oder Passwort ist falsch." in response.get_data(as_text=True)
    assert client.get("/projekte/").status_code == 302  # still signed out


def test_login_and_logout(client, make_org, make_user, login_with_form):
    user = make_user(make_org("Diakonie Dortmund", "verband"))
    login_with_form(user)
    assert "Diakonie Dortmund" in client.get("/").get_data(as_text=True)
    client.post("/abmelden")
    assert client.get("/projekte/").status_code == 302


def test_login_redirect_stays_on_this_site(client, make_org, make_user):
    user = make_user(make_org())
    response = client.post(
        "/anmelden?next=https://evil.example/", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_csrf_protection_is_on_outside_tests(make_app):
    app = make_app()
    assert app.config["WTF_CSRF_ENABLED"] is True
    response = app.test_client().post("/anmelden", data={"email": "a@b.de", "password": "x"})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_secret_key_is_generated_once_and_kept(make_app, instance_dir):
    first = make_app().config["SECRET_KEY"]
    second = make_app().config["SECRET_KEY"]
    assert first == second
    assert len(first) >= 32
    assert (instance_dir / "secret_key").stat().st_mode & 0o077 == 0


def test_start_page_counts_reviewed_programmes_only(app, client, login, make_org, make_user):
    from funding_matcher.domain.catalogue.records import Programme
    from funding_matcher.extensions import db
    from tests.conftest import programme_data

    with app.app_context():
        sync_catalogue(
            [
                Programme.model_validate(programme_data()),
                Programme.model_validate(programme_data(slug="entwurf", status="draft")),
            ]
        )
        db.session.commit()
    login(make_user(make_org()))
    assert "Förderprogramme durchsuchen (1)" in client.get("/").get_data(as_text=True)
