"""The organisation's calendar of bodies (Rat, Ausschuss, Vorstand) and its lead times."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.json_input import load_json

from .inputs import date_problem

BODIES: dict[str, str] = {
    "rat": "Rat",
    "kreistag": "Kreistag",
    "ausschuss": "Ausschuss",
    "vorstand": "Vorstand",
    "mitgliederversammlung": "Mitgliederversammlung",
}
# A Kreistag is the council of a Kreis: it takes the Ratsbeschluss's place.
COUNCIL_BODIES = frozenset({"rat", "kreistag"})

LEAD_TIME_FIELDS = ("ladungsfrist_days", "internal_lead_days", "council_buffer_days")
_TOP_LEVEL_FIELDS = (*LEAD_TIME_FIELDS, "meetings")
_MEETING_FIELDS = ("body", "date", "title")
_MAX_LEAD_DAYS = 365


@dataclass(frozen=True)
class Meeting:
    """One meeting of a body on a day."""

    body: str
    day: date
    title: str = ""


@dataclass(frozen=True)
class MeetingCalendar:
    """Meetings plus the lead times they bring; a lead time of None means "use the default"."""

    meetings: tuple[Meeting, ...] = ()
    ladungsfrist_days: int | None = None
    internal_lead_days: int | None = None
    council_buffer_days: int | None = None

    def days_of(self, bodies: str | frozenset[str]) -> list[date]:
        """The sorted, distinct meeting days of one body or of a set of bodies."""
        wanted = frozenset({bodies}) if isinstance(bodies, str) else bodies
        return sorted({m.day for m in self.meetings if m.body in wanted})

    def to_dict(self) -> dict[str, Any]:
        """The calendar in the same JSON shape that :func:`parse_meetings` reads."""
        data: dict[str, Any] = {
            name: getattr(self, name)
            for name in LEAD_TIME_FIELDS
            if getattr(self, name) is not None
        }
        data["meetings"] = [_meeting_dict(m) for m in self.meetings]
        return data


def _meeting_dict(meeting: Meeting) -> dict[str, str]:
    out = {"body": meeting.body, "date": meeting.day.isoformat()}
    if meeting.title:
        out["title"] = meeting.title
    return out


def parse_meetings_json(text: str | bytes) -> MeetingCalendar:
    """Parse a meetings file; InvalidData with German messages naming each bad field."""
    return parse_meetings(load_json(text))


def parse_meetings(data: object) -> MeetingCalendar:
    """Build a MeetingCalendar from decoded JSON; every problem found is reported at once."""
    if not isinstance(data, Mapping):
        raise InvalidData([FieldProblem("", "muss ein JSON-Objekt sein")])
    problems: list[FieldProblem] = []
    for name in data:
        if name not in _TOP_LEVEL_FIELDS:
            allowed = ", ".join(_TOP_LEVEL_FIELDS)
            problems.append(FieldProblem(str(name), f"unbekanntes Feld (erlaubt: {allowed})"))
    lead_times = {name: _lead_time(data, name, problems) for name in LEAD_TIME_FIELDS}
    meetings = _meetings(data, problems)
    if problems:
        raise InvalidData(problems)
    return MeetingCalendar(meetings=meetings, **lead_times)


def _lead_time(data: Mapping[str, Any], name: str, problems: list[FieldProblem]) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(FieldProblem(name, "muss eine ganze Zahl (Tage) sein"))
        return None
    if not 0 <= value <= _MAX_LEAD_DAYS:
        problems.append(FieldProblem(name, f"muss zwischen 0 und {_MAX_LEAD_DAYS} Tagen liegen"))
        return None
    return value


def _meetings(data: Mapping[str, Any], problems: list[FieldProblem]) -> tuple[Meeting, ...]:
    if "meetings" not in data:
        problems.append(FieldProblem("meetings", "Pflichtangabe fehlt (Liste der Sitzungen)"))
        return ()
    raw = data["meetings"]
    if not isinstance(raw, list):
        problems.append(FieldProblem("meetings", "muss eine Liste sein"))
        return ()
    meetings = []
    for index, item in enumerate(raw):
        meeting = _meeting(item, f"meetings[{index}]", problems)
        if meeting is not None:
            meetings.append(meeting)
    return tuple(meetings)


def _meeting(item: object, path: str, problems: list[FieldProblem]) -> Meeting | None:
    if not isinstance(item, Mapping):
        problems.append(FieldProblem(path, "muss ein Objekt mit body und date sein"))
        return None
    found = len(problems)
    for name in item:
        if name not in _MEETING_FIELDS:
            allowed = ", ".join(_MEETING_FIELDS)
            problems.append(
                FieldProblem(f"{path}.{name}", f"unbekanntes Feld (erlaubt: {allowed})")
            )
    body = item.get("body")
    body_code = body.strip().lower() if isinstance(body, str) else ""
    if body is None:
        problems.append(FieldProblem(f"{path}.body", "Pflichtangabe fehlt"))
    elif body_code not in BODIES:
        allowed = ", ".join(BODIES)
        problems.append(FieldProblem(f"{path}.body", f"unbekanntes Gremium „{body}“ ({allowed})"))
    day = item.get("date")
    if day is None:
        problems.append(FieldProblem(f"{path}.date", "Pflichtangabe fehlt"))
    elif message := date_problem(day):
        problems.append(FieldProblem(f"{path}.date", message))
    title = item.get("title", "")
    if not isinstance(title, str):
        problems.append(FieldProblem(f"{path}.title", "muss ein Text sein"))
    if len(problems) > found:
        return None
    return Meeting(body=body_code, day=date.fromisoformat(day.strip()), title=title.strip())
