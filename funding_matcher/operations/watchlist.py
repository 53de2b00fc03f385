"""The organisation's watch list (Merkliste) and the catalogue changes of its programmes.
Flushes, never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import Organisation, ProgrammeChangeRow, User, WatchedProgramme
from funding_matcher.operations.catalogue import find_programme


def watched(organisation: Organisation) -> list[WatchedProgramme]:
    """The organisation's watch list, by slug."""
    return list(
        db.session.scalars(
            select(WatchedProgramme)
            .where(WatchedProgramme.organisation_id == organisation.id)
            .order_by(WatchedProgramme.programme_slug)
        )
    )


def is_watched(organisation: Organisation, slug: str) -> bool:
    """True when the programme is on the organisation's watch list."""
    return any(w.programme_slug == slug for w in watched(organisation))


def watch(organisation: Organisation, slug: str, user: User | None) -> None:
    """Put a programme on the watch list (once)."""
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
    """Take a programme off the watch list."""
    for row in watched(organisation):
        if row.programme_slug == slug:
            db.session.delete(row)
    db.session.flush()


def changes_for(slugs: list[str], since: datetime | None = None) -> list[ProgrammeChangeRow]:
    """Catalogue changes of these programmes, newest first (since a moment, if given)."""
    if not slugs:
        return []
    query = select(ProgrammeChangeRow).where(ProgrammeChangeRow.programme_slug.in_(slugs))
    if since is not None:
        query = query.where(ProgrammeChangeRow.changed_at > since)
    return list(db.session.scalars(query.order_by(ProgrammeChangeRow.changed_at.desc())))
