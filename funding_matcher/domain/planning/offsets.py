"""The planning offsets: contract defaults that an organisation may override in its settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData

_MAX_DAYS = 3660  # ten years: anything larger is a typo, not a lead time


@dataclass(frozen=True)
class PlanningOffsets:
    """Lead times before the submission deadline T0 and after the award (all whole numbers)."""

    vorgespraech_months: int = 2
    kooperationen_days: int = 21
    angebote_days: int = 21
    finanzplan_days: int = 14
    entwurf_days: int = 10
    einreichung_working_days: int = 2
    vorstandsbeschluss_days: int = 21
    # Used when the organisation's meetings file does not state its own values.
    ladungsfrist_days: int = 7
    internal_lead_days: int = 21
    council_buffer_days: int = 14
    # After the award (ANBest-Gk for Kommunen, ANBest-P for everyone else).
    verwendungsnachweis_months_kommune: int = 12
    verwendungsnachweis_months_other: int = 6
    zwischennachweis_month: int = 4
    zwischennachweis_day: int = 30
    belege_years: int = 5
    belege_years_eu: int = 10

    def to_dict(self) -> dict[str, int]:
        """All offsets as a plain mapping, for settings storage."""
        return asdict(self)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], prefix: str = "offsets") -> PlanningOffsets:
        """Defaults overridden by ``data``; InvalidData naming ``offsets.<name>`` on bad values."""
        if not isinstance(data, Mapping):
            raise InvalidData([FieldProblem(prefix, "muss ein Objekt sein")])
        known = {f.name for f in fields(cls)}
        problems = []
        changes: dict[str, int] = {}
        for name, value in data.items():
            path = f"{prefix}.{name}"
            if name not in known:
                problems.append(FieldProblem(path, "unbekannte Einstellung"))
            elif message := _offset_problem(name, value):
                problems.append(FieldProblem(path, message))
            else:
                changes[name] = value
        if problems:
            raise InvalidData(problems)
        offsets = replace(cls(), **changes)
        offsets.check_zwischennachweis_day(prefix)
        return offsets

    def check_zwischennachweis_day(self, prefix: str = "offsets") -> None:
        """InvalidData when month/day of the Zwischennachweis is not a real day in every year."""
        days_in_month = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
        if self.zwischennachweis_day > days_in_month[self.zwischennachweis_month - 1]:
            raise InvalidData(
                [
                    FieldProblem(
                        f"{prefix}.zwischennachweis_day",
                        f"den {self.zwischennachweis_day}. gibt es nicht in jedem Monat "
                        f"{self.zwischennachweis_month}",
                    )
                ]
            )


def _offset_problem(name: str, value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "muss eine ganze Zahl sein"
    if name == "einreichung_working_days":
        low, high = 1, 60
    elif name == "zwischennachweis_month":
        low, high = 1, 12
    elif name == "zwischennachweis_day":
        low, high = 1, 31
    elif name.endswith("_months") or "_months_" in name:
        low, high = 0, 120
    elif name.startswith("belege_years"):
        low, high = 0, 30
    else:
        low, high = 0, _MAX_DAYS
    if not low <= value <= high:
        return f"muss zwischen {low} und {high} liegen"
    return None


DEFAULT_OFFSETS = PlanningOffsets()
