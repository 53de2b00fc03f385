"""Förderdatenbank import on the shared real export samples and on broken input."""

import csv
import io
import json
from datetime import date

import pytest

from funding_matcher.domain.catalogue.fdb.importer import import_fdb
from funding_matcher.domain.catalogue.fdb.records import slug_for
from tests.conftest import SHARED

EXPORT = SHARED / "data" / "foerderdatenbank" / "export-xml"
TODAY = date(2026, 11, 24)
needs_samples = pytest.mark.skipif(not EXPORT.exists(), reason="shared samples not beside")


@needs_samples
def test_xml_samples_yield_their_three_programmes_with_texts_and_attribution():
    result = import_fdb(EXPORT, TODAY)
    by_slug = {p.slug: p for p in result.programmes}
    assert set(by_slug) == {
        "fdb-bund-bmas-einstiegsgeld",
        "fdb-bund-ba-eingliederungszuschuss-bund",
        "fdb-bund-bkm-deutsch-franzoesische-kooperationen-film-ffa",
    }
    einstieg = by_slug["fdb-bund-bmas-einstiegsgeld"]
    assert einstieg.status == "draft"
    assert einstieg.title == "Einstiegsgeld"
    assert einstieg.summary.startswith("Das Einstiegsgeld dient der Unterstützung von Menschen")
    assert "Zuschüsse sind bis zu einer Höhe von EUR 5.000 möglich" in einstieg.description
    assert einstieg.procedure.startswith("Die Förderung ist vor Aufnahme der Erwerbstätigkeit")
    assert einstieg.source_url == (
        "https://www.foerderdatenbank.de/FDB/Content/DE/"
        "Foerderprogramm/Bund/BMAS/einstiegsgeld.html"
    )
    assert einstieg.attribution.startswith("Einstiegsgeld von Bundesministerium für Wirtschaft")
    assert "CC BY-ND 4.0" in einstieg.attribution
    assert einstieg.states == "all"
    assert einstieg.funding_type == "zuschuss"


@needs_samples
def test_only_honest_mappings_and_the_rest_is_reported():
    result = import_fdb(EXPORT, TODAY)
    eingliederung = next(p for p in result.programmes if "eingliederung" in p.slug)
    assert eingliederung.applicant_types == ["unternehmen"]
    assert eingliederung.themes == ["arbeit"]
    unmapped = result.unmapped[eingliederung.slug]
    assert "Foerderberechtigte: verband_vereinigung" in unmapped
    assert "verband_vereinigung" in eingliederung.notes
    film = next(p for p in result.programmes if "film" in p.slug)
    assert film.funding_type == "sonstiges"  # Darlehen and Bürgschaft: no single type
    assert film.funder.startswith("Der Beauftragte der Bundesregierung für Kultur und Medien")
    assert film.funding_rate_max_percent is None
    assert film.deadline.kind == "unknown"


@needs_samples
def test_malformed_xml_is_reported_and_nothing_broken_is_imported():
    result = import_fdb(EXPORT, TODAY)
    assert result.problems == [
        "rgl-buergschaften-als-de-minimis-beihilfe-863736.xml: kein gültiges XML "
        "(Zeile 38, Spalte 136)"
    ]


def test_entity_expansion_is_refused(tmp_path):
    bomb = tmp_path / "bombe.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;">]><document>&b;</document>',
        "utf-8",
    )
    result = import_fdb(bomb, TODAY)
    assert result.programmes == []
    assert "abgelehnt" in result.problems[0]


CSV_COLUMNS = [
    "programme_slug",
    "url",
    "title",
    "description",
    "short_description",
    "procedure",
    "funding_type",
    "eligible_applicants",
    "funding_area",
    "funding_body",
    "funding_location",
    "funding_organisation",
    "id_url",
    "license_info",
    "date_of_issue",
]


def csv_file(tmp_path, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in CSV_COLUMNS})
    path = tmp_path / "programme.csv"
    path.write_text(buffer.getvalue(), "utf-8")
    return path


def csv_row(**overrides):
    row = {
        "programme_slug": "quartiersfonds",
        "id_url": "land-nordrhein-westfalen-quartiersfonds",
        "url": "https://www.foerderdatenbank.de/FDB/Content/DE/Foerderprogramm/Land/"
        "Nordrhein-Westfalen/quartiersfonds.html",
        "title": "Quartiersfonds",
        "description": "<h2>Ziel und Gegenstand</h2><p>Das Land unterstützt Nachbarschaften "
        "mit einem Fonds.</p><h2>Voraussetzungen</h2><p>Sitz in NRW.</p>",
        "funding_type": json.dumps(["zuschuss"]),
        "eligible_applicants": json.dumps(["kommune", "verband_vereinigung"]),
        "funding_area": json.dumps(["gesundheit_soziales"]),
        "funding_body": json.dumps(["land"]),
        "funding_location": json.dumps(["nordrhein_westfalen"]),
        "funding_organisation": json.dumps(["Ministerium XY"]),
    }
    row.update(overrides)
    return row


def test_csv_rows_map_like_the_xml(tmp_path):
    result = import_fdb(csv_file(tmp_path, [csv_row()]), TODAY)
    assert result.problems == []
    programme = result.programmes[0]
    assert programme.slug == "fdb-land-nordrhein-westfalen-quartiersfonds"
    assert programme.level == "land"
    assert programme.states == ["NW"]
    assert programme.applicant_types == ["kommune"]
    assert programme.summary == "Das Land unterstützt Nachbarschaften mit einem Fonds."
    assert programme.requirements == ["Sitz in NRW."]
    assert programme.funder == "Ministerium XY"


def test_bad_csv_rows_get_a_message_with_the_line_and_are_skipped(tmp_path):
    rows = [
        csv_row(),
        csv_row(id_url="b", funding_location="kein json"),
        csv_row(id_url="c", funding_body=json.dumps(["kommune"])),
        csv_row(id_url="d", description="", short_description=""),
        csv_row(id_url="e", funding_organisation="[kaputt"),
    ]
    result = import_fdb(csv_file(tmp_path, rows), TODAY)
    assert [p.slug for p in result.programmes] == ["fdb-land-nordrhein-westfalen-quartiersfonds"]
    assert any("Zeile 3" in p and "funding_location" in p for p in result.problems)
    assert any("Zeile 4" in p and "Ebene" in p for p in result.problems)
    assert any("Zeile 5" in p and "summary" in p for p in result.problems)
    assert any("Zeile 6" in p and "funding_organisation" in p for p in result.problems)


def test_csv_without_required_columns(tmp_path):
    path = tmp_path / "falsch.csv"
    path.write_text("a,b\n1,2\n", "utf-8")
    assert "Spalten fehlen" in import_fdb(path, TODAY).problems[0]


def test_slug_is_safe():
    assert slug_for("Land/Baden-Württemberg/Förder_Programm") == (
        "fdb-land-baden-wuerttemberg-foerder-programm"
    )
