"""The Kosten- und Finanzierungsplan through ``funding-matcher budget check`` and api-v1:
the worked examples give their figures, bad input names its field, roles and organisations."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from typing import Any

import jsonschema_rs
import pytest

from funding_matcher.extensions import db
from funding_matcher.models import Application, Role
from funding_matcher.operations.budget import add_register_aid
from funding_matcher.web.api.openapi import openapi_document
from tests.conftest import SHARED, again, bearer

EXAMPLES = SHARED / "eval" / "budget-dev"
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json") if ".expected" not in p.name)


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.json").read_text("utf-8"))


def expected(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.expected.json").read_text("utf-8"))


def without_messages(result: dict[str, Any]) -> dict[str, Any]:
    """The result with checks as (id, level): the messages' wording is ours (budget-dev README)."""
    return {**result, "checks": [(c["id"], c["level"]) for c in result["checks"]]}


def assert_matches(result: dict[str, Any], name: str) -> None:
    """Every key of the .expected.json (figures, ids, levels, order, verdict) as given."""
    want = without_messages(expected(name))
    assert {key: without_messages(result)[key] for key in want} == want


# Bad input and the field path each one must be reported at (d1: monthly line 0, one-off line 1).
BAD_INPUT = [
    ("negative amount", ("costs", 1, "amount_eur"), -100, "costs[1].amount_eur"),
    ("share 1.5", ("costs", 0, "share"), 1.5, "costs[0].share"),
    ("unknown category", ("costs", 1, "category"), "catering", "costs[1].category"),
    ("10^20 euros", ("costs", 0, "monthly_eur"), 10**20, "costs[0].monthly_eur"),
    ("string for a number", ("costs", 0, "months"), "21", "costs[0].months"),
    ("months 0", ("costs", 0, "months"), 0, "costs[0].months"),
    ("end before start", ("period", "end"), "2026-01-01", "period.end"),
    ("true for a number", ("financing", "volunteer_hours"), True, "financing.volunteer_hours"),
    ("unknown key", ("financing", "spenden_eur"), 5, "financing.spenden_eur"),
    ("unknown source kind", ("financing", "sources", 1, "kind"), "lotto",
     "financing.sources[1].kind"),
    ("payment outside the period", ("costs", 1, "paid_on"), "2030-01-01", "costs[1].paid_on"),
    ("source year outside the period", ("financing", "sources", 2, "by_year"), {"2031": 5000},
     "financing.sources[2].by_year.2031"),
    ("unit group across categories", ("costs", 1, "unit_group"), "x", "costs[1].unit_group"),
]  # fmt: skip

BAD_IDS = [case[0] for case in BAD_INPUT]


