"""Every bad file gets one German sentence within five seconds, never a traceback."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.pdf_import import Limits, PdfImportError, read_pdf
from tests.unit.pdf_import.conftest import GUIDELINES, ROBUSTNESS, corpus_file
from tests.unit.pdf_import.factory import bomb_pdf, many_pages_pdf, text_pdf

ANSWER_SECONDS = 5.0


def rejected(source: bytes | Path, **options: object) -> PdfImportError:
    """Read ``source`` expecting a PdfImportError, and check it came within five seconds."""
    started = time.monotonic()
    with pytest.raises(PdfImportError) as caught:
        read_pdf(source, **options)  # type: ignore[arg-type]
    assert time.monotonic() - started < ANSWER_SECONDS
    error = caught.value
    assert error.message.endswith("."), "one complete sentence"
    assert error.message.count(". ") == 0, "exactly one sentence"
    assert "Traceback" not in error.message
    return error


def test_empty_file_is_rejected_as_no_pdf():
    error = rejected(b"")
    assert error.code == "empty"
    assert "leer" in error.message


def test_random_bytes_are_not_a_pdf_and_cannot_be_repaired():
    error = rejected(random.Random(20261129).randbytes(8192))
    assert error.code == "not_pdf"
    assert "keine PDF-Datei" in error.message
    assert "nicht reparieren" in error.message
    assert error.repairable is False


def test_text_file_from_the_corpus_is_not_a_pdf():
    error = rejected(corpus_file(ROBUSTNESS, "qpdf_bad1_not-a-pdf.pdf"))
    assert error.code == "not_pdf"


def test_truncated_download_says_it_may_be_repaired():
    data = corpus_file(GUIDELINES, "bund_zim_richtlinie_2025.pdf").read_bytes()
    error = rejected(data[: len(data) // 2])
    assert error.code == "truncated"
    assert "unvollständig" in error.message
    assert "eventuell" in error.message
    assert error.repairable is True


def test_missing_startxref_from_the_corpus_counts_as_truncated():
    error = rejected(corpus_file(ROBUSTNESS, "qpdf_bad2_no-startxref.pdf"))
    assert error.code == "truncated"


def test_broken_xref_that_cannot_be_recovered_says_repair_may_help():
    data = corpus_file(ROBUSTNESS, "qpdf_bad3_bad-xref-offset.pdf").read_bytes()
    broken = data.replace(b"/Type /Catalog", b"/Type /Catalog /Pages 9 0 R").replace(
        b"  /Pages 2 0 R\n", b""
    )
    error = rejected(broken)
    assert error.code == "broken_xref"
    assert "Querverweistabelle" in error.message
    assert "eventuell wiederherstellen" in error.message


def test_recoverable_xref_errors_are_read_with_a_warning():
    document = read_pdf(corpus_file(ROBUSTNESS, "qpdf_bad3_bad-xref-offset.pdf"))
    assert document.pages[0].text == "Potato"
    assert any("repariert" in warning for warning in document.warnings)


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("qpdf_pages-loop.pdf", "Seitenbaum"),
        ("qpdf_deep-pages.pdf", "Seitenbaum"),
        ("qpdf_issue-117_object-loop.pdf", "auf sich selbst"),
    ],
)
def test_loops_say_the_file_is_damaged_and_not_repairable(name, detail):
    error = rejected(corpus_file(ROBUSTNESS, name))
    assert error.code == "loop"
    assert detail in error.message
    assert "voraussichtlich nicht reparieren" in error.message


def test_outline_loop_does_not_matter_because_outlines_are_not_read():
    document = read_pdf(corpus_file(ROBUSTNESS, "qpdf_outlines-with-loop.pdf"))
    assert document.page_count == 30
    assert document.pages[29].text == "Salad 29"


def test_unknown_filter_names_the_filter():
    error = rejected(corpus_file(ROBUSTNESS, "qpdf_unknown-filter.pdf"))
    assert error.code == "unsupported_filter"
    assert "/PlateDecode" in error.message


@pytest.mark.parametrize(
    "name",
    ["sf_encrypted_user-openpassword.pdf", "qpdf_encrypted_aes256_user-view_owner-master.pdf"],
)
def test_encrypted_file_without_password_asks_for_one(name):
    error = rejected(corpus_file(ROBUSTNESS, name))
    assert error.code == "password_required"
    assert "Passwort" in error.message


def test_encrypted_file_with_wrong_password_says_so():
    error = rejected(corpus_file(ROBUSTNESS, "sf_encrypted_user-openpassword.pdf"), password="x")
    assert error.code == "password_wrong"
    assert "Passwort ist falsch" in error.message


@pytest.mark.parametrize(
    ("name", "password"),
    [
        ("sf_encrypted_user-openpassword.pdf", "openpassword"),
        ("qpdf_encrypted_aes256_user-view_owner-master.pdf", "view"),
        ("qpdf_encrypted_attachments_user-attachment.pdf", "attachment"),
    ],
)
def test_encrypted_file_with_right_password_is_read(name, password):
    document = read_pdf(corpus_file(ROBUSTNESS, name), password=password)
    assert document.encrypted
    assert document.pages_with_text >= 1


def test_file_encrypted_with_empty_password_opens_without_asking():
    document = read_pdf(corpus_file(ROBUSTNESS, "pypdf_encrypted_aes256_empty-user-password.pdf"))
    assert "encryption test" in document.pages[0].text


def test_generated_aes_file_needs_its_password():
    data = text_pdf([["Förderrichtlinie der Stadt"]], password="geheim")
    assert rejected(data).code == "password_required"
    assert read_pdf(data, password="geheim").pages[0].text == "Förderrichtlinie der Stadt"


@pytest.mark.parametrize("name", ["sf_image-only_grayscale.pdf", "sf_image-only_ccittfax.pdf"])
def test_scan_without_text_layer_needs_ocr(name):
    error = rejected(corpus_file(ROBUSTNESS, name))
    assert error.code == "no_text_scan"
    assert "OCR" in error.message
    assert "nicht durchführt" in error.message


def test_page_without_any_content_has_no_text_layer():
    error = rejected(many_pages_pdf(3))
    assert error.code == "no_text"
    assert "OCR" in error.message


def test_scan_with_ocr_layer_is_read():
    document = read_pdf(corpus_file(ROBUSTNESS, "pypdf_scan-with-ocr-layer.pdf"))
    assert document.pages_with_text == 6
    assert "VICKSBURG" in document.pages[0].text


def test_too_many_pages_names_limit_and_actual_count():
    error = rejected(many_pages_pdf(2000))
    assert error.code == "too_many_pages"
    assert "2.000" in error.message
    assert "500" in error.message


def test_page_limit_can_be_lowered():
    data = text_pdf([["eins"], ["zwei"], ["drei"]])
    error = rejected(data, limits=Limits(max_pages=2))
    assert "3, erlaubt sind höchstens 2" in error.message


def test_upload_over_the_size_limit_names_both_sizes():
    data = corpus_file(GUIDELINES, "bund_bafa-eew_foerderrichtlinie.pdf").read_bytes()
    error = rejected(data, limits=Limits(max_bytes=1024 * 1024))
    assert error.code == "too_large"
    assert "1,6 MB" in error.message
    assert "höchstens 1 MB" in error.message


def test_file_path_over_the_size_limit_is_refused_before_reading():
    path = corpus_file(GUIDELINES, "bund_bafa-eew_foerderrichtlinie.pdf")
    assert rejected(path, limits=Limits(max_bytes=1000)).code == "too_large"


def test_decompression_bomb_stops_at_the_stream_limit():
    error = rejected(bomb_pdf(megabytes=100, layers=3))
    assert error.code == "bomb"
    assert "32 MB" in error.message
    assert "fehlerhaft oder manipuliert" in error.message


def test_memory_cap_stops_a_worker_that_would_need_more():
    error = rejected(
        bomb_pdf(megabytes=100, layers=3), limits=Limits(memory_mb=120, stream_mb=1024)
    )
    assert error.code == "memory"
    assert "120 MB" in error.message
    assert "fehlerhaft" in error.message


def test_time_limit_names_the_limit_and_suspects_the_file():
    path = corpus_file(ROBUSTNESS, "sf_geotopo_117-pages_german.pdf")
    error = rejected(path, limits=Limits(seconds=0.3))
    assert error.code == "timeout"
    assert "0,3 Sekunden" in error.message
    assert "vermutlich fehlerhaft" in error.message


def test_import_error_is_invalid_data_on_the_file_field():
    error = rejected(b"")
    assert isinstance(error, InvalidData)
    assert error.as_dict() == {"file": [error.message]}


@pytest.mark.parametrize(
    "path", sorted(ROBUSTNESS.glob("*.pdf")) if ROBUSTNESS.exists() else [], ids=lambda p: p.name
)
def test_every_robustness_file_is_answered_within_five_seconds(path):
    started = time.monotonic()
    try:
        answer = read_pdf(path).pages_with_text >= 1
    except PdfImportError as error:
        answer = error.message.endswith(".")
    assert answer, "a readable file has text, a bad one a German sentence"
    assert time.monotonic() - started < ANSWER_SECONDS
