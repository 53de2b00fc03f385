"""The organisation's meetings as rows: typed in one by one, or imported from a council
information system (OParl) or an ICS export; every change recomputes the plans.
Flushes, never commits."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.planning import BODIES, parse_meetings
from funding_matcher.domain.planning.council_import import (
    COUNCIL_BODIES,
    BodyChoice,
    Committee,
    Fetch,
    ImportedMeeting,
    SourceCalendar,
    check_url,
    guess_body,
    read_ics,
    read_meetings,
    read_source,
)
from funding_matcher.extensions import db
from funding_matcher.models import BodyMeeting, CouncilSource, Organisation, PlanningSettings
from funding_matcher.models.base import utcnow
from funding_matcher.operations.planning import refresh_organisation_plans

ICS_ACCEPT = "text/calendar, */*;q=0.5"


def add_meeting(
    organisation: Organisation, body: str, day: date, title: str, today: date
) -> BodyMeeting:
    """A meeting typed in by hand; every plan of the organisation is recomputed."""
    if body not in BODIES:
        raise InvalidData([FieldProblem("body", f"unbekanntes Gremium „{body}“")])
    row = BodyMeeting(organisation_id=organisation.id, body=body, day=day, title=title.strip())
    db.session.add(row)
    db.session.flush()
    refresh_organisation_plans(organisation, today)
    return row


def delete_meeting(meeting: BodyMeeting, today: date) -> None:
    """Remove a meeting; every plan of its organisation is recomputed."""
    organisation = db.session.get(Organisation, meeting.organisation_id)
    db.session.delete(meeting)
    db.session.flush()
    if organisation is not None:
        refresh_organisation_plans(organisation, today)


def save_settings(organisation: Organisation, data: Mapping[str, Any], today: date) -> None:
    """Store the settings (checked; InvalidData names the field) and recompute every plan."""
    settings = parse_meetings({k: v for k, v in data.items() if k != "meetings"})
    row = db.session.get(PlanningSettings, organisation.id)
    if row is None:
        row = PlanningSettings(organisation_id=organisation.id)
        db.session.add(row)
    row.settings = settings.to_dict(with_meetings=False)
    db.session.flush()
    refresh_organisation_plans(organisation, today)


# -- import from a council information system ----------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What an import changed, for the message after it."""

    added: int = 0
    moved: int = 0
    removed: int = 0
    unchanged: int = 0
    older: int = 0  # meetings more than a year back, left out

    @property
    def total(self) -> int:
        """Meetings of the source in the calendar now."""
        return self.added + self.moved + self.unchanged


def council_sources(organisation: Organisation) -> list[CouncilSource]:
    """The organisation's imported calendars, newest first."""
    return list(
        db.session.scalars(
            select(CouncilSource)
            .where(CouncilSource.organisation_id == organisation.id)
            .order_by(CouncilSource.created_at.desc(), CouncilSource.id.desc())
        )
    )


def read_council_source(
    organisation: Organisation,
    kind: str,
    fetch: Fetch,
    url: str | None = None,
    upload: bytes | None = None,
    filename: str = "",
) -> CouncilSource | list[BodyChoice]:
    """Read a source's committees (and, for ICS, its meetings) and keep them for the choice of
    bodies; nothing enters the calendar yet. An OParl system with several Körperschaften gives
    the list to choose from instead."""
    if kind == "oparl":
        calendar = read_source(fetch, check_url(url or ""))
        if calendar.bodies:
            return calendar.bodies
    elif upload is not None:
        calendar = read_ics(upload, filename or "Kalenderdatei")
    else:
        answer = fetch(check_url(url or ""), ICS_ACCEPT)
        calendar = read_ics(answer.body, check_url(url or ""))
    source = None
    if url:
        source = db.session.scalar(
            select(CouncilSource).where(
                CouncilSource.organisation_id == organisation.id,
                CouncilSource.kind == kind,
                CouncilSource.url == url.strip(),
            )
        )
    if source is None:
        source = CouncilSource(
            organisation_id=organisation.id, kind=kind, url=url.strip() if url else None, mapping={}
        )
        db.session.add(source)
    _keep(source, calendar)
    db.session.flush()
    return source


