"""The settings file of a plan (planning.md § 8): bodies and their meetings, lead times, the
council's value limit, the Haushalt calendar and the Mitgliederversammlung."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.json_input import load_json

from .inputs import date_problem

BODIES: dict[str, str] = {
    "ortsbeirat": "Ortsbeirat",
    "bezirksvertretung": "Bezirksvertretung",
    "fachausschuss": "Fachausschuss",
    "ausschuss": "Ausschuss",
    "finanzausschuss": "Finanzausschuss",
    "hauptausschuss": "Haupt- und Finanzausschuss",
    "kreistag": "Kreistag",
    "rat": "Rat",
    "vorstand": "Vorstand",
    "mitgliederversammlung": "Mitgliederversammlung",
}
# Without a `bodies` list the chain is made of these, in this order, where they meet (§ 5).
COMMITTEE_ORDER = (
    "ortsbeirat",
    "bezirksvertretung",
    "fachausschuss",
    "ausschuss",
    "finanzausschuss",
    "hauptausschuss",
)
BODY_CODE = re.compile(r"[a-z_]+")
_MMDD = re.compile(r"(\d{2})-(\d{2})")
MAX_DAYS = 3660  # ten years: anything larger is a typo, not a lead time

# Lead times and their defaults (§ 8).
LEAD_DEFAULTS: dict[str, int] = {
    "ladungsfrist_days": 7,
    "internal_lead_days": 21,
    "council_buffer_days": 14,
    "finance_review_days": 7,
    "board_buffer_days": 21,
    "endorsement_lead_days": 28,
}
_TOP = (*LEAD_DEFAULTS, "bodies", "board_title", "council", "budget", "mv", "meetings")


@dataclass(frozen=True)
class Meeting:
    """One meeting of a body on a day."""

    body: str
    day: date
    title: str = ""


@dataclass(frozen=True)
class BodySetting:
    """One body of the Beratungsfolge; the last one in the list decides."""

    body: str
    title: str = ""
    ladungsfrist_days: int | None = None


@dataclass(frozen=True)
class CouncilRule:
    """Whether the council decides on applications, and above which amount (Wertgrenze)."""

    required: bool = True
    threshold_eur: Decimal | None = None


@dataclass(frozen=True)
class BudgetCalendar:
    """When measures are registered for next year's Haushalt, and which years are adopted."""

    registration: tuple[int, int] | None = None  # (month, day)
    adopted_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class MemberAssembly:
    """When the Satzung asks the Mitgliederversammlung, and its Einberufungsfrist."""

    required: bool = False
    threshold_eur: Decimal | None = None
    einberufungsfrist_days: int | None = None


@dataclass(frozen=True)
class MeetingCalendar:
    """The settings a plan reads: meetings, the chain of bodies and every lead time."""

    meetings: tuple[Meeting, ...] = ()
    bodies: tuple[BodySetting, ...] = ()
    ladungsfrist_days: int = 7
    internal_lead_days: int = 21
    council_buffer_days: int = 14
    finance_review_days: int = 7
    board_buffer_days: int = 21
    endorsement_lead_days: int = 28
    board_title: str = "Vorstand"
    council: CouncilRule = field(default_factory=CouncilRule)
    budget: BudgetCalendar = field(default_factory=BudgetCalendar)
    mv: MemberAssembly | None = None

    def days_of(self, body: str) -> list[date]:
        """The sorted, distinct meeting days of one body."""
        return sorted({m.day for m in self.meetings if m.body == body})

    def meets(self, body: str) -> bool:
        """True when the calendar lists a meeting of ``body``."""
        return any(m.body == body for m in self.meetings)

    def body_setting(self, body: str) -> BodySetting | None:
        """The entry of ``body`` in ``bodies``, if any."""
        return next((b for b in self.bodies if b.body == body), None)

    def body_title(self, body: str) -> str:
        """What a body is called: its title in the settings, else its usual name, else the code."""
        setting = self.body_setting(body)
        if setting and setting.title:
            return setting.title
        return BODIES.get(body, body)

    def ladungsfrist(self, body: str) -> int:
        """The body's Ladungsfrist, else the file's (default 7 days)."""
        setting = self.body_setting(body)
        if setting and setting.ladungsfrist_days is not None:
            return setting.ladungsfrist_days
        return self.ladungsfrist_days

    def with_meetings(self, meetings: tuple[Meeting, ...]) -> MeetingCalendar:
        """The same settings with other meetings (the organisation's stored ones)."""
        return replace(self, meetings=meetings)

    def to_dict(self, with_meetings: bool = True) -> dict[str, Any]:
        """The settings in the JSON shape :func:`parse_meetings` reads; defaults left out."""
        data: dict[str, Any] = {
            name: getattr(self, name)
            for name, default in LEAD_DEFAULTS.items()
            if getattr(self, name) != default
        }
        if self.bodies:
            data["bodies"] = [_body_dict(b) for b in self.bodies]
        if self.board_title != "Vorstand":
            data["board_title"] = self.board_title
        council: dict[str, Any] = {}
        if not self.council.required:
            council["required"] = False
        if self.council.threshold_eur is not None:
            council["threshold_eur"] = _number(self.council.threshold_eur)
        if council:
            data["council"] = council
        budget: dict[str, Any] = {}
        if self.budget.registration:
            budget["registration"] = "{:02d}-{:02d}".format(*self.budget.registration)
        if self.budget.adopted_years:
            budget["adopted_years"] = list(self.budget.adopted_years)
        if budget:
            data["budget"] = budget
        if self.mv is not None:
            mv: dict[str, Any] = {"required": self.mv.required}
            if self.mv.threshold_eur is not None:
                mv["threshold_eur"] = _number(self.mv.threshold_eur)
            if self.mv.einberufungsfrist_days is not None:
                mv["einberufungsfrist_days"] = self.mv.einberufungsfrist_days
            data["mv"] = mv
        if with_meetings:
            data["meetings"] = [_meeting_dict(m) for m in self.meetings]
        return data


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _body_dict(body: BodySetting) -> dict[str, Any]:
    out: dict[str, Any] = {"body": body.body}
    if body.title:
        out["title"] = body.title
    if body.ladungsfrist_days is not None:
        out["ladungsfrist_days"] = body.ladungsfrist_days
    return out


