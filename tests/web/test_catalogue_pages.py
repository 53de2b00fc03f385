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
        narrow_purpose={"label": "Glasfaseranschlüsse", "words": ["Glasfaser", "Breitband"]},
    )
    write_programme(
        slug="vorbei",
        title="Abgelaufenes Programm",
        deadline={"kind": "fixed", "dates": ["2025-01-31"]},
        states=["NW"],
        programme_area=["Regierungsbezirk Düsseldorf", "Regierungsbezirk Köln"],
    )
    write_programme(slug="entwurf", title="Importierter Entwurf", status="draft")
    with app.app_context():
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
    assert "3 Programme gefunden." in page


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
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    page = client.get("/programme/alt").get_data(as_text=True)
    assert "<strong>beendet</strong>" in page
    assert 'Nachfolgeprogramm: <a href="/programme/neu">neu</a>' in page
    assert "Gemeinnütziger Verein oder Initiative: über den Quartiersfonds" in page
    assert "Fehlbedarfsfinanzierung" in page
    assert "anrechenbar mit 15 € je Stunde, höchstens 20 % der förderfähigen Ausgaben" in page
    assert "31.12.2025 (abgelaufen)" in page
    current = client.get("/programme/neu").get_data(as_text=True)
    assert "<strong>offen</strong>" in current
    assert "Beleg vom 01.10.2026: „Anträge können bis zum 30. September eingereicht werden.“" in (
        current
    )
    assert 'href="https://example.org/testprogramm/aufruf"' in current


def test_review_page_lists_what_a_curator_must_check(
    client, app, write_programme, catalogue_dir, make_org, make_user, login
):
    app.config["TODAY"] = "2026-11-24"
    write_programme(
        slug="alt-geprueft",
        title="Lange nicht geprüft",
        checked_on="2025-01-10",
        status="unclear",
        status_evidence={
            "url": "https://example.org/alt",
            "date": "2024-12-02",
            "quote": "Anträge sind laufend möglich.",
        },
    )
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
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    assert client.get("/programme/pruefbedarf").status_code == 302  # sign-in first
    login(make_user(make_org()))
    page = client.get("/programme/pruefbedarf").get_data(as_text=True)
    assert "3 Einträge mit Prüfbedarf" in page
    assert "zuletzt geprüft am 10.01.2025 (vor 683 Tagen)" in page
    assert "Status unklar (neuester Beleg vom 02.12.2024): beim Fördergeber nachfragen" in page
    assert "letzte Frist am 31.03.2026 vorbei" in page
    assert "Richtlinie läuft am 31.12.2026 aus" in page
    assert "Alles in Ordnung" not in page
    text = " ".join(page.split())
    assert "bei 4 von 5 geprüften Einträgen bekannt (80,0 %), die Finanzierungsart bei 4" in text


def test_review_page_shows_how_many_records_state_each_term_of_the_rules_v2(
    client, app, write_programme, catalogue_dir, make_org, make_user, login
):
    app.config["TODAY"] = "2026-11-24"
    write_programme(slug="a", rate_base="eligible", annual_max_eur="none", apply_lead_days=28)
    write_programme(slug="b", rate_base="total_cost", outline_limits=[None, 1500])
    write_programme(slug="c", status="draft", rate_base="eligible")
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    login(make_user(make_org()))
    text = " ".join(client.get("/programme/pruefbedarf").get_data(as_text=True).split())
    assert "(2 geprüfte Einträge)" in text
    assert "<code>rate_base</code></td><td>2</td><td>100,0 %</td>" in text
    assert "<code>annual_max_eur</code></td><td>1</td><td>50,0 %</td>" in text
    assert "<code>apply_lead_days</code></td><td>1</td>" in text
    assert "<code>outline_limits</code></td><td>1</td>" in text


