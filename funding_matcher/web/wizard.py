"""The profile wizard: each step is saved at once; invalid input is kept, never lost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from funding_matcher.domain.cost_split import filled_in
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.profile import Profile
from funding_matcher.domain.wizard import STEP_FIELDS, step_for_field
from funding_matcher.models import Organisation, ProjectProfile, Role
from funding_matcher.operations.clients import CONSULTANCY, clients_of
from funding_matcher.operations.pdf_import import confirm_imported_fields
from funding_matcher.operations.projects import (
    create_draft_profile,
    duplicate_profile,
    save_pending_input,
    save_wizard_step,
)
from funding_matcher.operations.trash import trash_project
from funding_matcher.web.access import current_organisation, member_required, owned_or_404
from funding_matcher.web.clock import today
from funding_matcher.web.forms import CsrfForm
from funding_matcher.web.pdf_import_forms import ConceptUploadForm
from funding_matcher.web.projects import deletion_details
from funding_matcher.web.transaction import keep_changes
from funding_matcher.web.trash import confirmed_or_page
from funding_matcher.web.wizard_forms import REVIEW_STEP, SPLIT_FIELDS, STEPS

bp = Blueprint("wizard", __name__, url_prefix="/projekte")


def form_values(step: int, data: dict[str, Any]) -> dict[str, Any]:
    """Stored profile data -> the step form's field values."""
    values = {name: data.get(name) for name in STEP_FIELDS[step]}
    if step == 1:
        flag = data.get("designated_area")
        values["designated_area"] = "" if flag is None else ("ja" if flag else "nein")
    if step == 2:
        values["partners"] = "\n".join(data.get("partners", []))
    if step == 3 and data.get("start_date"):
        values["start_date"] = date.fromisoformat(data["start_date"])
    if step == 3:
        split = data.get("costs_by_type_eur") or {}
        values.update({name: split.get(code) for code, name in SPLIT_FIELDS.items()})
    return values


def profile_values(step: int, form: Any) -> dict[str, Any]:
    """A valid step form -> profile data (interchange format v1 types)."""
    values = {name: form[name].data for name in STEP_FIELDS[step] if name in form}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
        elif isinstance(value, Decimal):
            values[key] = float(value)
        elif isinstance(value, date):
            values[key] = value.isoformat()
    if step == 1:
        values["designated_area"] = {"ja": True, "nein": False}.get(values["designated_area"])
    if step == 2:
        partners = values["partners"] or ""  # a client may leave the field out
        values["partners"] = [p.strip() for p in partners.splitlines() if p.strip()]
    if step == 3:
        split = {code: float(amount) for code, amount in form.cost_split().items()}
        values["costs_by_type_eur"] = split
        values["budget_total_eur"], values["cost_types"] = filled_in(
            split, values["budget_total_eur"], values["cost_types"] or []
        )
    return values


def _raw_input() -> dict[str, list[str]]:
    return {k: v for k, v in request.form.to_dict(flat=False).items() if k != "csrf_token"}


# The applicant type a new project starts with, from the kind of organisation that applies.
APPLICANT_TYPE_OF_KIND = {"kommune": "kommune", "verband": "freier_traeger", "verein": "verein"}


def prefill(organisation: Organisation | None) -> dict[str, Any]:
    """Step 1 of a new project starts from the organisation: its applicant type, name, Land
    (a consultancy is no applicant: its own projects start empty)."""
    if organisation is None or organisation.kind == CONSULTANCY:
        return {}
    values: dict[str, Any] = {"organisation": organisation.name}
    if organisation.kind in APPLICANT_TYPE_OF_KIND:
        values["applicant_type"] = APPLICANT_TYPE_OF_KIND[organisation.kind]
    if organisation.state:
        values["state"] = organisation.state
    return values


def _autosave_url(row: ProjectProfile | None, step: int) -> str:
    if row is None:
        return url_for("wizard.autosave_new")
    return url_for("wizard.autosave", project_id=row.id, step=step)


def consultancy_clients(step: int) -> list[Organisation] | None:
    """On step 1 while a consultancy itself is active: its clients, for the note that the
    project would belong to the consultancy (no client sees it); else None."""
    organisation = current_organisation()
    if step != 1 or organisation is None or organisation.kind != CONSULTANCY:
        return None
    return clients_of(organisation)


def _render_step(row: ProjectProfile | None, step: int, form: Any, status: int = 200):
    title, _ = STEPS[step]
    return render_template(
        "wizard/step.html",
        project=row,
        step=step,
        step_title=title,
        steps=STEPS,
        review_step=REVIEW_STEP,
        form=form,
        # A new project may start from a concept PDF; its fields stay marked until saved.
        concept_form=ConceptUploadForm(formdata=None) if row is None else None,
        sources=(row.import_sources or {}) if row is not None else {},
        autosave_url=_autosave_url(row, step),
        clients_for_project=consultancy_clients(step),
    ), status


@bp.route("/neu", methods=["GET", "POST"])
@member_required(Role.editor)
def new():
    """Step 1 of a new project; the project is created on the first save."""
    form = STEPS[1][1]()
    if request.method == "POST":
        row = create_draft_profile(current_organisation(), current_user)
        if form.validate_on_submit():
            save_wizard_step(row, 1, profile_values(1, form))
            return redirect(url_for("wizard.step", project_id=row.id, step=2))
        save_pending_input(row, 1, _raw_input())
        # The draft exists now: show its step 1 with the kept input and the messages.
        return redirect(url_for("wizard.step", project_id=row.id, step=1), 303)
    return _render_step(None, 1, STEPS[1][1](formdata=None, data=prefill(current_organisation())))


