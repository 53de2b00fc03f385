"""DOCX read back with python-docx: Word headings, plan tables, title page, templates."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Cm

from funding_matcher.domain.budget import check_budget
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.exports import Section, export_docx

from .conftest import H1, MakeDocument, dev_budget, letterhead, report_of


def read(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


def headings(document: DocxDocument) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]


def after_heading(document: DocxDocument, text: str) -> int:
    """Index of the paragraph after a heading (the table of contents repeats its text)."""
    for i, p in enumerate(document.paragraphs):
        if p.text == text and p.style is not None and p.style.name.startswith("Heading"):
            return i + 1
    raise AssertionError(f"keine Überschrift {text!r}")


def table_rows(document: DocxDocument) -> list[list[list[str]]]:
    """Cell texts; the no-break space the export puts before € and % read as a space."""
    return [
        [[c.text.replace("\u00a0", " ") for c in row.cells] for row in t.rows]
        for t in document.tables
    ]


def all_text(document: DocxDocument) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [
        c.text.replace("\u00a0", " ") for t in document.tables for row in t.rows for c in row.cells
    ]
    return "\n".join(parts)


def test_outline_uses_word_heading_styles(make_document: MakeDocument) -> None:
    document = read(export_docx(make_document()))
    found = headings(document)
    assert [text for style, text in found if style == "Heading 1"] == H1
    assert [text for style, text in found if style == "Heading 2"] == [
        "Ausgaben",
        "Finanzierung",
        "Zuwendung und Eigenanteil",
        "Haushaltsjahre",
    ]


def test_title_page_marks_the_draft_and_names_applicant_programme_and_date(
    make_document: MakeDocument,
) -> None:
    document = read(export_docx(make_document()))
    first = document.paragraphs[0]
    assert first.text == "ARBEITSFASSUNG"
    assert first.runs[0].bold
    facts = dict(tuple(row) for row in table_rows(document)[0])
    assert facts["Antragsteller"] == "Nachbarschaftshilfe Süd e.V."
    assert facts["Förderprogramm"] == "Stiftung Wohlfahrtspflege NRW"
    assert facts["Datum"] == "29.11.2026"
    assert facts["Einreichungsfrist"] == "31.01.2027"
    assert "Quartierszentrum Grüne Mitte" in [p.text for p in document.paragraphs[:4]]
    header = document.sections[0].header.paragraphs[0].text
    assert header == "Arbeitsfassung · Quartierszentrum Grüne Mitte"
    assert document.core_properties.author == "Nachbarschaftshilfe Süd e.V."
    # Stored in twentieths of a point, so A4's 21 cm comes back to within a hair.
    assert abs(document.sections[0].page_width - Cm(21)) < Cm(0.01)


def test_table_of_contents_field_for_word_to_fill(make_document: MakeDocument) -> None:
    body = read(export_docx(make_document())).element.body
    instructions = [i.text for i in body.iter(qn("w:instrText"))]
    assert any(re.search(r'TOC \\o "1-2"', text) for text in instructions)


def test_plan_is_word_tables_with_german_amounts(make_document: MakeDocument) -> None:
    report = report_of("d1-anteil-other-funding")
    document = read(export_docx(make_document(budget=report)))
    tables = table_rows(document)
    costs = next(t for t in tables if t[0] == ["Nr.", "Bezeichnung", "Berechnung", "Betrag"])
    assert ["1", "Quartierskoordination", "5.000,00 € × 21 Monate", "105.000,00 €"] in costs
    assert ["", "Gesamtausgaben", "", "110.000,00 €"] in costs
    assert ["3", "Bewirtung Eröffnung (nicht zuwendungsfähig)", "", "2.000,00 €"] in costs
    # A category row spans the table (merged cells repeat their text in python-docx).
    assert ["Personalausgaben"] * 4 in costs
    financing = next(t for t in tables if t[0][0] == "Finanzierung")
    assert ["Eigenmittel (bar): Rücklagen", "12.800,00 €"] in financing
    assert ["Leistungen Dritter", "5.000,00 €"] in financing
    assert ["Wohnungsgesellschaft", "5.000,00 €"] in [[c.strip() for c in r] for r in financing]
    assert ["Andere öffentliche Förderung", "10.000,00 €"] in financing
    assert ["Stadt (Quartiersfonds) (beantragt)", "10.000,00 €"] in [
        [c.strip() for c in r] for r in financing
    ]
    assert ["Beantragte Zuwendung", "79.200,00 €"] in financing
    figures = dict(tuple(row) for row in next(t for t in tables if t[0][0] == "Kennzahl"))
    assert figures["Beantragte Zuwendung"] == "79.200,00 €"
    assert figures["Fördersatz"] == (
        "79,20 % der zuwendungsfähigen Ausgaben abzüglich Einnahmen und Leistungen Dritter"
    )
    assert figures["Eigenanteil nach den Regeln des Programms"] == (
        "10.800,00 € (10,00 % der zuwendungsfähigen Ausgaben)"
    )
    years = next(t for t in tables if t[0] == ["Haushaltsjahr", "2027*", "2028*", "Summe"])
    assert ["Zuwendung", "35.200,00 €", "44.000,00 €", "79.200,00 €"] in years
    assert ["Eigenmittel", "5.103,80 €", "7.696,20 €", "12.800,00 €"] in years
    assert ["davon nicht zuwendungsfähig", "0,00 €", "2.000,00 €", "2.000,00 €"] in years


def test_header_row_repeats_on_each_page(make_document: MakeDocument) -> None:
    document = read(export_docx(make_document()))
    costs = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr.")
    tr_pr = costs.rows[0]._tr.trPr
    assert tr_pr is not None
    assert tr_pr.find(qn("w:tblHeader")) is not None


def test_single_year_plan_has_no_year_table(make_document: MakeDocument) -> None:
    data = dev_budget("d3-own-share-donations")
    document = read(export_docx(make_document(budget=check_budget(data))))
    assert ("Heading 2", "Haushaltsjahre") not in headings(document)


def test_attachments_open_checks_and_source(make_document: MakeDocument) -> None:
    document = read(export_docx(make_document(budget=report_of("d8-ineligible-not-own-share"))))
    checklist = next(t for t in table_rows(document) if t[0][0] == "Unterlage")
    assert ["Freistellungsbescheid", "Pflicht", "fehlt", "liegt beim Vorstand"] in checklist
    assert ["Satzung", "Pflicht", "liegt vor", ""] in checklist
    paragraphs = [p.text for p in document.paragraphs]
    start = after_heading(document, "Vor dem Einreichen prüfen")
    assert paragraphs[start].startswith("Fehler: Der Kosten- und Finanzierungsplan hat Fehler")
    assert paragraphs[start + 1].startswith("Fehler: Finanzplan: Eigenanteil 0,00 € unterschreitet")
    source = paragraphs[after_heading(document, "Quelle und Stand der Programmangaben")]
    assert "https://www.sw-nrw.de/foerderung/foerdergrundlagen/" in source
    assert "zuletzt am 15.10.2026 geprüft" in source
    assert "aktuelle Förderrichtlinie" in source


def test_de_minimis_declaration_lists_the_aid(make_document: MakeDocument) -> None:
    from funding_matcher.domain.budget import de_minimis_declaration

    report = report_of("de-minimis")
    declaration = de_minimis_declaration(
        "Nachbarschaftshilfe Süd e.V.",
        report.budget.de_minimis_received,
        report.budget.applied_on,
        "general",
        report.figures.grant,
    )
    document = read(export_docx(make_document(budget=report, de_minimis=declaration)))
    assert ("Heading 1", "De-minimis-Erklärung") in headings(document)
    aids = next(t for t in table_rows(document) if t[0][0] == "Datum")
    assert ["30.06.2025", "Stadt", "VO (EU) 2023/2831", "250.000,00 €"] in aids
    # 250.000 € + 1.500,50 € DAWI + the grant of 79.200 €
    assert "330.700,50 €" in all_text(document)


def test_without_plan_every_part_is_there_with_a_note(make_document: MakeDocument) -> None:
    document = read(export_docx(make_document(budget=None)))
    assert [t for s, t in headings(document) if s == "Heading 1"] == H1
    assert "noch kein Kosten- und Finanzierungsplan erfasst" in all_text(document)


def test_control_characters_do_not_break_the_file(make_document: MakeDocument) -> None:
    doc = make_document(sections=[Section("a", "Ziele\x0b", "Begegnung\x0cund\x00 Teilhabe")])
    assert "Begegnungund Teilhabe" in all_text(read(export_docx(doc)))


# --- templates ------------------------------------------------------------------------------


def test_template_keeps_letterhead_and_styles_and_replaces_the_body(
    make_document: MakeDocument,
) -> None:
    document = read(export_docx(make_document(), template=letterhead()))
    assert document.sections[0].header.paragraphs[0].text == "Musterverein e.V. · Briefkopf"
    assert "Hausstil" in [s.name for s in document.styles]
    text = all_text(document)
    assert "ALTER INHALT" not in text
    assert "ALTE TABELLE" not in text
    assert [t for s, t in headings(document) if s == "Heading 1"] == H1
    assert document.paragraphs[0].text == "ARBEITSFASSUNG"


def test_template_without_heading_styles_gets_navigable_ones(make_document: MakeDocument) -> None:
    template = letterhead(drop_headings=True)
    assert "Heading 1" not in [s.name for s in read(template).styles]
    document = read(export_docx(make_document(), template=template))
    assert [t for s, t in headings(document) if s == "Heading 1"] == H1
    for level in (1, 2):
        style = document.styles[f"Heading {level}"]
        outline = style.element.pPr.find(qn("w:outlineLvl"))
        assert outline is not None
        assert outline.get(qn("w:val")) == str(level - 1)


def test_word_template_file_dotx_is_accepted(make_document: MakeDocument) -> None:
    source = zipfile.ZipFile(io.BytesIO(letterhead()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dotx:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            dotx.writestr(info, data)
    document = read(export_docx(make_document(), template=out.getvalue()))
    assert document.sections[0].header.paragraphs[0].text == "Musterverein e.V. · Briefkopf"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _broken_document_xml() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(letterhead()))
    return _zip(
        {
            info.filename: (
                b"<w:document" if info.filename == "word/document.xml" else source.read(info)
            )
            for info in source.infolist()
        }
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (b"Das ist kein Word-Dokument", "Die Vorlage ist keine Word-Datei (.docx)."),
        (
            _zip({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"}),
            "Die Vorlage ist keine Word-Datei (.docx).",
        ),
        (b"", "Die Vorlage ist keine Word-Datei (.docx)."),
    ],
    ids=["text", "spreadsheet", "empty"],
)
def test_a_file_that_is_not_a_docx_is_refused(
    make_document: MakeDocument, template: bytes, message: str
) -> None:
    with pytest.raises(InvalidData) as caught:
        export_docx(make_document(), template=template)
    assert caught.value.as_dict() == {"template": [message]}


def test_a_damaged_docx_is_refused_in_german(make_document: MakeDocument) -> None:
    with pytest.raises(InvalidData) as caught:
        export_docx(make_document(), template=_broken_document_xml())
    [message] = caught.value.as_dict()["template"]
    assert message.startswith("Die Vorlage lässt sich nicht als Word-Dokument öffnen")


def test_an_oversized_template_is_refused(make_document: MakeDocument) -> None:
    with pytest.raises(InvalidData) as caught:
        export_docx(make_document(), template=b"0" * (20 * 1024 * 1024 + 1))
    assert caught.value.as_dict() == {"template": ["Die Vorlage ist zu groß (höchstens 20 MB)."]}
