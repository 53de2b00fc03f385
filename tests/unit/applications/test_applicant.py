"""The applicant block: IBAN check digits, Gemeindeschlüssel, what a draft prints."""

from __future__ import annotations

import pytest

from funding_matcher.domain.applications.applicant import Applicant, format_iban, iban_problem
from funding_matcher.domain.errors import InvalidData


@pytest.mark.parametrize(
    "iban",
    ["DE89 3704 0044 0532 0130 00", "de89370400440532013000", "DE02120300000000202051"],
)
def test_valid_ibans_pass(iban):
    assert iban_problem(iban) is None


@pytest.mark.parametrize(
    ("iban", "fragment"),
    [
        ("DE89 3704 0044 0532 0130 01", "Prüfziffer stimmt nicht"),  # one digit typed wrong
        ("DE89 3704 0044 0532 0130 0", "hat 22 Zeichen"),
        ("3704 0044 0532 0130 00", "keine gültige IBAN"),
    ],
)
def test_wrong_ibans_are_named(iban, fragment):
    assert fragment in iban_problem(iban)


def test_bad_values_are_field_errors_in_german():
    with pytest.raises(InvalidData) as caught:
        Applicant.from_dict(
            {
                "iban": "DE89 3704 0044 0532 0130 01",
                "municipality_key": "0551300",
                "contact": {"email": "kein-at"},
                "representatives": [{"function": "Vorsitzende"}],
                "rechtsform": "e. V.",
            }
        )
    found = caught.value.as_dict()
    assert "Prüfziffer" in found["iban"][0]
    assert found["municipality_key"] == [
        "der Amtliche Gemeindeschlüssel hat genau 8 Ziffern (z. B. 05513000)"
    ]
    assert found["contact.email"] == ["keine gültige E-Mail-Adresse"]
    assert found["representatives.0.name"] == ["Pflichtangabe fehlt"]
    assert found["rechtsform"] == ["unbekanntes Feld"]


def test_round_trip_and_the_printed_rows():
    data = {
        "name": "AWO Kreisverband Hildesheim-Alfeld e.V.",
        "legal_form": "e. V.",
        "address": {"street": "Steingrube 19", "postcode": "31141", "city": "Hildesheim"},
        "representatives": [{"name": "Petra Beispiel", "function": "Vorsitzende"}],
        "contact": {"name": "Anna Koch", "phone": "05121 1234", "email": "a@example.de"},
        "iban": "DE89370400440532013000",
        "bank": "Sparkasse",
        "register": "VR 1234, Amtsgericht Hildesheim",
        "tax_exempt_notice": {"office": "Finanzamt Hildesheim", "date": "2025-03-01"},
        "vat_deductible": False,
    }
    block = Applicant.from_dict(data)
    assert block.to_dict() == data
    rows = dict(block.rows())
    assert rows["Anschrift"] == "Steingrube 19, 31141 Hildesheim"
    assert rows["Vertretungsberechtigt"] == "Petra Beispiel (Vorsitzende)"
    assert rows["Ansprechperson"] == "Anna Koch, Tel. 05121 1234, a@example.de"
    assert rows["Bankverbindung"] == "IBAN DE89 3704 0044 0532 0130 00, Sparkasse"
    assert rows["Gemeinnützigkeit"] == (
        "Freistellungsbescheid des Finanzamts Hildesheim vom 01.03.2025"
    )
    assert block.missing() == []
    assert format_iban(" de89370400440532013000 ") == "DE89 3704 0044 0532 0130 00"


def test_an_empty_block_names_what_forms_ask_for():
    block = Applicant().with_name("Stadt Gelsenkirchen")
    assert block.rows() == [("Name", "Stadt Gelsenkirchen")]
    assert block.missing() == ["Anschrift", "Vertretungsberechtigte", "Ansprechperson", "IBAN"]