def _autosave(row: ProjectProfile, step: int):
    """Keep what is typed: a valid step as profile data, anything else as pending input."""
    form = STEPS[step][1]()
    if form.validate_on_submit():
        save_wizard_step(row, step, profile_values(step, form))
        problems = 0
    else:
        if "csrf_token" in form.errors:
            return jsonify(error="Formular abgelaufen; bitte die Seite neu laden."), 400
        save_pending_input(row, step, _raw_input())
        problems = len([name for name in form.errors if name != "csrf_token"])
    return jsonify(
        saved=True,
        problems=problems,
        project_id=row.id,
        step_url=url_for("wizard.step", project_id=row.id, step=step),
        autosave_url=_autosave_url(row, step),
        discard_url=url_for("wizard.discard", project_id=row.id, schritt=step),
    )


@bp.route("/neu/autosave", methods=["POST"])
@member_required(Role.editor)
def autosave_new():
    """The first typing in a new project creates its draft (nothing typed, nothing created)."""
    if not any(v.strip() for values in _raw_input().values() for v in values if v != "next"):
        return jsonify(saved=False, problems=0)
    row = create_draft_profile(current_organisation(), current_user)
    return _autosave(row, 1)


@bp.route("/<int:project_id>/schritt/<int:step>/autosave", methods=["POST"])
@member_required(Role.editor)
def autosave(project_id: int, step: int):
    """The wizard's script saves each step here while the person types."""
    row = owned_or_404(ProjectProfile, project_id, Role.editor)
    if step not in STEPS:
        abort(404)
    return _autosave(row, step)


@bp.route("/<int:project_id>/schritt/<int:step>", methods=["GET", "POST"])
@member_required(Role.editor)
def step(project_id: int, step: int):
    row = owned_or_404(ProjectProfile, project_id, Role.editor)
    if step not in STEPS:
        abort(404)
    form_class = STEPS[step][1]
    if request.method == "POST":
        form = form_class()
        if form.validate_on_submit():
            save_wizard_step(row, step, profile_values(step, form))
            confirm_imported_fields(row, step)
            if request.form.get("go") == "back" and step > 1:
                return redirect(url_for("wizard.step", project_id=row.id, step=step - 1))
            if step + 1 in STEPS:
                return redirect(url_for("wizard.step", project_id=row.id, step=step + 1))
            return redirect(url_for("wizard.review", project_id=row.id))
        save_pending_input(row, step, _raw_input())
        keep_changes()  # the input is kept although the answer is 422
        return _render_step(row, step, form, 422)
    pending = (row.pending or {}).get(str(step))
    if pending:
        form = form_class(
            formdata=MultiDict([(k, v) for k, values in pending.items() for v in values])
        )
        form.validate()  # show the messages again next to the kept input
    else:
        form = form_class(formdata=None, data=form_values(step, row.data))
    return _render_step(row, step, form)


@bp.route("/<int:project_id>/pruefen", methods=["GET", "POST"])
@member_required(Role.editor)
def review(project_id: int):
    row = owned_or_404(ProjectProfile, project_id, Role.editor)
    problems: list[tuple[int, str]] = []
    try:
        Profile.from_dict(row.data)
    except InvalidData as exc:
        problems = [(step_for_field(p.field), str(p)) for p in exc.problems]
    for step_key in sorted(row.pending or {}):
        problems.append(
            (int(step_key), "Eingaben dieses Schritts sind noch nicht gültig gespeichert.")
        )
    form = CsrfForm()
    if request.method == "POST" and form.validate_on_submit():
        if not problems:
            row.wizard_step = REVIEW_STEP + 1
            flash("Das Projektprofil ist vollständig.", "success")
            return redirect(url_for("matches.show", project_id=row.id))
        flash("Bitte ergänzen Sie zuerst die markierten Angaben.", "error")
    status = 422 if request.method == "POST" and problems else 200
    return render_template(
        "wizard/review.html",
        project=row,
        data=row.data,
        problems=problems,
        steps=STEPS,
        review_step=REVIEW_STEP,
        step=REVIEW_STEP,
        form=form,
    ), status


@bp.route("/<int:project_id>/duplizieren", methods=["POST"])
@member_required(Role.editor)
def duplicate(project_id: int):
    row = owned_or_404(ProjectProfile, project_id, Role.editor)
    if not CsrfForm().validate_on_submit():
        abort(400)
    copy = duplicate_profile(row, current_user)
    flash(f"Projekt „{copy.title}“ angelegt.", "success")
    return redirect(url_for("projects.show", project_id=copy.id))


@bp.route("/<int:project_id>/verwerfen", methods=["GET", "POST"])
@member_required(Role.editor)
def discard(project_id: int):
    """ "Entwurf verwerfen" in the wizard: asks once, then the draft goes into the Papierkorb
    like every deletion (restorable for 30 days)."""
    row = owned_or_404(ProjectProfile, project_id, Role.editor)
    back = request.args.get("schritt", type=int)
    cancel = (
        url_for("wizard.step", project_id=row.id, step=back)
        if back in STEPS
        else url_for("wizard.review", project_id=row.id)
    )
    page = confirmed_or_page(
        f"Entwurf „{row.title}“", deletion_details(row), cancel, "Ja, Entwurf verwerfen"
    )
    if page is not None:
        return page
    trash_project(row, current_user, today())
    flash(f"Entwurf „{row.title}“ verworfen; er liegt 30 Tage lang im Papierkorb.", "success")
    return redirect(url_for("projects.index")), 303
