"""Project profiles of the current organisation: list, show, import, export, delete."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_login import current_user

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.profile import Profile
from funding_matcher.domain.wizard import is_complete
from funding_matcher.models import ProjectProfile, Role
from funding_matcher.operations.applications import organisation_applications
from funding_matcher.operations.projects import organisation_projects, save_profile
from funding_matcher.operations.trash import trash_project
from funding_matcher.web.access import current_organisation, member_required, owned_or_404
from funding_matcher.web.clock import today
from funding_matcher.web.forms import CsrfForm
from funding_matcher.web.projects_forms import ProfileImportForm
from funding_matcher.web.trash import confirmed_or_page

bp = Blueprint("projects", __name__, url_prefix="/projekte")


@bp.route("/")
@member_required()
def index():
    organisation = current_organisation()
    rows = organisation_projects(organisation)
    return render_template("projects/index.html", projects=rows, import_form=ProfileImportForm())


@bp.route("/<int:project_id>")
@member_required()
def show(project_id: int):
    row = owned_or_404(ProjectProfile, project_id)
    return render_template(
        "projects/show.html",
        project=row,
        complete=is_complete(row.data),
        csrf_form=CsrfForm(),
    )


@bp.route("/<int:project_id>/profil.json")
@member_required()
def export(project_id: int):
    row = owned_or_404(ProjectProfile, project_id)
    try:
        body = Profile.from_dict(row.data).to_json()
    except InvalidData:
        flash("Das Profil ist noch unvollständig und kann erst danach exportiert werden.", "error")
        return redirect(url_for("projects.show", project_id=row.id)), 303
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="projekt-{row.id}.json"'},
    )


@bp.route("/importieren", methods=["POST"])
@member_required(Role.editor)
def import_profile():
    form = ProfileImportForm()
    if not form.validate_on_submit():
        for error in form.file.errors:
            flash(f"Import nicht möglich: {error}", "error")
        return redirect(url_for("projects.index")), 303
    try:
        profile = Profile.from_json(form.file.data.read())
    except InvalidData as exc:
        for problem in exc.problems:
            flash(f"Import nicht möglich – {problem}", "error")
        return redirect(url_for("projects.index")), 303
    row = save_profile(current_organisation(), profile, current_user)
    flash(f"Projekt „{row.title}“ importiert.", "success")
    return redirect(url_for("projects.show", project_id=row.id))


def deletion_details(row: ProjectProfile) -> list[str]:
    """What goes into the Papierkorb with a project: its applications, by programme."""
    applications = organisation_applications(row.organisation)
    titles = [a.programme_title for a in applications if a.project_id == row.id]
    if not titles:
        return ["Zu diesem Projekt gibt es keinen Antrag."]
    count = "1 Antrag" if len(titles) == 1 else f"{len(titles)} Anträge"
    return [
        f"Mit ihm {'geht' if len(titles) == 1 else 'gehen'} {count} in den Papierkorb: "
        + "; ".join(titles)
        + "."
    ]


@bp.route("/<int:project_id>/loeschen", methods=["GET", "POST"])
@member_required(Role.editor)
def delete(project_id: int):
    """Asks once, then moves the project and its applications into the Papierkorb."""
    row = owned_or_404(ProjectProfile, project_id, Role.editor)
    page = confirmed_or_page(
        f"Projekt „{row.title}“", deletion_details(row), url_for("projects.show", project_id=row.id)
    )
    if page is not None:
        return page
    trash_project(row, current_user, today())
    flash(
        f"Projekt „{row.title}“ liegt im Papierkorb; Sie können es dort 30 Tage lang "
        "wiederherstellen.",
        "success",
    )
    return redirect(url_for("projects.index")), 303
