"""The drafting pages: details asked per section and saved as typed, the applicant block, the two
versions on the web, through the API and the CLI."""

from __future__ import annotations

import io
import json
import subprocess

import docx
import pytest

from funding_matcher.extensions import db
from funding_matcher.models import ProjectProfile, Role
from funding_matcher.operations.budget import save_budget
from funding_matcher.operations.tokens import create_api_token
from tests.conftest import again, loaded, profile_data
from tests.unit.exports.conftest import needs_pdftotext

OUTLINE = {
    "outline_sections": ["Ausgangslage im Quartier", "Zielgruppe und Beteiligung", "Kosten"],
    "outline_topics": [["ausgangslage"], ["zielgruppen", "beteiligung"], ["finanzierung"]],
}
BUDGET = {
    "version": 2,
    "terms": {
        "financing_type": "anteil",
        "funding_rate_max_percent": 80,
        "rate_base": "eligible",
        "own_contribution_min_percent": 10,
        "own_contribution_base": "eligible",
        "amount_min_eur": "none",
        "amount_max_eur": "none",
    },
    "period": {"start": "2027-04-01", "end": "2029-03-31"},
    "applied_on": "2027-01-15",
    "costs": [{"category": "sach", "label": "Miete", "monthly_eur": 2500, "months": 24}],
    "financing": {"sources": [{"kind": "own_cash", "label": "Eigenmittel", "amount_eur": None}]},
}
BLOCK = {
    "name": "Nachbarn e. V.",
    "legal_form": "e. V.",
    "street": "Lirichstraße 1",
    "postcode": "46049",
    "city": "Oberhausen",
    "rep1_name": "Petra Muster",
    "rep1_function": "Vorsitzende",
    "contact_name": "Jan Beispiel",
    "contact_email": "jan@example.org",
    "iban": "DE89 3704 0044 0532 0130 00",
    "register": "VR 1234, Amtsgericht Oberhausen",
    "vat_deductible": "nein",
}


@pytest.fixture
def setup(app, make_org, make_user, login, make_application):
    app.config["TODAY"] = "2027-01-20"
    organisation = make_org("Nachbarn e. V.", "verein")
    user = make_user(organisation, Role.owner)
    application = make_application(organisation, user, **OUTLINE)
    login(user)
    return {"org": organisation, "user": user, "application": application}


def details_url(setup, suffix=""):
    return f"/antraege/{setup['application'].id}/angaben{suffix}"


def answers(**extra):
    data = {
        "fields": ["need", "need_figures", "target_group", "participation"],
        "need": "Im Quartier fehlt ein offener Treffpunkt.",
        "need_figures-0-label": "SGB-II-Quote",
        "need_figures-0-value": "24 %",
        "need_figures-0-source": "Sozialbericht 2025",
        "target_group-description": "Ältere aus den Hochhäusern.",
        "target_group-count": "120",
        "participation": "Ein Rat aus Bewohnerinnen entscheidet mit.",
    }
    data.update(extra)
    return data


def section_text(client, setup, key):
    page = client.get(f"/antraege/{setup['application'].id}/abschnitte/{key}")
    return page.get_data(as_text=True)


def test_the_page_asks_per_section_only_what_the_outline_needs(client, setup):
    page = client.get(f"/antraege/{setup['application'].id}").get_data(as_text=True)
    assert "Wie ist die Lage vor Ort" in page
    assert "Welche Zahlen belegen den Bedarf?" in page
    assert "Wie planen und entscheiden die Menschen" in page
    assert "Beispiel: „" in page
    # No section of this outline carries goals or partners: the page does not ask for them.
    assert "Was soll am Ende anders sein" not in page
    assert "Mit wem arbeiten Sie zusammen" not in page
    assert "Die Zahlen kommen aus dem Kosten- und Finanzierungsplan." in page


def test_saved_details_redraft_untouched_sections_and_leave_edited_ones(app, client, setup):
    edited = f"/antraege/{setup['application'].id}/abschnitte/zielgruppe-und-beteiligung"
    assert client.post(edited, data={"text": "Unser Text.", "version": 1}).status_code == 303
    response = client.post(details_url(setup), data=answers())
    assert response.status_code == 303
    assert response.headers["Location"].endswith("#angaben")
    text = section_text(client, setup, "ausgangslage-im-quartier")
    assert "Im Quartier fehlt ein offener Treffpunkt." in text
    assert "SGB-II-Quote: 24 % (Quelle: Sozialbericht 2025)" in text
    assert "Unser Text." in section_text(client, setup, "zielgruppe-und-beteiligung")
    with app.app_context():
        project = loaded(db.session.get(ProjectProfile, setup["application"].project_id))
        project = again(project)
    assert project.data["details"]["target_group"] == {
        "description": "Ältere aus den Hochhäusern.",
        "count": 120,
    }


