"""Plans of applications as rows, and the organisation's planning settings and meetings.
Flushes, never commits.

Plans are computed by the one domain function (``plan_submission``, ``plan_award``) and
stored as milestone rows when their inputs change: the deadline, the award, the status, the
catalogue, a meeting, the settings, the budget. Reading a page never writes; a date a person set
by hand is kept, and a milestone whose date moves gets a higher SEQUENCE for calendar clients.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from funding_matcher.domain.applications.status import BEFORE_SUBMISSION
from funding_matcher.domain.budget import report_to_json
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.planning import (
    AwardPlan,
    AwardRequest,
    Deadline,
    Meeting,
    MeetingCalendar,
    Milestone,
    PlanWarning,
    ProgrammeTerms,
    SubmissionPlan,
    SubmissionRequest,
    next_sequence,
    parse_meetings,
    plan_award,
    plan_submission,
    programme_terms,
)
from funding_matcher.domain.planning import application_deadline as deadline_rule
from funding_matcher.extensions import db
from funding_matcher.models import (
    Application,
    AwardDates,
    BodyMeeting,
    MilestoneRow,
    Organisation,
    PlanningSettings,
)
from funding_matcher.operations.budget import stored_report
from funding_matcher.operations.catalogue import find_programme, find_programmes

PLANNED_STATUSES = BEFORE_SUBMISSION  # plans are computed before submission only

# -- settings and the calendar of bodies -------------------------------------------------------


def organisation_settings(organisation: Organisation) -> MeetingCalendar:
    """The organisation's settings (defaults of planning.md § 8 where it set nothing)."""
    row = db.session.get(PlanningSettings, organisation.id)
    try:
        return parse_meetings(row.settings if row else {})
    except InvalidData:
        # Only a stored value the reader no longer accepts: plan with the defaults rather
        # than break every page of the organisation.
        return MeetingCalendar()


def organisation_meetings(organisation: Organisation) -> list[BodyMeeting]:
    """The organisation's meetings, by day."""
    return list(
        db.session.scalars(
            select(BodyMeeting)
            .where(BodyMeeting.organisation_id == organisation.id)
            .order_by(BodyMeeting.day, BodyMeeting.body)
        )
    )


def meeting_calendar(organisation: Organisation) -> MeetingCalendar:
    """The settings with the organisation's meetings, as a plan reads them."""
    meetings = tuple(Meeting(r.body, r.day, r.title) for r in organisation_meetings(organisation))
    return organisation_settings(organisation).with_meetings(meetings)


# -- what the budget tells the plan ------------------------------------------------------------


@dataclass(frozen=True)
class BudgetFigures:
    """The figures of a saved Kosten- und Finanzierungsplan a plan reads (budget.md, "What
    drafts and planning read"); empty when there is no plan or it has errors."""

    own_by_year: dict[int, Decimal] = field(default_factory=dict)
    investment_by_year: dict[int, Decimal] = field(default_factory=dict)
    grant_eur: Decimal | None = None
    total_eur: Decimal | None = None
    has_errors: bool = False


def budget_figures(report: Mapping[str, Any] | None) -> BudgetFigures:
    """The one adapter from the budget's JSON output (``report_to_json``) to the plan: per-year
    own funds and investments, grant and total; nothing from a plan with errors. A report
    without per-year figures (budget rules v1) gives the Haushalt step without figures."""
    if not report:
        return BudgetFigures()
    verdict = report.get("verdict")
    if verdict == "errors" or (verdict is None and report.get("ok") is False):
        return BudgetFigures(has_errors=True)

    def euros(value: Any) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return None
        try:
            return Decimal(str(value))
        except ArithmeticError:
            return None

    def by_year(name: str) -> dict[int, Decimal]:
        found: dict[int, Decimal] = {}
        raw = report.get(name)
        for year, value in raw.items() if isinstance(raw, Mapping) else ():
            amount = euros(value)
            if str(year).isdigit() and amount is not None and amount > 0:
                found[int(year)] = amount
        return found

    return BudgetFigures(
        own_by_year=by_year("own_by_year"),
        investment_by_year=by_year("investment_by_year"),
        grant_eur=euros(report.get("grant_eur")),
        total_eur=euros(report.get("total_eur")),
    )


