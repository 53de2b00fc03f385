import json

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.extensions import db
from funding_matcher.operations.catalogue import sync_catalogue
from tests.conftest import profile_data


@pytest.fixture
def catalogue(write_programme, catalogue_dir):
    write_programme()
    write_programme(slug="nachbarschaft", description="Nachbarschaftstreff und Ehrenamt.")
    write_programme(slug="nur-kommunen", applicant_types=["kommune"])
    write_programme(slug="vorbei", deadline={"kind": "fixed", "dates": ["2025-01-31"]})
    return catalogue_dir


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "profil.json"
    path.write_text(json.dumps(profile_data()), encoding="utf-8")
    return path


def test_match_json_output(cli, catalogue, profile_file):
    result = cli(["match", str(profile_file), "--format", "json", "--today", "2026-11-24"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["program"] for r in data["results"]] == ["nachbarschaft", "testprogramm"]
    first = data["results"][0]
    assert set(first) >= {"program", "title", "score", "reasons", "missing", "next_deadline"}
    assert first["next_deadline"] == "2027-09-30"
    # Exclusions are counted by reason; the full list comes on request.
    assert data["excluded_summary"]["total"] == 2
    reasons = {r["rule"]: r["count"] for r in data["excluded_summary"]["by_reason"]}
    assert reasons == {"applicant": 1, "closed": 1}
    assert data["excluded"] == []


def test_match_include_closed_and_top(cli, catalogue, profile_file):
    result = cli(
        [
            "match",
            str(profile_file),
            "--format",
            "json",
            "--top",
            "5",
            "--today",
            "2026-11-24",
            "--include-closed",
        ]
    )
    programs = [r["program"] for r in json.loads(result.output)["results"]]
    assert "vorbei" in programs


def test_match_text_table(cli, catalogue, profile_file):
    result = cli(["match", str(profile_file), "--today", "2026-11-24"])
    assert result.exit_code == 0
    assert "nachbarschaft" in result.output
    assert "Antragsberechtigt" in result.output


def test_malformed_profile_file_exits_2_naming_the_field(cli, catalogue, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(profile_data(state="NRW")), encoding="utf-8")
    result = cli(["match", str(bad)])
    assert result.exit_code == 2
    assert "state" in result.output
    assert "NRW" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert cli(["match", str(broken)]).exit_code == 2
    assert cli(["match", str(tmp_path / "fehlt.json")]).exit_code == 2


@pytest.fixture
def stored_catalogue(app, catalogue):
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue).programmes)
        db.session.commit()


def test_api_matches_like_the_cli(client, stored_catalogue):
    response = client.post("/api/v1/match?today=2026-11-24", json=profile_data())
    assert response.status_code == 200
    body = response.get_json()
    assert [r["program"] for r in body["results"]] == ["nachbarschaft", "testprogramm"]
    assert body["excluded_summary"]["total"] == 2
    full = client.post(
        "/api/v1/match?today=2026-11-24&include_excluded=true", json=profile_data()
    ).get_json()
    assert {e["program"] for e in full["excluded"]} == {"nur-kommunen", "vorbei"}
    assert full["excluded_page"] == {"page": 1, "per_page": 50, "total": 2}


def test_api_refits_when_the_catalogue_changes(
    app, client, stored_catalogue, write_programme, catalogue
):
    before = client.post("/api/v1/match?today=2026-11-24", json=profile_data()).get_json()
    write_programme(slug="neu-im-katalog")
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue).programmes)
        db.session.commit()
    after = client.post("/api/v1/match?today=2026-11-24", json=profile_data()).get_json()
    assert "neu-im-katalog" not in [r["program"] for r in before["results"]]
    assert "neu-im-katalog" in [r["program"] for r in after["results"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "Nur ein Titel"}, "applicant_type"),
        (profile_data(themes=["quartiersarbeit"]), "themes"),
        (profile_data(budget_total_eur="viel"), "budget_total_eur"),
        ([1, 2, 3], "_"),
    ],
)
def test_api_bad_profiles_get_400_with_field_messages(client, stored_catalogue, body, field):
    response = client.post("/api/v1/match", json=body)
    assert response.status_code == 400
    assert field in response.get_json()["fields"]


def test_api_malformed_json_and_options(client, stored_catalogue):
    response = client.post("/api/v1/match", data="{kaputt", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.get_json()["fields"]["_"][0]
    response = client.post("/api/v1/match?top=0&today=gestern", json=profile_data())
    assert set(response.get_json()["fields"]) == {"top", "today"}


def test_openapi_document_describes_match(client):
    doc = client.get("/api/openapi.json").get_json()
    operation = doc["paths"]["/api/v1/match"]["post"]
    assert {"200", "400", "413"} <= set(operation["responses"])
    assert operation["security"] == []
    assert "NW" in doc["components"]["schemas"]["Profile"]["properties"]["state"]["enum"]


def test_openapi_document_describes_every_api_route(app, client):
    doc = client.get("/api/openapi.json").get_json()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}")
        assert path in doc["paths"], path
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operation = doc["paths"][path][method.lower()]
            if operation["security"]:
                assert {"401"} <= set(operation["responses"]), (path, method)