def _meeting_dict(meeting: Meeting) -> dict[str, str]:
    out = {"body": meeting.body, "date": meeting.day.isoformat()}
    if meeting.title:
        out["title"] = meeting.title
    return out


def parse_meetings_json(text: str | bytes) -> MeetingCalendar:
    """Parse a settings file; InvalidData with German messages naming each bad field."""
    return parse_meetings(load_json(text))


def parse_meetings(data: object) -> MeetingCalendar:
    """Build the settings from decoded JSON; every problem found is reported at once."""
    if not isinstance(data, Mapping):
        raise InvalidData([FieldProblem("", "muss ein JSON-Objekt sein")])
    reader = _Reader()
    reader.unknown(data, _TOP, "")
    leads = {name: reader.days(data, name, name) for name in LEAD_DEFAULTS}
    calendar = MeetingCalendar(
        meetings=reader.meetings(data.get("meetings")),
        bodies=reader.bodies(data.get("bodies")),
        board_title=reader.board_title(data.get("board_title")),
        council=reader.council(data.get("council")),
        budget=reader.budget(data.get("budget")),
        mv=reader.mv(data.get("mv")),
        **{name: value for name, value in leads.items() if value is not None},
    )
    if reader.problems:
        raise InvalidData(reader.problems)
    return calendar