def stored_budget_json(application: Application) -> dict[str, Any] | None:
    """The JSON form of the application's saved and checked budget, or None."""
    report = stored_report(application)
    return None if report is None else report_to_json(report)


# -- the deadline and the plans of an application ----------------------------------------------


@dataclass
class PlanInputs:
    """What the plans of one organisation share, read once for many applications."""

    settings: MeetingCalendar
    programmes: dict[str, Programme | None]

    def programme(self, slug: str) -> Programme | None:
        """The catalogue record of ``slug`` (read once)."""
        if slug not in self.programmes:
            self.programmes[slug] = find_programme(slug)
        return self.programmes[slug]


def plan_inputs(organisation: Organisation, slugs: Iterable[str] = ()) -> PlanInputs:
    """The organisation's settings and meetings and the programmes of ``slugs``."""
    slugs = set(slugs)
    found = find_programmes(slugs)
    return PlanInputs(meeting_calendar(organisation), {s: found.get(s) for s in slugs})


def _terms(
    application: Application, today: date, inputs: PlanInputs | None
) -> ProgrammeTerms | None:
    slug = application.programme_slug
    programme = inputs.programme(slug) if inputs else find_programme(slug)
    return programme_terms(programme, today) if programme else None


def _project_start(application: Application) -> date | None:
    if application.project_start is not None:
        return application.project_start
    raw = application.project.data.get("start_date") if application.project else None
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def application_deadline(
    application: Application, today: date, inputs: PlanInputs | None = None
) -> Deadline | None:
    """The application's submission deadline and its source: the one owner of this fact for
    pages, the list, the API, exports and the calendar feed."""
    return deadline_rule(
        application.deadline, _terms(application, today, inputs), _project_start(application)
    )


def open_deadline(
    application: Application, today: date, inputs: PlanInputs | None = None
) -> Deadline | None:
    """The deadline the team still works towards: the application's deadline while it is not
    yet submitted (idee, in Vorbereitung), None once it is submitted, decided or withdrawn."""
    if application.status not in PLANNED_STATUSES:
        return None
    return application_deadline(application, today, inputs)


def open_milestones(application: Application) -> list[MilestoneRow]:
    """The steps still to do: dated, not done; the steps towards submission only while the
    application is not yet submitted (they stay on the plan page as its history)."""
    planned = application.status in PLANNED_STATUSES
    return [
        m
        for m in application.milestones
        if m.due is not None and not m.done and (planned or m.phase != "submission")
    ]


@dataclass
class ComputedPlans:
    """The plans of an application as the domain computes them now (nothing stored)."""

    deadline: Deadline | None
    submission: SubmissionPlan | None = None
    award: AwardPlan | None = None
    problem: str | None = None  # why there is no submission plan, in German

    @property
    def warnings(self) -> tuple[PlanWarning, ...]:
        """The warnings of both plans."""
        found = self.submission.warnings if self.submission else ()
        return found + (self.award.warnings if self.award else ())


