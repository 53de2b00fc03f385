"""PDF import in the web app: a programme's guideline -> proposals to review -> the
organisation's checked copy (and a catalogue draft); a project concept -> a prefilled wizard."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from funding_matcher.domain.catalogue.files import dump_programme
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.pdf_import import (
    ConceptImport,
    GuidelineImport,
    Limits,
    PdfImportError,
    import_concept,
    import_guideline,
)
from funding_matcher.domain.pdf_import.admission import Busy, ReadQueue
from funding_matcher.domain.pdf_import.fit import Issuer, fit_warning
from funding_matcher.domain.pdf_import.results import FIELD_LABELS
from funding_matcher.domain.pdf_import.review import (
    ReviewRow,
    catalogue_draft,
    choose_proposals,
    copy_files,
    copy_rows,
    review_rows,
)
from funding_matcher.models import GuidelineImportRow, Role
from funding_matcher.operations.catalogue import find_programme
from funding_matcher.operations.pdf_import import (
    accept_proposals,
    profile_from_concept,
    programme_copy,
    recent_imports,
    save_guideline_import,
    stored_proposals,
)
from funding_matcher.web.access import (
    current_membership,
    current_organisation,
    member_required,
    owned_or_404,
)
from funding_matcher.web.clock import today
from funding_matcher.web.forms import apply_problems
from funding_matcher.web.pdf_import_forms import (
    AcceptProposalsForm,
    ConceptUploadForm,
    GuidelineUploadForm,
    PdfUploadForm,
)

bp = Blueprint("pdf_import", __name__)

MAX_NAME = 200
# Fields a profile needs that a concept may not state; named after an import when missing.
CONCEPT_KEY_FIELDS = ("title", "description", "applicant_type", "state")


def upload_name(storage: FileStorage, default: str) -> str:
    """The uploaded file's own name, without any folder and unprintable characters."""
    raw = (storage.filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in raw if ch.isprintable()).strip()[:MAX_NAME]
    return name or default


def read_queue() -> ReadQueue:
    """The app's queue in front of the PDF reader (``PDF_IMPORT_SLOTS`` reading at once,
    ``PDF_IMPORT_WAITING`` more waiting up to ``PDF_IMPORT_WAIT_SECONDS``)."""
    queue = current_app.extensions.get("pdf_read_queue")
    if queue is None:
        queue = ReadQueue(
            slots=int(current_app.config.get("PDF_IMPORT_SLOTS", 2)),
            waiting=int(current_app.config.get("PDF_IMPORT_WAITING", 2)),
            wait_seconds=float(current_app.config.get("PDF_IMPORT_WAIT_SECONDS", 5)),
        )
        current_app.extensions["pdf_read_queue"] = queue
    return queue


def read_upload(
    form: PdfUploadForm,
    importer: Callable[..., GuidelineImport | ConceptImport],
    default_name: str,
) -> Any:
    """Run the importer on the uploaded file, in turn with other uploads; PdfImportError
    carries the sentence to show, Busy says the server reads enough files already."""
    storage: FileStorage = form.file.data
    data = storage.read(Limits().max_bytes + 1)  # one byte more: the reader names the size
    with read_queue().slot():
        result = importer(
            data, password=form.password.data or None, name=upload_name(storage, default_name)
        )
    current_app.logger.info(
        "PDF gelesen: %s, %d Seiten in %.2f s", result.file, result.pages, result.seconds
    )
    return result


def busy(form: PdfUploadForm, exc: Busy) -> int:
    """Put the server's "busy, try again" sentence at the file field; 503."""
    form.file.errors = [*form.file.errors, exc.message]
    return 503


def with_retry_after(page: tuple[str, int], exc: Busy) -> tuple[str, int, dict[str, str]]:
    """A busy page with the Retry-After header a client can wait for."""
    return page[0], page[1], {"Retry-After": str(exc.retry_after)}


