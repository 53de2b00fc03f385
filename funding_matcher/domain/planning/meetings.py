"""The settings of a plan (planning.md § 8): bodies and their meetings, lead times, the
council's value limit, the Haushalt calendar and the Mitgliederversammlung. The file is read by
``settings_reader``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

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
MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
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
TOP_KEYS = (*LEAD_DEFAULTS, "bodies", "board_title", "council", "budget", "mv", "meetings")


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
