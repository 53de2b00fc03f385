"""Planning pages: an application's plan, the calendar, the watch list. The calendar of bodies
and its import live in ``bodies`` on the same blueprint.

GET pages only read: plans are stored when an input changes (the forms below, the status, the
catalogue, meetings, settings), so a page view never writes a row.
"""

from __future__ import annotations

from itertools import groupby

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.german import format_month
from funding_matcher.domain.planning.model import KIND_LABELS
from funding_matcher.extensions import db
from funding_matcher.models import Application, MilestoneRow, Role
from funding_matcher.operations.accounts import organisation_members
from funding_matcher.operations.calendar import dates_with_clients
from funding_matcher.operations.clients import CONSULTANCY
from funding_matcher.operations.plan_entries import (
    award_dates,
    set_award,
    set_deadline,
    update_milestone,
)
from funding_matcher.operations.planning import ComputedPlans, compute_plans, refresh_plans
from funding_matcher.operations.watchlist import unwatch, watch
from funding_matcher.web.access import current_organisation, member_required, owned_or_404
from funding_matcher.web.auth import safe_next
from funding_matcher.web.clock import today
from funding_matcher.web.feed import feed_url
from funding_matcher.web.forms import CsrfForm, apply_problems
from funding_matcher.web.planning.blueprint import bp
from funding_matcher.web.planning.forms import AwardForm, DeadlineForm, MilestoneForm
from funding_matcher.web.transaction import discard_changes


def _owner_choices(application: Application) -> list[tuple[int, str]]:
    members = organisation_members(application.organisation)
    return [(0, "niemand")] + [(m.user.id, m.user.name or m.user.email) for m in members]


def _milestone_form(application: Application, milestone: MilestoneRow) -> MilestoneForm:
    form = MilestoneForm(
        formdata=None,
        due=milestone.due,
        done=milestone.done,
        owner_id=milestone.owner_id or 0,
        note=milestone.note,
    )
    form.owner_id.choices = _owner_choices(application)
    return form


def _ordered(application: Application) -> list[MilestoneRow]:
    """Before submission first, then after the award; each by date, undated last."""
    phase = {"submission": 0, "award": 1}
    return sorted(
        application.milestones,
        key=lambda m: (phase.get(m.phase, 2), m.due is None, m.due or 0, m.position),
    )


def _stale(application: Application, plans: ComputedPlans) -> bool:
    """True when the stored milestones no longer match what the plan computes now (e.g. the
    budget changed): the page offers to recompute instead of doing it on a GET."""
    for phase, plan in (("submission", plans.submission), ("award", plans.award)):
        if plan is None:
            continue
        stored = {m.key: m for m in application.milestones if m.phase == phase}
        computed = {m.row_key: m for m in plan.milestones}
        if set(computed) - set(stored):
            return True
        for key, item in computed.items():
            row = stored[key]
            if (row.kind, row.legal_due) != (item.kind, item.legal_due):
                return True
            if not row.edited and row.due != item.due:
                return True
    return False


def _plan_page(application: Application, code: int = 200, **forms):
    day = today()
    plans = compute_plans(application, day)
    dates = award_dates(application)
    forms.setdefault(
        "deadline_form",
        DeadlineForm(
            formdata=None, deadline=application.deadline, project_start=application.project_start
        ),
    )
    forms.setdefault(
        "award_form",
        AwardForm(
            formdata=None,
            project_start=application.project_start,
            project_end=application.project_end,
            eu_funded=application.eu_funded,
            vn_due=dates.vn_due if dates else None,
            purpose_fulfilled=dates.purpose_fulfilled if dates else None,
        ),
    )
    return render_template(
        "planning/plan.html",
        application=application,
        plans=plans,
        rows=_ordered(application),
        stale=_stale(application, plans),
        kinds=KIND_LABELS,
        today=day,
        milestone_forms={m.id: _milestone_form(application, m) for m in application.milestones},
        csrf_form=CsrfForm(),
        **forms,
    ), code


@bp.route("/antraege/<int:application_id>/plan")
@member_required()
def plan(application_id: int):
    return _plan_page(owned_or_404(Application, application_id))


