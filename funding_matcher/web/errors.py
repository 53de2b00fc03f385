"""German error pages; JSON errors for the API."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from funding_matcher.web.transaction import discard_changes
from funding_matcher.web.trash import restore_offer

MESSAGES = {
    400: ("Ungültige Anfrage", "Die Anfrage konnte nicht verarbeitet werden."),
    401: ("Anmeldung nötig", "Bitte melden Sie sich an."),
    403: ("Keine Berechtigung", "Ihre Rolle in dieser Organisation erlaubt diese Aktion nicht."),
    404: (
        "Nicht gefunden",
        "Diese Seite oder dieser Eintrag existiert nicht "
        "(oder gehört nicht zu Ihrer Organisation).",
    ),
    410: (
        "Im Papierkorb",
        "Dieser Eintrag wurde gelöscht und liegt im Papierkorb der Organisation "
        "(Organisation → Papierkorb); dort lässt er sich 30 Tage lang wiederherstellen.",
    ),
    405: ("Nicht erlaubt", "Diese Aktion ist auf dieser Seite nicht möglich."),
    413: ("Datei zu groß", "Die hochgeladene Datei ist zu groß (höchstens 10 MB)."),
    500: (
        "Interner Fehler",
        "Etwas ist schiefgegangen. Ihre Eingaben bis zum letzten Speichern sind erhalten.",
    ),
}


def _wants_json() -> bool:
    """The API, and the pages' own scripts (autosave), get JSON errors."""
    return request.path.startswith("/api/") or request.headers.get("X-Requested-With") == "fetch"


# Posted fields never shown back (secrets, and what only the page itself needs).
_NOT_SHOWN = ("csrf_token", "version", "organisation_id", "confirmed", "go")


def unsaved_input() -> list[tuple[str, str]]:
    """What a failed form post carried, to show back so that nothing typed is lost."""
    if request.method != "POST" or request.files:
        return []
    return [
        (name, value)
        for name, value in request.form.items()
        if name not in _NOT_SHOWN and "password" not in name and value.strip()
    ][:20]


def render_error(status: int, detail: str | None = None):
    title, message = MESSAGES.get(status, (str(status), ""))
    if _wants_json():
        return jsonify(error=title, message=detail or message), status
    offer = restore_offer() if status == 410 else None
    section = offer.section if offer is not None else None
    unsaved = [
        # The text typed into a section is named by its section, not by the form field.
        (
            f"Ihr Text im Abschnitt „{section.title}“"
            if section and name == "text"
            else f"Ihre Eingabe „{name}“",
            value,
        )
        for name, value in (unsaved_input() if status in (400, 403, 404, 409, 410) else [])
    ]
    return render_template(
        "errors/error.html",
        status=status,
        title=title,
        message=detail or message,
        unsaved=unsaved,
        restore=offer,
    ), status


def refuse_nul_characters():
    """A form field or query parameter with U+0000 gets a 400 that names it (no database column
    can store the character; PostgreSQL refuses it)."""
    for source in (request.args, request.form):
        for name, values in source.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                field = name.replace("\x00", "")[:60]
                return render_error(
                    400,
                    f"Das Feld „{field}“ enthält ein Nullzeichen (U+0000), das nicht "
                    "gespeichert werden kann. Bitte entfernen Sie es und senden Sie erneut.",
                )
    return None


def register(app: Flask) -> None:
    app.before_request(refuse_nul_characters)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        return render_error(
            400,
            "Das Formular ist abgelaufen oder unvollständig (CSRF-Schutz). "
            "Bitte laden Sie die Seite neu und senden Sie es noch einmal.",
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        body, status = render_error(exc.code or 500)
        # Keep what the exception says to clients: Allow on 405, WWW-Authenticate, Retry-After.
        headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
        return body, status, headers

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        discard_changes()  # before the error page reads anything
        app.logger.exception("unhandled error")
        return render_error(500)
