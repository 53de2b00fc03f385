"""The Papierkorb: what was deleted stays restorable for 30 days, then the purge removes it.

An application or a project keeps its rows (sections, versions, plan, milestones), marked with
the entry, hidden everywhere; restoring clears the mark. A member, a meeting or a consultancy's
access to its client is kept in the entry as data and put back on restore. Flushes, never
commits.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, select

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_date
from funding_matcher.extensions import db
from funding_matcher.models import (
    Application,
    BodyMeeting,
    CouncilSource,
    Membership,
    Organisation,
    ProjectProfile,
    Role,
    TrashEntry,
    User,
)
from funding_matcher.operations.accounts import (
    add_member,
    membership_of,
    organisation_members,
    remove_member,
)
from funding_matcher.operations.council_calendar import delete_meeting
from funding_matcher.operations.planning import refresh_organisation_plans

RETENTION_DAYS = 30
KINDS = {
    "application": "Antrag",
    "project": "Projekt",
    "member": "Mitglied",
    "meeting": "Sitzung",
    "mandate": "Zugang der Beratung",
}


def restorable_until(entry: TrashEntry) -> date:
    """The last day the entry can be restored."""
    return entry.purge_after - timedelta(days=1)


def _entry(
    organisation_id: int, kind: str, label: str, user: User | None, today: date, payload=None
) -> TrashEntry:
    entry = TrashEntry(
        organisation_id=organisation_id,
        kind=kind,
        label=label[:500],
        payload=payload or {},
        deleted_by_id=user.id if user else None,
        purge_after=today + timedelta(days=RETENTION_DAYS + 1),
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def trash_application(application: Application, user: User | None, today: date) -> TrashEntry:
    """Move an application (with everything it holds) into the Papierkorb."""
    label = f"{application.programme_title} – {application.project.title}"
    entry = _entry(application.organisation_id, "application", label, user, today)
    application.trashed_in_id = entry.id
    db.session.flush()
    return entry


def trash_project(project: ProjectProfile, user: User | None, today: date) -> TrashEntry:
    """Move a project and its applications into the Papierkorb, as one entry."""
    applications = list(
        db.session.scalars(
            select(Application).where(
                Application.project_id == project.id, Application.trashed_in_id.is_(None)
            )
        )
    )
    entry = _entry(
        project.organisation_id,
        "project",
        project.title,
        user,
        today,
        {"applications": [a.programme_title for a in applications]},
    )
    project.trashed_in_id = entry.id
    for application in applications:
        application.trashed_in_id = entry.id
    db.session.flush()
    return entry


def trash_member(membership: Membership, user: User | None, today: date) -> TrashEntry:
    """Take a member out at once (the last owner stays); the entry can put them back."""
    person = membership.user
    payload = {"user_id": person.id, "role": membership.role.value}
    organisation_id = membership.organisation_id
    remove_member(membership)
    label = f"{person.name or person.email} <{person.email}> ({membership.role.label})"
    return _entry(organisation_id, "member", label, user, today, payload)


def trash_meeting(meeting: BodyMeeting, user: User | None, today: date) -> TrashEntry:
    """Remove a meeting from the calendar of bodies (plans recomputed); restorable."""
    payload = {
        "body": meeting.body,
        "day": meeting.day.isoformat(),
        "title": meeting.title,
        "source_id": meeting.source_id,
        "external_id": meeting.external_id,
    }
    label = f"{meeting.title or meeting.body} am {format_date(meeting.day)}"
    organisation_id = meeting.organisation_id
    delete_meeting(meeting, today)
    return _entry(organisation_id, "meeting", label, user, today, payload)


def trash_mandate(client: Organisation, user: User, today: date) -> TrashEntry:
    """End a consultancy's access to its client, asked by an owner of the client: the client
    relation goes, and with it the memberships the consultancy's people hold in the client
    themselves (the person ending it keeps theirs). The client's data stays; the entry puts
    relation and memberships back."""
    consultancy = client.consultancy
    if consultancy is None:
        raise InvalidData([FieldProblem("consultancy", "Keine Beratung hat hier Zugang.")])
    own = membership_of(user, client.id)
    if own is None or own.role is not Role.owner:
        raise InvalidData(
            [FieldProblem("consultancy", "Beenden können nur Verwaltende des Mandanten selbst.")]
        )
    people = {m.user_id for m in organisation_members(consultancy)}
    removed = []
    for membership in organisation_members(client):
        if membership.user_id in people and membership.user_id != user.id:
            removed.append({"user_id": membership.user_id, "role": membership.role.value})
            db.session.delete(membership)
    client.consultancy_id = None
    payload = {"consultancy_id": consultancy.id, "members": removed}
    return _entry(client.id, "mandate", consultancy.name, user, today, payload)


def organisation_trash(organisation: Organisation) -> list[TrashEntry]:
    """The organisation's Papierkorb, newest first."""
    return list(
        db.session.scalars(
            select(TrashEntry)
            .where(TrashEntry.organisation_id == organisation.id)
            .order_by(TrashEntry.deleted_at.desc(), TrashEntry.id.desc())
        )
    )


