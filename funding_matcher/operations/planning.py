"""Plans, the calendar of bodies, the watch list and all dates of an organisation, as rows.

Plans are recomputed from their inputs (deadline, meetings, offsets, Land, applicant type)
whenever they are read, so they never go stale; a date a person set by hand is kept. A milestone
whose date moves gets a higher SEQUENCE for calendar clients. Flushes, never commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.planning import (
    BODIES,
    Meeting,
    MeetingCalendar,
    PlanningOffsets,
    PlanWarning,
    next_sequence,
    plan_award,
    plan_submission,
)
from funding_matcher.domain.planning import Milestone as PlannedMilestone
from funding_matcher.extensions import db
from funding_matcher.models import (
    Application,
    BodyMeeting,
    Milestone,
    Organisation,
    PlanningSettings,
    ProgrammeChange,
    User,
    WatchedProgramme,
)
from funding_matcher.operations.catalogue import find_programme, find_programmes

PLANNED_STATUSES = ("idee", "in_vorbereitung")

# -- settings and the calendar of bodies -------------------------------------------------------


def organisation_offsets(organisation: Organisation) -> PlanningOffsets:
    """The organisation's lead times: the defaults of planning.md with its own changes."""
    row = db.session.get(PlanningSettings, organisation.id)
    return PlanningOffsets.from_mapping(row.offsets if row else {})


def save_offsets(organisation: Organisation, changes: dict[str, int]) -> PlanningOffsets:
    """Store the offsets that differ from the defaults; InvalidData names a bad one."""
    offsets = PlanningOffsets.from_mapping(changes)
    defaults = PlanningOffsets().to_dict()
    stored = {k: v for k, v in offsets.to_dict().items() if defaults[k] != v}
    row = db.session.get(PlanningSettings, organisation.id)
    if row is None:
        row = PlanningSettings(organisation_id=organisation.id)
        db.session.add(row)
    row.offsets = stored
    db.session.flush()
    return offsets


def organisation_meetings(organisation: Organisation) -> list[BodyMeeting]:
    return list(
        db.session.scalars(
            select(BodyMeeting)
            .where(BodyMeeting.organisation_id == organisation.id)
            .order_by(BodyMeeting.day, BodyMeeting.body)
        )
    )


def add_meeting(organisation: Organisation, body: str, day: date, title: str = "") -> BodyMeeting:
    if body not in BODIES:
        raise InvalidData([FieldProblem("body", f"unbekanntes Gremium „{body}“")])
    row = BodyMeeting(organisation_id=organisation.id, body=body, day=day, title=title.strip())
    db.session.add(row)
    db.session.flush()
    return row


def meeting_calendar(organisation: Organisation) -> MeetingCalendar | None:
    """The organisation's meetings for the backward plan; None when none are entered."""
    rows = organisation_meetings(organisation)
    if not rows:
        return None
    return MeetingCalendar(
        meetings=tuple(Meeting(r.body, r.day, r.title) for r in rows),
        ladungsfrist_days=None,
        internal_lead_days=None,
        council_buffer_days=None,
    )


# -- plans of an application -------------------------------------------------------------------


@dataclass
class PlanState:
    """What the plan page shows: the deadline used, its source, the warnings."""

    deadline: date | None
    deadline_source: str
    warnings: tuple[PlanWarning, ...] = ()


@dataclass
class PlanInputs:
    """What the plans of one organisation share, read once for a page of many applications:
    its lead times, its calendar of bodies and the programmes concerned."""

    offsets: PlanningOffsets
    meetings: MeetingCalendar | None
    programmes: dict[str, Programme | None]

    def programme(self, slug: str) -> Programme | None:
        if slug not in self.programmes:
            self.programmes[slug] = find_programme(slug)
        return self.programmes[slug]


def plan_inputs(organisation: Organisation, slugs: Iterable[str] = ()) -> PlanInputs:
    slugs = set(slugs)
    found = find_programmes(slugs)
    return PlanInputs(
        offsets=organisation_offsets(organisation),
        meetings=meeting_calendar(organisation),
        programmes={slug: found.get(slug) for slug in slugs},
    )


