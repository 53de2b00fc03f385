"""Planning pages: an application's plan, the calendar of bodies, the calendar, the watch list."""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.pdf_import.german import MONTH_NAMES
from funding_matcher.domain.planning import BODIES, PlanningOffsets
from funding_matcher.extensions import db
from funding_matcher.models import Application, BodyMeeting, Milestone, Role
from funding_matcher.operations.accounts import organisation_members
from funding_matcher.operations.calendar import organisation_dates
from funding_matcher.operations.planning import (
    add_meeting,
    organisation_meetings,
    organisation_offsets,
    refresh_plans,
    save_offsets,
    unwatch,
    update_milestone,
    watch,
)
from funding_matcher.web.access import current_organisation, member_required, owned_or_404
from funding_matcher.web.auth import safe_next
from funding_matcher.web.day import today
from funding_matcher.web.forms import apply_problems
from funding_matcher.web.planning_forms import (
    AwardForm,
    DeadlineForm,
    MeetingForm,
    MilestoneForm,
    OffsetsForm,
)
from funding_matcher.web.projects_forms import ConfirmForm

bp = Blueprint("planning", __name__)


def _milestone_form(application: Application, milestone: Milestone) -> MilestoneForm:
    form = MilestoneForm(
        formdata=None,
        due=milestone.due,
        done=milestone.done,
        owner_id=milestone.owner_id or 0,
        note=milestone.note,
    )
    form.owner_id.choices = _owner_choices(application)
    return form


def _owner_choices(application: Application) -> list[tuple[int, str]]:
    members = organisation_members(application.organisation)
    return [(0, "niemand")] + [(m.user.id, m.user.name or m.user.email) for m in members]


def _plan_page(application: Application, code: int = 200, **forms):
    state = refresh_plans(application, today())
    db.session.commit()
    forms.setdefault("deadline_form", DeadlineForm(formdata=None, deadline=application.deadline))
    forms.setdefault(
        "award_form",
        AwardForm(
            formdata=None,
            project_start=application.project_start,
            project_end=application.project_end,
            eu_funded=application.eu_funded,
        ),
    )
    return render_template(
        "planning/plan.html",
        application=application,
        state=state,
        today=today(),
        milestone_forms={m.id: _milestone_form(application, m) for m in application.milestones},
        **forms,
    ), code


@bp.route("/antraege/<int:application_id>/plan")
@member_required()
def plan(application_id: int):
    return _plan_page(owned_or_404(Application, application_id))


@bp.route("/antraege/<int:application_id>/plan/frist", methods=["POST"])
@member_required(Role.editor)
def set_deadline(application_id: int):
    application = owned_or_404(Application, application_id, Role.editor)
    form = DeadlineForm()
    if not form.validate_on_submit():
        return _plan_page(application, 422, deadline_form=form)
    application.deadline = form.deadline.data
    db.session.commit()
    flash("Frist gespeichert; der Plan wurde neu berechnet.", "success")
    return redirect(url_for("planning.plan", application_id=application.id)), 303


@bp.route("/antraege/<int:application_id>/plan/bewilligung", methods=["POST"])
@member_required(Role.editor)
def set_award(application_id: int):
    application = owned_or_404(Application, application_id, Role.editor)
    form = AwardForm()
    if form.validate_on_submit() and form.project_end.data < form.project_start.data:
        form.project_end.errors.append("Das Ende liegt vor dem Beginn.")
    elif form.validate_on_submit():
        application.project_start = form.project_start.data
        application.project_end = form.project_end.data
        application.eu_funded = form.eu_funded.data
        db.session.commit()
        flash("Bewilligungszeitraum gespeichert.", "success")
        return redirect(url_for("planning.plan", application_id=application.id)), 303
    return _plan_page(application, 422, award_form=form)


@bp.route("/antraege/<int:application_id>/plan/meilensteine/<int:milestone_id>", methods=["POST"])
@member_required(Role.editor)
def edit_milestone(application_id: int, milestone_id: int):
    application = owned_or_404(Application, application_id, Role.editor)
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None or milestone.application_id != application.id:
        abort(404)
    form = MilestoneForm()
    form.owner_id.choices = _owner_choices(application)
    if not form.validate_on_submit():
        flash(f"„{milestone.title}“: {'; '.join(sum(form.errors.values(), []))}", "error")
        return redirect(url_for("planning.plan", application_id=application.id)), 303
    owner = next(
        (
            m.user
            for m in organisation_members(application.organisation)
            if m.user.id == form.owner_id.data
        ),
        None,
    )
    update_milestone(milestone, form.due.data, bool(form.done.data), owner, form.note.data)
    db.session.commit()
    flash(f"„{milestone.title}“ gespeichert.", "success")
    return redirect(
        url_for("planning.plan", application_id=application.id) + f"#m{milestone.id}"
    ), 303


