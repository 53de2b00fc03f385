import csv
import io
import json
from datetime import date

import pytest

from funding_matcher.domain.catalogue.export import export_csv, export_json
from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.catalogue.review import stale
from funding_matcher.paths import PROJECT_ROOT
from tests.conftest import SHARED, programme_data

REQUIRED = SHARED / "contract" / "required-programs.tsv"


def test_valid_records_load(write_programme, catalogue_dir):
    write_programme()
    write_programme(slug="zweites-programm", states="all")
    result = load_catalogue(catalogue_dir)
    assert result.ok
    assert [p.slug for p in result.programmes] == ["testprogramm", "zweites-programm"]
    assert result.programmes[1].serves_all_states


def test_broken_files_are_named_with_line_and_valid_ones_still_load(write_programme, catalogue_dir):
    write_programme()
    (catalogue_dir / "kaputt.yaml").write_text("slug: kaputt\ntitle: [nicht geschlossen\n", "utf-8")
    write_programme(slug="ohne-quelle", source_url=None)
    lines = write_programme(slug="falscher-code", themes=["teilhabe", "quartiersarbeit"])
    write_programme(slug="anderer-slug").rename(catalogue_dir / "dateiname.yaml")

    result = load_catalogue(catalogue_dir)

    assert [p.slug for p in result.programmes] == ["testprogramm"]
    by_file = {p.path.name: p for p in result.problems}
    assert set(by_file) == {
        "kaputt.yaml",
        "ohne-quelle.yaml",
        "falscher-code.yaml",
        "dateiname.yaml",
    }
    assert "YAML-Syntaxfehler" in by_file["kaputt.yaml"].message
    assert by_file["kaputt.yaml"].line in (2, 3)
    assert by_file["ohne-quelle.yaml"].message.startswith("source_url")
    themes_line = lines.read_text("utf-8").splitlines().index("themes:") + 1
    assert by_file["falscher-code.yaml"].line == themes_line
    assert "quartiersarbeit" in by_file["falscher-code.yaml"].message
    assert "passt nicht zum Dateinamen" in by_file["dateiname.yaml"].message
    assert str(by_file["falscher-code.yaml"]).startswith(f"{lines}:{themes_line}: ")


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"funding_rate_max_percent": 120}, "höchstens 100"),
        ({"amount_min_eur": 90000, "amount_max_eur": 1000}, "amount_min_eur"),
        ({"source_url": "http://example.org/x"}, "https"),
        ({"checked_on": "1999-12-31"}, "2000"),
        ({"deadline": {"kind": "fixed", "dates": ["1890-01-01"]}}, "nicht plausibel"),
        ({"status": "maybe"}, "status"),
        ({"states": ["NRW"]}, "NRW"),
        ({"unexpected": 1}, "unbekanntes Feld"),
        # A term the budget check could not read is refused here, not in every plan later.
        ({"sach_max_percent": 33.3333}, "sach_max_percent: höchstens zwei Nachkommastellen"),
        # A misspelt area or a Land without one would shut out the projects of a whole area.
        (
            {"states": ["NW"], "programme_area": ["Regierungsbezirk Kölln"]},
            "„Regierungsbezirk Kölln“ ist in Nordrhein-Westfalen weder Kreis",
        ),
        (
            {"states": ["NW", "NI"], "programme_area": ["Kreis Borken"]},
            "programme_area nennt kein Gebiet in Niedersachsen",
        ),
        ({"partner_countries": ["PL"]}, "partner_countries: nur bei cooperation"),
        ({"cooperation": "cross_border", "partner_countries": ["XX"]}, "partner_countries"),
        ({"project_cost_max_eur": 0}, "project_cost_max_eur"),
        ({"first_application_max_eur": -30000}, "first_application_max_eur"),
        (
            {"requires_designated_area": True, "designated_area_kind": "stadt"},
            "designated_area_kind",
        ),
    ],
)
def test_stricter_validation(write_programme, catalogue_dir, overrides, fragment):
    write_programme(**overrides)
    result = load_catalogue(catalogue_dir)
    assert not result.programmes
    assert fragment in str(result.problems[0])


def _insert_after(path, after: str, *added: str) -> list[str]:
    """Write ``added`` below the line ``after`` of a record file; its lines afterwards."""
    lines = path.read_text("utf-8").splitlines()
    at = lines.index(after) + 1
    lines[at:at] = added
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return lines


def _line_numbers(lines: list[str], start: str) -> list[int]:
    return [number for number, line in enumerate(lines, 1) if line.startswith(start)]