def _keep(source: CouncilSource, calendar: SourceCalendar) -> None:
    source.label = calendar.label[:300]
    source.committees = [
        {"key": c.key, "name": c.name, "count": c.count, "meetings_url": c.meetings_url}
        for c in calendar.committees
    ]
    source.meetings_url = calendar.meetings_url
    source.meetings = (
        [
            {
                "id": m.external_id,
                "committee": m.committee,
                "day": m.day.isoformat(),
                "title": m.title,
            }
            for m in calendar.meetings
        ]
        if calendar.meetings is not None
        else None
    )
    known = {c.key for c in calendar.committees}
    source.mapping = {k: v for k, v in (source.mapping or {}).items() if k in known}


def proposed_mapping(source: CouncilSource) -> dict[str, str]:
    """The saved choice per committee, else a guess from its name ("" = not imported)."""
    saved = source.mapping or {}
    if saved:
        return {c["key"]: saved.get(c["key"], "") for c in source.committees}
    return {c["key"]: guess_body(c["name"]) or "" for c in source.committees}


def import_council_meetings(
    source: CouncilSource,
    mapping: Mapping[str, str],
    today: date,
    fetch: Fetch,
    read_again: bool = False,
) -> ImportResult:
    """Take the meetings of the chosen committees into the calendar in one go: new ones added,
    moved ones moved, vanished ones removed. Everything is read before anything is written."""
    committees = {c["key"]: c for c in source.committees}
    chosen = {k: v for k, v in mapping.items() if v}
    problems = [
        FieldProblem(f"mapping.{k}", f"unbekanntes Gremium „{v}“")
        for k, v in chosen.items()
        if v not in COUNCIL_BODIES or k not in committees
    ]
    if problems:
        raise InvalidData(problems)
    if not chosen:
        raise InvalidData(
            [FieldProblem("mapping", "Bitte mindestens einem Gremium eine Rolle zuordnen.")]
        )
    if source.kind == "oparl":
        wanted = [
            Committee(k, committees[k]["name"], None, committees[k].get("meetings_url"))
            for k in chosen
        ]
        meetings = read_meetings(fetch, wanted, source.meetings_url)
    else:
        if read_again and source.url:
            answer = fetch(check_url(source.url), ICS_ACCEPT)
            _keep(source, read_ics(answer.body, source.url))
            committees = {c["key"]: c for c in source.committees}
            chosen = {k: v for k, v in chosen.items() if k in committees}
        meetings = [
            ImportedMeeting(m["id"], m["committee"], date.fromisoformat(m["day"]), m["title"])
            for m in source.meetings or []
        ]
    source.mapping = dict(chosen)
    return _store(source, [m for m in meetings if m.committee in chosen], chosen, today)


def _store(
    source: CouncilSource,
    meetings: list[ImportedMeeting],
    chosen: Mapping[str, str],
    today: date,
) -> ImportResult:
    oldest = date(today.year - 1, 1, 1)
    rows = {
        row.external_id: row
        for row in db.session.scalars(select(BodyMeeting).where(BodyMeeting.source_id == source.id))
    }
    added = moved = unchanged = older = 0
    seen: set[str] = set()
    for meeting in meetings:
        if meeting.day < oldest:
            older += 1
            continue
        external = hashlib.sha256(f"{meeting.external_id}|{meeting.committee}".encode()).hexdigest()
        if external in seen:
            continue
        seen.add(external)
        body = chosen[meeting.committee]
        row = rows.get(external)
        if row is None:
            db.session.add(
                BodyMeeting(
                    organisation_id=source.organisation_id,
                    body=body,
                    day=meeting.day,
                    title=meeting.title[:200],
                    source_id=source.id,
                    external_id=external,
                )
            )
            added += 1
        elif (row.day, row.body, row.title) != (meeting.day, body, meeting.title[:200]):
            row.day, row.body, row.title = meeting.day, body, meeting.title[:200]
            moved += 1
        else:
            unchanged += 1
    removed = 0
    for external, row in rows.items():
        if external not in seen:
            db.session.delete(row)
            removed += 1
    source.imported_at = utcnow()
    db.session.flush()
    organisation = db.session.get(Organisation, source.organisation_id)
    if organisation is not None:
        refresh_organisation_plans(organisation, today)
    return ImportResult(added, moved, removed, unchanged, older)


def delete_council_source(source: CouncilSource, today: date) -> None:
    """Forget an imported calendar and its meetings; the plans are recomputed."""
    organisation = db.session.get(Organisation, source.organisation_id)
    db.session.delete(source)
    db.session.flush()
    if organisation is not None:
        refresh_organisation_plans(organisation, today)
