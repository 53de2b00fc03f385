"""PDF import in the web app: a programme's guideline -> proposals to review -> the
organisation's checked copy (and a catalogue draft); a project concept -> a prefilled wizard."""

from __future__ import annotations

import io
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
    Limits,
    PdfImportError,
    import_concept,
    import_guideline,
)
from funding_matcher.domain.pdf_import.results import FIELD_LABELS
from funding_matcher.extensions import db
from funding_matcher.models import GuidelineImport, Role
from funding_matcher.operations.catalogue import find_programme
from funding_matcher.operations.pdf_import import (
    ReviewRow,
    accept_proposals,
    catalogue_draft,
    choose_proposals,
    copy_files,
    copy_rows,
    profile_from_concept,
    programme_copy,
    recent_imports,
    review_rows,
    save_guideline_import,
    stored_proposals,
)
from funding_matcher.web.access import (
    current_membership,
    current_organisation,
    member_required,
    owned_or_404,
)
from funding_matcher.web.day import today
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


def read_upload(form: PdfUploadForm, importer: Any, default_name: str) -> Any:
    """Run the importer on the uploaded file; PdfImportError carries the sentence to show."""
    storage: FileStorage = form.file.data
    data = storage.read(Limits().max_bytes + 1)  # one byte more: the reader names the size
    result = importer(
        data, password=form.password.data or None, name=upload_name(storage, default_name)
    )
    current_app.logger.info(
        "PDF gelesen: %s, %d Seiten in %.2f s", result.file, result.pages, result.seconds
    )
    return result


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
    row = save_guideline_import(current_organisation(), programme.slug, result, current_user)
    db.session.commit()
    return redirect(url_for("pdf_import.review", slug=programme.slug, import_id=row.id)), 303


def _import_or_404(
    slug: str, import_id: int, role: Role = Role.viewer
) -> tuple[Programme, GuidelineImport]:
    row = owned_or_404(GuidelineImport, import_id, role)
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
    programme: Programme, row: GuidelineImport, form: AcceptProposalsForm, status: int = 200
):
    rows = review_rows(programme, stored_proposals(row))
    form.accept.choices = [(r.index, f"{r.label}: {r.value}") for r in rows]
    membership = current_membership()
    return render_template(
        "pdf_import/review.html",
        p=programme,
        row=row,
        result=row.result,
        groups=_grouped(rows),
        form=form,
        options={option.data: option for option in form.accept},
        can_accept=membership is not None and membership.role.at_least(Role.editor),
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
    try:
        chosen = choose_proposals(proposals, form.accept.data or [])
    except InvalidData as exc:
        apply_problems(form, exc)
        return _review_page(programme, row, form, 422)
    if not chosen:
        flash("Keine Vorschläge übernommen; die geprüften Angaben bleiben, wie sie waren.", "info")
        return redirect(url_for("catalogue.show", slug=programme.slug)), 303
    accept_proposals(current_organisation(), programme.slug, row, chosen, current_user, today())
    db.session.commit()
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
        draft = catalogue_draft(programme, copy, today())
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
        "rows": copy_rows(programme, copy) if copy else [],
        "files": copy_files(copy) if copy else [],
        "imports": recent_imports(membership.organisation, programme.slug),
    }


@bp.app_context_processor
def pdf_import_helpers() -> dict[str, Any]:
    return {"guideline_panel": guideline_panel}


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
    row = profile_from_concept(current_organisation(), result, current_user)
    db.session.commit()
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
