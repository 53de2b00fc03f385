"""Many guidelines at once: each file in its own sandboxed worker, ``workers`` at a time.

The sandbox stays as it is for a single upload (a fresh, limited process per file); a batch
only reads several files side by side and keeps that many workers started ahead, so no file
waits for an interpreter to start. On a machine with two cores, two at a time is the most that
pays.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from funding_matcher.domain.pdf_import.errors import PdfImportError
from funding_matcher.domain.pdf_import.guideline import import_guideline
from funding_matcher.domain.pdf_import.results import GuidelineImport
from funding_matcher.domain.pdf_import.sandbox import WARM, Limits

DEFAULT_WORKERS = 2


def import_guidelines(
    sources: Sequence[bytes | str | Path],
    *,
    workers: int = DEFAULT_WORKERS,
    password: str | None = None,
    limits: Limits | None = None,
) -> list[GuidelineImport | PdfImportError]:
    """Each source's proposals, or its PdfImportError, in the order given."""
    if workers < 1:
        raise ValueError("workers muss mindestens 1 sein")

    def one(source: bytes | str | Path) -> GuidelineImport | PdfImportError:
        try:
            return import_guideline(source, password=password, limits=limits)
        except PdfImportError as exc:
            return exc

    with WARM.sized(workers), ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, sources))