@bp.route("/antraege/<int:application_id>/plan/frist", methods=["POST"], endpoint="set_deadline")
@member_required(Role.editor)
def set_deadline_view(application_id: int):
    application = owned_or_404(Application, application_id, Role.editor)
    form = DeadlineForm()
    if not form.validate_on_submit():
        return _plan_page(application, 422, deadline_form=form)
    try:
        set_deadline(application, form.deadline.data, form.project_start.data, today())
    except InvalidData as exc:
        discard_changes()
        apply_problems(form, exc)
        return _plan_page(application, 422, deadline_form=form)
    flash("Frist gespeichert; der Plan wurde neu berechnet.", "success")
    return redirect(url_for("planning.plan", application_id=application.id)), 303


@bp.route("/antraege/<int:application_id>/plan/bewilligung", methods=["POST"], endpoint="set_award")
@member_required(Role.editor)
def set_award_view(application_id: int):
    application = owned_or_404(Application, application_id, Role.editor)
    form = AwardForm()
    if form.validate_on_submit():
        try:
            set_award(
                application,
                form.project_start.data,
                form.project_end.data,
                bool(form.eu_funded.data),
                form.vn_due.data,
                form.purpose_fulfilled.data,
                today(),
            )
        except InvalidData as exc:
            discard_changes()
            apply_problems(form, exc)
        else:
            flash("Bewilligungszeitraum gespeichert.", "success")
            return redirect(url_for("planning.plan", application_id=application.id)), 303
    return _plan_page(application, 422, award_form=form)


@bp.route("/antraege/<int:application_id>/plan/neu-berechnen", methods=["POST"])
@member_required(Role.editor)
def recompute(application_id: int):
    application = owned_or_404(Application, application_id, Role.editor)
    refresh_plans(application, today())
    flash("Der Plan wurde neu berechnet.", "success")
    return redirect(url_for("planning.plan", application_id=application.id)), 303


@bp.route("/antraege/<int:application_id>/plan/meilensteine/<int:milestone_id>", methods=["POST"])
@member_required(Role.editor)
def edit_milestone(application_id: int, milestone_id: int):
    application = owned_or_404(Application, application_id, Role.editor)
    milestone = db.session.get(MilestoneRow, milestone_id)
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
    flash(f"„{milestone.title}“ gespeichert.", "success")
    return redirect(
        url_for("planning.plan", application_id=application.id) + f"#m{milestone.id}"
    ), 303


# -- calendar page and watch list ----------------------------------------------------------------


@bp.route("/kalender/")
@member_required()
def calendar():
    organisation = current_organisation()
    items = dates_with_clients(organisation, today())
    months = [
        (format_month(year, month), list(group))
        for (year, month), group in groupby(items, key=lambda i: (i.day.year, i.day.month))
    ]
    return render_template(
        "planning/calendar.html",
        months=months,
        today=today(),
        feed_url=feed_url(current_user),
        with_clients=organisation.kind == CONSULTANCY,
    )


@bp.route("/programme/<slug>/merken", methods=["POST"])
@member_required(Role.editor)
def watch_programme(slug: str):
    if not CsrfForm().validate_on_submit():
        abort(400)
    try:
        watch(current_organisation(), slug, current_user)
    except InvalidData:
        abort(404)
    flash(
        "Auf die Merkliste gesetzt: Änderungen an Frist und Status sehen Sie in der Übersicht.",
        "success",
    )
    return redirect(_back(slug)), 303


@bp.route("/programme/<slug>/vergessen", methods=["POST"])
@member_required(Role.editor)
def unwatch_programme(slug: str):
    if not CsrfForm().validate_on_submit():
        abort(400)
    unwatch(current_organisation(), slug)
    flash("Von der Merkliste genommen.", "success")
    return redirect(_back(slug)), 303


def _back(slug: str) -> str:
    """Back to the page the button was on (only inside this site), else the programme."""
    target = request.form.get("next")
    return safe_next(target) if target else url_for("catalogue.show", slug=slug)
