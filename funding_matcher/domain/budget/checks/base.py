"""What every check receives and what it yields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..arithmetic import Figures
from ..model import Budget, CostLine
from ..terms import Terms

Level = Literal["error", "warning", "notice"]

LEVEL_LABELS: dict[str, str] = {"error": "Fehler", "warning": "Warnung", "notice": "Hinweis"}


@dataclass(frozen=True)
class Context:
    """A budget, its effective terms and its computed figures."""

    budget: Budget
    terms: Terms
    figures: Figures


@dataclass(frozen=True)
class Check:
    """One finding: contract id, level, German message; ``line`` indexes ``costs`` if it applies.

    ``field`` is the input path a page can link to; ``term`` names the unknown term of a
    ``terms_unknown`` notice.
    """

    id: str
    level: Level
    message: str
    line: int | None = None
    field: str | None = None
    term: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The contract's ``{"id", "level", "message"}`` plus line, field and term when set."""
        out: dict[str, Any] = {"id": self.id, "level": self.level, "message": self.message}
        for key in ("line", "field", "term"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


def line_name(index: int, line: CostLine) -> str:
    """How a message names a line: Zeile 3 „Miete Ladenlokal“ (numbered from 1 for people)."""
    return f"Zeile {index + 1} „{line.label}“"