def refuse(form: PdfUploadForm, exc: PdfImportError) -> int:
    """Put the file's one sentence at the file field; the status code to answer with."""
    form.file.errors = [*form.file.errors, exc.message]
    if exc.log:
        current_app.logger.warning("PDF-Leser abgebrochen (%s): %s", exc.code, exc.log)
    return 413 if exc.code == "too_large" else 422


def programme_or_404(slug: str) -> Programme:
    programme = find_programme(slug)
    if programme is None:
        abort(404)
    return programme


# -- guideline ----------------------------------------------------------------------------------


def _upload_page(programme: Programme, form: GuidelineUploadForm, status: int = 200):
    return render_template("pdf_import/guideline_upload.html", p=programme, form=form), status


@bp.route("/programme/<slug>/richtlinie")
@member_required(Role.editor)
def guideline_form(slug: str):
    return _upload_page(programme_or_404(slug), GuidelineUploadForm(formdata=None))


@bp.route("/programme/<slug>/richtlinie", methods=["POST"])
@member_required(Role.editor)
def upload_guideline(slug: str):
    programme = programme_or_404(slug)
    form = GuidelineUploadForm()
    if not form.validate_on_submit():
        return _upload_page(programme, form, 422)
    try:
        result = read_upload(form, import_guideline, "richtlinie.pdf")
    except PdfImportError as exc:
        return _upload_page(programme, form, refuse(form, exc))
    except Busy as exc:
        return with_retry_after(_upload_page(programme, form, busy(form, exc)), exc)
    issuer = Issuer(**result.issuer) if result.issuer else None
    warning = fit_warning(issuer, result.title, programme)
    row = save_guideline_import(
        current_organisation(), programme.slug, result, current_user, fit_warning=warning
    )
    return redirect(url_for("pdf_import.review", slug=programme.slug, import_id=row.id)), 303


def _import_or_404(
    slug: str, import_id: int, role: Role = Role.viewer
) -> tuple[Programme, GuidelineImportRow]:
    row = owned_or_404(GuidelineImportRow, import_id, role)
    if row.programme_slug != slug:
        abort(404)
    return programme_or_404(slug), row


def _grouped(rows: list[ReviewRow]) -> list[tuple[str, list[ReviewRow]]]:
    """Review rows grouped by field, in the proposals' order (best candidate first)."""
    groups: dict[str, list[ReviewRow]] = {}
    for row in rows:
        groups.setdefault(row.field, []).append(row)
    return [(found[0].label, found) for found in groups.values()]


def _review_page(
    programme: Programme, row: GuidelineImportRow, form: AcceptProposalsForm, status: int = 200
):
    rows = review_rows(programme, stored_proposals(row))
    form.accept.choices = [(r.index, f"{r.label}: {r.value}") for r in rows if not r.hint]
    membership = current_membership()
    mismatch = (row.result or {}).get("record_fit", {}).get("warning")
    return render_template(
        "pdf_import/review.html",
        p=programme,
        row=row,
        result=row.result,
        groups=_grouped(rows),
        form=form,
        options={option.data: option for option in form.accept},
        can_accept=membership is not None
        and membership.role.at_least(Role.editor)
        and not mismatch,
        mismatch=mismatch,
    ), status


@bp.route("/programme/<slug>/richtlinie/<int:import_id>")
@member_required()
def review(slug: str, import_id: int):
    programme, row = _import_or_404(slug, import_id)
    return _review_page(programme, row, AcceptProposalsForm(formdata=None))


