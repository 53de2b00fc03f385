"""Readable text from PDF lines: de-hyphenation, headers and footers set aside, odd glyphs."""

from __future__ import annotations

import pytest

from funding_matcher.domain.pdf_import import read_pdf
from funding_matcher.domain.pdf_import.cleanup import dehyphenate, find_furniture, normalise
from tests.unit.pdf_import.factory import text_pdf


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Die Zuwen-", "dung beträgt 50 %."], ["Die Zuwendung beträgt 50 %."]),
        (["für die Kinder-", "und Jugendhilfe"], ["für die Kinder- und Jugendhilfe"]),
        (["Energie-", "oder Ressourceneffizienz"], ["Energie- oder Ressourceneffizienz"]),
        (["per E-", "Mail an die Stelle"], ["per E-Mail an die Stelle"]),
        (["mit GRW-", "Mitteln gefördert"], ["mit GRW-Mitteln gefördert"]),
        (["Bewilligungs-", "bescheid", "folgt."], ["Bewilligungsbescheid", "folgt."]),
        (["Kosten –", "dazu gehören"], ["Kosten –", "dazu gehören"]),
        (["Gesamtkosten -", "netto"], ["Gesamtkosten -", "netto"]),
    ],
)
def test_dehyphenation_joins_broken_words_and_keeps_real_hyphens(lines, expected):
    assert dehyphenate(lines) == expected


def test_soft_hyphen_at_line_end_marks_a_break_and_vanishes_inside():
    assert normalise("Antrag\u00adsteller")[0] == "Antragsteller"
    first, _ = normalise("Zuwen\u00ad")
    assert dehyphenate([first, "dung"]) == ["Zuwendung"]


def test_ligatures_are_cleaned_and_glyph_names_marked_unreadable():
    assert normalise("Auﬂage der Richtlinie") == ("Auflage der Richtlinie", False)
    text, garbage = normalise("/c01/c02/c03/c04 Bekanntmachung")
    assert text == "[unlesbar] Bekanntmachung"
    assert garbage
    # a line of nothing but unreadable glyphs says nothing: it is dropped
    assert normalise("/c01/c02/c03 /c04/c05") == ("", True)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\uf0b7 Personalkosten", "• Personalkosten"),  # Symbol bullet without a Unicode map
        ("Zuschuss \uf0ae Antrag", "Zuschuss → Antrag"),
        ("Kosten \ufffd\ufffd\ufffd gesamt", "Kosten [unlesbar] gesamt"),
        ("Betrag \ue123 Euro", "Betrag [unlesbar] Euro"),
    ],
)
def test_glyphs_without_unicode_never_show_as_boxes(raw, expected):
    text, garbage = normalise(raw)
    assert text == expected
    assert garbage
    assert not any("\ue000" <= ch <= "\uf8ff" or ch == "\ufffd" for ch in text)


def test_paths_and_urls_are_not_mistaken_for_glyph_names():
    assert normalise("martin-thoma.com/geotopo verfügbar") == (
        "martin-thoma.com/geotopo verfügbar",
        False,
    )


def test_letter_spaced_hidden_text_is_dropped():
    assert normalise("M e r k b l a t t , Z u s c h u s s N r . 4 5 8")[0] == ""


def test_lines_repeating_at_the_top_or_bottom_of_most_pages_are_furniture():
    pages = [
        [
            ("Stadt Musterstadt – Förderrichtlinie", 0.05),
            (f"Text auf Seite {n} mit Inhalt", 0.3),
            ("Noch mehr Text", 0.5),
            (f"Seite {n} von 4", 0.95),
        ]
        for n in range(1, 5)
    ]
    furniture = find_furniture(pages)
    assert furniture == [{0, 3}] * 4


def test_a_line_on_one_page_only_is_not_furniture():
    pages = [
        [("Einmaliger Titel", 0.05), ("Text", 0.5)],
        [("Anderer Kopf", 0.05), ("Text zwei", 0.5)],
        [("Dritter Kopf", 0.05), ("Text drei", 0.5)],
    ]
    assert find_furniture(pages) == [set(), set(), set()]


def test_the_only_line_of_a_page_is_content_even_if_it_repeats():
    pages = [[(f"Potato {n}", 0.09)] for n in range(30)]
    assert find_furniture(pages) == [set()] * 30


def test_page_numbers_are_furniture_even_without_repetition():
    pages = [[("Inhalt der einzigen Seite", 0.4), ("- 1 -", 0.97)]]
    assert find_furniture(pages) == [{1}]


def test_generated_pdf_has_its_header_and_footer_set_aside_and_words_joined():
    data = text_pdf(
        [
            ["Die Zuwen-", "dung für die Kinder- und Jugendhilfe", "beträgt höchstens 5.000 Euro."],
            ["Anträge per E-", "Mail an die Stadt."],
            ["Dritte Seite mit Text."],
        ],
        header="Stadt Musterhausen – Förderrichtlinie Quartier",
        footer="Seite {page} von {pages}",
    )
    document = read_pdf(data)
    assert document.pages[0].lines == (
        "Die Zuwendung für die Kinder- und Jugendhilfe",
        "beträgt höchstens 5.000 Euro.",
    )
    assert document.pages[1].text == "Anträge per E-Mail an die Stadt."
    assert document.pages[2].furniture == (
        "Stadt Musterhausen – Förderrichtlinie Quartier",
        "Seite 3 von 3",
    )
