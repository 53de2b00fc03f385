"""Every date an organisation must know: milestones, submission deadlines, watched programmes.

One list feeds the dashboard, the calendar page, the ICS feed and the reminder e-mails, so they
always agree. It only reads: plans are stored when their inputs change, never while someone
looks. Every date falls on a working day of the applicant's Land; where a funder's date lies on
a weekend or holiday, the entry moves to the working day before and says so.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.german import format_weekday_date
from funding_matcher.domain.limits import date_in_window
from funding_matcher.domain.planning import previous_working_day
from funding_matcher.domain.planning.workdays import legal_due_text
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import Application, Organisation, ProgrammeChangeRow, ProjectProfile
from funding_matcher.operations.applications import organisation_applications
from funding_matcher.operations.clients import clients_of
from funding_matcher.operations.planning import open_deadline, open_milestones, plan_inputs
from funding_matcher.operations.watchlist import watched

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DatedItem:
    """One date in the organisation's calendar."""

    key: str  # stable across runs: milestone-12, application-7, programme-<slug>
    kind: str  # milestone | application | programme
    day: date
    title: str
    context: str  # programme (short) and project
    path: str  # where the date lives in the app
    sequence: int = 0
    at_risk: bool = False
    programme: str = ""  # the programme's short title, for calendar entries
    note: str = ""  # e.g. the legal date when it differs


def dates_with_clients(organisation: Organisation, today: date) -> list[DatedItem]:
    """The organisation's dates and, for a consultancy, every client's, each named with the
    client and linked to open in it; earliest first."""
    items = organisation_dates(organisation, today)
    for client in clients_of(organisation):
        items += [
            replace(
                item, context=f"{client.name}: {item.context}", path=f"{item.path}?org={client.id}"
            )
            for item in organisation_dates(client, today)
        ]
    return sorted(items, key=lambda item: (item.day, item.key))


def calendar_day(day: date, state: str | None) -> date:
    """``day`` or the working day before it in the Land (weekends only when it is unknown)."""
    if state is not None:
        return previous_working_day(day, state)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _change_counts(slugs: set[str]) -> dict[str, int]:
    """How often each programme changed in the catalogue (a calendar entry's SEQUENCE)."""
    if not slugs:
        return {}
    rows = db.session.execute(
        select(ProgrammeChangeRow.programme_slug, func.count(ProgrammeChangeRow.id))
        .where(ProgrammeChangeRow.programme_slug.in_(slugs))
        .group_by(ProgrammeChangeRow.programme_slug)
    )
    return {slug: count for slug, count in rows}


def _moved(original: date, shown: date, what: str) -> str:
    return "" if original == shown else f"{what}: {format_weekday_date(original)} (kein Arbeitstag)"


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
    states = Counter(a.project.data.get("state") for a in applications if a.project)
    home = next((s for s, _ in states.most_common() if s), None)
    for application in applications:
        state = application.project.data.get("state") or home
        record = inputs.programme(application.programme_slug)
        short = record.short_title if record else application.programme_title
        context = f"{short} · {application.project.title}"
        path = f"/antraege/{application.id}/plan"
        for milestone in open_milestones(application):
            day = calendar_day(milestone.due, state)
            note = _moved(milestone.due, day, "eingetragen")
            if milestone.legal_due and milestone.legal_due != milestone.due:
                note = legal_due_text(milestone.key, milestone.legal_due)
            items.append(
                DatedItem(
                    key=f"milestone-{milestone.id}",
                    kind="milestone",
                    day=day,
                    title=milestone.title,
                    context=context,
                    path=path,
                    sequence=milestone.sequence,
                    at_risk=day < today,
                    programme=short,
                    note=note,
                )
            )
        deadline = open_deadline(application, today, inputs)
        if deadline is not None:
            day = calendar_day(deadline.day, state)
            items.append(
                DatedItem(
                    key=f"application-{application.id}",
                    kind="application",
                    day=day,
                    title=f"Frist: {short}",
                    context=f"{application.project.title} ({deadline.label})",
                    path=f"/antraege/{application.id}",
                    sequence=changes.get(application.programme_slug, 0),
                    at_risk=deadline.day < today,
                    programme=short,
                    note=_moved(deadline.day, day, "Frist laut Programm"),
                )
            )
    for row in watch_rows:
        programme = inputs.programme(row.programme_slug)
        nxt = next_deadline(programme.deadline, today) if programme else None
        if programme is None or nxt is None:
            continue
        states_of = programme.states if isinstance(programme.states, list) else []
        day = calendar_day(nxt, states_of[0] if len(states_of) == 1 else home)
        items.append(
            DatedItem(
                key=f"programme-{programme.slug}",
                kind="programme",
                day=day,
                title=f"Frist (Merkliste): {programme.short_title}",
                context=programme.title,
                path=f"/programme/{programme.slug}",
                sequence=changes.get(programme.slug, 0),
                programme=programme.short_title,
                note=_moved(nxt, day, "Frist laut Programm"),
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


@dataclass(frozen=True)
class StatusRow:
    """One status of the dashboard's table: how many applications, what they ask and got.

    Where one project has several applications in the status, they may be alternatives (only
    one will be granted) or parts of one financing (all together): ``requested_least`` counts
    each project once with its largest amount, ``requested`` adds its applications up to the
    project's need (parts never ask for more). Without such a project the two are equal.
    ``approved`` adds the amounts granted (None: none yet)."""

    status: str
    count: int
    requested: Decimal
    requested_least: Decimal
    approved: Decimal | None

    @property
    def alternatives(self) -> bool:
        """Whether the sum is a range (a project has several applications here)."""
        return self.requested_least != self.requested


def _need(project: ProjectProfile | None) -> Decimal | None:
    """The project's need (Profile.requested_eur: costs less own funds); None when not known."""
    try:
        need = Profile.from_dict(project.data).requested_eur if project is not None else None
    except InvalidData:
        return None
    return None if need is None else Decimal(str(need))


def status_rows(organisation: Organisation) -> list[StatusRow]:
    """The dashboard's rows, one per status that has applications, in the order of STATUSES."""
    groups = applications_by_status(organisation)
    order = {code: i for i, code in enumerate(STATUSES)}
    rows = []
    for status, applications in sorted(groups.items(), key=lambda g: order.get(g[0], len(order))):
        largest: dict[int, Decimal] = {}
        together: dict[int, Decimal] = {}
        needs: dict[int, Decimal | None] = {}
        for a in applications:
            amount = a.requested_eur or Decimal(0)
            largest[a.project_id] = max(largest.get(a.project_id, Decimal(0)), amount)
            together[a.project_id] = together.get(a.project_id, Decimal(0)) + amount
            if a.project_id not in needs:
                needs[a.project_id] = _need(a.project)
        least = sum(largest.values(), Decimal(0))
        # Parts of one financing never ask for more than the project needs.
        most = sum(
            (
                max(largest[p], min(amount, needs[p])) if needs[p] is not None else amount
                for p, amount in together.items()
            ),
            Decimal(0),
        )
        approved = [a.approved_eur for a in applications if a.approved_eur is not None]
        rows.append(
            StatusRow(
                status,
                len(applications),
                most,
                least,
                sum(approved, Decimal(0)) if approved else None,
            )
        )
    return rows
