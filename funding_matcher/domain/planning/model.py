"""The result objects of backward and award planning, and their JSON shape."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Milestone:
    """One dated step of a plan; ``due`` is None when it cannot be computed."""

    key: str
    title: str
    due: date | None
    at_risk: bool = False
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Contract shape: key, title, due (ISO or null), at_risk, note."""
        return {
            "key": self.key,
            "title": self.title,
            "due": self.due.isoformat() if self.due else None,
            "at_risk": self.at_risk,
            "note": self.note,
        }


@dataclass(frozen=True)
class PlanWarning:
    """A problem with the plan as a whole, e.g. ``council_not_reachable``."""

    id: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """Contract shape: id and German message."""
        return {"id": self.id, "message": self.message}


@dataclass(frozen=True)
class SubmissionPlan:
    """Milestones before a submission deadline, in date order, and warnings."""

    deadline: date
    milestones: tuple[Milestone, ...]
    warnings: tuple[PlanWarning, ...] = ()

    def milestone(self, key: str) -> Milestone | None:
        """The first milestone with ``key``, or None."""
        return next((m for m in self.milestones if m.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for ``plan submission``."""
        return {
            "deadline": self.deadline.isoformat(),
            "milestones": [m.to_dict() for m in self.milestones],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self) -> str:
        """``to_dict`` as indented UTF-8 JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class AwardPlan:
    """Reporting and retention dates after an award, in date order."""

    project_start: date
    project_end: date
    milestones: tuple[Milestone, ...]
    warnings: tuple[PlanWarning, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for ``plan award`` (same milestone shape)."""
        return {
            "project_start": self.project_start.isoformat(),
            "project_end": self.project_end.isoformat(),
            "milestones": [m.to_dict() for m in self.milestones],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self) -> str:
        """``to_dict`` as indented UTF-8 JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def in_date_order(milestones: list[Milestone]) -> tuple[Milestone, ...]:
    """Dated milestones by date (stable), then the undated ones in their given order."""
    dated = sorted((m for m in milestones if m.due), key=lambda m: m.due or date.min)
    return tuple(dated + [m for m in milestones if m.due is None])
