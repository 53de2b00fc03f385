"""Programme deadlines: the structured model and its arithmetic. Every function takes ``today``."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

DeadlineKind = Literal["rolling", "fixed", "annual", "windows", "closed", "unknown"]

KIND_LABELS = {
    "rolling": "laufend (jederzeit)",
    "fixed": "feste Stichtage",
    "annual": "jährlicher Stichtag",
    "windows": "Förderaufrufe mit Einreichungsfenster",
    "closed": "geschlossen",
    "unknown": "unbekannt",
}


class AnnualDay(BaseModel):
    """A day that recurs every year, e.g. 30 September."""

    model_config = ConfigDict(extra="forbid")
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    @model_validator(mode="after")
    def _real_day(self) -> AnnualDay:
        if self.day > calendar.monthrange(2024, self.month)[1]:
            raise ValueError(f"den {self.day}. gibt es im Monat {self.month} nicht")
        return self

    def on_or_after(self, today: date) -> date:
        """The next occurrence on or after ``today`` (29 Feb falls back to 28 Feb)."""
        for year in (today.year, today.year + 1):
            last = calendar.monthrange(year, self.month)[1]
            candidate = date(year, self.month, min(self.day, last))
            if candidate >= today:
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover


class Window(BaseModel):
    """A call window: submissions possible from ``opens`` to ``closes`` (inclusive)."""

    model_config = ConfigDict(extra="forbid")
    opens: date | None = None
    closes: date

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.opens and self.opens > self.closes:
            raise ValueError("Fenster öffnet nach dem Schluss (opens > closes)")
        return self


class Deadline(BaseModel):
    """When applications can be made."""

    model_config = ConfigDict(extra="forbid")
    kind: DeadlineKind
    dates: list[date] = Field(default_factory=list)
    # One recurring day, or several (e.g. 31 March and 30 September every year).
    annual: AnnualDay | list[AnnualDay] | None = None
    windows: list[Window] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Deadline:
        if self.kind == "fixed" and not self.dates:
            raise ValueError("kind fixed braucht mindestens ein Datum in dates")
        if self.kind == "annual" and not self.annual_days:
            raise ValueError("kind annual braucht annual: {month, day} oder eine Liste davon")
        if self.kind == "windows" and not self.windows:
            raise ValueError("kind windows braucht mindestens ein Fenster in windows")
        return self

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def annual_days(self) -> list[AnnualDay]:
        """The recurring days of kind annual as a list (one or several)."""
        if self.annual is None:
            return []
        return self.annual if isinstance(self.annual, list) else [self.annual]


def next_deadline(deadline: Deadline, today: date) -> date | None:
    """The next known submission date on or after today, or None (rolling, closed, unknown)."""
    if deadline.kind == "fixed":
        upcoming = [d for d in deadline.dates if d >= today]
        return min(upcoming) if upcoming else None
    if deadline.kind == "annual" and deadline.annual_days:
        return min(day.on_or_after(today) for day in deadline.annual_days)
    if deadline.kind == "windows":
        upcoming = [w.closes for w in deadline.windows if w.closes >= today]
        return min(upcoming) if upcoming else None
    return None


def is_open_or_upcoming(deadline: Deadline, today: date) -> bool | None:
    """Whether one can still apply: True, False, or None when nobody knows."""
    if deadline.kind == "rolling":
        return True
    if deadline.kind == "closed":
        return False
    if deadline.kind == "unknown":
        return None
    return next_deadline(deadline, today) is not None


def is_open_now(deadline: Deadline, today: date) -> bool | None:
    """Whether submissions are possible today (a window must have opened already)."""
    if deadline.kind == "windows":
        return any(
            (w.opens is None or w.opens <= today) and today <= w.closes for w in deadline.windows
        )
    return is_open_or_upcoming(deadline, today)
