"""Why a PDF could not be read: one German sentence per case, carried by ``PdfImportError``."""

from __future__ import annotations

from funding_matcher.domain.errors import FieldProblem, InvalidData

FIELD = "file"

# Codes the worker reports (and the parent adds for its own checks), with a sentence template.
_SENTENCES = {
    "empty": (
        "Die Datei ist leer (0 Byte) und damit keine PDF-Datei; bitte die richtige Datei wählen."
    ),
    "not_pdf": (
        "Die Datei ist keine PDF-Datei (am Anfang fehlt die Kennung „%PDF-“) und lässt sich "
        "nicht reparieren; bitte die richtige Datei wählen."
    ),
    "truncated": (
        "Die Datei lässt sich nicht als PDF lesen, weil sie unvollständig ist (das Dateiende mit "
        "dem Querverweis fehlt, etwa nach einem abgebrochenen Download); ein Reparaturwerkzeug "
        "wie qpdf kann sie eventuell retten, sicherer ist ein neuer Download."
    ),
    "broken_xref": (
        "Die Datei lässt sich nicht als PDF lesen, weil ihre Querverweistabelle (xref) beschädigt "
        "ist ({detail}); ein Reparaturwerkzeug wie qpdf kann sie eventuell wiederherstellen."
    ),
    "loop": (
        "Die Datei lässt sich nicht als PDF lesen, weil ihre Objekte im Kreis aufeinander "
        "verweisen oder endlos verschachtelt sind ({detail}); sie ist beschädigt oder manipuliert "
        "und lässt "
        "sich voraussichtlich nicht reparieren."
    ),
    "damaged": (
        "Die Datei lässt sich nicht als PDF lesen, weil sie beschädigt ist ({detail}); ob ein "
        "Reparaturwerkzeug wie qpdf hilft, ist ungewiss."
    ),
    "unsupported_filter": (
        "Die Datei lässt sich nicht als PDF lesen, weil ihr Seiteninhalt mit einem unbekannten "
        "Verfahren ({detail}) gepackt ist; sie ist vermutlich beschädigt und lässt sich nicht "
        "reparieren."
    ),
    "password_required": (
        "Die PDF-Datei ist mit einem Passwort geschützt; bitte das Passwort zum Öffnen angeben."
    ),
    "password_wrong": (
        "Das angegebene Passwort ist falsch; die PDF-Datei lässt sich damit nicht öffnen."
    ),
    "no_text_scan": (
        "Die PDF-Datei hat keine Textebene, sie enthält nur Bilder (vermutlich ein Scan); nötig "
        "wäre eine Texterkennung (OCR), die dieses Programm nicht durchführt."
    ),
    "no_text": (
        "Die PDF-Datei enthält keinen auslesbaren Text (keine Textebene); ist sie ein Scan, wäre "
        "eine Texterkennung (OCR) nötig, die dieses Programm nicht durchführt."
    ),
    "too_large": (
        "Die Datei ist zu groß: {actual}, erlaubt sind höchstens {limit}; bitte eine kleinere "
        "Fassung hochladen."
    ),
    "too_many_pages": (
        "Die PDF-Datei hat zu viele Seiten: {actual}, erlaubt sind höchstens {limit}."
    ),
    "timeout": (
        "Das Lesen der PDF-Datei wurde nach {limit} abgebrochen (Zeitgrenze); die Datei ist "
        "vermutlich fehlerhaft oder ungewöhnlich aufwendig aufgebaut."
    ),
    "memory": (
        "Das Lesen der PDF-Datei wurde abgebrochen, weil es mehr als {limit} Arbeitsspeicher "
        "gebraucht hätte (Speichergrenze); die Datei ist vermutlich fehlerhaft oder manipuliert."
    ),
    "bomb": (
        "Das Lesen der PDF-Datei wurde abgebrochen, weil ein Datenstrom entpackt mehr als {limit} "
        "belegen würde (Speichergrenze); die Datei ist vermutlich fehlerhaft oder manipuliert "
        "(Dekompressionsbombe)."
    ),
    "too_complex": (
        "Das Lesen der PDF-Datei wurde abgebrochen, weil {detail} (Arbeitsgrenze); die Datei ist "
        "vermutlich fehlerhaft oder manipuliert."
    ),
    "crashed": (
        "Das Lesen der PDF-Datei ist unerwartet abgebrochen ({detail}); die Datei ist vermutlich "
        "fehlerhaft."
    ),
}

# Whether a tool such as qpdf may make the file readable (None: nobody can say).
REPAIRABLE = {
    "not_pdf": False,
    "empty": False,
    "truncated": True,
    "broken_xref": True,
    "loop": False,
    "unsupported_filter": False,
}


class PdfImportError(InvalidData):
    """A PDF that cannot be imported; ``message`` is the one German sentence to show.

    It is an ``InvalidData`` with one problem on the field ``file``, so forms and JSON error
    responses handle it like any other bad input. ``code`` names the case for programs.
    """

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        self.repairable = REPAIRABLE.get(code)
        self.log = ""  # what the worker printed when it crashed: for the server log only
        super().__init__([FieldProblem(FIELD, message)])


def pdf_error(code: str, *, detail: str = "", limit: str = "", actual: str = "") -> PdfImportError:
    """The error for ``code`` with its sentence filled in."""
    template = _SENTENCES.get(code, _SENTENCES["damaged"])
    return PdfImportError(code, template.format(detail=detail, limit=limit, actual=actual))
