"""What a person enters into a plan: the own deadline and planned start, the award's period
and dates, changes to one milestone. Each entry recomputes the plan. Flushes, never commits."""

from __future__ import annotations

from datetime import date

from funding_matcher.domain.planning import check_award_period, check_plausible_day, next_sequence
from funding_matcher.extensions import db
from funding_matcher.models import Application, AwardDates, MilestoneRow, User
from funding_matcher.operations.planning import ComputedPlans, refresh_plans


def update_milestone(
    milestone: MilestoneRow, due: date | None, done: bool, owner: User | None, note: str | None
) -> None:
    """A person's change to a milestone; a changed date is kept from then on."""
    if due != milestone.due:
        if due is not None:
            milestone.sequence = next_sequence(milestone.due, milestone.sequence, due)
        milestone.due = due
        milestone.edited = due is not None
    milestone.done = done
    milestone.owner_id = owner.id if owner else None
    if note is not None:
        milestone.note = note.strip()
    db.session.flush()


def set_deadline(
    application: Application, deadline: date | None, project_start: date | None, today: date
) -> ComputedPlans:
    """The application's own deadline (None: the programme's) and planned project start;
    InvalidData names a day no plan can mean."""
    check_plausible_day(deadline, "deadline")
    check_plausible_day(project_start, "project_start")
    application.deadline = deadline
    application.project_start = project_start
    db.session.flush()
    return refresh_plans(application, today)


def set_award(
    application: Application,
    project_start: date,
    project_end: date,
    eu_funded: bool,
    vn_due: date | None,
    purpose_fulfilled: date | None,
    today: date,
) -> ComputedPlans:
    """The Bewilligungszeitraum and the dates of the Bescheid; InvalidData for bad dates."""
    check_award_period(project_start, project_end, purpose_fulfilled)
    application.project_start = project_start
    application.project_end = project_end
    application.eu_funded = eu_funded
    dates = db.session.get(AwardDates, application.id)
    if dates is None:
        dates = AwardDates(application_id=application.id)
        db.session.add(dates)
    dates.vn_due = vn_due
    dates.purpose_fulfilled = purpose_fulfilled
    db.session.flush()
    return refresh_plans(application, today)


def award_dates(application: Application) -> AwardDates | None:
    """The Bescheid's dates of an application, if entered."""
    return db.session.get(AwardDates, application.id)
