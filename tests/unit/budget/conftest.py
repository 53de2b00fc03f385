"""A factory for valid budget v1 dicts that each test bends to the case it needs."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# shared/ lies beside the repository (locally and in CI), as in tests/conftest.py.
BUDGET_DEV = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "budget-dev"

# Balanced and clean: G = 10.000 €, 80 % Anteilfinanzierung = 8.000 €, Eigenmittel 2.000 €.
BASE_BUDGET: dict[str, Any] = {
    "version": 1,
    "programme": None,
    "terms": {
        "financing_type": "anteil",
        "funding_rate_max_percent": 80,
        "amount_min_eur": None,
        "amount_max_eur": None,
        "own_contribution_min_percent": None,
        "overhead_max_percent": None,
        "volunteer_work": None,
        "de_minimis": "none",
        "fixed_amount_eur": None,
        "not_combinable_with": [],
    },
    "period": {"start": "2027-04-01", "end": "2029-03-31"},
    "applied_on": "2026-12-01",
    "early_start_approved": False,
    "costs": [{"category": "sach", "label": "Material", "amount_eur": 10000}],
    "financing": {
        "own_funds_eur": 2000,
        "volunteer_hours": 0,
        "third_party_eur": 0,
        "income_eur": 0,
        "other_public": [],
        "requested_eur": None,
    },
    "de_minimis_received": [],
}

MakeBudget = Callable[..., dict[str, Any]]


def build_budget(**overrides: Any) -> dict[str, Any]:
    """BASE_BUDGET with overrides; dicts for terms, period and financing are merged key by key."""
    budget = copy.deepcopy(BASE_BUDGET)
    for key, value in overrides.items():
        if key in ("terms", "period", "financing") and isinstance(value, dict):
            budget[key].update(copy.deepcopy(value))
        else:
            budget[key] = copy.deepcopy(value)
    return budget


@pytest.fixture
def make_budget() -> MakeBudget:
    """Factory: ``make_budget(terms={...}, costs=[...], financing={...})``."""
    return build_budget
