"""The stored catalogue: sync from records, read back as records. Flushes, never commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from funding_matcher import clock
from funding_matcher.domain.catalogue.changes import describe_change
from funding_matcher.domain.catalogue.records import SLUG_RE, Programme
from funding_matcher.extensions import db
from funding_matcher.models import ProgrammeChangeRow, ProgrammeRow


def find_programme(slug: str) -> Programme | None:
    """One stored programme (any status), or None; text that is no slug is never queried."""
    if not SLUG_RE.match(slug):
        return None
    row = db.session.scalar(select(ProgrammeRow).where(ProgrammeRow.slug == slug))
    return Programme.model_validate(row.record) if row else None


def find_programmes(slugs: Iterable[str]) -> dict[str, Programme]:
    """Several stored programmes by slug, in one query; unknown slugs are left out."""
    wanted = {slug for slug in slugs if SLUG_RE.match(slug)}
    if not wanted:
        return {}
    rows = db.session.scalars(select(ProgrammeRow).where(ProgrammeRow.slug.in_(wanted)))
    return {row.slug: Programme.model_validate(row.record) for row in rows}


@dataclass
class CatalogueSync:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def sync_catalogue(programmes: Iterable[Programme], today: date | None = None) -> CatalogueSync:
    """Make the programmes table equal to the given records: add, update, remove.

    A changed deadline or status (and a removal) is recorded as a ProgrammeChangeRow, so that the
    organisations watching the programme see it on their dashboard and in their reminders.
    """
    today = today or clock.today()
    result = CatalogueSync()
    rows = {row.slug: row for row in db.session.scalars(select(ProgrammeRow))}
    seen = set()
    for programme in programmes:
        seen.add(programme.slug)
        record = programme.to_dict()
        row = rows.get(programme.slug)
        if row is None:
            db.session.add(_programme_row(ProgrammeRow(slug=programme.slug), programme, record))
            result.added.append(programme.slug)
        elif row.record != record:
            summary = describe_change(row.record, programme, today)
            if summary:
                db.session.add(ProgrammeChangeRow(programme_slug=programme.slug, summary=summary))
            _programme_row(row, programme, record)
            result.updated.append(programme.slug)
        else:
            result.unchanged += 1
    for slug, row in rows.items():
        if slug not in seen:
            db.session.add(
                ProgrammeChangeRow(programme_slug=slug, summary="aus dem Katalog entfernt")
            )
            db.session.delete(row)
            result.removed.append(slug)
    db.session.flush()
    return result


def _programme_row(row: ProgrammeRow, programme: Programme, record: dict) -> ProgrammeRow:
    row.title = programme.title
    row.level = programme.level
    row.status = programme.status
    row.checked_on = programme.checked_on
    row.record = record
    return row


def catalogue_programmes() -> list[Programme]:
    """Every programme stored in the database, as domain records."""
    rows = db.session.scalars(select(ProgrammeRow).order_by(ProgrammeRow.slug))
    return [Programme.model_validate(row.record) for row in rows]


def count_matchable_programmes() -> int:
    """How many stored programmes count in matching (reviewed, not drafts)."""
    return db.session.scalar(
        select(func.count(ProgrammeRow.id)).where(ProgrammeRow.status != "draft")
    )


def catalogue_version() -> tuple[int, str | None]:
    """A cheap fingerprint of the stored catalogue, to know when the matcher must refit."""
    count, latest = db.session.execute(
        select(func.count(ProgrammeRow.id), func.max(ProgrammeRow.updated_at))
    ).one()
    return count, latest.isoformat() if latest else None
