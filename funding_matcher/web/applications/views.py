"""Applications of the current organisation: start, overview, checklist, status pipeline."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from funding_matcher.domain.applications.questions import TARGET_COLUMNS
from funding_matcher.domain.applications.status import STATUSES, TRANSITIONS
from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import Application, ChecklistItemRow, ProjectProfile, Role
from funding_matcher.operations.applications import (
    change_status,
    create_application,
    find_application,
    missing_required,
    organisation_applications,
    set_checklist_done,
)
from funding_matcher.operations.budget import budget_summary
from funding_matcher.operations.catalogue import find_programme
from funding_matcher.operations.exports import grantor_version_missing
from funding_matcher.operations.planning import open_deadline
from funding_matcher.operations.projects import complete_projects
from funding_matcher.operations.trash import trash_application
from funding_matcher.web.access import current_organisation, member_required, owned_or_404
from funding_matcher.web.applications.details import page_state, section_questions
from funding_matcher.web.applications.forms import (
    ChecklistForm,
    NewApplicationForm,
    StatusForm,
)
from funding_matcher.web.clock import today
from funding_matcher.web.forms import CsrfForm, apply_problems
from funding_matcher.web.transaction import discard_changes
from funding_matcher.web.trash import confirmed_or_page

bp = Blueprint("applications", __name__, url_prefix="/antraege")

# The step that usually follows a status (the select offers it first).
NEXT_STATUS = {
    "idee": ("in_vorbereitung",),
    "in_vorbereitung": ("eingereicht",),
    "eingereicht": ("bewilligt",),
    "zurueckgezogen": ("in_vorbereitung",),
    "abgelehnt": ("in_vorbereitung",),
    "bewilligt": ("eingereicht",),
}


def new_application_form(programme_slug: str) -> NewApplicationForm:
    """The "Antrag vorbereiten" form for a programme, listing the complete projects."""
    form = NewApplicationForm(programme=programme_slug)
    form.project_id.choices = [(p.id, p.title) for p in complete_projects(current_organisation())]
    return form


@bp.route("/")
@member_required()
def index():
    rows = organisation_applications(current_organisation())
    day = today()
    deadlines = {a.id: open_deadline(a, day) for a in rows}
    return render_template(
        "applications/index.html", applications=rows, deadlines=deadlines, statuses=STATUSES
    )


@bp.route("/neu", methods=["POST"])
@member_required(Role.editor)
def create():
    form = new_application_form(request.form.get("programme", ""))
    programme = find_programme(form.programme.data or "")
    if not form.validate_on_submit() or programme is None:
        flash("Bitte ein vollständiges Projekt und ein Programm wählen.", "error")
        return redirect(url_for("applications.index")), 303
    project = owned_or_404(ProjectProfile, form.project_id.data, Role.editor)
    existing = find_application(project, programme.slug)
    if existing is not None:
        flash("Für dieses Projekt und Programm gibt es schon einen Antrag.", "info")
        return redirect(url_for("applications.show", application_id=existing.id)), 303
    try:
        application = create_application(project, programme, current_user, today())
    except InvalidData as exc:
        discard_changes()
        for problem in exc.problems:
            flash(problem.message, "error")
        return redirect(url_for("projects.show", project_id=project.id)), 303
    flash(
        "Antrag angelegt. Die Abschnitte folgen der Gliederung des Programms; beantworten Sie "
        "unten die Fragen je Abschnitt, daraus entstehen die Texte.",
        "success",
    )
    return redirect(url_for("applications.show", application_id=application.id)), 303


@bp.route("/<int:application_id>")
@member_required()
def show(application_id: int):
    application = owned_or_404(Application, application_id)
    # The select starts at the usual next step, never silently at "Idee".
    following = TRANSITIONS[application.status]
    usual = next((s for s in NEXT_STATUS.get(application.status, ()) if s in following), None)
    return _render_show(application, StatusForm(formdata=None, status=usual or following[0]))


def _render_show(application: Application, status_form: StatusForm, code: int = 200):
    status_form.status.choices = [(s, STATUSES[s]) for s in TRANSITIONS[application.status]]
    programme = find_programme(application.programme_slug)
    return render_template(
        "applications/show.html",
        application=application,
        programme=programme,
        deadline=open_deadline(application, today()),
        statuses=STATUSES,
        status_form=status_form,
        checklist_form=ChecklistForm(formdata=None),
        csrf_form=CsrfForm(),
        missing=missing_required(application),
        plan=budget_summary(application),
        grantor_missing=grantor_version_missing(application, today()),
        questions={q.index: q for q in section_questions(application)},
        details=page_state(application),
        target_columns=TARGET_COLUMNS,
    ), code


@bp.route("/<int:application_id>/checkliste/<int:item_id>", methods=["POST"])
@member_required(Role.editor)
def checklist(application_id: int, item_id: int):
    application = owned_or_404(Application, application_id, Role.editor)
    item = db.session.get(ChecklistItemRow, item_id)
    if item is None or item.application_id != application.id:
        abort(404)
    form = ChecklistForm()
    if form.validate_on_submit():
        set_checklist_done(item, bool(form.done.data))
    return redirect(url_for("applications.show", application_id=application.id) + "#checkliste")


@bp.route("/<int:application_id>/status", methods=["POST"])
@member_required(Role.editor)
def status(application_id: int):
    application = owned_or_404(Application, application_id, Role.editor)
    form = StatusForm()
    form.status.choices = [(s, STATUSES[s]) for s in TRANSITIONS[application.status]]
    if form.validate_on_submit():
        try:
            change_status(
                application,
                form.status.data,
                form.date.data,
                form.amount_eur.data,
                current_user,
                today(),
                despite_missing=bool(form.despite_missing.data),
            )
        except InvalidData as exc:
            discard_changes()
            apply_problems(form, exc, {"date": "date", "amount_eur": "amount_eur"})
        else:
            flash(f"Status geändert: {STATUSES[application.status]}.", "success")
            return redirect(url_for("applications.show", application_id=application.id)), 303
    return _render_show(application, form, 422)


@bp.route("/<int:application_id>/loeschen", methods=["GET", "POST"])
@member_required(Role.editor)
def delete(application_id: int):
    """Asks once, then moves the application into the Papierkorb (30 days to undo)."""
    application = owned_or_404(Application, application_id, Role.editor)
    page = confirmed_or_page(
        f"Antrag „{application.programme_title}“ für „{application.project.title}“",
        [
            f"{len(application.sections)} Abschnitte mit allen Fassungen, die Checkliste, der "
            "Kosten- und Finanzierungsplan und der Zeitplan gehen mit.",
        ],
        url_for("applications.show", application_id=application.id),
    )
    if page is not None:
        return page
    trash_application(application, current_user, today())
    flash(
        f"Antrag für „{application.programme_title}“ liegt im Papierkorb; Sie können ihn dort "
        "30 Tage lang wiederherstellen.",
        "success",
    )
    return redirect(url_for("applications.index")), 303
