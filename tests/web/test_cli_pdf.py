"""``funding-matcher pdf``: proposals from a real guideline, a profile draft from a concept, and
one German sentence with exit status 2 for every bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.unit.pdf_import.factory import text_pdf

GUIDELINES = SHARED / "data" / "pdf" / "guidelines"
ROBUSTNESS = SHARED / "data" / "pdf" / "robustness"
HEIDELBERG = GUIDELINES / "kommunal_heidelberg_rationelle-energieverwendung_2026.pdf"


def corpus(path: Path) -> str:
    if not path.exists():
        pytest.skip(f"Korpusdatei fehlt: {path}")
    return str(path)


def best(proposals: list[dict], field: str) -> dict:
    return next(p for p in proposals if p["field"] == field)


def test_guideline_json_names_rate_maximum_and_validity_with_their_pages(cli):
    result = cli(["pdf", "guideline", corpus(HEIDELBERG), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["file"] == HEIDELBERG.name
    assert data["pages"] == data["pages_with_text"] == 4
    proposals = data["proposals"]
    assert {k: best(proposals, "funding_rate_max_percent")[k] for k in ("value", "page")} == {
        "value": 50,
        "page": 4,
    }
    assert "50 %" in best(proposals, "funding_rate_max_percent")["quote"]
    assert (
        best(proposals, "amount_max_eur")["value"],
        best(proposals, "amount_max_eur")["page"],
    ) == (
        10000,
        4,
    )
    assert (best(proposals, "valid_from")["value"], best(proposals, "valid_from")["page"]) == (
        "2026-07-01",
        3,
    )
    assert result.stderr == ""


def test_guideline_text_is_a_german_report(cli):
    result = cli(["pdf", "guideline", corpus(HEIDELBERG), "--format", "text"])
    assert result.exit_code == 0
    assert "Förderquote höchstens:" in result.stdout
    assert "→ 50 % – Seite 4:" in result.stdout
    assert "Richtlinie gilt ab:" in result.stdout
    assert "1. Juli 2026 – Seite 3" in result.stdout


def test_protected_guideline_opens_with_its_password(cli, tmp_path):
    path = tmp_path / "geschuetzt.pdf"
    path.write_bytes(
        text_pdf(
            [["Die Zuwendung beträgt bis zu 40 % der zuwendungsfähigen Ausgaben."]],
            password="geheim",
        )
    )
    result = cli(["pdf", "guideline", str(path), "--password", "geheim"])
    assert result.exit_code == 0, result.stderr
    assert best(json.loads(result.stdout)["proposals"], "funding_rate_max_percent")["value"] == 40
    wrong = cli(["pdf", "guideline", str(path), "--password", "falsch"])
    assert wrong.exit_code == 2
    assert wrong.stderr.strip() == (
        "Das angegebene Passwort ist falsch; die PDF-Datei lässt sich damit nicht öffnen."
    )


def test_concept_becomes_a_profile_draft_with_pages(cli, tmp_path):
    path = tmp_path / "konzept.pdf"
    path.write_bytes(
        text_pdf(
            [
                [
                    "Projekttitel: Nachbarschaftstreff Am Kirchplatz",
                    "Träger: Bürgerverein Südstadt e.V., Musterstadt (Nordrhein-Westfalen)",
                    "1. Ausgangslage",
                    "Im Quartier leben viele ältere Menschen allein; Begegnungsorte fehlen.",
                ],
                ["5. Finanzierung", "Die Gesamtkosten betragen 120.000 Euro."],
            ]
        )
    )
    result = cli(["pdf", "concept", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["profile"]["title"] == "Nachbarschaftstreff Am Kirchplatz"
    assert data["profile"]["budget_total_eur"] == 120000
    assert data["sources"]["budget_total_eur"]["page"] == 2
    assert data["sources"]["title"]["page"] == 1


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("qpdf_bad1_not-a-pdf.pdf", "keine PDF-Datei"),
        ("sf_encrypted_user-openpassword.pdf", "mit einem Passwort geschützt"),
        ("sf_image-only_grayscale.pdf", "Texterkennung (OCR)"),
        ("qpdf_bad2_no-startxref.pdf", "lässt sich nicht als PDF lesen"),
    ],
)
@pytest.mark.parametrize("command", ["guideline", "concept"])
def test_bad_files_exit_2_with_one_sentence(cli, command, name, says):
    result = cli(["pdf", command, corpus(ROBUSTNESS / name)])
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert says in message
    assert "\n" not in message
    assert message.endswith(".")
    assert "Traceback" not in result.stderr


def test_missing_path_directory_and_unreadable_file(cli, tmp_path):
    missing = cli(["pdf", "guideline", str(tmp_path / "gibt-es-nicht.pdf")])
    assert missing.exit_code == 2
    assert "gibt es nicht" in missing.stderr
    folder = cli(["pdf", "concept", str(tmp_path)])
    assert folder.exit_code == 2
    assert "ist keine Datei" in folder.stderr
    empty = tmp_path / "leer.pdf"
    empty.write_bytes(b"")
    assert "leer (0 Byte)" in cli(["pdf", "guideline", str(empty)]).stderr


def test_unknown_format_is_refused_by_the_option(cli):
    result = cli(["pdf", "concept", corpus(HEIDELBERG), "--format", "text"])
    assert result.exit_code == 2
    assert "--format" in result.stderr


def test_several_guidelines_are_read_as_a_batch(cli, tmp_path):
    other = tmp_path / "zweite.pdf"
    other.write_bytes(text_pdf([["Die Zuwendung beträgt höchstens 7.000 Euro je Vorhaben."]]))
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"oops")
    result = cli(["pdf", "guideline", corpus(HEIDELBERG), str(other), str(broken)])
    assert result.exit_code == 2  # one file could not be read
    data = json.loads(result.stdout)
    assert [entry["file"] for entry in data] == [HEIDELBERG.name, "zweite.pdf", "kaputt.pdf"]
    assert best(data[1]["proposals"], "amount_max_eur")["value"] == 7000
    assert data[2] == {
        "file": "kaputt.pdf",
        "error": "Die Datei ist keine PDF-Datei (am Anfang fehlt die Kennung „%PDF-“) und lässt "
        "sich nicht reparieren; bitte die richtige Datei wählen.",
    }
    assert result.stderr.startswith("kaputt.pdf: Die Datei ist keine PDF-Datei")
