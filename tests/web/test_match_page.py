"""The results page: funding mix with one click to the application, exclusions by reason."""

from __future__ import annotations

import re

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import Application, Role
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.projects import save_profile
from tests.conftest import PASSWORD, loaded, profile_data


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
        slug="landesprogramm",
        title="Landesprogramm Nachbarschaft",
        short_title="Landesprogramm",
        description="Gefördert werden Nachbarschaftstreffs mit Beratung, Sprachcafé und "
        "Ehrenamtsbörse im Quartier.",
        funding_rate_max_percent=70,
        amount_min_eur=None,
        amount_max_eur=None,
    )
    write_programme(
        slug="treffpunkte",
        title="Treffpunkte im Quartier",
        short_title="Treffpunkte",
        funder="Stiftung Treff",
        level="stiftung",
        amount_min_eur=None,
        amount_max_eur=6000,
        amount_max_per="jahr",
        funding_rate_max_percent=50,
    )
    write_programme(
        slug="lotterie",
        title="Soziallotterie Nachbarschaft",
        short_title="Soziallotterie",
        funder="Lotterie",
        level="stiftung",
        amount_min_eur=None,
        amount_max_eur=None,  # no published maximum: no co-funder with a planned figure
        not_combinable_with=["treffpunkte"],
    )
    for i in range(4):
        write_programme(
            slug=f"bayern-{i}",
            title=f"Bayerisches Programm {i}",
            short_title=f"Bayerisches Programm {i}",
            states=["BY"],
        )
    write_programme(slug="dorf", title="Dorfprogramm", area_types=["rural"])
    return synced_project(app, editor, catalogue_dir)


def synced_project(app, editor, catalogue_dir):
    """The written catalogue loaded, and a project of 60.000 € with 6.000 € own funds."""
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        row = save_profile(
            editor.memberships[0].organisation,
            Profile.from_dict(profile_data(budget_total_eur=60000, own_funds_eur=6000)),
            editor,
        )
        db.session.commit()
        return loaded(row)


def test_results_page_shows_conflicts_mix_and_exclusions_by_reason(client, project):
    page = client.get(f"/projekte/{project.id}/treffer").get_data(as_text=True)
    assert "Nicht kombinierbar mit: Treffpunkte (laut Fördergeber)" in page
    assert "Nicht kombinierbar mit: Soziallotterie (laut Fördergeber)" in page
    mix = page.split('id="finanzierung"')[1].split("<h2")[0]
    assert "Hauptförderung" in mix
    assert "Landesprogramm" in mix
    assert "Kofinanzierung" in mix
    assert "Treffpunkte" in mix
    assert "Soziallotterie" not in mix  # excludes the co-funder already chosen
    assert "Antrag für Landesprogramm öffnen (mit 1 weiteren Förderern)" in mix
    excluded = page.split('id="ausgeschlossen"')[1]
    assert "Nur für andere Länder: 4" in excluded
    assert "Nur für ländliche Räume: 1" in excluded
    assert "Knapp ausgeschlossen" in excluded
    assert "Bayerisches Programm 0" not in excluded  # only counted by default
    assert "Alle 5 ausgeschlossenen Programme mit Gründen anzeigen" in excluded


def test_all_exclusions_are_listed_page_by_page_on_request(client, project):
    page = client.get(f"/projekte/{project.id}/treffer?ausgeschlossen=alle").get_data(as_text=True)
    excluded = page.split('id="ausgeschlossen"')[1]
    assert "Seite 1 von 1" in excluded
    assert all(f"Bayerisches Programm {i}</a>: Nur für Bayern" in excluded for i in range(4))


