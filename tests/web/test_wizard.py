"""The profile wizard: each step saved at once, invalid input kept, results for the profile."""

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.extensions import db
from funding_matcher.models import ProjectProfile, Role
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.projects import create_draft_profile
from tests.conftest import again, loaded, running_app

STEP1 = {
    "applicant_type": "verein",
    "organisation": "Nachbarn e. V.",
    "state": "NW",
    "municipality": "Hagen",
    "area_type": "urban",
    "designated_area": "nein",
}
STEP2 = {
    "title": "Nachbarschaftstreff Wehringhausen",
    "description": "Ein offener Treff mit Sprachcafé und Ehrenamtsbörse im Stadtteil.",
    "themes": ["teilhabe", "engagement"],
    "target_groups": ["alle"],
    "partners": "Kita Regenbogen\nSeniorenzentrum",
}
STEP3 = {
    "budget_total_eur": "60000",
    "own_funds_eur": "6000",
    "cost_types": ["personal", "sach"],
    "start_date": "2027-03-01",
    "duration_months": "24",
}


@pytest.fixture
def editor(client, login, make_org, make_user):
    user = make_user(make_org("Verein Nachbarn"), Role.editor)
    login(user)
    return user


@pytest.fixture
def catalogue(app, write_programme, catalogue_dir):
    write_programme(slug="nachbarschaft", description="Nachbarschaftstreff, Sprachcafé, Ehrenamt.")
    write_programme(slug="nur-kommunen", applicant_types=["kommune"])
    write_programme(slug="vorbei", deadline={"kind": "fixed", "dates": ["2025-01-31"]})
    write_programme(
        slug="beendet",
        title="Beendetes Altprogramm",
        short_title="Altprogramm",
        status="closed",
        successor="nachbarschaft",
        deadline={"kind": "closed"},
    )
    write_programme(
        slug="fonds",
        title="Quartiersfonds der Kommune",
        applicant_types=["kommune"],
        access_via=[{"applicant_types": ["verein"], "via": "den Verfügungsfonds der Kommune"}],
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()


def only_project() -> ProjectProfile:
    with running_app().app_context():
        return loaded(db.session.scalars(db.select(ProjectProfile)).one())


def test_full_wizard_to_results(client, editor, catalogue, app):
    app.config["TODAY"] = "2026-11-24"
    response = client.post("/projekte/neu", data=STEP1)
    project = only_project()
    assert response.headers["Location"].endswith(f"/projekte/{project.id}/schritt/2")
    assert project.data["designated_area"] is False
    client.post(f"/projekte/{project.id}/schritt/2", data=STEP2)
    response = client.post(f"/projekte/{project.id}/schritt/3", data=STEP3)
    assert response.headers["Location"].endswith(f"/projekte/{project.id}/pruefen")
    review = client.get(f"/projekte/{project.id}/pruefen").get_data(as_text=True)
    assert "Noch nicht vollständig" not in review
    response = client.post(f"/projekte/{project.id}/pruefen")
    assert response.headers["Location"].endswith(f"/projekte/{project.id}/treffer")
    page = client.get(f"/projekte/{project.id}/treffer").get_data(as_text=True)
    assert "Offene Programme (1)" in page
    assert "Testprogramm für Nachbarschaften" in page
    assert "Antragsberechtigt: Gemeinnütziger Verein oder Initiative" in page
    assert "Zwischen zwei Runden: für die nächste Runde vormerken (1)" in page
    next_round = page.split('id="naechste-runde"')[1].split("<h2")[0]
    assert "Beendetes Altprogramm" not in next_round
    indirect = page.split('id="ueber-dritte"')[1].split("<h2")[0]
    assert "Quartiersfonds der Kommune" in indirect
    assert "Zugang über den Verfügungsfonds der Kommune" in indirect
    assert "Beendet oder ausgeschlossen (2)" in page
    assert "Altprogramm</a>: Programm beendet" in page
    assert "zum Nachfolgeprogramm" in page
    assert "Nicht antragsberechtigt" in page
    assert only_project().data == {
        "applicant_type": "verein",
        "organisation": "Nachbarn e. V.",
        "state": "NW",
        "municipality": "Hagen",
        "area_type": "urban",
        "designated_area": False,
        "title": STEP2["title"],
        "description": STEP2["description"],
        "themes": ["teilhabe", "engagement"],
        "target_groups": ["alle"],
        "partners": ["Kita Regenbogen", "Seniorenzentrum"],
        "budget_total_eur": 60000.0,
        "own_funds_eur": 6000.0,
        "cost_types": ["personal", "sach"],
        "start_date": "2027-03-01",
        "duration_months": 24,
    }


def test_invalid_step_shows_the_message_at_the_field_and_keeps_the_input(client, editor):
    client.post("/projekte/neu", data=STEP1)
    project = only_project()
    bad = {**STEP2, "description": "zu kurz"}
    response = client.post(f"/projekte/{project.id}/schritt/2", data=bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Die Beschreibung braucht mindestens 20 Zeichen." in page
    assert 'value="Nachbarschaftstreff Wehringhausen"' in page
    # a reload (or a closed browser) still shows what was typed, with the message
    again = client.get(f"/projekte/{project.id}/schritt/2").get_data(as_text=True)
    assert "zu kurz" in again
    assert "Die Beschreibung braucht mindestens 20 Zeichen." in again
    # the review names what is missing and where
    review = client.get(f"/projekte/{project.id}/pruefen").get_data(as_text=True)
    assert "Schritt 2" in review
    assert client.post(f"/projekte/{project.id}/pruefen").status_code == 422


def test_invalid_first_step_creates_a_draft_and_keeps_the_input(client, editor):
    response = client.post("/projekte/neu", data={**STEP1, "state": ""})
    project = only_project()
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Bitte das Bundesland wählen." in page
    assert 'value="Nachbarn e. V."' in page
    assert project.pending["1"]["organisation"] == ["Nachbarn e. V."]


def test_finance_step_checks_own_funds_against_budget(client, editor):
    client.post("/projekte/neu", data=STEP1)
    project = only_project()
    response = client.post(
        f"/projekte/{project.id}/schritt/3", data={**STEP3, "own_funds_eur": "90000"}
    )
    assert "Die Eigenmittel sind höher als die Gesamtkosten." in response.get_data(as_text=True)
    response = client.post(
        f"/projekte/{project.id}/schritt/3", data={**STEP3, "budget_total_eur": "viel"}
    )
    assert response.status_code == 422
    response = client.post(
        f"/projekte/{project.id}/schritt/3",
        data={**STEP3, "budget_total_eur": "2.000.000.000.000"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Der Betrag ist zu groß (höchstens 1.000.000.000,00 €)." in page
    assert 'value="2.000.000.000.000"' in page


def test_back_button_saves_and_goes_back(client, editor):
    client.post("/projekte/neu", data=STEP1)
    project = only_project()
    response = client.post(f"/projekte/{project.id}/schritt/2", data={**STEP2, "go": "back"})
    assert response.headers["Location"].endswith(f"/projekte/{project.id}/schritt/1")
    assert only_project().data["title"] == STEP2["title"]
    page = client.get(f"/projekte/{project.id}/schritt/2").get_data(as_text=True)
    assert "Kita Regenbogen" in page


def test_incomplete_profile_has_no_results_or_export_yet(client, editor):
    client.post("/projekte/neu", data=STEP1)
    project = only_project()
    assert client.get(f"/projekte/{project.id}/treffer").status_code == 302
    assert client.get(f"/projekte/{project.id}/profil.json").status_code == 303
    assert "noch nicht vollständig" in client.get(f"/projekte/{project.id}").get_data(True)


def test_duplicate(app, client, editor):
    client.post("/projekte/neu", data=STEP1)
    project = only_project()
    client.post(f"/projekte/{project.id}/schritt/2", data=STEP2)
    client.post(f"/projekte/{project.id}/duplizieren")
    with app.app_context():
        titles = sorted(p.title for p in db.session.scalars(db.select(ProjectProfile)))
    assert titles == [STEP2["title"], STEP2["title"] + " (Kopie)"]


def test_wizard_routes_are_scoped_and_need_editor(app, client, login, make_org, make_user):
    owner_org = make_org("Eigentümer")
    with app.app_context():
        project = create_draft_profile(again(owner_org))
        db.session.commit()
        project = loaded(project)
    login(make_user(make_org("Fremd")))
    for path in (
        f"/projekte/{project.id}/schritt/1",
        f"/projekte/{project.id}/pruefen",
        f"/projekte/{project.id}/treffer",
    ):
        assert client.get(path).status_code == 404
    assert client.post(f"/projekte/{project.id}/schritt/1", data=STEP1).status_code == 404
    assert client.post(f"/projekte/{project.id}/duplizieren").status_code == 404
    client.post("/abmelden")
    login(make_user(owner_org, Role.viewer))
    assert client.get(f"/projekte/{project.id}/schritt/1").status_code == 403
    assert client.post("/projekte/neu", data=STEP1).status_code == 403


def test_forged_choices_get_german_messages_not_errors(client, editor):
    response = client.post("/projekte/neu", data={**STEP1, "applicant_type": "konzern"})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Keine gültige Auswahl." in page
    project = only_project()
    response = client.post(
        f"/projekte/{project.id}/schritt/2",
        data={**STEP2, "themes": ["teilhabe", "quartiersarbeit"]},
    )
    assert response.status_code == 422
    assert "Auswahl" in response.get_data(as_text=True)


def test_fields_left_out_of_a_post_are_no_error(client, editor):
    # A script or an old browser may send only some fields; nothing may answer 500.
    client.post("/projekte/neu", data={"applicant_type": "verein", "state": "NW"})
    project = only_project()
    response = client.post(
        f"/projekte/{project.id}/schritt/2",
        data={"title": "Nachbarschaftstreff", "description": "Ein offener Treff im Quartier."},
    )
    assert response.status_code == 302
    assert only_project().data.get("partners", []) == []
    assert client.post(f"/projekte/{project.id}/schritt/3", data={}).status_code in (302, 422)
