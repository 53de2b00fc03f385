"""Exports of an application: DOCX, PDF, Markdown and XLSX, built in the domain as bytes.

The web layer builds one ``ApplicationDocument`` from its rows and the checked budget and sends
what these functions return (``MEDIA_TYPES`` and ``export_filename`` for the response)::

    doc = ApplicationDocument(title=..., programme_title=..., ..., budget=check_budget(data, rec))
    export_docx(doc)                      # bytes; template=<.docx bytes> for a letterhead
    export_pdf(doc)                       # bytes; template= draws the same letterhead
    export_xlsx(doc)                      # bytes, the plan with live formulas
    export_markdown(doc)                  # str
    export_portal(doc)                    # str, one block per section with its character count
    export(doc, "pdf")                    # the same by format name, always bytes
"""

from __future__ import annotations

import re
import unicodedata

from funding_matcher.domain.errors import FieldProblem, InvalidData

from .document import (
    ApplicationDocument,
    ChecklistItem,
    OpenCheck,
    Section,
    open_checks,
)
from .docx import export_docx
from .markdown import export_markdown
from .pdf import export_pdf
from .portal import export_portal
from .xlsx import export_xlsx

MEDIA_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
    "portal": "text/plain; charset=utf-8",
}
EXTENSIONS: dict[str, str] = {"portal": "txt"}
FORMATS: tuple[str, ...] = tuple(MEDIA_TYPES)

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def export(doc: ApplicationDocument, fmt: str, template: bytes | None = None) -> bytes:
    """The export in format ``fmt`` (docx, pdf, xlsx, md) as bytes; Markdown as UTF-8.

    ``template`` (the letterhead) is used by DOCX and PDF. InvalidData (field ``format``) for an
    unknown format.
    """
    if fmt == "docx":
        return export_docx(doc, template)
    if fmt == "pdf":
        return export_pdf(doc, template)
    if fmt == "portal":
        return export_portal(doc).encode("utf-8")
    if fmt == "xlsx":
        return export_xlsx(doc)
    if fmt == "md":
        return export_markdown(doc).encode("utf-8")
    allowed = ", ".join(FORMATS)
    raise InvalidData(
        [FieldProblem("format", f"unbekanntes Exportformat „{fmt}“ (erlaubt: {allowed})")]
    )


def export_filename(doc: ApplicationDocument, fmt: str) -> str:
    """A safe ASCII download name with project and programme, so that two applications of one
    project never share a name: ``antrag-quartierszentrum-gruene-mitte--aktion-mensch.pdf``."""
    ascii_title = (
        unicodedata.normalize("NFKD", doc.title.translate(_UMLAUTS))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].rstrip("-")
    programme = re.sub(r"[^a-z0-9]+", "-", doc.programme_slug.lower()).strip("-")[:50].rstrip("-")
    suffix = "-einreichung" if doc.submission else ""
    return (
        f"antrag-{slug or 'entwurf'}{'--' + programme if programme else ''}{suffix}."
        f"{EXTENSIONS.get(fmt, fmt)}"
    )


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "ApplicationDocument",
    "ChecklistItem",
    "OpenCheck",
    "Section",
    "export",
    "export_docx",
    "export_filename",
    "export_markdown",
    "export_pdf",
    "export_portal",
    "export_xlsx",
    "open_checks",
]
