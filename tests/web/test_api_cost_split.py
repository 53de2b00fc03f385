"""The costs by type through the API and on stored projects: field paths, round trip, old rows."""

from __future__ import annotations

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.extensions import db
from funding_matcher.models import ProjectProfile, Role
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.web.api.openapi import openapi_document
from tests.conftest import bearer, profile_data

SPLIT = {"personal": 60000, "sach": 10000, "investiv": 30000}


@pytest.fixture
def org(make_org):
    return make_org("Nachbarn e. V.", "verein")


@pytest.fixture
def editor(org, make_user):
    return bearer(make_user(org, Role.editor), org)


def test_a_split_profile_round_trips_through_the_api(client, editor):
    data = profile_data(budget_total_eur=100000, own_funds_eur=10000, costs_by_type_eur=SPLIT)
    created = client.post("/api/v1/projects", json=data, headers=editor)
    assert created.status_code == 201, created.get_json()
    profile = created.get_json()["profile"]
    assert profile["costs_by_type_eur"] == SPLIT
    assert profile["cost_types"] == ["personal", "sach", "investiv"]
    again = client.get(f"/api/v1/projects/{created.get_json()['id']}", headers=editor)
    assert again.get_json() == created.get_json()


@pytest.mark.parametrize(
    ("split", "fields"),
    [
        (
            {"personal": 60000, "miete": 40000},
            {
                "costs_by_type_eur.miete": [
                    "unbekannte Kostenart „miete“ (erlaubt: personal, sach, investiv)"
                ]
            },
        ),
        ({"sach": -1}, {"costs_by_type_eur.sach": ["muss mindestens 0 sein"]}),
        (
            {"personal": 50000, "sach": 5000},
            {
                "costs_by_type_eur": [
                    "Die Kosten nach Art ergeben 55.000,00 €, das Gesamtbudget ist 60.000,00 €."
                ]
            },
        ),
    ],
)
def test_a_bad_split_is_refused_with_the_field_path(client, editor, split, fields):
    response = client.post(
        "/api/v1/projects", json=profile_data(costs_by_type_eur=split), headers=editor
    )
    assert response.status_code == 400
    assert response.get_json()["fields"] == fields


def test_the_openapi_profile_documents_the_split():
    schema = openapi_document()["components"]["schemas"]["Profile"]["properties"]
    split = schema["costs_by_type_eur"]["anyOf"][0]
    assert set(split["properties"]) == {"personal", "sach", "investiv"}
    assert split["additionalProperties"] is False
    assert split["properties"]["sach"]["minimum"] == 0


def test_a_project_stored_before_the_split_still_loads(app, client, org, make_user, login):
    """Rows keep the profile as JSON; one written before the field existed has no such key."""
    user = make_user(org, Role.editor)
    with app.app_context():
        row = ProjectProfile(
            organisation_id=org.id, title="Alt", data=profile_data(), pending={}, wizard_step=5
        )
        db.session.add(row)
        db.session.commit()
        project_id = row.id
    body = client.get(f"/api/v1/projects/{project_id}", headers=bearer(user, org)).get_json()
    assert body["complete"] is True
    assert "costs_by_type_eur" not in body["profile"]
    login(user)
    assert client.get(f"/projekte/{project_id}/treffer").status_code == 200
    assert client.get(f"/projekte/{project_id}/schritt/3").status_code == 200


def test_the_results_page_plans_each_funder_on_the_costs_it_funds(
    app, client, org, make_user, login, write_programme, catalogue_dir
):
    app.config["TODAY"] = "2026-11-24"
    write_programme(
        slug="landesprogramm",
        short_title="Landesprogramm",
        description="Nachbarschaftstreff mit Beratung, Sprachcafé und Ehrenamtsbörse.",
        funding_rate_max_percent=80,
        amount_min_eur=None,
        amount_max_eur=None,
        own_contribution_min_percent=None,
    )
    write_programme(
        slug="investfonds",
        short_title="Investfonds",
        funder="Stiftung Invest",
        level="stiftung",
        description="Nachbarschaftstreff: Umbau und Ausstattung.",
        cost_types=["investiv"],
        funding_rate_max_percent=None,
        amount_min_eur=None,
        amount_max_eur=25000,
        own_contribution_min_percent=None,
    )
    user = make_user(org, Role.editor)
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    data = profile_data(budget_total_eur=100000, own_funds_eur=10000, costs_by_type_eur=SPLIT)
    created = client.post("/api/v1/projects", json=data, headers=bearer(user, org))
    project_id = created.get_json()["id"]
    login(user)
    page = client.get(f"/projekte/{project_id}/treffer").get_data(as_text=True)
    assert "Fördert keine Investitionen (30.000 €)" in page
    mix = page.split('id="finanzierung"')[1].split("<h2")[0]
    assert "56.000" in mix
    assert "Investfonds" in mix
    assert "25.000" in mix