def test_autosave_keeps_invalid_input_and_names_the_field(client, setup):
    response = client.post(
        details_url(setup, "/autosave"), data=answers(**{"target_group-count": "zwanzig"})
    )
    assert response.status_code == 200
    assert response.get_json() == {
        "saved": False,
        "errors": {"target_group-count": ["Bitte eine ganze Zahl angeben."]},
    }
    page = client.get(f"/antraege/{setup['application'].id}").get_data(as_text=True)
    assert 'value="zwanzig"' in page  # nothing typed is lost
    assert "Bitte eine ganze Zahl angeben." in page
    assert "Im Quartier fehlt ein offener Treffpunkt." in page
    fixed = client.post(details_url(setup, "/autosave"), data=answers())
    assert fixed.get_json() == {"saved": True, "errors": {}}
    page = client.get(f"/antraege/{setup['application'].id}").get_data(as_text=True)
    assert "zwanzig" not in page


def test_row_rules_are_field_messages(client, setup):
    data = answers(
        fields=["need_figures"],
        **{"need_figures-0-label": "", "need_figures-0-value": "24 %"},
    )
    response = client.post(details_url(setup, "/autosave"), data=data)
    assert response.get_json()["errors"] == {"need_figures-0-label": ["Pflichtangabe fehlt"]}


def test_another_row_is_offered_and_a_viewer_cannot_save(client, setup, make_user, login):
    response = client.post(details_url(setup), data=answers(add="need_figures"))
    assert "mehr=need_figures" in response.headers["Location"]
    page = client.get(f"/antraege/{setup['application'].id}?mehr=need_figures").get_data(
        as_text=True
    )
    assert 'name="need_figures-2-label"' in page
    client.post("/abmelden")
    login(make_user(setup["org"], Role.viewer))
    assert client.post(details_url(setup), data=answers()).status_code == 403
    page = client.get(f"/antraege/{setup['application'].id}").get_data(as_text=True)
    assert "readonly" in page
    assert 'id="details-form"' not in page


def test_the_applicant_block_is_saved_checked_and_printed(app, client, setup):
    bad = client.post(
        "/organisation/antragsteller",
        data={**BLOCK, "iban": "DE89 3704 0044 0532 0130 01", "municipality_key": "123"},
    )
    assert bad.status_code == 422
    page = bad.get_data(as_text=True)
    assert "Prüfziffer stimmt nicht" in page
    assert "genau 8 Ziffern" in page
    assert client.post("/organisation/antragsteller", data=BLOCK).status_code == 303
    with app.app_context():
        organisation = again(setup["org"])
    assert organisation.applicant["iban"] == "DE89370400440532013000"
    assert organisation.applicant["representatives"] == [
        {"name": "Petra Muster", "function": "Vorsitzende"}
    ]
    response = client.get(f"/antraege/{setup['application'].id}/export/docx")
    word = docx.Document(io.BytesIO(response.data))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert "Lirichstraße 1, 46049 Oberhausen" in cells
    assert "Petra Muster (Vorsitzende)" in cells
    text = "\n".join(p.text for p in word.paragraphs)
    assert "nicht zum Vorsteuerabzug" in text


def test_a_viewer_sees_the_applicant_block_without_a_form(client, setup, make_user, login):
    client.post("/organisation/antragsteller", data=BLOCK)
    client.post("/abmelden")
    login(make_user(setup["org"], Role.viewer))
    page = client.get("/organisation/antragsteller").get_data(as_text=True)
    assert "Lirichstraße 1, 46049 Oberhausen" in page
    assert "<form" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert client.post("/organisation/antragsteller", data=BLOCK).status_code == 403


def test_the_grantors_version_lists_what_is_missing_then_downloads(app, client, setup):
    url = f"/antraege/{setup['application'].id}/export/docx?version=einreichung"
    refused = client.get(url)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Einreichungsfassung noch nicht möglich" in page
    assert "Kosten- und Finanzierungsplan" in page
    assert "Abschnitt „Zielgruppe und Beteiligung“ ist leer" in page
    client.post(details_url(setup), data=answers())
    with app.app_context():
        save_budget(again(setup["application"]), BUDGET)
        db.session.commit()
    ready = client.get(url)
    assert ready.status_code == 200, ready.get_data(as_text=True)[:400]
    assert "einreichung" in ready.headers["Content-Disposition"]
    word = docx.Document(io.BytesIO(ready.data))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "ARBEITSFASSUNG" not in text
    assert "Vor dem Einreichen prüfen" not in text
    assert "Die Gesamtausgaben des Vorhabens betragen 60.000,00 €" in text
    assert client.get(url.replace("einreichung", "endfassung")).status_code == 404


