"""``funding-matcher draft``: a file per format from a profile, a programme and a budget."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.conftest import SHARED, profile_data

BUDGET = SHARED / "eval" / "budget-dev" / "d1-anteil-other-funding.json"


@pytest.fixture
def files(tmp_path, write_programme):
    write_programme(
        slug="quartiersfonds",
        title="Quartiersfonds Nachbarschaft",
        outline_sections=["Ausgangslage im Quartier", "Zielgruppen", "Verstetigung"],
    )
    profile = tmp_path / "profil.json"
    profile.write_text(json.dumps(profile_data(organisation="Nachbarn e. V.")), encoding="utf-8")
    return tmp_path, profile


def test_markdown_draft_follows_the_programme(cli, files):
    folder, profile = files
    out = folder / "entwurf.md"
    result = cli(
        [
            "draft",
            str(profile),
            "--programme",
            "quartiersfonds",
            "-o",
            str(out),
            "--today",
            "2026-11-29",
        ]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[:4] == [
        "## Antragsteller",
        "## Ausgangslage im Quartier",
        "## Zielgruppen",
        "## Verstetigung",
    ]
    assert "Nachbarn e. V." in text
    assert "noch kein Kosten- und Finanzierungsplan" in text


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_binary_drafts_with_a_budget(cli, files, fmt):
    folder, profile = files
    out = folder / f"entwurf.{fmt}"
    result = cli(
        [
            "draft",
            str(profile),
            "--programme",
            "quartiersfonds",
            "--budget",
            str(BUDGET),
            "--format",
            fmt,
            "-o",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if fmt == "docx":
        doc = Document(io.BytesIO(data))
        assert "Ausgangslage im Quartier" in [p.text for p in doc.paragraphs]
    elif fmt == "xlsx":
        assert "Gesamtplan" in load_workbook(io.BytesIO(data)).sheetnames
    else:
        assert data.startswith(b"%PDF-")


def test_bad_input_is_named_and_exits_2(cli, files):
    folder, profile = files
    out = folder / "x.md"
    unknown = cli(["draft", str(profile), "--programme", "gibt-es-nicht", "-o", str(out)])
    assert unknown.exit_code == 2
    assert "programme" in unknown.output
    broken = folder / "kaputt.json"
    broken.write_text("{nicht json", encoding="utf-8")
    assert (
        "Kein gültiges JSON"
        in cli(["draft", str(broken), "--programme", "quartiersfonds", "-o", str(out)]).output
    )
    budget = folder / "budget.json"
    budget.write_text(json.dumps({"version": 1, "costs": "viele"}), encoding="utf-8")
    bad_budget = cli(
        [
            "draft",
            str(profile),
            "--programme",
            "quartiersfonds",
            "--budget",
            str(budget),
            "-o",
            str(out),
        ]
    )
    assert bad_budget.exit_code == 2
    assert "costs" in bad_budget.output
    assert not out.exists()
