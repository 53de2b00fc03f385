"""A factory for valid budget v2 dicts that each test bends to the case it needs."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# shared/ lies beside the repository (locally and in CI), as in tests/conftest.py.
BUDGET_DEV = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "budget-dev"

# Every term known ("none" where the programme has no such rule), so the verdict can be "ok".
KNOWN_TERMS: dict[str, Any] = {
    "funding_type": "zuschuss",
    "financing_type": "anteil",
    "fixed_amount_eur": "none",
    "funding_rate_max_percent": 80,
    "rate_base": "eligible",
    "amount_max_eur": "none",
    "amount_min_eur": "none",
    "annual_max_eur": "none",
    "subsidiarity": "none",
    "public_funding_cap_percent": "none",
    "own_contribution_min_percent": "none",
    "own_contribution_base": "eligible",
    "own_contribution_counts": ["own_cash"],
    "volunteer_work": "none",
    "overhead_max_percent": "none",
    "overhead_base": "direct",
    "overhead_fixed_eur_per_year": "none",
    "investment_max_percent": "none",
    "sach_max_percent": "none",
    "in_kind_accepted": False,
    "own_staff_eligible": True,
    "inventory_threshold_net_eur": 800,
    "de_minimis": "none",
    "start_rule": "after_application",
    "not_combinable_with": [],
}

# Balanced and clean: G = 10.000 €, 80 % Anteilfinanzierung = 8.000 €,
# Eigenmittel 2.000 € nach Bedarf.
BASE_BUDGET: dict[str, Any] = {
    "version": 2,
    "programme": None,
    "terms": KNOWN_TERMS,
    "period": {"start": "2027-04-01", "end": "2028-03-31"},
    "applied_on": "2026-12-01",
    "early_start_approved": False,
    "vat_deductible": False,
    "costs": [
        {"category": "sach", "label": "Material", "amount_eur": 10000, "paid_on": "2027-05-01"}
    ],
    "financing": {
        "sources": [{"kind": "own_cash", "label": "Rücklagen", "amount_eur": None}],
        "volunteer_hours": 0,
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


def source(kind: str, amount: Any, label: str | None = None, **extra: Any) -> dict[str, Any]:
    """One financing source entry."""
    return {"kind": kind, "label": label or kind, "amount_eur": amount, **extra}


@pytest.fixture
def make_budget() -> MakeBudget:
    """Factory: ``make_budget(terms={...}, costs=[...], financing={...})``."""
    return build_budget
