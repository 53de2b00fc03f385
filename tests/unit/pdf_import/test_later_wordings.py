"""Wordings the blind sets showed (wordings/holdout.yaml, wordings/blind2.yaml): a wrapped title,
an example of another funder, "nicht mehr als 50 %", a Bagatellgrenze, a date "des Vorjahres",
applicants named by "können von … beantragt werden" and "richten sich an"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from funding_matcher.domain.pdf_import import import_guideline, propose_guideline
from tests.unit.pdf_import.wording_set import Entry, build_pdf


def confident(result, field):
    return [p.value for p in result.candidates(field) if not p.is_hint]


def test_a_title_wrapped_at_its_hyphen_stays_out_of_the_first_sentence():
    # "-Bürgern" on the title's second line once joined the first sentence and made
    # Privatpersonen of "EU-Bürgerinnen und -Bürgern".
    entry = Entry(
        id="t",
        kind="eu",
        funder="Europäische Kommission",
        title="Aufruf Inklusion und Beteiligung von EU-Bürgerinnen und -Bürgern",
        source="https://example.org",
        text="Antragstellende Konsortien können aus zwei bis sechs öffentlichen oder "
        "privatrechtlichen Einrichtungen bestehen. Die Kofinanzierungsrate liegt bei 80%, die "
        "restlichen 20% müssen vom Antragsteller aus Eigenmitteln gedeckt werden.",
        facts={},
        also={},
    )
    result = import_guideline(build_pdf(entry), name="aufruf.pdf")
    assert confident(result, "applicant_types") == []
    assert confident(result, "funding_rate_max_percent") == [Decimal(80)]
    assert all("Bürgern" not in p.quote for p in result.proposals)


def test_a_rate_of_another_funder_given_as_an_example_is_only_a_hint(make_document):
    result = propose_guideline(
        make_document(
            [
                "Für Ein- und Zweifamilienhäuser können bis zu 1500 Euro abgerufen werden.",
                "Zum Beispiel fördert der Bund neue Gasheizungen mit einem Zuschuss von "
                "35 Prozent, wenn dies mit erneuerbaren Energien kombiniert wird.",
            ]
        )
    )
    assert Decimal(35) not in confident(result, "funding_rate_max_percent")
    hint = next(p for p in result.candidates("funding_rate_max_percent") if p.value == 35)
    assert hint.is_hint
    assert "Beispiel" in hint.note


@pytest.mark.parametrize(
    ("sentence", "field", "value"),
    [
        (
            "Es werden maximal 75.000 € bereitgestellt, dabei sollte die Förderung der "
            "Lotto-Toto GmbH nicht mehr als 50% der gesamten Projektsumme ausmachen.",
            "funding_rate_max_percent",
            50,
        ),
        ("Die Bagatellgrenze liegt bei EUR 25.000.", "amount_min_eur", 25000),
        (
            "Sofern eine Bewilligung erfolgt, werden in der Regel bis zu 50 % der anerkannten "
            "Gesamtkosten gefördert.",
            "funding_rate_max_percent",
            50,
        ),
    ],
)
def test_more_wordings_of_rates_and_amounts(make_document, sentence, field, value):
    result = propose_guideline(make_document([sentence]))
    assert confident(result, field)[:1] == [Decimal(value)]


def test_more_than_half_is_still_a_threshold_not_a_rate(make_document):
    result = propose_guideline(
        make_document(
            [
                "Gefördert werden Vereine, deren Mitglieder zu mehr als 50 % Jugendliche sind.",
            ]
        )
    )
    assert confident(result, "funding_rate_max_percent") == []


def test_a_day_of_the_previous_year_is_a_yearly_deadline(make_document):
    result = propose_guideline(
        make_document(
            [
                "In der 2. Stufe richten Sie Ihren Antrag zum 15.12. des Vorjahres an das "
                "Ministerium für Umwelt und Verbraucherschutz."
            ]
        )
    )
    (deadline,) = confident(result, "deadline")
    assert deadline["kind"] == "annual"
    assert deadline["annual"] == {"month": 12, "day": 15}


@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        (
            "Fördermittel können von allen gemeinnützigen Vereinen und Verbänden beantragt "
            "werden, die in Sachsen-Anhalt aktiv sind.",
            ["verein"],
        ),
        (
            "Die vorliegenden Förderrichtlinien richten sich in Deutschland und den USA an "
            "Hochschulen, außeruniversitäre akademische Forschungseinrichtungen und Unternehmen "
            "der gewerblichen Wirtschaft.",
            ["bildungseinrichtung", "unternehmen"],
        ),
        (
            "Die Zuwendung ist ausschließlich an eingetragene Vereine, Körperschaften oder "
            "Vermögensmassen möglich, die als gemeinnützig anerkannt sind.",
            ["verein"],
        ),
    ],
)
def test_more_wordings_of_who_may_apply(make_document, sentence, codes):
    result = propose_guideline(make_document([sentence]))
    assert [sorted(v) for v in confident(result, "applicant_types")] == [codes]


def test_the_rate_of_another_funder_named_before_it_is_no_rate_to_accept(make_document):
    result = propose_guideline(
        make_document(
            [
                "Für durch das BAFA mit 80 % geförderte Beratungen beträgt der Zuschuss der "
                "Gemeinde bis zu 10 % der förderfähigen Kosten.",
            ]
        )
    )
    assert confident(result, "funding_rate_max_percent") == [Decimal(10)]
    other = next(p for p in result.candidates("funding_rate_max_percent") if p.value == 80)
    assert other.note == "Förderquote eines anderen Fördergebers"
