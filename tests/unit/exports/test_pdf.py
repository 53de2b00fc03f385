"""PDF: what pdftotext reads, the embedded fonts and the bookmarks (read with pypdf)."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from funding_matcher.domain.exports import export_pdf, fonts
from funding_matcher.domain.german import format_eur

from .conftest import MakeDocument, needs_pdftotext, pdf_text, program, report_of


def write(tmp_path: Path, data: bytes, name: str = "antrag.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@needs_pdftotext
def test_pdftotext_finds_headings_applicant_grant_and_umlauts(
    make_document: MakeDocument, tmp_path: Path
) -> None:
    report = report_of("d1-anteil-other-funding")
    text = pdf_text(write(tmp_path, export_pdf(make_document(budget=report))))
    for expected in (
        "ARBEITSFASSUNG",
        "Quartierszentrum Grüne Mitte",
        "Nachbarschaftshilfe Süd e.V.",
        "Antragsteller",
        "Kosten- und Finanzierungsplan",
        "Haushaltsjahre",
        "Vor dem Einreichen prüfen",
        "Zuwendungsfähige Ausgaben",
        "Fördersatz",
        "„Stiftung Wohlfahrtspflege NRW“",
        "5.000,00 € × 21 Monate",
        format_eur(report.figures.grant),
    ):
        assert expected in text, expected
    assert format_eur(report.figures.grant) == "79.200,00 €"


@needs_pdftotext
def test_without_plan_the_pdf_still_has_the_outline_and_a_note(
    make_document: MakeDocument, tmp_path: Path
) -> None:
    text = pdf_text(write(tmp_path, export_pdf(make_document(budget=None))))
    assert "Ausgangslage und Bedarf" in text
    assert "noch kein Kosten- und Finanzierungsplan erfasst" in text


def test_fonts_are_embedded_and_headings_are_bookmarks(make_document: MakeDocument) -> None:
    reader = PdfReader(io.BytesIO(export_pdf(make_document())))
    used = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/BaseFont"] in used:
                continue
            used.add(font["/BaseFont"])
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]  # embedded TrueType
    assert len(used) >= 2  # regular and bold at least
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:3] == ["Antragsteller", "Kurzbeschreibung", "Ausgangslage und Bedarf"]
    assert reader.metadata is not None
    assert reader.metadata.author == "Nachbarschaftshilfe Süd e.V."


@needs_pdftotext
def test_table_of_contents_gives_the_page_of_each_chapter(
    make_document: MakeDocument, tmp_path: Path
) -> None:
    data = export_pdf(make_document())
    reader = PdfReader(io.BytesIO(data))
    pages = {
        item.title: reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }
    path = write(tmp_path, data)
    done = subprocess.run(
        [program("pdftotext"), "-layout", "-f", "2", "-l", "2", str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    contents = done.stdout.decode("utf-8")
    assert contents.lstrip().startswith("Arbeitsfassung ·") or "Inhalt" in contents
    for title in ("Antragsteller", "Kosten- und Finanzierungsplan", "Anlagenverzeichnis"):
        found = re.search(rf"^\s*{re.escape(title)}[ .]+(\d+)\s*$", contents, re.MULTILINE)
        assert found is not None, title
        assert int(found.group(1)) == pages[title]


def test_font_falls_back_to_the_one_reportlab_ships(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fonts, "DEJAVU_DIR", tmp_path / "nichts")
    monkeypatch.delenv(fonts.FONT_DIR_ENV, raising=False)
    files = fonts.font_files()
    assert files.family == "Vera"
    assert all(p.is_file() for p in (files.regular, files.bold, files.italic, files.bold_italic))


def test_font_folder_can_be_configured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"):
        (tmp_path / f"{name}.ttf").write_bytes(b"")
    monkeypatch.setenv(fonts.FONT_DIR_ENV, str(tmp_path))
    assert fonts.font_files().regular == tmp_path / "DejaVuSans.ttf"


def test_the_letterhead_with_a_logo_is_drawn_on_every_page(make_document: MakeDocument) -> None:
    import docx
    from PIL import Image

    from funding_matcher.domain.exports.letterhead import read_letterhead

    logo = io.BytesIO()
    Image.new("RGB", (120, 40), (31, 56, 100)).save(logo, format="PNG")
    template = docx.Document()
    header = template.sections[0].header.paragraphs[0]
    header.text = "Musterverein e.V. · Hauptstraße 1"
    header.add_run().add_picture(io.BytesIO(logo.getvalue()))
    template.sections[0].footer.paragraphs[0].text = "VR 1234 · IBAN DE89 3704 0044 0532 0130 00"
    out = io.BytesIO()
    template.save(out)
    letterhead = read_letterhead(out.getvalue())
    assert letterhead.header == ("Musterverein e.V. · Hauptstraße 1",)
    assert letterhead.footer == ("VR 1234 · IBAN DE89 3704 0044 0532 0130 00",)
    assert letterhead.logo is not None
    assert letterhead.logo.startswith(b"\x89PNG")
    reader = PdfReader(io.BytesIO(export_pdf(make_document(), out.getvalue())))
    for page in reader.pages:
        assert "Musterverein e.V. · Hauptstraße 1" in page.extract_text()
        assert page["/Resources"].get("/XObject")  # the logo
