"""The fast text reader: same words as pypdf, positions for headers, safe fallbacks."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from pypdf import PdfReader

from funding_matcher.domain.pdf_import import read_pdf, textlayer
from tests.unit.pdf_import.conftest import GUIDELINES, corpus_file
from tests.unit.pdf_import.factory import content_pdf


def page_of(data: bytes):
    return PdfReader(io.BytesIO(data)).pages[0]


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))


# pypdf needs up to 4 s for some re-saved files; these cover every producer in the corpus quickly.
SAMPLES = [
    "bund_zim_richtlinie_2025",
    "bund_kmu-innovativ_richtlinie-aenderung",
    "bund_kfw-merkblatt-511_erp-digitalisierung",
    "kommunal_potsdam_klimaschutz_2026",
    "kommunal_regensburg_photovoltaik_2026",
    "land_mv_grw-gewerbe_merkblatt",
]


@pytest.mark.parametrize("stem", SAMPLES)
def test_reader_finds_the_words_pypdf_finds(stem):
    reader = PdfReader(corpus_file(GUIDELINES, f"{stem}.pdf"))
    fonts: dict = {}
    ours, theirs = Counter(), Counter()
    for page in reader.pages:
        ours += words(
            "\n".join(line.text for line in textlayer.read_page(page, fonts, 2_000_000).lines)
        )
        theirs += words(page.extract_text())
    shared = sum((ours & theirs).values())
    assert shared / max(sum(theirs.values()), 1) > 0.95
    assert shared / max(sum(ours.values()), 1) > 0.95


HELVETICA = {"H": 722, "a": 556, "l": 222, "o": 556, " ": 278, "W": 944, "e": 556, "t": 278}


def test_one_glyph_per_text_object_becomes_words_by_position():
    glyphs = []
    x = 72.0
    for char in "Hallo Welt":
        glyphs.append(f"BT 12 0 0 12 {x:.2f} 700 Tm /F1 1 Tf ({char}) Tj ET".encode())
        x += HELVETICA[char] * 12 / 1000
    text = textlayer.read_page(page_of(content_pdf(b"\n".join(glyphs))), {}, 2_000_000)
    assert [line.text for line in text.lines] == ["Hallo Welt"]
    assert 0 < text.lines[0].top < 0.2


def test_kerning_gap_in_tj_is_a_space_and_small_kerning_is_not():
    content = b"BT /F1 12 Tf 72 700 Td [(Zu) 20 (wendung) -800 (beantragen)] TJ ET"
    text = textlayer.read_page(page_of(content_pdf(content)), {}, 2_000_000)
    assert text.lines[0].text == "Zuwendung beantragen"


def test_lines_are_split_by_baseline_and_escapes_decoded():
    content = (
        b"BT /F1 12 Tf 14 TL 72 700 Td (Erste Zeile \\(mit Klammern\\)) Tj T* (Gr\\366\\337e) Tj ET"
    )
    text = textlayer.read_page(page_of(content_pdf(content)), {}, 2_000_000)
    assert [line.text for line in text.lines] == ["Erste Zeile (mit Klammern)", "Größe"]


def test_inline_image_counts_as_image_and_text_around_it_stays():
    content = (
        b"BT /F1 12 Tf 72 700 Td (Vor dem Bild) Tj ET\n"
        b"q 10 0 0 10 72 600 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff\x10EI\x20 EI Q\n"
        b"BT /F1 12 Tf 72 500 Td (Nach dem Bild) Tj ET"
    )
    text = textlayer.read_page(page_of(content_pdf(content)), {}, 2_000_000)
    assert [line.text for line in text.lines] == ["Vor dem Bild", "Nach dem Bild"]
    assert text.has_images


def test_text_inside_a_form_xobject_is_read():
    content = b"q 1 0 0 1 0 -100 cm /Box Do Q"
    form = b"BT /F1 12 Tf 72 700 Td (Text im Formular) Tj ET"
    text = textlayer.read_page(page_of(content_pdf(content, {"Box": form})), {}, 2_000_000)
    assert [line.text for line in text.lines] == ["Text im Formular"]


def test_form_that_paints_itself_is_too_complex():
    with pytest.raises(textlayer.TooComplex):
        textlayer.read_page(page_of(content_pdf(b"/Loop Do", {"Loop": b"/Loop Do"})), {}, 2_000_000)


def test_token_budget_stops_endless_content():
    content = b"0 0 m 1 1 l S\n" * 2000
    with pytest.raises(textlayer.TooComplex):
        textlayer.read_page(page_of(content_pdf(content)), {}, 1000)


def test_worker_answers_a_self_painting_form_with_the_work_limit_sentence():
    with pytest.raises(Exception, match="Arbeitsgrenze"):
        read_pdf(content_pdf(b"/Loop Do", {"Loop": b"/Loop Do"}))


def test_content_the_fast_reader_does_not_know_falls_back_to_pypdf():
    # a string nested two levels deep is beyond the fast tokenizer
    content = b"BT /F1 12 Tf 72 700 Td (Antrag (mit (tiefer) Klammer)) Tj ET"
    with pytest.raises(textlayer.Unsupported):
        textlayer.read_page(page_of(content_pdf(content)), {}, 2_000_000)
    document = read_pdf(content_pdf(content))
    assert document.pages[0].text == "Antrag (mit (tiefer) Klammer)"
