"""A project concept PDF becomes a profile v1 draft whose every field names its page."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain import taxonomy
from funding_matcher.domain.pdf_import import import_concept, propose_profile
from tests.unit.pdf_import.factory import text_pdf

CONCEPT = [
    [
        "Projektkonzept",
        "Projekttitel: Nachbarschaftstreff Am Kirchplatz",
        "Träger: Bürgerverein Südstadt e.V., Musterstadt (Nordrhein-Westfalen)",
        "1. Ausgangslage",
        "Im Quartier Südstadt leben viele ältere Menschen allein; Begegnungsorte fehlen seit der",
        "Schließung des Gemeindezentrums. Familien mit Kindern und Senioren wünschen sich einen",
        "Treffpunkt in der Nachbarschaft.",
        "2. Ziele",
        "Der Treff soll Begegnung und Teilhabe ermöglichen und das Ehrenamt im Quartier stärken.",
    ],
    [
        "3. Zielgruppen",
        "Das Angebot richtet sich an ältere Menschen, Familien und Kinder im Quartier.",
        "4. Zeitplan",
        "Projektbeginn ist der 1. März 2027, die Laufzeit beträgt 24 Monate.",
        "5. Finanzierung",
        "Die Gesamtkosten betragen 120.000 Euro.",
        "Eigenmittel in Höhe von 12.000 Euro bringt der Verein ein.",
    ],
]


@pytest.fixture(scope="module")
def concept():
    return import_concept(text_pdf(CONCEPT, footer="Seite {page} von {pages}"), name="konzept.pdf")


def test_title_budget_dates_and_duration_with_their_pages(concept):
    profile, sources = concept.profile, concept.sources
    assert profile["title"] == "Nachbarschaftstreff Am Kirchplatz"
    assert sources["title"] == {
        "page": 1,
        "quote": "Projekttitel: Nachbarschaftstreff Am Kirchplatz",
    }
    assert profile["budget_total_eur"] == Decimal("120000.00")
    assert sources["budget_total_eur"] == {
        "page": 2,
        "quote": "Die Gesamtkosten betragen 120.000 Euro.",
    }
    assert profile["own_funds_eur"] == Decimal("12000.00")
    assert sources["own_funds_eur"]["page"] == 2
    assert profile["start_date"] == date(2027, 3, 1)
    assert profile["duration_months"] == 24
    assert sources["duration_months"]["page"] == 2


def test_description_is_the_running_text_from_page_one(concept):
    description = concept.profile["description"]
    assert description.startswith("Im Quartier Südstadt leben viele ältere Menschen allein")
    assert "Gemeindezentrums" in description
    assert 20 <= len(description) <= 50000
    assert concept.sources["description"]["page"] == 1


def test_themes_and_target_groups_from_the_taxonomy_words(concept):
    assert set(concept.profile["target_groups"]) == {"aeltere", "familien", "kinder"}
    assert {"teilhabe", "engagement"} <= set(concept.profile["themes"])
    assert not taxonomy.unknown_codes("themes", concept.profile["themes"])
    assert concept.sources["target_groups"]["page"] == 1


def test_organisation_type_and_state_are_drafted_too(concept):
    assert concept.profile["organisation"] == "Bürgerverein Südstadt e.V."
    assert concept.profile["applicant_type"] == "verein"
    assert concept.profile["state"] == "NW"


def test_json_has_profile_and_sources_per_contract(concept):
    data = json.loads(concept.to_json())
    assert data["profile"]["budget_total_eur"] == 120000
    assert data["profile"]["start_date"] == "2027-03-01"
    # every field names its source; so does every details topic ("details.need")
    assert set(data["sources"]) == set(data["profile"]) | {f"details.{t}" for t in data["details"]}
    assert all({"page", "quote"} == set(source) for source in data["sources"].values())
    assert data["pages"] == 2
    assert data["pages_with_text"] == 2


def test_german_text_rendering(concept):
    text = concept.to_text()
    assert "Titel (Seite 1): Nachbarschaftstreff Am Kirchplatz" in text
    assert "Gesamtkosten (Seite 2): 120.000 Euro" in text
    assert "Beginn (Seite 2): 1. März 2027" in text
    assert "Zielgruppen (Seite 1): " in text


def test_own_funds_as_share_of_the_total(make_document):
    result = propose_profile(
        make_document(
            [
                "Projekttitel: Repair-Café im Quartier",
                "Das Repair-Café bringt Nachbarinnen und Nachbarn beim Reparieren zusammen.",
                "Die Projektkosten belaufen sich auf 8.333 Euro.",
                "Der Eigenanteil beträgt 15 %.",
            ]
        )
    )
    assert result.profile["own_funds_eur"] == Decimal("1249.95")


def test_duration_in_years_and_start_as_month(make_document):
    result = propose_profile(
        make_document(
            [
                "Lernwerkstatt Nord",
                "Das Projekt startet im September 2027 und läuft über drei Jahre im Stadtteil.",
            ]
        )
    )
    assert result.profile["title"] == "Lernwerkstatt Nord"
    assert result.profile["start_date"] == date(2027, 9, 1)
    assert result.profile["duration_months"] == 36


def test_concept_without_title_and_text_says_what_is_missing(make_document):
    result = propose_profile(make_document(["Projektkonzept", "Seite 1"]))
    assert "title" not in result.profile
    assert result.warnings == ("Nicht gefunden: title, description; bitte im Formular ergänzen.",)


def test_own_funds_above_total_is_flagged(make_document):
    result = propose_profile(
        make_document(
            [
                "Projekttitel: Stadtteilgarten",
                "Ein Garten für alle Generationen im Stadtteil mit Beeten und Werkstatt.",
                "Gesamtkosten: 5.000 Euro. Eigenmittel: 6.000 Euro.",
            ]
        )
    )
    assert "Die Eigenmittel sind höher als die Gesamtkosten; bitte prüfen." in result.warnings


# -- a concept as grant writers set it: letterhead, a title over two lines, sections ----------


@pytest.fixture(scope="module")
def written():
    from tests.unit.pdf_import.factory import concept_pdf

    return import_concept(concept_pdf(), name="konzept.pdf")


def test_the_title_is_both_lines_set_large_not_the_letterhead(written):
    assert written.profile["title"] == (
        "Miteinander der Generationen – Nachbarschaftszentrum Linden-Süd"
    )


def test_a_welfare_associations_e_v_is_a_freier_traeger_with_its_legal_form_and_address(written):
    assert written.profile["organisation"] == "Diakonisches Werk Hannover e. V."
    assert written.profile["applicant_type"] == "freier_traeger"
    assert written.applicant == {
        "name": "Diakonisches Werk Hannover e. V.",
        "legal_form": "e. V.",
        "address": {"street": "Burgstraße 8", "postcode": "30159", "city": "Hannover"},
    }


def test_kommune_foerdergebiet_and_cost_types(written):
    profile, sources = written.profile, written.sources
    assert profile["municipality"] == "Hannover"
    assert profile["designated_area"] is True
    assert sources["designated_area"]["quote"] == (
        "Der Stadtteil ist Fördergebiet der Städtebauförderung (Sozialer Zusammenhalt)."
    )
    assert profile["cost_types"] == ["personal", "sach", "investiv"]
    assert sources["cost_types"]["page"] == 2
    assert profile["budget_total_eur"] == Decimal("150000.00")
    assert profile["own_funds_eur"] == Decimal("15000.00")


def test_details_topics_with_the_drafting_contracts_keys(written):
    details = written.to_dict()["details"]
    assert details["need_figures"] == [
        {"label": "SGB-II-Quote im Quartier", "value": "24 %", "source": "Sozialbericht 2025"}
    ]
    assert details["target_group"]["count"] == 120
    assert details["target_group"]["subgroups"] == [
        {"label": "Menschen mit Behinderung", "count": 20},
        {"label": "Kinder", "count": 40},
    ]
    assert details["goals"][0] == {
        "goal": "Begegnung der Generationen stärken",
        "indicator": "Besuche je Woche",
        "target": "150",
    }
    assert details["activities"][1] == {
        "title": "Hausaufgabenhilfe",
        "description": "Schülerinnen und Schüler lernen mit Ehrenamtlichen",
        "from_month": 3,
        "to_month": 24,
    }
    assert details["partners"] == [
        {"name": "Stadtteilbibliothek Linden", "role": "Räume und Lesepatenschaften"},
        {"name": "Grundschule am Lindener Markt", "role": "Vermittlung der Kinder"},
    ]
    assert details["sustainability"].startswith("Nach der Förderung trägt ein Förderverein")
    assert "Spitzenverband der freien Wohlfahrtspflege" in details["experience"]
    # topics the concept has no section for stay out; nothing is made up
    assert "publicity" not in details
    assert "accessibility" not in details
    sources = written.to_dict()["sources"]
    assert sources["details.partners"]["page"] == 2
    # the profile keeps profile v1's fields; details are proposals in the result only
    assert "details" not in written.profile
    assert "Projektangaben (nur im JSON, noch nicht im Profil): Ausgangslage und Bedarf" in (
        written.to_text()
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Das Quartier liegt im Programmgebiet Sozialer Zusammenhalt.", True),
        ("Der Stadtteil ist kein Fördergebiet der Städtebauförderung.", False),
    ],
)
def test_foerdergebiet_yes_and_no(sentence, expected):
    document = import_concept(
        text_pdf([["Projektkonzept", "Projekttitel: Treffpunkt", sentence]]), name="k.pdf"
    )
    assert document.profile["designated_area"] is expected
