"""Every proposal cites the page its value is printed on, whatever the layout around a break."""

from __future__ import annotations

from decimal import Decimal

from funding_matcher.domain.pdf_import import import_guideline
from tests.unit.pdf_import.factory import layout_pdf

HEADER = "Stadt Beispielstadt – Förderrichtlinie Nachbarschaft 2027"
FOOTER = "Seite {page} von 3"
FILLER = [
    "Die Stadt Beispielstadt fördert Vorhaben, die das nachbarschaftliche Miteinander",
    "in den Quartieren stärken und Begegnung zwischen den Generationen ermöglichen.",
    "Gefördert werden Vorhaben in allen Stadtteilen, die im Jahr 2027 beginnen.",
]


def imported(pages):
    return import_guideline(layout_pdf(pages), name="richtlinie.pdf")


def test_a_sentence_after_the_break_cites_its_own_page_not_where_the_block_began():
    result = imported(
        [
            {
                "header": HEADER,
                "footer": FOOTER,
                "columns": [
                    [*FILLER, "Vorhaben werden unterstützt, wenn sie gemeinnützig sind und"]
                ],
            },
            {
                "header": HEADER,
                "footer": FOOTER,
                "columns": [
                    [
                        "allen offenstehen. Die Zuwendung beträgt bis zu 80 % der",
                        "zuwendungsfähigen Ausgaben.",
                    ]
                ],
            },
        ]
    )
    rate = result.best("funding_rate_max_percent")
    assert (rate.value, rate.page, rate.pages) == (Decimal(80), 2, ())
    assert rate.quote == "Die Zuwendung beträgt bis zu 80 % der zuwendungsfähigen Ausgaben."


def test_a_quote_over_a_page_break_names_both_pages_and_leaves_header_and_footer_out():
    result = imported(
        [
            {"header": HEADER, "footer": FOOTER, "columns": [[*FILLER, "Die Projektskizze darf"]]},
            {
                "header": HEADER,
                "footer": FOOTER,
                "columns": [["nicht mehr als 15 A4-Seiten umfassen.", "Weitere Angaben folgen."]],
            },
            {"header": HEADER, "footer": FOOTER, "columns": [["Ende der Richtlinie."]]},
        ]
    )
    limit = result.best("page_limit")
    assert (limit.value, limit.page, limit.pages) == (15, 2, (1, 2))
    assert limit.quote == "Die Projektskizze darf nicht mehr als 15 A4-Seiten umfassen."
    data = limit.to_dict()
    assert (data["page"], data["pages"]) == (2, [1, 2])
    assert "Seiten 1–2" in result.to_text()
    assert "Seite 1 von 3" not in limit.quote
    assert "Beispielstadt –" not in limit.quote


def test_a_footnote_at_the_foot_of_the_page_does_not_split_the_sentence():
    result = imported(
        [
            {
                "columns": [
                    [*FILLER, "Der Zuschuss ist auf 5.000 Euro¹ je Vorhaben begrenzt; die Anträge"]
                ],
                "footnotes": ["1 Bekanntmachung im Amtsblatt Nr. 12 vom 1. März 2024, S. 34."],
            },
            {
                "columns": [
                    ["sind bis zum 30. September 2027 einzureichen.", "Weitere Angaben folgen."]
                ]
            },
        ]
    )
    deadline = result.best("deadline")
    assert deadline.value == {"kind": "fixed", "dates": [__import__("datetime").date(2027, 9, 30)]}
    assert (deadline.page, deadline.pages) == (2, (1, 2))
    assert "Amtsblatt" not in deadline.quote
    assert result.best("amount_max_eur").page == 1
    # the footnote's date is the gazette's, not a deadline or a date the rules apply from
    assert all(
        p.value.get("dates") != [__import__("datetime").date(2024, 3, 1)]
        for p in result.candidates("deadline")
    )
    assert result.best("valid_from") is None


def test_two_columns_a_sentence_running_from_the_second_column_to_the_next_page():
    left = [*FILLER, "Die Zuwendung beträgt"]
    right = [
        "höchstens 12.000 Euro je Vorhaben.",
        "Antragsberechtigt sind eingetragene",
        "Vereine. Die Förderquote beträgt",
    ]
    result = imported(
        [
            {"header": HEADER, "footer": FOOTER, "columns": [left, right]},
            {
                "header": HEADER,
                "footer": FOOTER,
                "columns": [["bis zu 60 % der förderfähigen Kosten."], ["Ende."]],
            },
        ]
    )
    maximum = result.best("amount_max_eur")
    assert (maximum.value, maximum.page, maximum.pages) == (Decimal(12000), 1, ())
    rate = result.best("funding_rate_max_percent")
    assert (rate.value, rate.page, rate.pages) == (Decimal(60), 2, (1, 2))
    assert result.best("applicant_types").page == 1


def test_headings_in_bold_open_their_section():
    result = imported(
        [
            {
                "columns": [
                    [
                        "Förderprogramm Nachbarschaft",
                        "Wer kann Anträge stellen",
                        "Eingetragene Vereine und Kirchengemeinden mit Sitz in Beispielstadt.",
                    ]
                ],
                "headings": ["Förderprogramm Nachbarschaft", "Wer kann Anträge stellen"],
            }
        ]
    )
    applicants = result.best("applicant_types")
    assert applicants.value == ["verein", "kirchengemeinde"]
