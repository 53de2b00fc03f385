"""The wizard's view of a profile: which fields each step fills, and how far a profile is."""

from __future__ import annotations

from typing import Any

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.profile import Profile

STEP_FIELDS: dict[int, tuple[str, ...]] = {
    1: ("applicant_type", "organisation", "state", "municipality", "area_type", "designated_area"),
    2: ("title", "description", "themes", "target_groups", "partners"),
    3: (
        "budget_total_eur",
        "costs_by_type_eur",
        "own_funds_eur",
        "cost_types",
        "start_date",
        "duration_months",
    ),
}

# A missing-data hint of the matcher -> the step where the user can fill it in.
MISSING_TO_STEP = {
    "Gebietstyp": 1,
    "Gebietskulisse": 1,
    "Budget": 3,
    "Kostenarten": 3,
    "Themen": 2,
}


def step_for_field(field: str) -> int:
    """The wizard step that asks for a profile field."""
    for step, fields in STEP_FIELDS.items():
        if field.split(".", 1)[0] in fields:
            return step
    return 1


def step_for_missing(hint: str) -> int:
    """The wizard step to fill in what a matcher hint says is missing."""
    return next((step for key, step in MISSING_TO_STEP.items() if key in hint), 1)


def merge_step(data: dict[str, Any], step: int, values: dict[str, Any]) -> dict[str, Any]:
    """The profile data with one step's fields replaced; empty values are removed."""
    merged = {k: v for k, v in data.items() if k not in STEP_FIELDS[step]}
    for key, value in values.items():
        if value not in (None, "", [], {}):
            merged[key] = value
    return merged


def is_complete(data: dict[str, Any]) -> bool:
    """Whether the stored data is a valid profile (interchange format v1)."""
    try:
        Profile.from_dict(data)
    except InvalidData:
        return False
    return True
