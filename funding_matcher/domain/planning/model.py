"""The result objects of backward and award planning (rules v2), and their JSON shape."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

PLAN_VERSION = 2

# intern: own steps (moved back); sitzung: a body's meeting as listed; stichtag: the call deadline
# (planned two working days ahead, legally as written); frist: a period's end (planned back,
# legally forward per § 193 BGB); aufbewahrung: keeping records until a day.
MilestoneKind = Literal["intern", "sitzung", "stichtag", "frist", "aufbewahrung"]
KIND_LABELS: dict[str, str] = {
    "intern": "interner Schritt",
    "sitzung": "Sitzung",
    "stichtag": "Antragsfrist",
    "frist": "Frist",
    "aufbewahrung": "Aufbewahrung",
}


@dataclass(frozen=True)
class Milestone:
    """One step of a plan: ``due`` is the planned day, ``legal_due`` the day the law or the
    funder holds the applicant to (or None); both None when the step cannot be dated."""

    key: str
    title: str
    kind: MilestoneKind
    due: date | None
    legal_due: date | None = None
    at_risk: bool = False
    note: str = ""
    year: int | None = None

    @property
    def row_key(self) -> str:
        """The key that is unique within a plan: ``zwischennachweis-2027`` for yearly steps."""
        return self.key if self.year is None else f"{self.key}-{self.year}"

    def to_dict(self) -> dict[str, Any]:
        """Contract shape: key, title, kind, due, legal_due, at_risk, note (and year)."""
        out: dict[str, Any] = {
            "key": self.key,
            "title": self.title,
            "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "legal_due": self.legal_due.isoformat() if self.legal_due else None,
            "at_risk": self.at_risk,
            "note": self.note,
        }
        if self.year is not None:
            out["year"] = self.year
        return out


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
    """Milestones before the submission anchor T0 (``deadline``), and warnings."""

    deadline: date
    milestones: tuple[Milestone, ...]
    warnings: tuple[PlanWarning, ...] = ()
    rolling: bool = False
    project_start: date | None = None
    apply_lead_days: int | None = None
    funder_term: str = "Fördergeber"

    def milestone(self, key: str) -> Milestone | None:
        """The first milestone with ``key``, or None."""
        return next((m for m in self.milestones if m.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for ``plan submission``."""
        return {
            "version": PLAN_VERSION,
            "deadline": self.deadline.isoformat(),
            "rolling": self.rolling,
            "project_start": self.project_start.isoformat() if self.project_start else None,
            "apply_lead_days": self.apply_lead_days,
            "funder_term": self.funder_term,
            "milestones": [m.to_dict() for m in self.milestones],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self) -> str:
        """``to_dict`` as indented UTF-8 JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class AwardPlan:
    """Reporting and retention dates after an award under a post-award profile."""

    project_start: date
    project_end: date
    milestones: tuple[Milestone, ...]
    warnings: tuple[PlanWarning, ...] = ()
    profile: str | None = None
    rules: str | None = None
    funder_term: str = "Fördergeber"

    def milestone(self, key: str) -> Milestone | None:
        """The first milestone with ``key``, or None."""
        return next((m for m in self.milestones if m.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for ``plan award``."""
        return {
            "version": PLAN_VERSION,
            "project_start": self.project_start.isoformat(),
            "project_end": self.project_end.isoformat(),
            "profile": self.profile,
            "rules": self.rules,
            "funder_term": self.funder_term,
            "milestones": [m.to_dict() for m in self.milestones],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self) -> str:
        """``to_dict`` as indented UTF-8 JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


@dataclass
class PlanBuilder:
    """Collects milestones and warnings while the rules run; at_risk is set against ``today``."""

    today: date
    milestones: list[Milestone] = field(default_factory=list)
    warnings: list[PlanWarning] = field(default_factory=list)

    def add(self, milestone: Milestone) -> Milestone:
        """Append ``milestone`` with its at_risk flag (never for Aufbewahrung or undated)."""
        at_risk = (
            milestone.due is not None
            and milestone.kind != "aufbewahrung"
            and milestone.due < self.today
        )
        done = Milestone(**{**milestone.__dict__, "at_risk": at_risk})
        self.milestones.append(done)
        return done

    def warn(self, warning_id: str, message: str) -> None:
        """Add a warning once."""
        if all(w.id != warning_id for w in self.warnings):
            self.warnings.append(PlanWarning(warning_id, message))

    def ordered(self) -> tuple[Milestone, ...]:
        """Dated milestones by ``due`` (stable), then the undated ones in their given order."""
        return in_date_order(self.milestones)


def in_date_order(milestones: list[Milestone]) -> tuple[Milestone, ...]:
    """Dated milestones by date (stable), then the undated ones in their given order."""
    dated = sorted((m for m in milestones if m.due), key=lambda m: m.due or date.min)
    return tuple(dated + [m for m in milestones if m.due is None])