@pytest.mark.parametrize(
    ("after", "added", "key"),
    [
        pytest.param("checked_on: '2026-11-01'", "title: Zweiter Titel", "title", id="oben"),
        # Nested keys are named by their path, as the field problems are.
        pytest.param(
            "  quote: Anträge können bis zum 30. September eingereicht werden.",
            "  date: '2026-10-02'",
            "status_evidence.date",
            id="verschachtelt",
        ),
        pytest.param("    day: 30", "    day: 31", "deadline.annual.day", id="zwei-ebenen-tief"),
    ],
)
def test_a_key_written_twice_is_refused_with_both_lines(
    write_programme, catalogue_dir, after, added, key
):
    write_programme(slug="zweites-programm")
    lines = _insert_after(write_programme(), after, added)
    first, second = _line_numbers(lines, added.split(":")[0] + ":")

    result = load_catalogue(catalogue_dir)

    # YAML alone would keep the later value without a word.
    assert [p.slug for p in result.programmes] == ["zweites-programm"]
    assert [(p.path.name, p.line, p.message) for p in result.problems] == [
        (
            "testprogramm.yaml",
            second,
            f"Schlüssel „{key}“ steht zweimal (Zeile {first} und Zeile {second})",
        )
    ]


def test_every_repeated_key_of_a_file_is_named(write_programme, catalogue_dir):
    path = write_programme()
    _insert_after(path, "funding_type: zuschuss", "themes: [teilhabe]", "funding_type: zuschuss")
    lines = _insert_after(path, "checked_on: '2026-11-01'", "themes: [engagement]")
    themes = _line_numbers(lines, "themes:")
    funding_type = _line_numbers(lines, "funding_type:")

    problems = [str(p) for p in load_catalogue(catalogue_dir).problems]

    assert problems == [
        f"{path}:{themes[1]}: Schlüssel „themes“ steht 3-mal "
        f"(Zeile {themes[0]}, Zeile {themes[1]} und Zeile {themes[2]})",
        f"{path}:{funding_type[1]}: Schlüssel „funding_type“ steht zweimal "
        f"(Zeile {funding_type[0]} und Zeile {funding_type[1]})",
    ]


def test_keys_taken_over_with_a_merge_key_may_be_overridden(write_programme, catalogue_dir):
    path = write_programme()
    text = path.read_text("utf-8").replace("status_evidence:", "status_evidence: &evidence", 1)
    path.write_text(
        text + "sources:\n  amount_max_eur:\n    <<: *evidence\n    date: '2026-10-02'\n", "utf-8"
    )

    result = load_catalogue(catalogue_dir)

    assert result.ok
    assert result.programmes[0].sources["amount_max_eur"].date == date(2026, 10, 2)


def test_reference_to_unknown_programme_is_reported(write_programme, catalogue_dir):
    write_programme(combinable_with=["gibt-es-nicht"])
    result = load_catalogue(catalogue_dir)
    assert "gibt-es-nicht" in str(result.problems[0])


SOURCES = {
    "amount_max_eur": {
        "url": "https://example.org/richtlinie.pdf",
        "date": "2026-03-01",
        "quote": "Die Zuwendung beträgt höchstens 50.000 Euro.",
    }
}


def test_export_json_has_slug_and_every_field():
    programme = Programme.model_validate(programme_data(sources=SOURCES))
    exported = json.loads(export_json([programme]))
    assert exported[0]["slug"] == "testprogramm"
    assert set(exported[0]) == set(Programme.model_fields)
    assert exported[0]["deadline"]["annual"] == {"month": 9, "day": 30}
    assert exported[0]["status_evidence"]["date"] == "2026-10-01"
    assert exported[0]["sources"]["amount_max_eur"]["url"] == "https://example.org/richtlinie.pdf"


def test_export_csv_one_row_per_programme():
    programme = Programme.model_validate(programme_data(sources=SOURCES, parent="dach"))
    rows = list(csv.DictReader(io.StringIO(export_csv([programme]))))
    assert rows[0]["slug"] == "testprogramm"
    assert rows[0]["themes"] == "teilhabe; engagement"
    assert json.loads(rows[0]["deadline"])["kind"] == "annual"
    assert rows[0]["status"] == "open"
    assert (
        json.loads(rows[0]["status_evidence"])["url"] == "https://example.org/testprogramm/aufruf"
    )
    assert json.loads(rows[0]["sources"])["amount_max_eur"]["date"] == "2026-03-01"
    assert rows[0]["parent"] == "dach"


def test_stale_lists_records_due_for_rechecking():
    evidence = {"url": "https://example.org/a", "date": "2024-12-01", "quote": "Antrag jederzeit"}
    old = Programme.model_validate(
        programme_data(slug="alt", checked_on="2025-01-01", status_evidence=evidence)
    )
    fresh = Programme.model_validate(programme_data(slug="frisch", checked_on="2026-11-01"))
    assert [p.slug for p in stale([fresh, old], date(2026, 11, 24), 90)] == ["alt"]


def test_the_shipped_catalogue_is_valid():
    result = load_catalogue(PROJECT_ROOT / "programs")
    assert [str(p) for p in result.problems] == []
    assert len(result.programmes) >= 10


@pytest.mark.skipif(not REQUIRED.exists(), reason="shared contract not beside the project")
def test_required_programmes_that_exist_use_the_contract_level():
    rows = [line.split("\t") for line in REQUIRED.read_text("utf-8").splitlines()[1:] if line]
    contract = {row[0]: row[3] for row in rows}
    programmes = load_catalogue(PROJECT_ROOT / "programs").programmes
    mismatched = [p.slug for p in programmes if p.slug in contract and p.level != contract[p.slug]]
    assert mismatched == []