def restore(entry: TrashEntry, today: date) -> str:
    """Put back what the entry holds; returns where it is now. InvalidData when it cannot."""
    if entry.kind == "application":
        application = db.session.scalar(
            select(Application).where(Application.trashed_in_id == entry.id)
        )
        if application is not None and application.project.trashed_in_id is not None:
            raise InvalidData(
                [
                    FieldProblem(
                        "entry",
                        f"Das Projekt „{application.project.title}“ liegt ebenfalls im "
                        "Papierkorb: stellen Sie zuerst das Projekt wieder her.",
                    )
                ]
            )
        where = f"/antraege/{application.id}" if application else "/antraege/"
    elif entry.kind == "project":
        project = db.session.scalar(
            select(ProjectProfile).where(ProjectProfile.trashed_in_id == entry.id)
        )
        where = f"/projekte/{project.id}" if project else "/projekte/"
    elif entry.kind == "member":
        _restore_member(entry)
        where = "/organisation/"
    elif entry.kind == "mandate":
        _restore_mandate(entry)
        where = "/organisation/"
    else:
        _restore_meeting(entry, today)
        where = "/organisation/gremien"
    for model in (Application, ProjectProfile):
        for row in db.session.scalars(select(model).where(model.trashed_in_id == entry.id)):
            row.trashed_in_id = None
    db.session.delete(entry)
    db.session.flush()
    return where


def _restore_member(entry: TrashEntry) -> None:
    person = db.session.get(User, entry.payload.get("user_id"))
    organisation = db.session.get(Organisation, entry.organisation_id)
    if person is None:
        raise InvalidData([FieldProblem("entry", "Das Konto dieser Person gibt es nicht mehr.")])
    if membership_of(person, organisation.id) is None:
        add_member(person, organisation, Role(entry.payload.get("role", "viewer")))


def _restore_mandate(entry: TrashEntry) -> None:
    client = db.session.get(Organisation, entry.organisation_id)
    consultancy = db.session.get(Organisation, entry.payload.get("consultancy_id"))
    if consultancy is None:
        raise InvalidData([FieldProblem("entry", "Diese Beratung gibt es nicht mehr.")])
    if client.consultancy_id not in (None, consultancy.id):
        raise InvalidData(
            [
                FieldProblem(
                    "entry", "Der Mandant wird inzwischen von einer anderen Beratung betreut."
                )
            ]
        )
    client.consultancy_id = consultancy.id
    for kept in entry.payload.get("members", []):
        person = db.session.get(User, kept.get("user_id"))
        if person is not None and membership_of(person, client.id) is None:
            add_member(person, client, Role(kept.get("role", "viewer")))


def _restore_meeting(entry: TrashEntry, today: date) -> None:
    data = entry.payload
    source_id = data.get("source_id")
    if source_id is not None and db.session.get(CouncilSource, source_id) is None:
        source_id = None  # its import was removed since: the meeting stays as typed in
    if source_id is not None and db.session.scalar(
        select(BodyMeeting.id).where(
            BodyMeeting.source_id == source_id, BodyMeeting.external_id == data.get("external_id")
        )
    ):
        return  # a later update of the import brought it back already
    meeting = BodyMeeting(
        organisation_id=entry.organisation_id,
        body=data["body"],
        day=date.fromisoformat(data["day"]),
        title=data.get("title") or "",
        source_id=source_id,
        external_id=data.get("external_id") if source_id else None,
    )
    db.session.add(meeting)
    db.session.flush()
    organisation = db.session.get(Organisation, entry.organisation_id)
    refresh_organisation_plans(organisation, today)


def purge(today: date) -> int:
    """Remove for good what lies in any Papierkorb longer than 30 days; returns how many."""
    expired = list(db.session.scalars(select(TrashEntry.id).where(TrashEntry.purge_after <= today)))
    if expired:
        # The database deletes the marked applications and projects with the entry (ON DELETE
        # CASCADE), and with them their sections, versions, plans and milestones.
        for model in (Application, ProjectProfile):
            db.session.execute(delete(model).where(model.trashed_in_id.in_(expired)))
        db.session.execute(delete(TrashEntry).where(TrashEntry.id.in_(expired)))
        db.session.expire_all()
    return len(expired)
