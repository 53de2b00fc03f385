"""German error pages; JSON errors for the API."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from funding_matcher.extensions import db

MESSAGES = {
    400: ("Ungültige Anfrage", "Die Anfrage konnte nicht verarbeitet werden."),
    401: ("Anmeldung nötig", "Bitte melden Sie sich an."),
    403: ("Keine Berechtigung", "Ihre Rolle in dieser Organisation erlaubt diese Aktion nicht."),
    404: (
        "Nicht gefunden",
        "Diese Seite oder dieser Eintrag existiert nicht "
        "(oder gehört nicht zu Ihrer Organisation).",
    ),
    405: ("Nicht erlaubt", "Diese Aktion ist auf dieser Seite nicht möglich."),
    413: ("Datei zu groß", "Die hochgeladene Datei ist zu groß (höchstens 10 MB)."),
    500: (
        "Interner Fehler",
        "Etwas ist schiefgegangen. Ihre Eingaben bis zum letzten Speichern sind erhalten.",
    ),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _render(status: int, detail: str | None = None):
    title, message = MESSAGES.get(status, (str(status), ""))
    if _wants_json():
        return jsonify(error=title, message=detail or message), status
    return render_template(
        "errors/error.html", status=status, title=title, message=detail or message
    ), status


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return _render(
            400,
            "Das Formular ist abgelaufen oder unvollständig (CSRF-Schutz). "
            "Bitte laden Sie die Seite neu und senden Sie es noch einmal.",
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        body, status = _render(exc.code or 500)
        # Keep what the exception says to clients: Allow on 405, WWW-Authenticate, Retry-After.
        headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
        return body, status, headers

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        db.session.rollback()
        app.logger.exception("unhandled error")
        return _render(500)
