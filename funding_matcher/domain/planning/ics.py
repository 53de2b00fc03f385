"""An iCalendar (RFC 5545) subscription feed of all-day deadline events, as bytes.

The ``icalendar`` library writes CRLF line endings and folds content lines at 75 octets without
splitting UTF-8 sequences; the tests check both on the bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vDuration

PRODID = "-//Foerdermittel-Matcher//Fristen//DE"
DEFAULT_REFRESH = timedelta(hours=12)

_UID_PART = re.compile(r"[A-Za-z0-9._-]+")


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day entry of the feed; ``sequence`` must grow whenever ``day`` changes."""

    uid: str
    day: date
    title: str
    description: str = ""
    url: str | None = None
    sequence: int = 0
    last_modified: datetime | None = None


def event_uid(kind: str, object_id: int | str, host: str) -> str:
    """A UID that stays the same across feed rebuilds, e.g. ``milestone-42@example.org``."""
    for part in (kind, str(object_id), host):
        if not _UID_PART.fullmatch(part):
            raise ValueError(f"UID part {part!r} may hold only letters, digits, '.', '_', '-'")
    return f"{kind}-{object_id}@{host}"


def next_sequence(previous_day: date | None, previous_sequence: int | None, new_day: date) -> int:
    """SEQUENCE for an event: 0 when new, +1 when its date moved, unchanged otherwise."""
    if previous_day is None or previous_sequence is None:
        return 0
    return previous_sequence + 1 if new_day != previous_day else previous_sequence


def build_calendar(
    events: Iterable[CalendarEvent],
    *,
    name: str,
    dtstamp: datetime,
    refresh: timedelta = DEFAULT_REFRESH,
) -> bytes:
    """The feed as UTF-8 bytes: one VEVENT per event, calendar name and refresh hints set."""
    stamp = _utc(dtstamp, "dtstamp")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    # RFC 7986 wants VALUE=DURATION spelled out; Outlook reads the older X-PUBLISHED-TTL.
    cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(refresh))
    for item in events:
        cal.add_component(_vevent(item, stamp))
    return cal.to_ical()


def _vevent(item: CalendarEvent, stamp: datetime) -> Event:
    if item.sequence < 0:
        raise ValueError("sequence must not be negative")
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    # All-day: DATE values, and DTEND is exclusive, so the next day.
    event.add("dtstart", item.day)
    event.add("dtend", item.day + timedelta(days=1))
    event.add("summary", item.title)
    event.add("sequence", item.sequence)
    event.add("transp", "TRANSPARENT")
    description = item.description
    if item.url:
        link = f"Im Fördermittel-Matcher öffnen: {item.url}"
        description = f"{description}\n\n{link}" if description else link
        event.add("url", item.url)
    if description:
        event.add("description", description)
    if item.last_modified is not None:
        event.add("last-modified", _utc(item.last_modified, "last_modified"))
    return event


def _utc(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"{field} needs a time zone (a naive time is ambiguous in a feed)")
    return moment.astimezone(UTC)
