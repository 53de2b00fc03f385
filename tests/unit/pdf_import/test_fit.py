"""A guideline's issuer and title, and whether the guideline fits the record it is put on."""

from __future__ import annotations

import pytest

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.pdf_import.fit import Issuer, find_issuer, find_title, fit_warning
from tests.conftest import programme_data


def record(**overrides):
    return Programme.model_validate(programme_data(**overrides))


NKI = {
    "title": "Kommunalrichtlinie der Nationalen Klimaschutzinitiative",
    "short_title": "Kommunalrichtlinie (NKI)",
    "funder": "Bund (Klimaschutzministerium)",
    "level": "bund",
}


@pytest.mark.parametrize(
    ("stem", "level", "name"),
    [
        ("kommunal_potsdam_klimaschutz_2026", "kommune", "Landeshauptstadt Potsdam"),
        ("kommunal_mannheim_solarbonus_2026", "kommune", "Stadt Mannheim"),
        ("kommunal_heidelberg_rationelle-energieverwendung_2026", "kommune", "Stadt Heidelberg"),
        ("bund_zim_richtlinie_2025", "bund", ""),
        ("bund_kfw-merkblatt-458_beg-heizung_2026-07", "bund", ""),
        ("land_mv_grw-gewerbe_merkblatt", "land", ""),
    ],
)
def test_the_issuer_named_where_the_guideline_starts(guideline, stem, level, name):
    issuer = guideline(stem).issuer
    assert (issuer["level"], issuer["name"]) == (level, name)


def test_title_from_the_first_lines(make_document):
    document = make_document(
        [
            "Richtlinie der Stadt Beispielstadt",
            "zur Förderung von Nachbarschaftsprojekten",
            "Vom 1. März 2026",
            "1 Zuwendungszweck",
        ]
    )
    assert find_title(document) == (
        "Richtlinie der Stadt Beispielstadt zur Förderung von Nachbarschaftsprojekten"
    )
    assert find_issuer(document) == Issuer("kommune", "Stadt Beispielstadt", "Beispielstadt")


def test_a_municipal_guideline_on_a_federal_record_is_flagged():
    warning = fit_warning(
        Issuer("kommune", "Landeshauptstadt Potsdam", "Potsdam"),
        "Klimaschutzförderrichtlinie",
        record(**NKI),
    )
    assert warning.startswith(
        "Die Datei stammt offenbar von der Landeshauptstadt Potsdam "
        "(„Klimaschutzförderrichtlinie“), der Eintrag „Kommunalrichtlinie (NKI)“ ist ein "
        "Programm des Bundes"
    )
    assert "nicht als von Ihrer Organisation geprüft übernehmen" in warning


@pytest.mark.parametrize(
    ("issuer", "overrides"),
    [
        # the record names the Kommune
        (
            Issuer("kommune", "Stadt Heidelberg", "Heidelberg"),
            {"title": "Rationelle Energieverwendung Heidelberg", "level": "land"},
        ),
        # federal guideline on a federal or Land record (Länder administer federal money)
        (Issuer("bund"), NKI),
        (Issuer("bund"), {"level": "land"}),
        # EU guidelines and unclear issuers never warn
        (Issuer("eu"), {"level": "stiftung"}),
        (None, NKI),
    ],
)
def test_what_fits_or_is_unclear_gives_no_warning(issuer, overrides):
    assert fit_warning(issuer, None, record(**overrides)) is None


def test_a_federal_guideline_on_a_foundations_record_is_flagged():
    warning = fit_warning(Issuer("bund"), None, record(level="stiftung", funder="Aktion Mensch"))
    assert warning.startswith("Die Datei stammt offenbar vom Bund, der Eintrag „Testprogramm“")
    assert "ist ein Programm einer Stiftung oder Lotterie (Aktion Mensch)" in warning


def test_a_guideline_whose_title_shares_nothing_with_the_record_is_flagged():
    """A federal guideline on another federal record: the issuer fits, the title does not."""
    warning = fit_warning(
        Issuer("bund"), "Förderrichtlinie Zentrales Innovationsprogramm Mittelstand", record(**NKI)
    )
    assert warning.startswith(
        "Der Titel der Datei („Förderrichtlinie Zentrales Innovationsprogramm Mittelstand“) hat "
        "mit dem Eintrag „Kommunalrichtlinie (NKI)“ (Bund (Klimaschutzministerium)) kein Wort "
        "gemeinsam"
    )
    assert "nicht als von Ihrer Organisation geprüft übernehmen" in warning


@pytest.mark.parametrize(
    "title",
    [
        None,
        "Merkblatt für Anträge ab 01.01.2022",  # nothing telling in it
        "Richtlinie zur Förderung des kommunalen Klimaschutzes",  # shares "Klimaschutz"
    ],
)
def test_a_title_that_fits_or_says_nothing_gives_no_warning(title):
    assert fit_warning(Issuer("bund"), title, record(**NKI)) is None
    assert fit_warning(None, title, record(**NKI)) is None


def test_the_guidelines_own_titles_fit_records_named_like_them(guideline):
    heidelberg = guideline("kommunal_heidelberg_rationelle-energieverwendung_2026")
    own = record(title="Rationelle Energieverwendung Heidelberg", level="kommune")
    assert fit_warning(Issuer(**heidelberg.issuer), heidelberg.title, own) is None