def test_one_click_opens_the_main_application_with_the_cofunders_planned(app, client, project):
    response = client.post(
        f"/projekte/{project.id}/treffer/finanzierung", data={"main": "landesprogramm"}
    )
    assert response.status_code == 303
    application_id = int(re.search(r"/antraege/(\d+)$", response.headers["Location"]).group(1))
    with app.app_context():
        application = loaded(db.session.get(Application, application_id))
    assert application.programme_slug == "landesprogramm"
    assert application.planned_financing == [
        {
            "kind": "foundation_grant",
            "label": "Treffpunkte",
            "programme": "treffpunkte",
            "amount_eur": 12000.0,
            "status": "geplant",
        }
    ]
    # A second click opens the same application and refreshes the plan.
    again = client.post(
        f"/projekte/{project.id}/treffer/finanzierung", data={"main": "landesprogramm"}
    )
    assert again.headers["Location"] == response.headers["Location"]


def test_a_stale_proposal_is_not_applied(app, client, project):
    response = client.post(
        f"/projekte/{project.id}/treffer/finanzierung", data={"main": "treffpunkte"}
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/treffer#finanzierung")
    with app.app_context():
        assert db.session.scalars(db.select(Application)).all() == []


def test_viewers_cannot_open_the_application(app, project, make_user):
    viewer = make_user(project.organisation, Role.viewer, email="leser@example.org")
    client = app.test_client()
    signed_in = client.post("/anmelden", data={"email": viewer.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    response = client.post(
        f"/projekte/{project.id}/treffer/finanzierung", data={"main": "landesprogramm"}
    )
    assert response.status_code == 403


def test_a_main_programme_without_a_published_amount_is_to_be_asked_on_page_and_api(
    app, client, editor, write_programme, catalogue_dir
):
    app.config["TODAY"] = "2026-11-24"
    write_programme(
        slug="ohne-betrag",
        title="Landesprogramm Nachbarschaft",
        short_title="Landesprogramm",
        description="Gefördert werden Nachbarschaftstreffs mit Beratung, Sprachcafé und "
        "Ehrenamtsbörse im Quartier.",
        funding_rate_max_percent=None,
        amount_min_eur=None,
        amount_max_eur=None,
    )
    row = synced_project(app, editor, catalogue_dir)
    page = client.get(f"/projekte/{row.id}/treffer").get_data(as_text=True)
    mix = page.split('id="finanzierung"')[1].split("<h2")[0]
    assert "erfragen" in mix
    assert "Höhe nicht veröffentlicht – beim Fördergeber erfragen" in mix
    assert "Noch offen sind 54.000,00 €: welchen Teil davon Landesprogramm trägt" in mix
    answer = client.post(
        "/api/v1/match?today=2026-11-24",
        json=profile_data(budget_total_eur=60000, own_funds_eur=6000),
    ).get_json()
    (part,) = answer["funding_mix"]["parts"]
    assert part["program"] == "ohne-betrag"
    assert part["amount_eur"] is None
    assert answer["funding_mix"]["gap_eur"] == 54000.0


def test_without_a_mix_page_and_api_say_which_programme_to_plan_the_start_around(
    app, client, editor, write_programme, catalogue_dir
):
    app.config["TODAY"] = "2026-11-24"
    write_programme(
        slug="jahresaufruf",
        short_title="Landesaufruf",
        description="Gefördert werden Nachbarschaftstreffs mit Beratung, Sprachcafé und "
        "Ehrenamtsbörse im Quartier.",
    )  # an annual deadline on 30 September
    synced_project(app, editor, catalogue_dir)
    answer = client.post(
        "/api/v1/match?today=2026-11-24",
        json=profile_data(budget_total_eur=60000, own_funds_eur=6000, start_date="2027-01-01"),
    ).get_json()
    assert answer["results"][0]["program"] == "jahresaufruf"
    assert answer["funding_mix"] is None
    assert answer["funding_mix_note"].startswith(
        "Am besten passt Landesaufruf (nächste Frist 30.09.2027); für diesen Projektbeginn"
    )
    later = client.post(
        "/api/v1/match?today=2026-11-24",
        json=profile_data(budget_total_eur=60000, own_funds_eur=6000, start_date="2028-01-01"),
    ).get_json()
    assert later["funding_mix"]["parts"][0]["program"] == "jahresaufruf"
    assert later["funding_mix_note"] is None
