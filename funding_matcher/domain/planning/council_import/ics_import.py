"""Reading a council calendar from an ICS export (ALLRIS, SessionNet and other
Ratsinformationssysteme): one VEVENT per meeting, the committee taken from its title."""

from __future__ import annotations

import re
from datetime import date, datetime

from icalendar import Calendar

from .model import (
    MAX_MEETINGS,
    Committee,
    ImportedMeeting,
    SourceCalendar,
    committee_key,
    source_problem,
    too_many,
)

_ORDINAL = re.compile(r"^\s*\d+\.\s*")
_SESSION = re.compile(
    r"^((öffentliche|nichtöffentliche|nicht öffentliche|konstituierende|außerordentliche)\s+)?"
    r"sitzung\s+(des|der|von)\s+",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\s*\([^)]*\)\s*$")


def committee_name(summary: str) -> str:
    """The committee a meeting title names: "12. Sitzung des Sozialausschusses (öffentlich)"
    -> "Sozialausschusses"; a plain "Rat der Stadt" stays as it is."""
    name = _ORDINAL.sub("", summary.strip())
    name = _SESSION.sub("", name)
    name = _BRACKETS.sub("", name).strip()
    return name or summary.strip()


def read_ics(data: bytes, label: str) -> SourceCalendar:
    """Committees and meetings of an ICS file; cancelled events are left out."""
    if not data.strip():
        raise source_problem("Die Kalenderdatei ist leer.", "file")
    if data.lstrip()[:1] == b"<":
        raise source_problem(
            "Die Adresse liefert eine Webseite (HTML), keine Kalenderdatei (ICS).", "file"
        )
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, UnicodeDecodeError):
        raise source_problem(
            "Die Datei ist keine lesbare Kalenderdatei (iCalendar/ICS).", "file"
        ) from None
    events = calendar.walk("VEVENT")
    if len(events) > MAX_MEETINGS:
        raise too_many(len(events))
    meetings: list[ImportedMeeting] = []
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for event in events:
        if str(event.get("status", "")).upper() == "CANCELLED":
            continue
        day = _day(event.get("dtstart"))
        summary = str(event.get("summary", "")).strip()
        if day is None or not summary:
            continue
        name = committee_name(summary)
        key = committee_key(name)
        names.setdefault(key, name[:300])
        counts[key] = counts.get(key, 0) + 1
        uid = str(event.get("uid", "")).strip() or f"{day.isoformat()}|{summary}"
        meetings.append(ImportedMeeting(uid[:1000], key, day, summary[:200]))
    if not meetings:
        raise source_problem("Die Kalenderdatei enthält keine Termine.", "file")
    committees = [Committee(key, names[key], counts[key]) for key in sorted(names, key=str.lower)]
    meetings.sort(key=lambda m: (m.day, m.committee, m.external_id))
    return SourceCalendar(label, committees=committees, meetings=meetings)


def _day(prop: object) -> date | None:
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None