def submission_deadline(
    application: Application, today: date, inputs: PlanInputs | None = None
) -> tuple[date | None, str]:
    """The deadline a plan works back from, and where it comes from."""
    if application.deadline is not None:
        return application.deadline, "von Ihnen festgelegt"
    slug = application.programme_slug
    programme = inputs.programme(slug) if inputs else find_programme(slug)
    nxt = next_deadline(programme.deadline, today) if programme else None
    return nxt, "nächste Frist laut Katalog" if nxt else "keine Frist bekannt"


def refresh_plans(
    application: Application, today: date, inputs: PlanInputs | None = None
) -> PlanState:
    """Recompute the submission plan (before submission) and the award dates (after approval).
    ``inputs`` of the organisation, when several applications are refreshed in a row."""
    if inputs is None:
        inputs = plan_inputs(application.organisation, [application.programme_slug])
    deadline, source = submission_deadline(application, today, inputs)
    state = PlanState(deadline, source)
    profile = application.project.data
    offsets = inputs.offsets
    if application.status in PLANNED_STATUSES and deadline is not None:
        plan = plan_submission(
            deadline,
            profile.get("applicant_type", "verein"),
            profile.get("state", "NW"),
            inputs.meetings,
            today,
            offsets,
        )
        state.warnings = plan.warnings
        _sync(application, "submission", plan.milestones)
    if application.status == "bewilligt" and application.project_start and application.project_end:
        plan = plan_award(
            application.project_start,
            application.project_end,
            profile.get("applicant_type", "verein"),
            application.eu_funded,
            today=today,
            offsets=offsets,
        )
        _sync(application, "award", plan.milestones)
    db.session.flush()
    return state


def _sync(application: Application, phase: str, planned: tuple[PlannedMilestone, ...]) -> None:
    existing = {m.key: m for m in application.milestones if m.phase == phase}
    seen = set()
    for position, item in enumerate(planned):
        key = item.key
        if key == "zwischennachweis" and item.due:
            key = f"zwischennachweis-{item.due.year - 1}"  # one per 31 December
        seen.add(key)
        row = existing.get(key)
        if row is None:
            row = Milestone(application_id=application.id, key=key, phase=phase, sequence=0)
            db.session.add(row)
            application.milestones.append(row)
        elif not row.edited and row.due != item.due and item.due is not None:
            row.sequence = next_sequence(row.due, row.sequence, item.due)
        row.title = item.title
        row.note = item.note
        row.position = position
        if not row.edited:
            row.due = item.due
    for key, row in existing.items():
        if key not in seen and not row.edited and not row.done:
            db.session.delete(row)
            application.milestones.remove(row)


def update_milestone(
    milestone: Milestone, due: date | None, done: bool, owner: User | None, note: str | None
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


# -- watch list --------------------------------------------------------------------------------


def watched(organisation: Organisation) -> list[WatchedProgramme]:
    return list(
        db.session.scalars(
            select(WatchedProgramme)
            .where(WatchedProgramme.organisation_id == organisation.id)
            .order_by(WatchedProgramme.programme_slug)
        )
    )


def is_watched(organisation: Organisation, slug: str) -> bool:
    return any(w.programme_slug == slug for w in watched(organisation))


def watch(organisation: Organisation, slug: str, user: User | None) -> None:
    if find_programme(slug) is None:
        raise InvalidData([FieldProblem("programme", f"unbekanntes Programm „{slug}“")])
    if not is_watched(organisation, slug):
        db.session.add(
            WatchedProgramme(
                organisation_id=organisation.id,
                programme_slug=slug,
                added_by_id=user.id if user else None,
            )
        )
        db.session.flush()


def unwatch(organisation: Organisation, slug: str) -> None:
    for row in watched(organisation):
        if row.programme_slug == slug:
            db.session.delete(row)
    db.session.flush()


def changes_for(slugs: list[str], since=None) -> list[ProgrammeChange]:
    """Catalogue changes of these programmes, newest first (since a moment, if given)."""
    if not slugs:
        return []
    query = select(ProgrammeChange).where(ProgrammeChange.programme_slug.in_(slugs))
    if since is not None:
        query = query.where(ProgrammeChange.changed_at > since)
    return list(db.session.scalars(query.order_by(ProgrammeChange.changed_at.desc())))