def with_value(data: dict[str, Any], path: tuple, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


# ---------------------------------------------------------------------------------------------
# CLI


@pytest.fixture
def budget_file(tmp_path):
    def write(data: Any, name: str = "plan.json") -> str:
        path = tmp_path / name
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_cli_worked_examples_give_the_expected_figures(cli, name):
    result = cli(["budget", "check", str(EXAMPLES / f"{name}.json"), "--format", "json"])
    out = json.loads(result.output)
    assert_matches(out, name)
    assert result.exit_code == (0 if expected(name)["ok"] else 1)
    assert {"rate_effective_percent", "own_share_percent", "lines", "checks"} <= set(out)


def test_cli_there_are_the_worked_examples_of_rules_v2():
    assert len(EXAMPLE_NAMES) >= 8


def test_cli_text_is_a_german_table(cli):
    path = str(EXAMPLES / "d8-ineligible-not-own-share.json")
    result = cli(["budget", "check", path, "--format", "text"])
    assert result.exit_code == 1
    assert "Kosten- und Finanzierungsplan" in result.output
    assert "Beantragte Zuwendung" in result.output
    assert "8.700,00 €" in result.output
    assert "Eigenanteil 0,00 € unterschreitet 10 %" in result.output
    assert "Ergebnis: 1 Fehler" in result.output
    assert "own_share" not in result.output  # no internal ids


def test_cli_text_is_the_default_and_ok_exits_0(cli):
    result = cli(["budget", "check", str(EXAMPLES / "d1-anteil-other-funding.json")])
    assert result.exit_code == 0
    assert "Ergebnis: in Ordnung" in result.output
    assert "79.200,00 €" in result.output
    assert "Eigenmittel (bar) je Jahr" in result.output


def test_cli_unchecked_terms_exit_0_and_say_what_was_not_checked(cli):
    result = cli(["budget", "check", str(EXAMPLES / "d7-unknown-terms.json")])
    assert result.exit_code == 0
    assert "Ergebnis: keine Fehler gefunden – nicht geprüft: Mindesteigenanteil" in result.output
    assert "in Ordnung" not in result.output


@pytest.mark.parametrize(
    ("case", "path", "value", "field"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT]
)
def test_cli_bad_input_exits_2_naming_the_field(cli, budget_file, case, path, value, field):
    data = with_value(example("d1-anteil-other-funding"), path, value)
    result = cli(["budget", "check", budget_file(data)])
    assert result.exit_code == 2, result.output
    assert f"FEHLER {field}: " in result.stderr
    assert result.stdout == ""


def test_cli_reports_every_problem_at_once(cli, budget_file):
    data = with_value(example("d1-anteil-other-funding"), ("costs", 0, "share"), 1.5)
    data = with_value(data, ("costs", 1, "amount_eur"), -1)
    result = cli(["budget", "check", budget_file(data)])
    assert result.exit_code == 2
    assert "FEHLER costs[0].share: muss zwischen 0 und 1 liegen" in result.stderr
    assert "FEHLER costs[1].amount_eur: darf nicht negativ sein" in result.stderr


def test_cli_unreadable_json_names_line_and_column(cli, budget_file):
    result = cli(["budget", "check", budget_file('{\n  "version": 1,\n  "costs": [,]\n}')])
    assert result.exit_code == 2
    assert "Zeile 3, Spalte 13" in result.stderr


def test_cli_missing_file_and_not_an_object(cli, budget_file, tmp_path):
    result = cli(["budget", "check", str(tmp_path / "fehlt.json")])
    assert result.exit_code == 2
    assert "nicht lesbar" in result.stderr
    result = cli(["budget", "check", budget_file("[1, 2]")])
    assert result.exit_code == 2
    assert "JSON-Objekt" in result.stderr


def test_cli_programme_option_takes_terms_from_the_catalogue(cli, budget_file, write_programme):
    write_programme(slug="quartiersfonds", funding_rate_max_percent=50, checked_on="2026-10-15")
    data = example("d3-own-share-donations")
    del data["terms"]["funding_rate_max_percent"]
    data["financing"]["requested_eur"] = None
    data["financing"]["sources"][0]["amount_eur"] = None
    result = cli(
        ["budget", "check", budget_file(data), "--programme", "quartiersfonds", "--format", "json"]
    )
    out = json.loads(result.output)
    assert result.exit_code == 0, result.output
    assert out["grant_max_eur"] == 20000.0  # 50 % of the Gesamtkosten (40.000 €)
    rate = out["terms"]["funding_rate_max_percent"]
    assert rate["value"] == 50.0
    assert rate["source_text"] == "laut Katalog (Stand 15.10.2026)"
    assert out["terms"]["financing_type"]["source_text"] == "von Ihnen eingegeben"


def test_cli_programme_option_overrides_the_files_programme(cli, budget_file, write_programme):
    write_programme(slug="quartiersfonds")
    data = {**example("d4-fehlbedarf"), "programme": "anderes-programm"}
    path = budget_file(data)
    result = cli(["budget", "check", path, "--programme", "quartiersfonds", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.output)["grant_eur"] == 33600.0
    result = cli(["budget", "check", path])
    assert result.exit_code == 2
    assert "FEHLER programme: unbekanntes Programm „anderes-programm“" in result.stderr


def test_cli_unknown_programme_option_exits_2(cli, write_programme):
    path = str(EXAMPLES / "d1-anteil-other-funding.json")
    result = cli(["budget", "check", path, "--programme", "../x"])
    assert result.exit_code == 2
    assert "FEHLER --programme: unbekanntes Programm" in result.stderr


def test_cli_needs_no_database(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from funding_matcher.cli import main

    monkeypatch.setenv("FUNDING_MATCHER_DATABASE_URL", f"sqlite:///{tmp_path}/nie/da.db")
    monkeypatch.setenv("FUNDING_MATCHER_SECRET_KEY", "test")
    path = str(EXAMPLES / "d2-subsidiarity-lottery.json")
    result = CliRunner().invoke(main, ["budget", "check", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["warnings"] == ["inventory"]
    assert not (tmp_path / "nie").exists()


# ---------------------------------------------------------------------------------------------
# API


@pytest.fixture
def org(make_org):
    return make_org("Stadt Hagen", "kommune")


@pytest.fixture
def editor(org, make_user):
    return bearer(make_user(org, Role.editor), org)


@pytest.fixture
def application(app, org, make_application) -> Application:
    app.config["TODAY"] = "2026-11-29"
    return make_application(org, slug="quartiersfonds")


BUDGET_RESULT = jsonschema_rs.Draft202012Validator(
    {"$ref": "#/components/schemas/BudgetResult", "components": openapi_document()["components"]}
)


def url(application_id: int) -> str:
    return f"/api/v1/applications/{application_id}/budget"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_api_put_worked_examples_give_the_expected_figures(client, editor, application, name):
    response = client.put(url(application.id), json=example(name), headers=editor)
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    assert_matches(result, name)
    assert [y["year"] for y in result["years"]] == [int(y) for y in expected(name)["grant_by_year"]]
    # The answer is what the OpenAPI document promises (the fuzzer found "years" documented as
    # an object while it is a list, in the rare sequence that stored a valid plan).
    assert BUDGET_RESULT.is_valid(result), [e.message for e in BUDGET_RESULT.iter_errors(result)]
    stored = client.get(url(application.id), headers=editor).get_json()
    assert_matches(stored["result"], name)
    assert stored["budget"]["programme"] == "quartiersfonds"
    assert stored["budget"]["costs"] == example(name)["costs"]


def test_api_get_without_a_plan_is_404_json(client, editor, application):
    response = client.get(url(application.id), headers=editor)
    assert response.status_code == 404
    assert "kein Finanzierungsplan" in response.get_json()["message"]


@pytest.mark.parametrize(
    ("case", "path", "value", "field"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT]
)
def test_api_bad_input_is_400_with_the_field_and_stores_nothing(
    client, editor, application, case, path, value, field
):
    data = with_value(example("d1-anteil-other-funding"), path, value)
    response = client.put(url(application.id), json=data, headers=editor)
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"]
    assert field in body["fields"], body
    assert all(isinstance(m, str) and m for m in body["fields"][field])
    assert client.get(url(application.id), headers=editor).status_code == 404


def test_api_bad_input_keeps_the_stored_plan(client, editor, application):
    client.put(url(application.id), json=example("d4-fehlbedarf"), headers=editor)
    bad = with_value(example("d1-anteil-other-funding"), ("costs", 0, "share"), 1.5)
    assert client.put(url(application.id), json=bad, headers=editor).status_code == 400
    stored = client.get(url(application.id), headers=editor).get_json()
    assert stored["result"]["grant_eur"] == 33600.0


@pytest.mark.parametrize(
    "body", ["kein json", "[1, 2]", '{"version": 1, "costs": NaN}', "1e400"], ids=repr
)
def test_api_unreadable_bodies_are_400(client, editor, application, body):
    response = client.put(
        url(application.id),
        data=body,
        headers={**editor, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.get_json()["fields"]


def test_api_programme_may_be_omitted_and_must_be_the_applications(client, editor, application):
    data = example("d8-ineligible-not-own-share")
    del data["programme"]
    # Without own terms, the catalogue record of the application's programme applies.
    del data["terms"]["funding_rate_max_percent"]
    response = client.put(url(application.id), json=data, headers=editor)
    assert response.status_code == 200
    rate = response.get_json()["terms"]["funding_rate_max_percent"]
    assert (rate["value"], rate["source"]) == (80.0, "katalog")
    assert rate["source_text"] == "laut Katalog (Stand 01.11.2026)"
    response = client.put(
        url(application.id), json={**data, "programme": "testprogramm"}, headers=editor
    )
    assert response.status_code == 400
    assert "quartiersfonds" in response.get_json()["fields"]["programme"][0]


def test_api_roles_and_organisations(client, org, make_org, make_user, editor, application):
    viewer = bearer(make_user(org, Role.viewer), org)
    other_org = make_org("Nachbarstadt", "kommune")
    stranger = bearer(make_user(other_org, Role.owner), other_org)
    data = example("d1-anteil-other-funding")
    assert client.put(url(application.id), json=data, headers=viewer).status_code == 403
    assert client.put(url(application.id), json=data, headers=stranger).status_code == 404
    assert client.put(url(application.id), json=data).status_code == 401
    assert client.put(url(application.id), json=data, headers=editor).status_code == 200
    assert client.get(url(application.id), headers=viewer).status_code == 200
    response = client.get(url(application.id), headers=stranger)
    assert response.status_code == 404
    assert response.get_json()["error"] == "Nicht gefunden"
    assert client.get(url(999_999), headers=editor).status_code == 404


def test_api_register_feeds_the_de_minimis_check(app, client, org, editor, application):
    with app.app_context():
        add_register_aid(again(org), date(2025, 6, 30), "Stadt", Decimal("250000.00"))  # + 79.200 €
        db.session.commit()
    data = example("d1-anteil-other-funding")
    data["terms"]["de_minimis"] = "general"
    data["de_minimis_received"] = []
    result = client.put(url(application.id), json=data, headers=editor).get_json()
    assert result["errors"] == ["de_minimis"]
    notice = [c for c in result["checks"] if c["level"] == "notice" and c["id"] == "de_minimis"]
    assert "De-minimis-Register" in notice[0]["message"]
    # The stored plan stays as sent: the register is read at each check, not copied.
    stored = client.get(url(application.id), headers=editor).get_json()
    assert stored["budget"]["de_minimis_received"] == []
    assert stored["result"]["errors"] == ["de_minimis"]


def test_api_plan_that_lists_its_own_aid_ignores_the_register(
    app, client, org, editor, application
):
    with app.app_context():
        add_register_aid(again(org), date(2025, 6, 30), "Land", Decimal("290000.00"))
        db.session.commit()
    data = example("d1-anteil-other-funding")
    data["terms"]["de_minimis"] = "general"
    data["de_minimis_received"] = [{"date": "2025-06-30", "grantor": "Stadt", "amount_eur": 100000}]
    result = client.put(url(application.id), json=data, headers=editor).get_json()
    assert result["errors"] == []
    assert not [c for c in result["checks"] if c["id"] == "de_minimis"]


def test_api_application_carries_the_plans_grant_as_requested_amount(client, editor, application):
    before = client.get(f"/api/v1/applications/{application.id}", headers=editor).get_json()
    assert (before["requested_eur"], before["requested_source"]) == (48000.0, "profil")  # 80 %
    client.put(url(application.id), json=example("d1-anteil-other-funding"), headers=editor)
    after = client.get(f"/api/v1/applications/{application.id}", headers=editor).get_json()
    assert (after["requested_eur"], after["requested_source"]) == (79200.0, "plan")
