"""Where a place lies, read from the Gemeindeverzeichnis: the ground for excluding a regional
programme, so a place is placed only when the directory is certain."""

from __future__ import annotations

import pytest

from funding_matcher.domain.places import directory, in_area

RHEINLAND = ["Regierungsbezirk Düsseldorf", "Regierungsbezirk Köln"]


@pytest.mark.parametrize(
    ("state", "name", "where"),
    [
        ("NW", "Hallenberg", "Hallenberg (Hochsauerlandkreis, Regierungsbezirk Arnsberg)"),
        ("NW", "Stadt Bocholt", "Bocholt (Kreis Borken, Regierungsbezirk Münster)"),
        ("NW", "Münster", "Münster (kreisfreie Stadt, Regierungsbezirk Münster)"),
        (
            "NW",
            "Köln-Kalk",
            "Köln (kreisfreie Stadt, Regierungsbezirk Köln)",
        ),  # a district of a town
        ("NW", "Kreis Steinfurt", "Kreis Steinfurt (Regierungsbezirk Münster)"),
        ("SN", "Leipzig, Grünau", "Leipzig (kreisfreie Stadt)"),
        ("NI", "Landkreis Osnabrück", "Landkreis Osnabrück"),
        ("NI", "Osnabrück", "Osnabrück (kreisfreie Stadt)"),
        ("NI", "Bad Lauterberg im Harz", "Bad Lauterberg im Harz (Landkreis Göttingen)"),
    ],
)
def test_a_place_is_found_with_its_kreis_and_regierungsbezirk(state, name, where):
    assert directory().locate(state, name).where == where


@pytest.mark.parametrize(
    ("state", "name"),
    [
        ("NI", "Burgdorf"),  # a town of the Region Hannover and a Gemeinde near Wolfenbüttel
        ("NW", "Ortlosheim"),
        ("NW", ""),
        ("NW", None),
        ("NW", "Regierungsbezirk Köln"),  # an area, not a place
    ],
)
def test_a_place_not_known_for_certain_is_unknown(state, name):
    assert directory().locate(state, name) is None


@pytest.mark.parametrize(
    ("name", "inside"),
    [
        ("Köln", True),
        ("Kevelaer", True),  # Kreis Kleve, Regierungsbezirk Düsseldorf
        ("Münster", False),
        ("Hallenberg", False),
        ("Ortlosheim", None),
    ],
)
def test_the_rheinland_is_two_regierungsbezirke(name, inside):
    assert in_area("NW", name, RHEINLAND) is inside


def test_a_regierungsbezirk_is_not_the_town_of_the_same_name():
    assert in_area("NW", "Borken", ["Stadt Münster"]) is False
    assert in_area("NW", "Borken", ["Regierungsbezirk Münster"]) is True
    assert in_area("NI", "Bramsche", ["Stadt Osnabrück"]) is False  # in the Landkreis
    assert in_area("NI", "Bramsche", ["Landkreis Osnabrück"]) is True


def test_a_land_code_in_the_area_takes_in_the_whole_land():
    assert in_area("NI", "Ortlosheim", ["Kreis Borken", "NI"]) is True
