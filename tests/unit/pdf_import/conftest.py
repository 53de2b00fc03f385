"""Fixtures for the PDF import: the shared corpus, and documents built from plain lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from funding_matcher.domain.pdf_import import GuidelineImport, import_guideline
from funding_matcher.domain.pdf_import.document import Page, PdfText

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "pdf"
GUIDELINES = CORPUS / "guidelines"
ROBUSTNESS = CORPUS / "robustness"

_imported: dict[str, GuidelineImport] = {}


def corpus_file(folder: Path, name: str) -> Path:
    """A corpus file; the test is skipped where the shared corpus is not laid out."""
    path = folder / name
    if not path.exists():
        pytest.skip(f"Korpusdatei fehlt: {path}")
    return path


@pytest.fixture
def guideline() -> Callable[[str], GuidelineImport]:
    """Import a real guideline once per test session, by file stem."""

    def load(stem: str) -> GuidelineImport:
        if stem not in _imported:
            _imported[stem] = import_guideline(corpus_file(GUIDELINES, f"{stem}.pdf"))
        return _imported[stem]

    return load


@pytest.fixture
def make_document() -> Callable[..., PdfText]:
    """A PdfText from pages of lines, as the sandbox would return it after cleanup."""

    def build(*pages: Sequence[str], name: str = "test.pdf") -> PdfText:
        return PdfText(
            file=name,
            pages=tuple(Page(number, tuple(lines)) for number, lines in enumerate(pages, 1)),
            seconds=0.0,
        )

    return build
