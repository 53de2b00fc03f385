"""Field proposals from guideline text: formats, sections, ranking, versions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain.pdf_import import propose_guideline


def values(result, field):
    return [(p.value, p.page) for p in result.candidates(field)]


def test_rate_in_the_amount_section_beats_a_percentage_elsewhere(make_document):
    result = propose_guideline(
        make_document(
            [
                "1 Zuwendungszweck",
                "Die Stadt will den Energiebedarf bis 2040 um 50 % senken.",
                "Mindestens 30 % der Teilnehmenden sollen Frauen sein.",
            ],
            [
                "5 Art, Umfang und Höhe der Zuwendung",
                "Die Zuwendung beträgt bis zu 80 % der zuwendungsfähigen Ausgaben.",
            ],
        )
    )
    first = result.best("funding_rate_max_percent")
    assert (first.value, first.page) == (Decimal(80), 2)
    assert first.quote == "Die Zuwendung beträgt bis zu 80 % der zuwendungsfähigen Ausgaben."
    assert 50 not in [value for value, _ in values(result, "funding_rate_max_percent")]


def test_highest_rate_of_a_rate_table_comes_first(make_document):
    result = propose_guideline(
        make_document(
            [
                "5 Höhe der Förderung",
                "Der Fördersatz beträgt für kleine Unternehmen 60 Prozent, für mittlere 50 Prozent "
                "und für große 40 Prozent der förderfähigen Kosten.",
            ]
        )
    )
    assert [v for v, _ in values(result, "funding_rate_max_percent")][:3] == [60, 50, 40]


@pytest.mark.parametrize(
    ("sentence", "field", "value"),
    [
        ("Die Zuwendung beträgt höchstens 50.000 Euro je Vorhaben.", "amount_max_eur", 50000),
        ("Der Zuschuss ist auf 1,5 Mio. EUR begrenzt.", "amount_max_eur", 1500000),
        ("Gefördert werden Vorhaben mit bis zu € 20.000 Zuschuss.", "amount_max_eur", 20000),
        ("Die Förderung beträgt maximal 12 500,50 € pro Antrag.", "amount_max_eur", "12500.50"),
        ("Zuschüsse unter 250 Euro werden nicht bewilligt.", "amount_min_eur", 250),
        ("Die Mindestförderhöhe der Zuwendung beträgt 5 000 Euro.", "amount_min_eur", 5000),
    ],
)
def test_german_amounts(make_document, sentence, field, value):
    result = propose_guideline(make_document(["5 Höhe der Zuwendung", sentence]))
    assert result.best(field).value == Decimal(str(value))


def test_unit_rates_and_turnover_limits_are_no_maximum(make_document):
    result = propose_guideline(
        make_document(
            [
                "5 Höhe der Förderung",
                "Gefördert werden 120 Euro pro kWp installierter Leistung, maximal 2.400 Euro.",
                "Antragsberechtigt sind Unternehmen mit einem Umsatz von höchstens 50 Mio. EUR.",
            ]
        )
    )
    assert values(result, "amount_max_eur") == [(Decimal(2400), 1)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Diese Richtlinie tritt am 1. Januar 2025 in Kraft.", ("valid_from", date(2025, 1, 1))),
        (
            "Die Richtlinie tritt mit Wirkung zum 01.07.2021 in Kraft.",
            ("valid_from", date(2021, 7, 1)),
        ),
        (
            "Die Laufzeit dieser Richtlinie ist bis zum 31. Dezember 2027 befristet.",
            ("valid_until", date(2027, 12, 31)),
        ),
        ("Sie tritt mit Ablauf des 31.12.2027 außer Kraft.", ("valid_until", date(2027, 12, 31))),
        ("Diese Fassung gilt für Anträge ab 01.03.2026.", ("valid_from", date(2026, 3, 1))),
    ],
)
def test_validity_dates_in_both_german_formats(make_document, sentence, expected):
    result = propose_guideline(make_document(["8 Inkrafttreten, Geltungsdauer", sentence]))
    field, value = expected
    assert result.best(field).value == value


def test_dates_of_the_replaced_guideline_are_not_proposed_first(make_document):
    result = propose_guideline(
        make_document(
            [
                "9 Inkrafttreten",
                "Diese Richtlinie tritt am 1. Mai 2026 in Kraft.",
                "Die vorherige Richtlinie tritt mit Ablauf des 30. April 2026 außer Kraft.",
            ]
        )
    )
    assert result.best("valid_from").value == date(2026, 5, 1)
    until = result.best("valid_until")
    assert until is None or until.score < result.best("valid_from").score


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        (
            "Projektskizzen sind bis zum 15. März 2027 einzureichen.",
            {"kind": "fixed", "dates": [date(2027, 3, 15)]},
        ),
        (
            "Anträge können jährlich bis zum 30. September gestellt werden.",
            {"kind": "annual", "annual": {"month": 9, "day": 30}},
        ),
        (
            "Stichtage für die Einreichung sind jeweils der 15. April und der 15. Oktober.",
            {
                "kind": "annual",
                "annual": {"month": 4, "day": 15},
                "note": "jährliche Stichtage: 15. April und 15. Oktober",
            },
        ),
        ("Anträge können laufend gestellt werden.", {"kind": "rolling"}),
    ],
)
def test_deadlines(make_document, sentence, value):
    result = propose_guideline(make_document(["7 Verfahren", sentence]))
    assert result.best("deadline").value == value


def test_proof_of_use_dates_are_no_application_deadline(make_document):
    result = propose_guideline(
        make_document(
            ["6 Verwendungsnachweis", "Der Zwischennachweis ist bis zum 30.04. vorzulegen."]
        )
    )
    assert result.candidates("deadline") == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Die Zuwendung wird als Anteilfinanzierung gewährt.", "anteil"),
        ("Die Förderung erfolgt im Wege der Fehlbedarfsfinanzierung.", "fehlbedarf"),
        ("Die Zuwendung wird als Festbetrag gewährt.", "festbetrag"),
        ("Ausnahmsweise ist eine Vollfinanzierung möglich.", "voll"),
    ],
)
def test_financing_type_from_the_wording(make_document, sentence, value):
    result = propose_guideline(make_document(["5 Art und Umfang der Zuwendung", sentence]))
    assert result.best("financing_type").value == value


def test_negated_financing_type_is_not_proposed(make_document):
    result = propose_guideline(
        make_document(["5 Art der Zuwendung", "Eine Fehlbedarfsfinanzierung ist nicht möglich."])
    )
    # "nicht" stands after the word here; the sentence still names it, so it is listed
    assert result.best("financing_type").value == "fehlbedarf"
    result = propose_guideline(
        make_document(["5 Art der Zuwendung", "Die Zuwendung wird nicht als Festbetrag gewährt."])
    )
    assert result.candidates("financing_type") == []


def test_applicant_types_from_the_zuwendungsempfaenger_section(make_document):
    result = propose_guideline(
        make_document(
            [
                "3 Zuwendungsempfänger",
                "Antragsberechtigt sind:",
                "– Kommunen und Landkreise,",
                "– Träger der freien Wohlfahrtspflege,",
                "– eingetragene Vereine und Kirchengemeinden.",
                "Nicht antragsberechtigt sind:",
                "– Unternehmen der gewerblichen Wirtschaft,",
                "– Privatpersonen.",
                "4 Zuwendungsvoraussetzungen",
                "Die Unternehmen der Region sollen beteiligt werden.",
            ]
        )
    )
    best = result.best("applicant_types")
    assert best.value == ["kommune", "freier_traeger", "verein", "kirchengemeinde"]
    assert best.page == 1
    every = {code for p in result.candidates("applicant_types") for code in p.value}
    assert "unternehmen" not in every
    assert "privatperson" not in every


def test_de_minimis_is_true_where_invoked(make_document):
    result = propose_guideline(
        make_document(
            ["5 Art der Zuwendung", "Die Zuwendung wird als De-minimis-Beihilfe gewährt."]
        )
    )
    assert (result.best("de_minimis").value, result.best("de_minimis").page) == (True, 1)
    plain = propose_guideline(make_document(["Die Zuwendung wird als Zuschuss gewährt."]))
    assert plain.candidates("de_minimis") == []


@pytest.mark.parametrize(
    ("sentence", "pages"),
    [
        ("Die Projektskizze darf höchstens fünf Seiten umfassen.", 5),
        ("Die Skizze umfasst maximal 12 DIN-A4-Seiten.", 12),
        ("Das Konzept soll nicht länger als zehn Seiten sein.", 10),
    ],
)
def test_page_limit_of_the_outline(make_document, sentence, pages):
    result = propose_guideline(make_document(["7 Verfahren", sentence]))
    assert result.best("page_limit").value == pages


def test_page_numbers_are_no_page_limit(make_document):
    result = propose_guideline(make_document(["Siehe Antrag auf Seite 3 von 12."]))
    assert result.candidates("page_limit") == []


def test_second_older_version_is_recognised_and_the_current_one_preferred(make_document):
    current = [
        "Förderrichtlinie Quartier",
        "Vom 1. Dezember 2025",
        "1 Zuwendungszweck",
        "Die Stadt fördert Nachbarschaftsprojekte.",
        "3 Zuwendungsempfänger",
        "Antragsberechtigt sind gemeinnützige Vereine.",
        "5 Art, Umfang und Höhe der Zuwendung",
        "Die Zuwendung beträgt bis zu 90 % der zuwendungsfähigen Ausgaben.",
        "8 Geltungsdauer",
        "Diese Richtlinie tritt am 1. Januar 2026 in Kraft.",
    ]
    old = [
        "Anlage 2",
        "Bestimmungen der Richtlinie vom 15. März 2019 für Altanträge",
        "A1 Zuwendungszweck",
        "Die Stadt fördert Nachbarschaftsprojekte.",
        "A3 Zuwendungsempfänger",
        "Antragsberechtigt sind Kommunen.",
        "A5 Art, Umfang und Höhe der Zuwendung",
        "Die Zuwendung beträgt bis zu 95 % der zuwendungsfähigen Ausgaben.",
    ]
    result = propose_guideline(make_document(current, old))
    assert result.warnings == (
        "Seite 2 ff.: zweite, ältere Fassung der Richtlinie erkannt (Stand 15. März 2019); die "
        "Vorschläge stammen aus der ersten Fassung, Werte aus der älteren Fassung stehen mit "
        "Hinweis dahinter.",
    )
    rates = result.candidates("funding_rate_max_percent")
    assert (rates[0].value, rates[0].page, rates[0].note) == (Decimal(90), 1, None)
    assert (rates[1].value, rates[1].page) == (Decimal(95), 2)
    assert rates[1].note == "aus einer nicht mehr geltenden Fassung der Richtlinie"


def test_a_contents_list_is_not_a_second_version(make_document):
    result = propose_guideline(
        make_document(
            [
                "Inhalt",
                "1 Zuwendungszweck",
                "2 Gegenstand der Förderung",
                "3 Zuwendungsempfänger",
                "4 Höhe der Zuwendung",
                "1 Zuwendungszweck",
                "Die Stadt fördert Projekte im Quartier mit einem eigenen Programm.",
                "3 Zuwendungsempfänger",
                "Antragsberechtigt sind gemeinnützige Vereine aus der Stadt.",
                "4 Höhe der Zuwendung",
                "Die Zuwendung beträgt bis zu 75 % der zuwendungsfähigen Ausgaben.",
            ]
        )
    )
    assert result.warnings == ()
    assert result.best("funding_rate_max_percent").value == 75


def test_text_without_any_field_gives_no_proposals(make_document):
    result = propose_guideline(make_document(["Ein Brief ohne Förderbedingungen.", "Mit Gruß"]))
    assert result.proposals == ()
    assert "Keine Vorschläge" in result.to_text()


# -- the wrong numbers of issue 29: each rule decides by the words around the number ---------


def confident_values(result, field):
    return [p.value for p in result.candidates(field) if not p.is_hint]


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Förderung erfolgt nach der Verordnung (EU) 2023/2831 der Kommission vom 13. Dezember "
        "2023 (ABl. L 2023/2831 vom 15.12.2023).",
        "Anträge sind nach Maßgabe der Verordnung (EU) Nr. 1407/2013 vom 18. Dezember 2013 "
        "(ABl. L 352 vom 24.12.2013, S. 1) zu stellen.",
        "Die Richtlinie wurde im Amtsblatt Nr. 7 am 3. Februar 2025 veröffentlicht; Anträge sind "
        "schriftlich zu stellen.",
        "Anträge, die nach dem 31. August 2010 eingegangen sind, werden nach dieser Richtlinie "
        "beschieden.",
        "Die Projekte müssen bis zum 31. August 2024 abgeschlossen sein; Anträge sind formlos "
        "einzureichen.",
        "Die Jury entscheidet in ihrer Sitzung am 4. Mai 2026 über die eingereichten Anträge.",
        "Bei Antragstellung muss das Vorhaben zwischen dem 01.09.2025 und dem 31.12.2025 beginnen.",
    ],
)
def test_dates_of_publication_decision_project_or_receipt_are_no_deadline(make_document, sentence):
    result = propose_guideline(make_document(["7 Verfahren", sentence]))
    assert confident_values(result, "deadline") == []


def test_the_deadline_next_to_a_regulation_date_is_the_one_proposed(make_document):
    result = propose_guideline(
        make_document(
            [
                "7 Verfahren",
                "Die Förderung erfolgt nach der Verordnung (EU) 2023/2831 der Kommission vom "
                "13. Dezember 2023. Anträge sind bis zum 31. März 2027 einzureichen.",
            ]
        )
    )
    assert confident_values(result, "deadline") == [{"kind": "fixed", "dates": [date(2027, 3, 31)]}]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kleine Unternehmen erhalten einen Bonus von +10 %.",
        "Die Förderquote erhöht sich um 10 Prozentpunkte für kleine Unternehmen.",
        "Für kleine Unternehmen gilt ein Zuschlag von 10 %-Punkten auf die Förderquote.",
    ],
)
def test_bonuses_and_surcharges_are_no_maximum_rate(make_document, sentence):
    result = propose_guideline(
        make_document(["5 Art und Höhe der Zuwendung", "Die Förderquote beträgt 40 %.", sentence])
    )
    assert confident_values(result, "funding_rate_max_percent") == [Decimal(40)]
    assert Decimal(10) not in [p.value for p in result.candidates("funding_rate_max_percent")]


def test_a_cap_per_device_is_no_grant_maximum(make_document):
    alone = propose_guideline(
        make_document(
            ["4 Förderhöhe", "Lastenräder werden mit 25 %, maximal 500 € pro Gerät gefördert."]
        )
    )
    assert confident_values(alone, "amount_max_eur") == []
    assert [p.value for p in alone.hints("amount_max_eur")] == [Decimal(500)]
    with_total = propose_guideline(
        make_document(
            [
                "4 Förderhöhe",
                "Lastenräder werden mit 25 %, maximal 500 € pro Gerät gefördert.",
                "Pro Haushalt und Jahr werden maximal 3.000 € ausgezahlt.",
            ]
        )
    )
    assert confident_values(with_total, "amount_max_eur") == [Decimal(3000)]


@pytest.mark.parametrize(
    "sentences",
    [
        [
            "Antragsberechtigt sind ausschließlich eingetragene Vereine; Anträge von "
            "Privatpersonen werden nicht berücksichtigt."
        ],
        [
            "Antragsberechtigt sind eingetragene Vereine, deren Mitglieder überwiegend "
            "Privatpersonen sind."
        ],
        [
            "Antragsberechtigt sind eingetragene Vereine.",
            "Dem Antrag ist die Zustimmung des Eigentümers beizufügen.",
        ],
        [
            "Antragsberechtigt sind eingetragene Vereine. Privatpersonen sind nicht "
            "antragsberechtigt."
        ],
    ],
)
def test_privatperson_is_not_proposed_where_only_associations_may_apply(make_document, sentences):
    result = propose_guideline(make_document(["3 Zuwendungsempfänger", *sentences]))
    assert all("privatperson" not in value for value in confident_values(result, "applicant_types"))
    assert result.best("applicant_types").value == ["verein"]


def test_up_to_100_percent_is_full_financing(make_document):
    result = propose_guideline(
        make_document(
            [
                "5 Art und Umfang der Zuwendung",
                "Die Zuwendung wird als Zuschuss in Höhe von bis zu 100 % der zuwendungsfähigen "
                "Ausgaben gewährt.",
            ]
        )
    )
    assert result.best("funding_rate_max_percent").value == Decimal(100)
    assert result.best("financing_type").value == "voll"
    assert "anteil" not in confident_values(result, "financing_type")


def test_the_besserstellungsverbot_is_no_funding_rate(make_document):
    result = propose_guideline(
        make_document(
            [
                "6 Sonstige Bestimmungen",
                "Werden die Gesamtausgaben des Zuwendungsempfängers zu mehr als 50 % aus "
                "Zuwendungen der öffentlichen Hand bestritten, gilt das Besserstellungsverbot.",
                "Es gilt das Besserstellungsverbot für Einrichtungen, die ihre Gesamtausgaben "
                "überwiegend (zu 50 %) aus Zuwendungen der öffentlichen Hand bestreiten.",
            ]
        )
    )
    assert result.candidates("funding_rate_max_percent") == []


def test_own_share_and_project_costs_are_no_rate_or_maximum(make_document):
    result = propose_guideline(
        make_document(
            [
                "5 Höhe der Förderung",
                "Gefördert wird mit einem Fördersatz von 80 Prozent und einem Eigenanteil von "
                "20 Prozent. Die Antragsteller müssen mindestens 20 % Eigenmittel einbringen.",
                "Kleinprojekte dürfen ein Gesamtvolumen von 20.000 Euro nicht überschreiten.",
            ]
        )
    )
    assert confident_values(result, "funding_rate_max_percent") == [Decimal(80)]
    assert Decimal(20) not in [p.value for p in result.candidates("funding_rate_max_percent")]
    assert confident_values(result, "amount_max_eur") == []


# -- wordings the import had not seen -----------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "field", "value"),
    [
        (["Die Projektskizze darf nicht mehr als 15 A4-Seiten umfassen."], "page_limit", 15),
        (["Die Ausgaben werden mit 60 % anteilig gefördert."], "financing_type", "anteil"),
        (["Die Ausgaben werden mit 60 % anteilig gefördert."], "funding_rate_max_percent", 60),
        (["Die Zuwendung beträgt höchstens 7,5 Millionen Euro."], "amount_max_eur", 7500000),
        (
            ["Version Datum gültig ab", "1.0 15.01.2024 01.02.2024", "2.0 10.06.2025 01.07.2025"],
            "valid_from",
            date(2025, 7, 1),
        ),
        (
            ["Das antragstellende Unternehmen muss seinen Sitz in Sachsen haben."],
            "applicant_types",
            ["unternehmen"],
        ),
        (
            ["Förderansuchen sind jeweils bis zum 31. März an den Verein zu richten."],
            "deadline",
            {"kind": "annual", "annual": {"month": 3, "day": 31}},
        ),
        (
            ["Anträge sollten möglichst bis 15 Mai 2022 beim Vorstand eingegangen sein."],
            "deadline",
            {"kind": "fixed", "dates": [date(2022, 5, 15)]},
        ),
        (
            ["Die Antragsfrist für Mobilität ist der 2. Februar 2016, 12 Uhr Brüsseler Zeit."],
            "deadline",
            {"kind": "fixed", "dates": [date(2016, 2, 2)]},
        ),
    ],
)
def test_unseen_wordings(make_document, lines, field, value):
    result = propose_guideline(make_document(lines))
    best = result.best(field)
    assert best is not None, f"kein Wert für {field}"
    expected = Decimal(value) if isinstance(value, int) and field != "page_limit" else value
    assert best.value == expected
