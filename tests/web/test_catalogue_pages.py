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


def test_programme_page_shows_round_successor_access_and_financing_terms(
    client, app, write_programme, catalogue_dir
):
    app.config["TODAY"] = "2026-11-24"
    write_programme(slug="neu", title="Neues Programm")
    write_programme(
        slug="alt",
        title="Altes Programm",
        status="closed",
        successor="neu",
        deadline={"kind": "closed"},
        financing_type="fehlbedarf",
        volunteer_work={"rate_eur_per_hour": 15, "max_percent": 20},
        guideline_valid_until="2025-12-31",
        applicant_types=["kommune"],
        access_via=[{"applicant_types": ["verein"], "via": "den Quartiersfonds"}],
    )
    sync_catalogue(load_catalogue(catalogue_dir).programmes)
    db.session.commit()
    page = client.get("/programme/alt").get_data(as_text=True)
    assert "geschlossen – beendet oder ohne neue Runde" in page
    assert 'Nachfolgeprogramm: <a href="/programme/neu">neu</a>' in page
    assert "Gemeinnütziger Verein oder Initiative: über den Quartiersfonds" in page
    assert "Fehlbedarfsfinanzierung" in page
    assert "anrechenbar mit 15 € je Stunde, höchstens 20 % der förderfähigen Ausgaben" in page
    assert "31.12.2025 (abgelaufen)" in page
    current = client.get("/programme/neu").get_data(as_text=True)
    assert "aktiv – Antrag möglich" in current


def test_review_page_lists_what_a_curator_must_check(
    client, app, write_programme, catalogue_dir, make_org, make_user, login
):
    app.config["TODAY"] = "2026-11-24"
    write_programme(slug="alt-geprueft", title="Lange nicht geprüft", checked_on="2025-01-10")
    write_programme(
        slug="frist-vorbei",
        title="Frist vorbei",
        deadline={"kind": "fixed", "dates": ["2026-03-31"]},
    )
    write_programme(slug="laeuft-aus", title="Läuft aus", guideline_valid_until="2026-12-31")
    write_programme(slug="in-ordnung", title="Alles in Ordnung")
    write_programme(
        slug="ohne-konditionen",
        title="Ohne Konditionen",
        financing_type=None,
        own_contribution_min_percent=None,
        overhead_max_percent=None,
        volunteer_work=None,
    )
    sync_catalogue(load_catalogue(catalogue_dir).programmes)
    db.session.commit()
    assert client.get("/programme/pruefbedarf").status_code == 302  # sign-in first
    login(make_user(make_org()))
    page = client.get("/programme/pruefbedarf").get_data(as_text=True)
    assert "3 Einträge mit Prüfbedarf" in page
    assert "zuletzt geprüft am 10.01.2025 (vor 683 Tagen)" in page
    assert "letzte Frist am 31.03.2026 vorbei, keine neue Runde erfasst" in page
    assert "Richtlinie läuft am 31.12.2026 aus" in page
    assert "Alles in Ordnung" not in page
    text = " ".join(page.split())
    assert "bei 4 von 5 geprüften Einträgen bekannt (80,0 %), die Finanzierungsart bei 4" in text
