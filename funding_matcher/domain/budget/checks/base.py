"""What every check receives and what it yields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..arithmetic import Figures
from ..model import Budget, CostLine
from ..terms import Terms

Level = Literal["error", "warning", "notice"]

LEVEL_LABELS: dict[str, str] = {"error": "Fehler", "warning": "Warnung", "notice": "Hinweis"}


@dataclass(frozen=True)
class Context:
    """A budget, its effective terms, its figures and which checks rest on a reading.

    ``skipped`` checks are not run (a term they need is unknown); ``on_reading`` checks run on
    the reading of an unknown term, and a failure is then a warning, never an error.
    """

    budget: Budget
    terms: Terms
    figures: Figures
    skipped: frozenset[str] = field(default_factory=frozenset)
    on_reading: frozenset[str] = field(default_factory=frozenset)

    def runs(self, check_id: str) -> bool:
        """Whether a check runs at all."""
        return check_id not in self.skipped

    def failure(self, check_id: str) -> Level:
        """The level of a failed check: error, or warning when it ran on a reading."""
        return "warning" if check_id in self.on_reading else "error"


@dataclass(frozen=True)
class Check:
    """One finding: contract id, level, German message.

    ``line`` indexes ``costs`` where it applies, ``field`` is the input path a page can link to,
    ``term`` names the unknown term of an unknown-term notice. The contract's output carries only
    id, level and message.
    """

    id: str
    level: Level
    message: str
    line: int | None = None
    field: str | None = None
    term: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The contract's ``{"id", "level", "message"}``."""
        return {"id": self.id, "level": self.level, "message": self.message}


def line_name(index: int, line: CostLine) -> str:
    """How a message names a line: Zeile 3 „Miete Ladenlokal“ (numbered from 1 for people)."""
    return f"Zeile {index + 1} „{line.label}“"
