"""What a consultant sees of all clients at once: overdue items first, next dates, and each
client's applications. Reads only.

Amounts are each application's requested amount as stored (``Application.requested_eur``,
set by ``operations.budget.set_requested``); they are never added up across the applications
of one project, which may be alternatives (only one will be granted) or parts of one financing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.models import Application, Organisation
from funding_matcher.operations.applications import organisation_applications
from funding_matcher.operations.calendar import DatedItem, organisation_dates

NEXT_DATES = 3  # per client
UPCOMING_ACROSS = 10  # in the list across all clients


@dataclass(frozen=True)
class ApplicationRow:
    """One line of a client's table: the application and the date it works towards."""

    application: Application
    status_label: str
    deadline: DatedItem | None  # the submission deadline while the application is planned
    project_applications: int  # applications of the same project (amounts never added up)


@dataclass(frozen=True)
class ClientSummary:
    """One client on the overview."""

    organisation: Organisation
    overdue: list[DatedItem]  # milestones and deadlines past today, not done
    upcoming: list[DatedItem]  # today and later, earliest first (all of them)
    rows: list[ApplicationRow]  # by project, then deadline
    shared_projects: int  # projects with more than one application

    @property
    def next_dates(self) -> list[DatedItem]:
        """The first NEXT_DATES upcoming dates, the short list the overview shows per client."""
        return self.upcoming[:NEXT_DATES]

    @property
    def project_count(self) -> int:
        """How many projects the client's applications belong to."""
        return len({row.application.project_id for row in self.rows})


def client_summary(organisation: Organisation, today: date) -> ClientSummary:
    """Overdue items, next dates and the applications of one client."""
    dates = organisation_dates(organisation, today)
    by_key = {item.key: item for item in dates}
    applications = organisation_applications(organisation)
    per_project: dict[int, int] = {}
    for a in applications:
        per_project[a.project_id] = per_project.get(a.project_id, 0) + 1
    rows = [
        ApplicationRow(
            application=a,
            status_label=STATUSES.get(a.status, a.status),
            deadline=by_key.get(f"application-{a.id}"),  # only while before submission
            project_applications=per_project[a.project_id],
        )
        for a in applications
    ]
    rows.sort(
        key=lambda r: (
            r.application.project.title.casefold(),
            r.application.project_id,
            r.deadline.day if r.deadline else date.max,
            r.application.programme_title.casefold(),
        )
    )
    return ClientSummary(
        organisation=organisation,
        overdue=[d for d in dates if d.at_risk and d.day < today],
        upcoming=[d for d in dates if d.day >= today],
        rows=rows,
        shared_projects=sum(1 for n in per_project.values() if n > 1),
    )


@dataclass(frozen=True)
class AcrossClients:
    """The dates of all clients in one list: every overdue item, then the next ones."""

    overdue: list[tuple[DatedItem, Organisation]]
    upcoming: list[tuple[DatedItem, Organisation]]
    more_upcoming: int  # how many later dates the list leaves to the clients' calendars


def across_clients(summaries: list[ClientSummary]) -> AcrossClients:
    """Overdue items of every client (oldest first, none left out), then the next dates."""

    def order(pair: tuple[DatedItem, Organisation]) -> tuple:
        return (pair[0].day, pair[1].name.casefold(), pair[0].key)

    overdue = sorted(((d, s.organisation) for s in summaries for d in s.overdue), key=order)
    upcoming = sorted(((d, s.organisation) for s in summaries for d in s.upcoming), key=order)
    return AcrossClients(
        overdue=overdue,
        upcoming=upcoming[:UPCOMING_ACROSS],
        more_upcoming=max(len(upcoming) - UPCOMING_ACROSS, 0),
    )