@bp.route("/programme/<slug>/richtlinie/<int:import_id>", methods=["POST"])
@member_required(Role.editor)
def accept(slug: str, import_id: int):
    programme, row = _import_or_404(slug, import_id, Role.editor)
    proposals = stored_proposals(row)
    form = AcceptProposalsForm()
    form.accept.choices = [(index, str(index)) for index in range(len(proposals))]
    if not form.validate_on_submit():
        return _review_page(programme, row, form, 422)
    mismatch = (row.result or {}).get("record_fit", {}).get("warning")
    if mismatch:
        # A guideline of another funder never marks this record as checked.
        form.accept.errors = [*form.accept.errors, mismatch]
        return _review_page(programme, row, form, 422)
    try:
        chosen = choose_proposals(proposals, form.accept.data or [])
    except InvalidData as exc:
        apply_problems(form, exc)
        return _review_page(programme, row, form, 422)
    if not chosen:
        flash("Keine Vorschläge übernommen; die geprüften Angaben bleiben, wie sie waren.", "info")
        return redirect(url_for("catalogue.show", slug=programme.slug)), 303
    accept_proposals(current_organisation(), programme.slug, row, chosen, current_user, today())
    flash(
        f"{len(chosen)} Angabe(n) aus „{row.file_name}“ als von Ihrer Organisation geprüft "
        "übernommen.",
        "success",
    )
    return redirect(url_for("catalogue.show", slug=programme.slug) + "#geprueft"), 303


@bp.route("/programme/<slug>/katalog-entwurf.yaml")
@member_required()
def catalogue_draft_file(slug: str):
    programme = programme_or_404(slug)
    copy = programme_copy(current_organisation(), programme.slug)
    if copy is None:
        abort(404)
    try:
        draft = catalogue_draft(programme, copy.fields or {}, today())
    except InvalidData as exc:
        for problem in exc.problems:
            flash(f"Katalog-Entwurf nicht möglich: {problem}", "error")
        return redirect(url_for("catalogue.show", slug=programme.slug) + "#geprueft"), 303
    return send_file(
        io.BytesIO(dump_programme(draft).encode("utf-8")),
        mimetype="application/yaml",
        as_attachment=True,
        download_name=f"{programme.slug}.yaml",
        max_age=0,
    )


def guideline_panel(programme: Programme) -> dict[str, Any] | None:
    """What the programme page shows the current organisation: its checked copy and uploads."""
    membership = current_membership()
    if membership is None:
        return None
    copy = programme_copy(membership.organisation, programme.slug)
    return {
        "can_upload": membership.role.at_least(Role.editor),
        "checked": copy,
        "rows": copy_rows(programme, copy.fields or {}) if copy else [],
        "files": copy_files(copy.fields or {}) if copy else [],
        "imports": recent_imports(membership.organisation, programme.slug),
    }


# -- concept ------------------------------------------------------------------------------------


def _concept_page(form: ConceptUploadForm, status: int = 200):
    return render_template("pdf_import/concept_upload.html", form=form), status


@bp.route("/projekte/neu/konzept")
@member_required(Role.editor)
def concept_form():
    return _concept_page(ConceptUploadForm(formdata=None))


@bp.route("/projekte/neu/konzept", methods=["POST"])
@member_required(Role.editor)
def upload_concept():
    form = ConceptUploadForm()
    if not form.validate_on_submit():
        return _concept_page(form, 422)
    try:
        result = read_upload(form, import_concept, "konzept.pdf")
    except PdfImportError as exc:
        return _concept_page(form, refuse(form, exc))
    except Busy as exc:
        return with_retry_after(_concept_page(form, busy(form, exc)), exc)
    row = profile_from_concept(current_organisation(), result, current_user)
    found = len(row.import_sources or {})
    flash(
        f"Projektkonzept „{result.file}“ gelesen: {found} Angabe(n) übernommen und markiert. "
        "Bitte prüfen Sie jede Angabe; mit dem Speichern eines Schritts gelten seine Angaben "
        "als geprüft.",
        "success",
    )
    missing = [FIELD_LABELS[name] for name in CONCEPT_KEY_FIELDS if name not in row.data]
    if missing:
        flash(
            f"Nicht im Konzept gefunden: {', '.join(missing)}; bitte im Formular ergänzen.", "info"
        )
    for warning in result.warnings:
        if not warning.startswith("Nicht gefunden:"):  # said above, with German field names
            flash(warning, "info")
    return redirect(url_for("wizard.step", project_id=row.id, step=1)), 303
