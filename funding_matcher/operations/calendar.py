"""Every date an organisation must know: milestones, submission deadlines, watched programmes.

One list feeds the dashboard, the calendar page, the ICS feed and the reminder e-mails, so they
always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.extensions import db
from funding_matcher.models import Application, Organisation, ProgrammeChange
from funding_matcher.operations.applications import organisation_applications
from funding_matcher.operations.catalogue import find_programme
from funding_matcher.operations.planning import PLANNED_STATUSES, refresh_plans, watched


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


def _change_count(slug: str) -> int:
    return db.session.scalar(
        select(func.count(ProgrammeChange.id)).where(ProgrammeChange.programme_slug == slug)
    )


def organisation_dates(organisation: Organisation, today: date) -> list[DatedItem]:
    """All open dates of the organisation, earliest first (past ones included)."""
    items: list[DatedItem] = []
    for application in organisation_applications(organisation):
        state = refresh_plans(application, today)
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
                    sequence=_change_count(application.programme_slug),
                    at_risk=state.deadline < today,
                )
            )
    for row in watched(organisation):
        programme = find_programme(row.programme_slug)
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
                sequence=_change_count(programme.slug),
            )
        )
    return sorted(items, key=lambda item: (item.day, item.key))


def applications_by_status(organisation: Organisation) -> dict[str, list[Application]]:
    """The organisation's applications grouped by status."""
    groups: dict[str, list[Application]] = {}
    for application in organisation_applications(organisation):
        groups.setdefault(application.status, []).append(application)
    return groups