def test_a_closed_round_is_never_shown_as_open(client, app, write_programme, catalogue_dir):
    """The walk found a competition whose round had closed listed as "offen"."""
    app.config["TODAY"] = "2026-11-24"
    write_programme(
        slug="wettbewerb",
        title="Wettbewerb Nachbarschaft",
        deadline={"kind": "windows", "windows": [{"opens": "2026-02-02", "closes": "2026-03-26"}]},
    )
    write_programme(
        slug="unklar",
        title="Unklares Programm",
        status="unclear",
        status_evidence={
            "url": "https://example.org/alt",
            "date": "2024-05-02",
            "quote": "Anträge sind laufend möglich.",
        },
        deadline={"kind": "rolling"},
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    page = client.get("/programme/wettbewerb").get_data(as_text=True)
    assert "<strong>zwischen zwei Förderrunden</strong>" in page
    assert "<strong>offen</strong>" not in page
    unclear = client.get("/programme/unklar").get_data(as_text=True)
    assert "Status unklar – vor Antrag beim Fördergeber prüfen" in unclear
    listing = client.get("/programme/").get_data(as_text=True)
    assert listing.count("Status unklar – vor Antrag beim Fördergeber prüfen") == 1
    assert "zwischen zwei Förderrunden" in listing
    assert titles(client.get("/programme/?offen=1").get_data(as_text=True)) == []


def test_family_pages_show_parent_and_sub_lines(client, app, write_programme, catalogue_dir):
    app.config["TODAY"] = "2026-11-24"
    write_programme(slug="dach", title="Dachprogramm Teilhabe", short_title="Dach")
    write_programme(slug="linie-a", title="Dach: Linie A", short_title="Linie A", parent="dach")
    write_programme(slug="linie-b", title="Dach: Linie B", short_title="Linie B", parent="dach")
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    parent = client.get("/programme/dach").get_data(as_text=True)
    assert "<dt>Förderlinien</dt>" in parent
    assert '<a href="/programme/linie-a">Linie A</a>' in parent
    assert '<a href="/programme/linie-b">Linie B</a>' in parent
    child = client.get("/programme/linie-a").get_data(as_text=True)
    assert '<dt>Teil von</dt><dd><a href="/programme/dach">Dachprogramm Teilhabe</a>' in child
    assert '<a href="/programme/linie-b">Linie B</a>' in child
    assert '<a href="/programme/linie-a">Linie A</a>' not in child
    # The list shows the whole family, the parent included, although only sub-lines are ranked.
    listing = client.get("/programme/").get_data(as_text=True)
    for title in ("Dachprogramm Teilhabe", "Dach: Linie A", "Dach: Linie B"):
        assert title in listing


def test_terms_without_such_a_rule_read_as_sentences_and_sources_per_fact(
    client, app, write_programme, catalogue_dir
):
    app.config["TODAY"] = "2026-11-24"
    write_programme(
        slug="ohne-grenzen",
        amount_max_eur="none",
        funding_rate_max_percent=90,
        rate_base="eligible_minus_income",
        volunteer_work="none",
        subsidiarity="public_first",
        own_contribution_counts=["own_cash", "donation"],
        start_rule="after_application",
        de_minimis="general",
        outline_limits=[3000, None],
        sources={
            "funding_rate_max_percent": {
                "url": "https://example.org/quote.pdf",
                "date": "2026-02-01",
                "quote": "Gefördert werden bis zu 90 Prozent.",
            }
        },
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    response = client.get("/programme/ohne-grenzen")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<dd>kein Höchstbetrag</dd>" in page
    assert "<dd>90 % der förderfähigen Ausgaben abzüglich der Einnahmen</dd>" in page
    assert "<dd>nicht als Ausgabe anrechenbar</dd>" in page
    assert "<dd>nachrangig gegenüber öffentlichen Mitteln</dd>" in page
    assert "<dd>eigene Mittel, Spenden</dd>" in page
    assert "<dd>nach der Antragstellung (bis zur Zusage auf eigenes Risiko)</dd>" in page
    assert "<dd>ja (allgemeine De-minimis-Verordnung)</dd>" in page
    assert 'Ausgangslage <span class="muted">(höchstens 3.000 Zeichen)</span>' in page
    assert 'Förderquote: <a href="https://example.org/quote.pdf"' in page
    assert "rate_base" not in page
    assert "funding_rate_max_percent" not in page


def test_programme_page_notes_use_german_words_not_field_names(
    client, app, write_programme, catalogue_dir
):
    # Walk 2026-12-07: the notes showed "own_contribution_min_percent 25" and "Status active".
    app.config["TODAY"] = "2026-11-24"
    write_programme(
        slug="mit-hinweis",
        title="Programm mit Hinweis",
        financing_type=None,
        own_contribution_min_percent=25,
        notes="Status active bis 2025; own_contribution_min_percent 25, financing_type null.",
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    page = client.get("/programme/mit-hinweis").get_data(as_text=True)
    assert "Mindest-Eigenanteil 25, Finanzierungsart nicht angegeben" in page
    assert "Status „laufend“ (frühere Einstufung)" in page
    assert "own_contribution_min_percent" not in page
    assert "financing_type" not in page


def test_results_cards_warn_when_the_status_is_unclear(app, write_programme, catalogue_dir):
    from funding_matcher.web.catalogue import unclear_status_text

    app.config["TODAY"] = "2026-11-24"
    write_programme(slug="klar", title="Klares Programm")
    write_programme(
        slug="unklar",
        title="Unklares Programm",
        status="unclear",
        status_evidence={
            "url": "https://example.org/unklar",
            "date": "2024-05-01",
            "quote": "Anträge werden laufend angenommen.",
        },
    )
    programmes = {p.slug: p for p in load_catalogue(catalogue_dir).programmes}
    with app.test_request_context():
        assert unclear_status_text(programmes["klar"]) is None
        assert unclear_status_text(programmes["unklar"]) == (
            "Status unklar – vor Antrag beim Fördergeber prüfen"
        )
        source = app.jinja_env.loader.get_source(app.jinja_env, "matches/_match.html")[0]
        assert "unclear_status_text(m.programme)" in source


def test_a_programme_for_one_kind_of_measure_says_so_and_the_broad_one_does_not(client, catalogue):
    narrow = client.get("/programme/breitband").get_data(as_text=True)
    assert "<dt>Fördergegenstand</dt><dd>nur Glasfaseranschlüsse</dd>" in narrow
    broad = client.get("/programme/quartiersfonds").get_data(as_text=True)
    assert "Fördergegenstand" not in broad


def test_a_regional_programme_names_its_area(client, catalogue):
    regional = client.get("/programme/vorbei").get_data(as_text=True)
    assert (
        "<dt>Programmgebiet</dt><dd>nur Regierungsbezirk Düsseldorf, Regierungsbezirk Köln</dd>"
    ) in regional
    assert "Programmgebiet" not in client.get("/programme/quartiersfonds").get_data(as_text=True)
