"""Downloads of an application (DOCX, PDF, Markdown, XLSX) and the organisation's letterhead."""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_wtf.file import FileAllowed, FileField, FileRequired

from funding_matcher.domain.applications.draft import VERSIONS, DraftNotReady
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.exports import (
    FORMATS,
    MEDIA_TYPES,
    ApplicationDocument,
    export,
    export_docx,
    export_filename,
)
from funding_matcher.domain.exports.docx.base import checked_letterhead
from funding_matcher.models import Application, Organisation, Role
from funding_matcher.operations.exports import application_document
from funding_matcher.web.access import current_organisation, member_required, owned_or_404
from funding_matcher.web.clock import today
from funding_matcher.web.forms import CsrfForm, GermanForm

bp = Blueprint("exports", __name__)

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


class LetterheadForm(GermanForm):
    file = FileField(
        "Word-Vorlage (.docx oder .dotx)",
        validators=[
            FileRequired("Bitte eine Datei auswählen."),
            FileAllowed(["docx", "dotx"], "Bitte eine Word-Datei (.docx oder .dotx) hochladen."),
        ],
    )


def letterheads_dir() -> Path:
    """The folder of the letterheads, private to the server's user (0700)."""
    folder = Path(current_app.instance_path) / "letterheads"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def letterhead_path(organisation: Organisation) -> Path:
    """Where the organisation's letterhead lives, in the checked form made at upload."""
    return letterheads_dir() / f"organisation-{organisation.id}-geprueft.docx"


def _store(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def letterhead(organisation: Organisation) -> bytes | None:
    """The checked letterhead; a file stored by an earlier release is checked once now."""
    path = letterhead_path(organisation)
    if path.exists():
        return path.read_bytes()
    unchecked = path.with_name(f"organisation-{organisation.id}.docx")
    if not unchecked.exists():
        return None
    try:
        checked = checked_letterhead(unchecked.read_bytes())
    except InvalidData:
        current_app.logger.warning("Briefkopf %s verworfen: Prüfung fehlgeschlagen", unchecked)
        unchecked.unlink(missing_ok=True)
        return None
    _store(path, checked)
    unchecked.unlink(missing_ok=True)
    return checked


def export_response(application: Application, fmt: str, version: str = "arbeitsfassung"):
    """The file of an application in one format and version, ready to send.

    Raises DraftNotReady (the version for the grantor is not ready) and InvalidData (an
    incomplete profile); the callers show the list of what is missing.
    """
    document = application_document(application, today(), version)
    template = letterhead(application.organisation) if fmt in ("docx", "pdf") else None
    try:
        body = export(document, fmt, template)
    except InvalidData:
        # A stored template that stopped working must not block the export.
        body = export(document, fmt)
    return send_file(
        io.BytesIO(body),
        mimetype=MEDIA_TYPES[fmt],
        as_attachment=True,
        download_name=export_filename(document, fmt),
        max_age=0,
    )


@bp.route("/antraege/<int:application_id>/export/<fmt>")
@member_required()
def download(application_id: int, fmt: str):
    application = owned_or_404(Application, application_id)
    version = request.args.get("version", "arbeitsfassung")
    if fmt not in FORMATS or version not in VERSIONS:
        abort(404)
    try:
        return export_response(application, fmt, version)
    except DraftNotReady as exc:
        missing = exc.missing
    except InvalidData as exc:
        missing = [p.message for p in exc.problems]
    return render_template(
        "applications/not_ready.html", application=application, missing=missing, fmt=fmt
    ), 422


def _sample() -> ApplicationDocument:
    return ApplicationDocument(
        title="Probe",
        programme_title="Probe",
        programme_slug="probe",
        funder="Probe",
        applicant="Probe",
        municipality=None,
        created_on=date(2026, 1, 1),
        status_label="Idee",
    )


def _page(form: LetterheadForm, code: int = 200):
    organisation = current_organisation()
    return render_template(
        "exports/letterhead.html",
        form=form,
        has_letterhead=letterhead(organisation) is not None,
        csrf_form=CsrfForm(),
    ), code


@bp.route("/organisation/briefkopf")
@member_required()
def letterhead_page():
    return _page(LetterheadForm(formdata=None))


@bp.route("/organisation/briefkopf", methods=["POST"])
@member_required(Role.owner)
def upload_letterhead():
    form = LetterheadForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    data = form.file.data.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        form.file.errors.append("Die Vorlage ist größer als 5 MB.")
        return _page(form, 413)
    try:
        # Checked and parsed once, here; exports open only the stored, checked form.
        checked = checked_letterhead(data)
        export_docx(_sample(), checked)  # the template must produce a document
    except InvalidData as exc:
        form.file.errors.extend(p.message for p in exc.problems)
        return _page(form, 422)
    _store(letterhead_path(current_organisation()), checked)
    flash(
        "Vorlage gespeichert: Word-Exporte nutzen jetzt Ihren Briefkopf und Ihre Formate.",
        "success",
    )
    return redirect(url_for("exports.letterhead_page")), 303


@bp.route("/organisation/briefkopf/loeschen", methods=["POST"])
@member_required(Role.owner)
def delete_letterhead():
    if not CsrfForm().validate_on_submit():
        abort(400)
    path = letterhead_path(current_organisation())
    path.unlink(missing_ok=True)
    path.with_name(f"organisation-{current_organisation().id}.docx").unlink(missing_ok=True)
    flash("Vorlage entfernt; Word-Exporte nutzen wieder die Standardgestaltung.", "success")
    return redirect(url_for("exports.letterhead_page")), 303