def test_api_export_takes_the_version(app, client, setup):
    with app.app_context():
        _, token = create_api_token(again(setup["user"]), again(setup["org"]))
        db.session.commit()
        token = loaded(token)
    headers = {"Authorization": f"Bearer {token}"}
    base = f"/api/v1/applications/{setup['application'].id}/export?format=md"
    refused = client.get(f"{base}&version=einreichung", headers=headers)
    assert refused.status_code == 422
    missing = refused.get_json()["fields"]["version"]
    assert any("Kosten- und Finanzierungsplan" in m for m in missing)
    bad = client.get(f"{base}&version=endfassung", headers=headers)
    assert bad.status_code == 400
    assert "version" in bad.get_json()["fields"]
    working = client.get(f"{base}&version=arbeitsfassung", headers=headers)
    assert working.status_code == 200
    assert "ARBEITSFASSUNG" in working.get_data(as_text=True)
    portal = client.get(
        f"/api/v1/applications/{setup['application'].id}/export?format=portal", headers=headers
    )
    assert portal.mimetype == "text/plain"
    assert "Zeichen" in portal.get_data(as_text=True)


def test_api_projects_take_details_and_the_schema_describes_them(app, client, setup):
    with app.app_context():
        _, token = create_api_token(again(setup["user"]), again(setup["org"]))
        db.session.commit()
        token = loaded(token)
    headers = {"Authorization": f"Bearer {token}"}
    body = profile_data(details={"goals": [{"goal": "Weniger allein", "target": "40"}]})
    created = client.post("/api/v1/projects", json=body, headers=headers)
    assert created.status_code == 201
    assert created.get_json()["profile"]["details"] == body["details"]
    wrong = client.post(
        "/api/v1/projects",
        json=profile_data(details={"goals": [{"target": "40"}]}),
        headers=headers,
    )
    assert wrong.status_code == 400
    assert wrong.get_json()["fields"]["details.goals.0.goal"] == ["Pflichtangabe fehlt"]
    schema = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    assert schema["Profile"]["properties"]["details"]["anyOf"][0] == {
        "$ref": "#/components/schemas/Details"
    }
    assert "indicator" in schema["Goal"]["properties"]


@needs_pdftotext
def test_the_letterhead_is_drawn_on_the_pdf(client, setup):
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Nachbarn e. V. · Lirichstraße 1"
    template.sections[0].footer.paragraphs[0].text = "IBAN DE89 3704 0044 0532 0130 00"
    out = io.BytesIO()
    template.save(out)
    response = client.post(
        "/organisation/briefkopf",
        data={"file": (io.BytesIO(out.getvalue()), "vorlage.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    pdf = client.get(f"/antraege/{setup['application'].id}/export/pdf").data
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert text.count("Nachbarn e. V. · Lirichstraße 1") >= 2  # on every page
    assert "IBAN DE89 3704 0044 0532 0130 00" in text


# -- the command line --------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path, write_programme):
    write_programme(slug="quartiersfonds", **OUTLINE)
    profile = tmp_path / "profil.json"
    profile.write_text(json.dumps(profile_data(organisation="Nachbarn e. V.")), encoding="utf-8")
    budget = tmp_path / "budget.json"
    budget.write_text(json.dumps(BUDGET), encoding="utf-8")
    return tmp_path, profile, budget


def test_cli_refuses_the_grantors_version_with_the_list_and_exit_1(cli, files):
    folder, profile, budget = files
    out = folder / "antrag.md"
    result = cli(
        [
            "draft",
            str(profile),
            "--programme",
            "quartiersfonds",
            "--version",
            "einreichung",
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 1
    assert "Die Einreichungsfassung kann noch nicht erstellt werden. Es fehlt:" in result.output
    assert "Kosten- und Finanzierungsplan" in result.output
    assert not out.exists()


def test_cli_bad_applicant_file_names_the_field_and_exits_2(cli, files):
    folder, profile, budget = files
    applicant = folder / "antragsteller.json"
    applicant.write_text(json.dumps({"iban": "DE00 1234"}), encoding="utf-8")
    result = cli(
        [
            "draft",
            str(profile),
            "--programme",
            "quartiersfonds",
            "--applicant",
            str(applicant),
            "-o",
            str(folder / "x.md"),
        ]
    )
    assert result.exit_code == 2
    assert "FEHLER applicant.iban: keine gültige IBAN" in result.output


def test_cli_portal_text_and_the_applicant_block(cli, files):
    folder, profile, budget = files
    applicant = folder / "antragsteller.json"
    applicant.write_text(
        json.dumps({"name": "Nachbarn e. V.", "address": {"street": "Lirichstraße 1"}}),
        encoding="utf-8",
    )
    out = folder / "antrag.md"
    result = cli(
        [
            "draft",
            str(profile),
            "--programme",
            "quartiersfonds",
            "--budget",
            str(budget),
            "--applicant",
            str(applicant),
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "- **Anschrift:** Lirichstraße 1" in out.read_text(encoding="utf-8")
    portal = folder / "portal.txt"
    result = cli(
        [
            "draft",
            str(profile),
            "--programme",
            "quartiersfonds",
            "--budget",
            str(budget),
            "--format",
            "portal",
            "-o",
            str(portal),
        ]
    )
    assert result.exit_code == 0, result.output
    text = portal.read_text(encoding="utf-8")
    assert "1. Ausgangslage im Quartier" in text
    assert "Zeichen" in text
