"""Downloads of an application in the four formats, the letterhead, and who may download."""

from __future__ import annotations

import io
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from funding_matcher.extensions import db
from funding_matcher.models import Role
from funding_matcher.operations.tokens import create_api_token
from tests.conftest import again, loaded
from tests.unit.exports.conftest import needs_pdftotext


@pytest.fixture
def setup(app, make_org, make_user, login, make_application):
    app.config["TODAY"] = "2026-11-29"
    organisation = make_org("Nachbarn e. V.", "verein")
    user = make_user(organisation, Role.owner)
    application = make_application(organisation, user)
    login(user)
    return {"org": organisation, "user": user, "application": application}


def download(client, application, fmt):
    response = client.get(f"/antraege/{application.id}/export/{fmt}")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response


def test_word_export_has_headings_applicant_and_a_note_without_plan(client, setup):
    response = download(client, setup["application"], "docx")
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "attachment; filename=antrag-" in response.headers["Content-Disposition"]
    doc = Document(io.BytesIO(response.data))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Ausgangslage im Quartier" in headings
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = {cell.text for table in doc.tables for row in table.rows for cell in row.cells}
    assert "Nachbarn e. V." in cells
    assert "noch kein Kosten- und Finanzierungsplan" in text


@needs_pdftotext
def test_pdf_export_reads_back_with_pdftotext(client, setup):
    response = download(client, setup["application"], "pdf")
    assert response.mimetype == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert "Ausgangslage im Quartier" in text
    assert "Nachbarn e. V." in text


def test_markdown_and_xlsx(client, setup):
    markdown = download(client, setup["application"], "md").get_data(as_text=True)
    assert "## Zielgruppen" in markdown
    workbook = load_workbook(io.BytesIO(download(client, setup["application"], "xlsx").data))
    assert workbook.sheetnames


def test_unknown_format_and_other_organisations(client, setup, make_org, make_user, login):
    assert client.get(f"/antraege/{setup['application'].id}/export/exe").status_code == 404
    client.post("/abmelden")
    login(make_user(make_org("Andere Stadt"), Role.owner))
    assert client.get(f"/antraege/{setup['application'].id}/export/pdf").status_code == 404


def test_api_export(app, client, setup, make_org, make_user):
    with app.app_context():
        _, token = create_api_token(again(setup["user"]), again(setup["org"]))
        db.session.commit()
        token = loaded(token)
    headers = {"Authorization": f"Bearer {token}"}
    base = f"/api/v1/applications/{setup['application'].id}/export"
    ok = client.get(f"{base}?format=md", headers=headers)
    assert ok.status_code == 200
    assert ok.mimetype == "text/markdown"
    bad = client.get(f"{base}?format=odt", headers=headers)
    assert bad.status_code == 400
    assert "format" in bad.get_json()["fields"]
    other = make_org("Verband B", "verband")
    with app.app_context():
        _, stranger = create_api_token(make_user(again(other), Role.owner), again(other))
        db.session.commit()
    assert (
        client.get(f"{base}?format=md", headers={"Authorization": f"Bearer {stranger}"}).status_code
        == 404
    )


def letterhead_docx(header_text: str) -> bytes:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = header_text
    doc.add_paragraph("wird ersetzt")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_letterhead_is_used_by_word_exports(client, setup):
    response = client.post(
        "/organisation/briefkopf",
        data={"file": (io.BytesIO(letterhead_docx("Nachbarn e. V. · Lirich")), "vorlage.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    doc = Document(io.BytesIO(download(client, setup["application"], "docx").data))
    assert doc.sections[0].header.paragraphs[0].text == "Nachbarn e. V. · Lirich"
    assert "wird ersetzt" not in "\n".join(p.text for p in doc.paragraphs)
    client.post("/organisation/briefkopf/loeschen")
    doc = Document(io.BytesIO(download(client, setup["application"], "docx").data))
    assert "Nachbarn e. V. · Lirich" not in doc.sections[0].header.paragraphs[0].text


def test_bad_letterhead_files_get_a_message(client, setup, make_user, login):
    for name, data in (("vorlage.docx", b"kein Word"), ("bild.png", b"\x89PNG")):
        response = client.post(
            "/organisation/briefkopf",
            data={"file": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
        )
        assert response.status_code == 422
        assert 'class="error"' in response.get_data(as_text=True)
    client.post("/abmelden")
    login(make_user(setup["org"], Role.editor))
    response = client.post(
        "/organisation/briefkopf",
        data={"file": (io.BytesIO(letterhead_docx("x")), "v.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 403
