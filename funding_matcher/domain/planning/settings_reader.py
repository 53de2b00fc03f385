"""Reading the settings file of planning.md § 8: every key optional, every problem named by
its JSON path (``bodies[1].ladungsfrist_days``), all problems at once."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.json_input import load_json

from .inputs import date_problem
from .meetings import (
    BODY_CODE,
    LEAD_DEFAULTS,
    MAX_DAYS,
    MONTH_DAY,
    TOP_KEYS,
    BodySetting,
    BudgetCalendar,
    CouncilRule,
    Meeting,
    MeetingCalendar,
    MemberAssembly,
)


def parse_meetings_json(text: str | bytes) -> MeetingCalendar:
    """Parse a settings file; InvalidData with German messages naming each bad field."""
    return parse_meetings(load_json(text))


def parse_meetings(data: object) -> MeetingCalendar:
    """Build the settings from decoded JSON; every problem found is reported at once."""
    if not isinstance(data, Mapping):
        raise InvalidData([FieldProblem("", "muss ein JSON-Objekt sein")])
    reader = _Reader()
    reader.unknown(data, TOP_KEYS, "")
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
        match = MONTH_DAY.fullmatch(value) if isinstance(value, str) else None
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
