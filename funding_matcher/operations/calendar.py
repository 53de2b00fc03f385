"""Every date an organisation must know: milestones, submission deadlines, watched programmes.

One list feeds the dashboard, the calendar page, the ICS feed and the reminder e-mails, so they
always agree.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.domain.limits import date_in_window
from funding_matcher.extensions import db
from funding_matcher.models import Application, Organisation, ProgrammeChange
from funding_matcher.operations.applications import organisation_applications
from funding_matcher.operations.planning import (
    PLANNED_STATUSES,
    plan_inputs,
    refresh_plans,
    watched,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatedItem:
    """One date in the organisation's calendar."""

    key: str  # stable across runs: milestone-12, application-7, programme-<slug>
    kind: str  # milestone | application | programme
    day: date
    title: str
    context: str
    path: str  # where the date lives in the app
    sequence: int = 0
    at_risk: bool = False


def _change_counts(slugs: set[str]) -> dict[str, int]:
    """How often each programme changed in the catalogue (a calendar entry's SEQUENCE)."""
    if not slugs:
        return {}
    rows = db.session.execute(
        select(ProgrammeChange.programme_slug, func.count(ProgrammeChange.id))
        .where(ProgrammeChange.programme_slug.in_(slugs))
        .group_by(ProgrammeChange.programme_slug)
    )
    return {slug: count for slug, count in rows}


def organisation_dates(organisation: Organisation, today: date) -> list[DatedItem]:
    """All open dates of the organisation, earliest first (past ones included)."""
    items: list[DatedItem] = []
    applications = [
        a for a in organisation_applications(organisation, with_milestones=True) if _readable(a)
    ]
    watch_rows = watched(organisation)
    slugs = {a.programme_slug for a in applications} | {w.programme_slug for w in watch_rows}
    inputs = plan_inputs(organisation, slugs)
    changes = _change_counts(slugs)
    for application in applications:
        state = refresh_plans(application, today, inputs)
        context = f"{application.programme_title} – {application.project.title}"
        path = f"/antraege/{application.id}/plan"
        for milestone in application.milestones:
            if milestone.due is None or milestone.done:
                continue
            items.append(
                DatedItem(
                    key=f"milestone-{milestone.id}",
                    kind="milestone",
                    day=milestone.due,
                    title=milestone.title,
                    context=context,
                    path=path,
                    sequence=milestone.sequence,
                    at_risk=milestone.due < today,
                )
            )
        if application.status in PLANNED_STATUSES and state.deadline is not None:
            items.append(
                DatedItem(
                    key=f"application-{application.id}",
                    kind="application",
                    day=state.deadline,
                    title=f"Frist: {application.programme_title}",
                    context=application.project.title,
                    path=f"/antraege/{application.id}",
                    sequence=changes.get(application.programme_slug, 0),
                    at_risk=state.deadline < today,
                )
            )
    for row in watch_rows:
        programme = inputs.programme(row.programme_slug)
        nxt = next_deadline(programme.deadline, today) if programme else None
        if nxt is None:
            continue
        items.append(
            DatedItem(
                key=f"programme-{programme.slug}",
                kind="programme",
                day=nxt,
                title=f"Frist (Merkliste): {programme.short_title}",
                context=programme.title,
                path=f"/programme/{programme.slug}",
                sequence=changes.get(programme.slug, 0),
            )
        )
    return sorted(items, key=lambda item: (item.day, item.key))


def _readable(application: Application) -> bool:
    """Whether the row can be planned: its project exists and every date lies in the window
    of domain.limits. A row stored before those were enforced is skipped and logged, so one
    bad row never takes the dashboard, calendar, feed or reminders down for everyone."""
    days = [application.deadline, application.project_start, application.project_end]
    days += [m.due for m in application.milestones]
    if application.project is not None and all(d is None or date_in_window(d) for d in days):
        return True
    log.warning("Antrag %s übersprungen: Projekt fehlt oder Datum ungültig", application.id)
    return False


def applications_by_status(organisation: Organisation) -> dict[str, list[Application]]:
    """The organisation's applications grouped by status."""
    groups: dict[str, list[Application]] = {}
    for application in organisation_applications(organisation):
        groups.setdefault(application.status, []).append(application)
    return groups