def compute_plans(
    application: Application, today: date, inputs: PlanInputs | None = None
) -> ComputedPlans:
    """The submission plan (before submission) and the award plan (after approval)."""
    if inputs is None:
        inputs = plan_inputs(application.organisation, [application.programme_slug])
    terms = _terms(application, today, inputs)
    result = ComputedPlans(application_deadline(application, today, inputs))
    profile = application.project.data if application.project else {}
    applicant_type = profile.get("applicant_type") or "verein"
    state = profile.get("state") or "NW"
    if application.status in PLANNED_STATUSES:
        figures = budget_figures(stored_budget_json(application))
        warnings: tuple[PlanWarning, ...] = ()
        if figures.has_errors:
            warnings = (
                PlanWarning(
                    "budget_has_errors",
                    "Der Kosten- und Finanzierungsplan hat noch Fehler: Eigenanteile und "
                    "Beträge daraus fließen erst nach der Korrektur in den Zeitplan ein.",
                ),
            )
        try:
            result.submission = plan_submission(
                SubmissionRequest(
                    applicant_type=applicant_type,
                    state=state,
                    today=today,
                    deadline=application.deadline,
                    project_start=_project_start(application),
                    settings=inputs.settings,
                    own_funds=figures.own_by_year,
                    investments=figures.investment_by_year,
                    grant_eur=figures.grant_eur,
                    total_eur=figures.total_eur,
                    programme=terms,
                    warnings=warnings,
                )
            )
        except InvalidData as exc:
            result.problem = _problem_text(exc)
    if application.status == "bewilligt" and application.project_start and application.project_end:
        dates = db.session.get(AwardDates, application.id)
        try:
            result.award = plan_award(
                AwardRequest(
                    project_start=application.project_start,
                    project_end=application.project_end,
                    applicant_type=applicant_type,
                    state=state,
                    today=today,
                    programme=terms,
                    purpose_fulfilled=dates.purpose_fulfilled if dates else None,
                    vn_due=dates.vn_due if dates else None,
                    grant_eur=application.approved_eur,
                    eu_funded=application.eu_funded,
                )
            )
        except InvalidData as exc:
            result.problem = _problem_text(exc)
    return result


def _problem_text(exc: InvalidData) -> str:
    fields = {p.field for p in exc.problems}
    if "project_start" in fields:
        return (
            "Das Programm nimmt Anträge laufend an: Der Plan rechnet vom geplanten "
            "Projektbeginn zurück. Tragen Sie den Projektbeginn ein."
        )
    if "deadline" in fields:
        return "Es ist keine Einreichungsfrist bekannt. Tragen Sie die Frist ein."
    return "Der Plan lässt sich nicht berechnen: " + "; ".join(p.message for p in exc.problems)


def refresh_plans(
    application: Application, today: date, inputs: PlanInputs | None = None
) -> ComputedPlans:
    """Recompute the plans and store them as milestones (called when an input changed)."""
    plans = compute_plans(application, today, inputs)
    for phase, plan in (("submission", plans.submission), ("award", plans.award)):
        if plan is None:
            continue
        try:
            with db.session.begin_nested():
                _sync(application, phase, plan.milestones)
        except IntegrityError:
            # Another request stored the same steps a moment ago: read them and update.
            db.session.expire(application, ["milestones"])
            with db.session.begin_nested():
                _sync(application, phase, plan.milestones)
    return plans


def refresh_organisation_plans(organisation: Organisation, today: date) -> int:
    """Recompute the plans of every application of the organisation; returns how many."""
    rows = list(
        db.session.scalars(
            select(Application).where(
                Application.organisation_id == organisation.id,
                Application.trashed_in_id.is_(None),
            )
        )
    )
    inputs = plan_inputs(organisation, {a.programme_slug for a in rows})
    for application in rows:
        refresh_plans(application, today, inputs)
    return len(rows)


def refresh_all_plans(today: date) -> int:
    """Recompute every plan (after a catalogue sync, and daily: next deadlines roll on)."""
    return sum(
        refresh_organisation_plans(organisation, today)
        for organisation in db.session.scalars(select(Organisation).order_by(Organisation.id))
    )


def _sync(application: Application, phase: str, planned: tuple[Milestone, ...]) -> None:
    existing = {m.key: m for m in application.milestones if m.phase == phase}
    seen = set()
    for position, item in enumerate(planned):
        key = item.row_key
        seen.add(key)
        row = existing.get(key)
        if row is None:
            row = MilestoneRow(application_id=application.id, key=key, phase=phase, sequence=0)
            db.session.add(row)
            application.milestones.append(row)
        elif not row.edited and row.due != item.due and item.due is not None:
            row.sequence = next_sequence(row.due, row.sequence, item.due)
        row.title = item.title
        row.note = item.note
        row.kind = item.kind
        row.legal_due = item.legal_due
        row.year = item.year
        row.position = position
        if not row.edited:
            row.due = item.due
    for key, row in existing.items():
        if key not in seen and not row.edited and not row.done:
            db.session.delete(row)
            application.milestones.remove(row)
    db.session.flush()
