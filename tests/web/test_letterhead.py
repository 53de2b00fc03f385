"""H5: a letterhead is limited by its unpacked size and checked once at upload; exports open
only the stored, checked form (body cleared), never the uploaded file again."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from funding_matcher.domain.exports.docx import base as docx_base
from funding_matcher.models import Role
from funding_matcher.web import exports as export_views


@pytest.fixture
def owner(app, client, login, make_org, make_user, make_application):
    organisation = make_org("Nachbarn e. V.", "verein")
    user = make_user(organisation, Role.owner)
    application = make_application(organisation, user)
    login(user)
    return {"org": organisation, "application": application}


def letterhead(header: str = "Nachbarn e. V. · Lirich", body_paragraphs: int = 1) -> bytes:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = header
    for n in range(body_paragraphs):
        doc.add_paragraph(f"Alter Inhalt der Vorlage, Absatz {n}, der nicht gebraucht wird.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The .docx with one more member (a zip bomb when ``content`` compresses well)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(name, content)
    return out.getvalue()


def upload(client, data: bytes, name: str = "vorlage.docx"):
    return client.post(
        "/organisation/briefkopf",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def stored(app, owner) -> list:
    with app.app_context():
        folder = export_views.letterheads_dir()
    return sorted(folder.glob(f"organisation-{owner['org'].id}*"))


def test_a_small_file_that_unpacks_to_95_mb_is_refused(app, client, owner):
    """The probe: a 409 KB .docx unpacking to 95 MB was accepted; six exports then took 9.5 s
    each and the server stayed at 3 GB."""
    bomb = with_member(letterhead(), "word/media/bild.png", b"\0" * (95 * 2**20))
    assert len(bomb) < 500 * 1024
    response = upload(client, bomb)
    assert response.status_code == 422
    assert "entpackt zu groß" in response.get_data(as_text=True)
    assert stored(app, owner) == []


def test_too_much_xml_is_refused_even_below_the_total(client, owner):
    padding = b"<!--" + b"x" * (9 * 2**20) + b"-->"
    response = upload(client, with_member(letterhead(), "word/extra.xml", padding))
    assert response.status_code == 422
    assert "entpackt zu groß" in response.get_data(as_text=True)


def test_the_stored_form_is_checked_small_and_private(app, client, owner):
    original = letterhead(body_paragraphs=3000)
    assert upload(client, original).status_code == 303
    (path,) = stored(app, owner)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    checked = Document(io.BytesIO(path.read_bytes()))
    assert checked.sections[0].header.paragraphs[0].text == "Nachbarn e. V. · Lirich"
    assert "Alter Inhalt" not in "\n".join(p.text for p in checked.paragraphs)

    def body_size(data: bytes) -> int:
        return zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size

    assert body_size(original) > 200_000
    assert body_size(path.read_bytes()) < 5_000


def test_exports_never_check_or_parse_the_upload_again(app, client, owner, monkeypatch):
    assert upload(client, letterhead()).status_code == 303

    def refuse(_data: bytes) -> bytes:
        raise AssertionError("the upload was checked again")

    monkeypatch.setattr(export_views, "checked_letterhead", refuse)
    monkeypatch.setattr(docx_base, "checked_letterhead", refuse)
    response = client.get(f"/antraege/{owner['application'].id}/export/docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.data))
    assert doc.sections[0].header.paragraphs[0].text == "Nachbarn e. V. · Lirich"


def test_a_letterhead_of_an_earlier_release_is_checked_once_then_kept(app, client, owner):
    with app.app_context():
        old = export_views.letterheads_dir() / f"organisation-{owner['org'].id}.docx"
    old.write_bytes(letterhead(header="Alter Briefkopf"))
    response = client.get(f"/antraege/{owner['application'].id}/export/docx")
    assert Document(io.BytesIO(response.data)).sections[0].header.paragraphs[0].text == (
        "Alter Briefkopf"
    )
    assert [p.name for p in stored(app, owner)] == [f"organisation-{owner['org'].id}-geprueft.docx"]
    # An earlier bomb is dropped, the export falls back to the standard layout.
    old.write_bytes(with_member(letterhead(), "word/media/x.png", b"\0" * (40 * 2**20)))
    with app.app_context():
        export_views.letterhead_path(owner["org"]).unlink()
    assert client.get(f"/antraege/{owner['application'].id}/export/docx").status_code == 200
    assert stored(app, owner) == []