# -- calendar of bodies --------------------------------------------------------------------------


def _bodies_page(meeting_form: MeetingForm, offsets_form: OffsetsForm, code: int = 200):
    organisation = current_organisation()
    return render_template(
        "planning/bodies.html",
        meetings=organisation_meetings(organisation),
        bodies=BODIES,
        meeting_form=meeting_form,
        offsets_form=offsets_form,
        confirm_form=ConfirmForm(),
        defaults=PlanningOffsets().to_dict(),
    ), code


def _offsets_form() -> OffsetsForm:
    offsets = organisation_offsets(current_organisation()).to_dict()
    return OffsetsForm(formdata=None, data=offsets)


@bp.route("/organisation/gremien")
@member_required()
def bodies():
    return _bodies_page(MeetingForm(formdata=None), _offsets_form())


@bp.route("/organisation/gremien/sitzungen", methods=["POST"])
@member_required(Role.editor)
def add_body_meeting():
    form = MeetingForm()
    if not form.validate_on_submit():
        return _bodies_page(form, _offsets_form(), 422)
    add_meeting(current_organisation(), form.body.data, form.day.data, form.title.data or "")
    db.session.commit()
    flash(f"Sitzung am {form.day.data:%d.%m.%Y} eingetragen.", "success")
    return redirect(url_for("planning.bodies")), 303


@bp.route("/organisation/gremien/sitzungen/<int:meeting_id>/loeschen", methods=["POST"])
@member_required(Role.editor)
def delete_body_meeting(meeting_id: int):
    meeting = owned_or_404(BodyMeeting, meeting_id, Role.editor)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    db.session.delete(meeting)
    db.session.commit()
    flash("Sitzung gelöscht.", "success")
    return redirect(url_for("planning.bodies")), 303


@bp.route("/organisation/gremien/fristen", methods=["POST"])
@member_required(Role.owner)
def save_lead_times():
    form = OffsetsForm()
    if not form.validate_on_submit():
        return _bodies_page(MeetingForm(formdata=None), form, 422)
    current = organisation_offsets(current_organisation()).to_dict()
    changes = {
        name: field.data if field.data is not None else PlanningOffsets().to_dict()[name]
        for name, field in form._fields.items()
        if name in current
    }
    try:
        save_offsets(current_organisation(), {**current, **changes})
    except InvalidData as exc:
        db.session.rollback()
        apply_problems(form, exc, {f"offsets.{k}": k for k in current})
        return _bodies_page(MeetingForm(formdata=None), form, 422)
    db.session.commit()
    flash("Vorlaufzeiten gespeichert; alle Pläne rechnen damit.", "success")
    return redirect(url_for("planning.bodies")), 303


# -- calendar page and watch list ----------------------------------------------------------------


@bp.route("/kalender/")
@member_required()
def calendar():
    items = organisation_dates(current_organisation(), today())
    db.session.commit()
    months = [
        (f"{MONTH_NAMES[month - 1]} {year}", list(group))
        for (year, month), group in groupby(items, key=lambda i: (i.day.year, i.day.month))
    ]
    return render_template("planning/calendar.html", months=months, today=today())


@bp.route("/programme/<slug>/merken", methods=["POST"])
@member_required(Role.editor)
def watch_programme(slug: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        watch(current_organisation(), slug, current_user)
    except InvalidData:
        abort(404)
    db.session.commit()
    flash(
        "Auf die Merkliste gesetzt: Änderungen an Frist und Status sehen Sie in der Übersicht.",
        "success",
    )
    return redirect(_back(slug)), 303


@bp.route("/programme/<slug>/vergessen", methods=["POST"])
@member_required(Role.editor)
def unwatch_programme(slug: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    unwatch(current_organisation(), slug)
    db.session.commit()
    flash("Von der Merkliste genommen.", "success")
    return redirect(_back(slug)), 303


def _back(slug: str) -> str:
    """Back to the page the button was on (only inside this site), else the programme."""
    target = request.form.get("next")
    return safe_next(target) if target else url_for("catalogue.show", slug=slug)