class _Reader:
    """Reads one settings object, collecting problems with their JSON paths."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(FieldProblem(path, message))

    def unknown(self, data: Mapping[str, Any], allowed: tuple[str, ...], prefix: str) -> None:
        for name in data:
            if name not in allowed:
                path = f"{prefix}.{name}" if prefix else str(name)
                self.fail(path, f"unbekanntes Feld (erlaubt: {', '.join(allowed)})")

    def object(self, value: object, path: str) -> Mapping[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.fail(path, "muss ein Objekt sein")
            return None
        return value

    def days(self, data: Mapping[str, Any], name: str, path: str) -> int | None:
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "muss eine ganze Zahl (Tage) sein")
            return None
        if value < 0:
            self.fail(path, "darf nicht negativ sein")
            return None
        if value > MAX_DAYS:
            self.fail(path, f"darf höchstens {MAX_DAYS} Tage betragen")
            return None
        return value

    def flag(self, data: Mapping[str, Any], name: str, path: str, default: bool) -> bool:
        value = data.get(name)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(path, "muss true oder false sein")
            return default
        return value

    def euros(self, data: Mapping[str, Any], name: str, path: str) -> Decimal | None:
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(path, "muss ein Betrag in Euro (Zahl) sein")
            return None
        if value < 0:
            self.fail(path, "darf nicht negativ sein")
            return None
        return Decimal(str(value))

    def board_title(self, value: object) -> str:
        if value is None:
            return "Vorstand"
        if not isinstance(value, str):
            self.fail("board_title", "muss ein Text sein")
            return "Vorstand"
        if not value.strip():
            self.fail("board_title", "darf nicht leer sein")
            return "Vorstand"
        return value.strip()

    def code(self, value: object, path: str) -> str | None:
        if value is None:
            self.fail(path, "Pflichtangabe fehlt")
            return None
        code = value.strip().lower() if isinstance(value, str) else ""
        if not BODY_CODE.fullmatch(code):
            self.fail(path, f"„{value}“ ist kein Gremium-Code (nur a–z und _, z. B. rat)")
            return None
        return code

    def bodies(self, value: object) -> tuple[BodySetting, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail("bodies", "muss eine Liste sein")
            return ()
        found: list[BodySetting] = []
        for index, item in enumerate(value):
            path = f"bodies[{index}]"
            entry = self.object(item, path)
            if entry is None:
                if item is None:
                    self.fail(path, "muss ein Objekt mit body sein")
                continue
            self.unknown(entry, ("body", "title", "ladungsfrist_days"), path)
            code = self.code(entry.get("body"), f"{path}.body")
            title = entry.get("title", "")
            if not isinstance(title, str):
                self.fail(f"{path}.title", "muss ein Text sein")
                title = ""
            days = self.days(entry, "ladungsfrist_days", f"{path}.ladungsfrist_days")
            if code is None:
                continue
            if any(b.body == code for b in found):
                self.fail(f"{path}.body", f"„{code}“ steht schon in bodies (jedes Gremium einmal)")
                continue
            found.append(BodySetting(code, title.strip(), days))
        return tuple(found)

    def council(self, value: object) -> CouncilRule:
        data = self.object(value, "council")
        if data is None:
            return CouncilRule()
        self.unknown(data, ("required", "threshold_eur"), "council")
        return CouncilRule(
            required=self.flag(data, "required", "council.required", True),
            threshold_eur=self.euros(data, "threshold_eur", "council.threshold_eur"),
        )

    def budget(self, value: object) -> BudgetCalendar:
        data = self.object(value, "budget")
        if data is None:
            return BudgetCalendar()
        self.unknown(data, ("registration", "adopted_years"), "budget")
        registration = None
        raw = data.get("registration")
        if raw is not None:
            registration = self.month_day(raw, "budget.registration")
        years: list[int] = []
        raw_years = data.get("adopted_years")
        if raw_years is not None and not isinstance(raw_years, list):
            self.fail("budget.adopted_years", "muss eine Liste von Jahren sein")
        for index, year in enumerate(raw_years if isinstance(raw_years, list) else []):
            if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
                self.fail(f"budget.adopted_years[{index}]", "muss ein Jahr sein, z. B. 2027")
            else:
                years.append(year)
        return BudgetCalendar(registration, tuple(sorted(set(years))))

    def month_day(self, value: object, path: str) -> tuple[int, int] | None:
        match = _MMDD.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            self.fail(path, "muss Monat und Tag im Format MM-TT sein, z. B. 06-30")
            return None
        month, day = int(match.group(1)), int(match.group(2))
        try:
            date(2000, month, day)  # a leap year: 02-29 is a real day in some years
        except ValueError:
            self.fail(path, f"„{value}“ ist kein Tag im Jahr")
            return None
        return month, day

    def mv(self, value: object) -> MemberAssembly | None:
        data = self.object(value, "mv")
        if data is None:
            return None
        self.unknown(data, ("required", "threshold_eur", "einberufungsfrist_days"), "mv")
        return MemberAssembly(
            required=self.flag(data, "required", "mv.required", False),
            threshold_eur=self.euros(data, "threshold_eur", "mv.threshold_eur"),
            einberufungsfrist_days=self.days(
                data, "einberufungsfrist_days", "mv.einberufungsfrist_days"
            ),
        )

    def meetings(self, value: object) -> tuple[Meeting, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail("meetings", "muss eine Liste sein")
            return ()
        found = []
        for index, item in enumerate(value):
            meeting = self.meeting(item, f"meetings[{index}]")
            if meeting is not None:
                found.append(meeting)
        return tuple(found)

    def meeting(self, item: object, path: str) -> Meeting | None:
        if not isinstance(item, Mapping):
            self.fail(path, "muss ein Objekt mit body und date sein")
            return None
        before = len(self.problems)
        self.unknown(item, ("body", "date", "title"), path)
        code = self.code(item.get("body"), f"{path}.body")
        day = item.get("date")
        if day is None:
            self.fail(f"{path}.date", "Pflichtangabe fehlt")
        elif message := date_problem(day):
            self.fail(f"{path}.date", message)
        title = item.get("title", "")
        if not isinstance(title, str):
            self.fail(f"{path}.title", "muss ein Text sein")
        if len(self.problems) > before or code is None:
            return None
        return Meeting(body=code, day=date.fromisoformat(str(day).strip()), title=title.strip())
