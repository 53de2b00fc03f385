"""Forms of the projects area."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired


class ProfileImportForm(FlaskForm):
    file = FileField(
        "Profil-Datei (JSON, Format v1)",
        validators=[
            FileRequired("Bitte eine Datei auswählen."),
            FileAllowed(["json"], "Bitte eine JSON-Datei (.json) hochladen."),
        ],
    )


class ConfirmForm(FlaskForm):
    """An empty form: only the CSRF token, for buttons that change something."""
