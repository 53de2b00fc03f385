"""Project profiles as rows: saved, drafted step by step, duplicated. Flushes, never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select

from funding_matcher.domain.german import format_datetime
from funding_matcher.domain.profile import Profile
from funding_matcher.domain.wizard import is_complete, merge_step
from funding_matcher.extensions import db
from funding_matcher.models import Application, Organisation, ProjectProfile, User
from funding_matcher.models.base import utcnow
from funding_matcher.operations.budget import profile_requested


def organisation_projects(
    organisation: Organisation, *, by_title: bool = False
) -> list[ProjectProfile]:
    """The organisation's projects outside the Papierkorb, the last changed first (or by title)."""
    order = ProjectProfile.title if by_title else ProjectProfile.updated_at.desc()
    return list(
        db.session.scalars(
            select(ProjectProfile)
            .where(
                ProjectProfile.organisation_id == organisation.id,
                ProjectProfile.trashed_in_id.is_(None),
            )
            .order_by(order)
        )
    )


def complete_projects(organisation: Organisation) -> list[ProjectProfile]:
    """The organisation's projects whose profile is complete (they can be matched), by title."""
    return [
        row for row in organisation_projects(organisation, by_title=True) if is_complete(row.data)
    ]


def draft_title(created: datetime, user: User | None = None) -> str:
    """The name of a project without a title yet: when it was begun and by whom, e.g.
    "Entwurf vom 07.12.2026, 11:13 Uhr (Anna Klein)" (abandoned drafts stay apart in the list;
    two begun in the same minute by two people too)."""
    by = f" ({user.name or user.email})" if user is not None else ""
    return f"Entwurf vom {format_datetime(created)}{by}"


def title_of(row: ProjectProfile) -> str:
    """The project's title, or its draft name while it has none."""
    if row.data.get("title"):
        return row.data["title"]
    if row.title and row.title.startswith("Entwurf vom "):
        return row.title  # the name it got when it was begun
    return draft_title(row.created_at)


def _new_profile_row(
    organisation: Organisation, data: dict, wizard_step: int, user: User | None
) -> ProjectProfile:
    created = utcnow()
    row = ProjectProfile(
        organisation_id=organisation.id,
        created_at=created,
        title=data.get("title") or draft_title(created, user),
        data=data,
        pending={},
        wizard_step=wizard_step,
        created_by_id=user.id if user else None,
    )
    db.session.add(row)
    db.session.flush()
    return row


def save_profile(
    organisation: Organisation, profile: Profile, user: User | None = None
) -> ProjectProfile:
    """Store a validated profile for the organisation (ready for review and results)."""
    return _new_profile_row(organisation, profile.to_dict(), 4, user)


def create_draft_profile(organisation: Organisation, user: User | None = None) -> ProjectProfile:
    """An empty project profile that the wizard fills step by step."""
    return _new_profile_row(organisation, {}, 1, user)


def save_wizard_step(row: ProjectProfile, step: int, values: dict) -> None:
    """Store one valid wizard step and forget its pending raw input."""
    row.data = merge_step(dict(row.data), step, values)
    row.title = title_of(row)
    row.pending = {k: v for k, v in (row.pending or {}).items() if k != str(step)}
    row.wizard_step = max(row.wizard_step, step + 1)
    for application in db.session.scalars(
        select(Application).where(
            Application.project_id == row.id,
            or_(Application.requested_source == "profil", Application.requested_source.is_(None)),
        )
    ):
        # Without a plan the requested amount is the profile's (vorläufig): it follows the edit.
        application.requested_eur = profile_requested(application)
    db.session.flush()


def save_pending_input(row: ProjectProfile, step: int, raw: dict) -> None:
    """Keep a step's input that did not validate, so that nothing typed is lost."""
    row.pending = {**(row.pending or {}), str(step): raw}
    db.session.flush()


def duplicate_profile(row: ProjectProfile, user: User | None = None) -> ProjectProfile:
    """A copy of a project profile in the same organisation."""
    data = dict(row.data)
    if data.get("title"):
        data["title"] = f"{data['title']} (Kopie)"[:300]
    copy = _new_profile_row(row.organisation, data, row.wizard_step, user)
    copy.pending = dict(row.pending or {})
    db.session.flush()
    return copy
