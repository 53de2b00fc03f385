import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.extensions import db
from funding_matcher.operations.catalogue import sync_catalogue


@pytest.fixture
def catalogue(app, write_programme, catalogue_dir):
    app.config["TODAY"] = "2026-11-24"
    write_programme(
        slug="quartiersfonds",
        title="Quartiersfonds Nachbarschaft",
        description="Verfügungsfonds für Quartiersmanagement und Stadtteilarbeit.",
    )
    write_programme(
        slug="breitband",
        title="Breitbandausbau im ländlichen Raum",
        level="bund",
        states="all",
        themes=["digitalisierung"],
        applicant_types=["kommune"],
        description="Glasfaser für Gemeinden.",
    )
    write_programme(
        slug="vorbei",
        title="Abgelaufenes Programm",
        deadline={"kind": "fixed", "dates": ["2025-01-31"]},
    )
    write_programme(slug="entwurf", title="Importierter Entwurf", status="draft")
    sync_catalogue(load_catalogue(catalogue_dir).programmes)
    db.session.commit()


def titles(page: str) -> list[str]:
    return [
        t
        for t in (
            "Quartiersfonds Nachbarschaft",
            "Breitbandausbau im ländlichen Raum",
            "Abgelaufenes Programm",
            "Importierter Entwurf",
        )
        if t in page
    ]


def test_list_shows_reviewed_programmes_only(client, catalogue):
    page = client.get("/programme/").get_data(as_text=True)
    assert titles(page) == [
        "Quartiersfonds Nachbarschaft",
        "Breitbandausbau im ländlichen Raum",
        "Abgelaufenes Programm",
    ]
    assert "3 Programm(e) gefunden." in page


def test_full_text_search_understands_compounds(client, catalogue):
    page = client.get("/programme/?q=Quartiersmanagement").get_data(as_text=True)
    assert titles(page) == ["Quartiersfonds Nachbarschaft"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=bund", ["Breitbandausbau im ländlichen Raum"]),
        ("theme=digitalisierung", ["Breitbandausbau im ländlichen Raum"]),
        ("applicant=verein", ["Quartiersfonds Nachbarschaft", "Abgelaufenes Programm"]),
        ("state=BY", ["Breitbandausbau im ländlichen Raum"]),
        ("offen=1", ["Quartiersfonds Nachbarschaft", "Breitbandausbau im ländlichen Raum"]),
        (
            "level=unsinn",
            [
                "Quartiersfonds Nachbarschaft",
                "Breitbandausbau im ländlichen Raum",
                "Abgelaufenes Programm",
            ],
        ),
    ],
)
def test_facets(client, catalogue, query, expected):
    assert titles(client.get(f"/programme/?{query}").get_data(as_text=True)) == expected


def test_programme_page_shows_fields_source_and_date(client, catalogue):
    page = client.get("/programme/quartiersfonds").get_data(as_text=True)
    assert "Stand: 01.11.2026" in page
    assert "https://example.org/testprogramm" in page
    assert "bitte prüfen Sie vor einem Antrag die aktuelle Förderrichtlinie" in page
    assert "<dd>80 %</dd>" in page
    assert "nächste: 30.09.2027" in page
    assert client.get("/programme/gibt-es-nicht").status_code == 404
