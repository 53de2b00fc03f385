"""Forms of the projects area."""

from __future__ import annotations

from flask_wtf.file import FileAllowed, FileField, FileRequired

from funding_matcher.web.forms import GermanForm


class ProfileImportForm(GermanForm):
    file = FileField(
        "Profil-Datei (JSON, Format v1)",
        validators=[
            FileRequired("Bitte eine Datei auswählen."),
            FileAllowed(["json"], "Bitte eine JSON-Datei (.json) hochladen."),
        ],
    )
