"""Forms of the PDF import: upload a guideline or a concept, accept a guideline's proposals."""

from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import PasswordField, SelectMultipleField
from wtforms.validators import Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from funding_matcher.web.forms import GermanForm

PDF_ACCEPT = {"accept": ".pdf,application/pdf"}


class PdfUploadForm(GermanForm):
    """A PDF file and, for a protected file, its password. Whether it is a PDF, the reader
    decides from the content (not the file name), with one German sentence when it is not."""

    file = FileField(
        "PDF-Datei",
        description="Höchstens 10 MB. Die Datei wird nur gelesen, nicht gespeichert.",
        validators=[FileRequired("Bitte eine PDF-Datei auswählen.")],
        render_kw=PDF_ACCEPT,
    )
    password = PasswordField(
        "Passwort (nur bei geschützten Dateien)",
        validators=[Optional(), Length(max=200, message="Das Passwort ist zu lang.")],
        render_kw={"autocomplete": "off"},
    )


class GuidelineUploadForm(PdfUploadForm):
    """Die Förderrichtlinie (Richtlinie, Merkblatt, Förderaufruf) eines Programms."""


class ConceptUploadForm(PdfUploadForm):
    """Das Projektkonzept, aus dem ein Projektprofil (Entwurf) wird."""


class AcceptProposalsForm(GermanForm):
    """Which of an import's proposals go into the organisation's copy (by their index)."""

    accept = SelectMultipleField(
        "Übernehmen",
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
