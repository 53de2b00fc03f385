"""A PDF's text, page by page, read safely and cleaned: the input of both importers."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from funding_matcher.domain.pdf_import import cleanup, typography
from funding_matcher.domain.pdf_import.errors import pdf_error
from funding_matcher.domain.pdf_import.sandbox import (
    Limits,
    RawDocument,
    RawLine,
    load_bytes,
    run_worker,
)

PAGE_ERROR_WORDS = {
    "loop": "Objekte verweisen im Kreis",
    "damaged": "beschädigt",
    "unsupported_filter": "unbekanntes Packverfahren",
    "broken_xref": "Querverweis beschädigt",
    "truncated": "unvollständig",
    "memory": "zu groß",
}


@dataclass(frozen=True)
class Page:
    """One page: its body lines (cleaned), the header/footer lines set aside, and flags."""

    number: int
    lines: tuple[str, ...]
    furniture: tuple[str, ...] = ()
    has_images: bool = False
    error: str | None = None
    error_detail: str = ""
    emphasis: tuple[bool, ...] = ()  # per line: set larger or bold like a heading
    sizes: tuple[float | None, ...] = ()  # per line: the font size, where the reader knew it
    footnotes: tuple[str, ...] = ()  # small print at the foot of the page, set aside

    @property
    def text(self) -> str:
        """The body text, one line per line."""
        return "\n".join(self.lines)

    @property
    def has_text(self) -> bool:
        """Whether the page has any readable word."""
        return any(ch.isalnum() for line in self.lines for ch in line)


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF file, ready for the importers."""

    file: str
    pages: tuple[Page, ...]
    seconds: float
    warnings: tuple[str, ...] = ()
    encrypted: bool = False

    @property
    def page_count(self) -> int:
        """Number of pages in the file."""
        return len(self.pages)

    @property
    def pages_with_text(self) -> int:
        """Number of pages with a readable word."""
        return sum(1 for page in self.pages if page.has_text)


def read_pdf(
    source: bytes | str | Path,
    *,
    password: str | None = None,
    limits: Limits | None = None,
    name: str | None = None,
) -> PdfText:
    """Read a PDF in the sandbox and clean its text; raise PdfImportError for a bad file."""
    limits = limits or Limits()
    started = time.monotonic()
    data = load_bytes(source, limits)
    raw = run_worker(data, password, limits, started)
    file_name = name or (Path(source).name if isinstance(source, str | Path) else "upload.pdf")
    document = build_document(file_name, raw, time.monotonic() - started)
    if document.pages_with_text == 0:
        broken = [page for page in document.pages if page.error]
        if broken:
            first = broken[0]
            raise pdf_error(first.error or "damaged", detail=first.error_detail)
        scanned = any(page.has_images for page in document.pages)
        raise pdf_error("no_text_scan" if scanned else "no_text")
    return document


def build_document(file_name: str, raw: RawDocument, seconds: float) -> PdfText:
    """Clean the worker's lines: normalise, set furniture and footnotes aside, mark headings by
    their type, de-hyphenate; collect warnings."""
    normalised: list[list[RawLine]] = []
    garbage_pages: list[int] = []
    for number, page in enumerate(raw.pages, start=1):
        lines = []
        garbage = False
        for line in page.lines:
            clean, cut = cleanup.normalise(line.text)
            garbage = garbage or cut
            if clean:
                lines.append(replace(line, text=clean))
        if garbage:
            garbage_pages.append(number)
        normalised.append(lines)
    furniture = cleanup.find_furniture(
        [[(ln.text, ln.top) for ln in lines] for lines in normalised]
    )
    body_size = typography.body_size([ln for lines in normalised for ln in lines])
    pages = []
    for number, (lines, aside, page) in enumerate(
        zip(normalised, furniture, raw.pages, strict=True), start=1
    ):
        body = [line for index, line in enumerate(lines) if index not in aside]
        body, notes = typography.split_footnotes(body, body_size)
        marked = cleanup.dehyphenate_marked(
            [
                (line.text, (typography.looks_like_heading(line, body_size), line.size))
                for line in body
            ]
        )
        pages.append(
            Page(
                number=number,
                lines=tuple(text for text, _ in marked),
                furniture=tuple(line.text for index, line in enumerate(lines) if index in aside),
                has_images=page.has_images,
                error=page.error,
                error_detail=page.detail,
                emphasis=tuple(flag for _, (flag, _) in marked),
                sizes=tuple(size for _, (_, size) in marked),
                footnotes=tuple(cleanup.dehyphenate([line.text for line in notes])),
            )
        )
    warnings = _warnings(pages, garbage_pages)
    if raw.repaired:
        warnings.insert(
            0,
            "Die Querverweistabelle der Datei war beschädigt und wurde beim Lesen repariert; "
            "einzelne Inhalte können fehlen.",
        )
    return PdfText(
        file_name,
        tuple(pages),
        round(seconds, 3),
        tuple(warnings),
        raw.encrypted,
    )


def _warnings(pages: list[Page], garbage_pages: list[int]) -> list[str]:
    warnings = []
    for page in pages:
        if page.error:
            reason = PAGE_ERROR_WORDS.get(page.error, "beschädigt")
            warnings.append(
                f"Seite {page.number} ließ sich nicht lesen ({reason}); ihr Text fehlt."
            )
    empty = [page.number for page in pages if not page.has_text and not page.error]
    if empty and len(empty) < len(pages):
        warnings.append(
            f"{_page_list(empty)} ohne Text (Bild oder Scan); ihr Inhalt fehlt in den Vorschlägen."
        )
    if garbage_pages:
        warnings.append(
            f"{_page_list(garbage_pages)}: Zeichen ohne Zuordnung in der Schrift; im Text als "
            "„[unlesbar]“ markiert."
        )
    return warnings


def _page_list(numbers: list[int]) -> str:
    """ "Seite 3" or "Seiten 3, 5–7"."""
    if len(numbers) == 1:
        return f"Seite {numbers[0]}"
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    return "Seiten " + ", ".join(parts)
