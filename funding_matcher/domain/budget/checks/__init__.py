"""The checks of the contract's table, one module per rule family, run in the table's order."""

from __future__ import annotations

from collections.abc import Callable

from ..arithmetic import Figures
from ..model import Budget
from ..terms import Terms
from . import eligibility, financing, limits, lines, unknown, volunteer
from .base import LEVEL_LABELS, Check, Context, Level

CheckFunction = Callable[[Context], list[Check]]

CHECKS: tuple[tuple[str, CheckFunction], ...] = (
    ("balance", financing.balance),
    ("rate", limits.rate),
    ("amount_max", limits.amount_max),
    ("amount_min", limits.amount_min),
    ("own_share", limits.own_share),
    ("overhead", lines.overhead),
    ("volunteer_cap", volunteer.volunteer_cap),
    ("volunteer_not_accepted", volunteer.volunteer_not_accepted),
    ("grant_exceeds_cash", financing.grant_exceeds_cash),
    ("overfunding", financing.overfunding),
    ("not_combinable", financing.not_combinable),
    ("de_minimis", eligibility.de_minimis),
    ("inventory", lines.inventory),
    ("early_start", eligibility.early_start),
    ("fixed_amount_missing", limits.fixed_amount_missing),
    ("terms_unknown", unknown.terms_unknown),
)
CHECK_IDS: tuple[str, ...] = tuple(check_id for check_id, _ in CHECKS)


def run_checks(budget: Budget, terms: Terms, figures: Figures) -> list[Check]:
    """Every finding for a budget, in the order of the contract's table."""
    context = Context(budget, terms, figures)
    return [found for _, check in CHECKS for found in check(context)]


__all__ = ["CHECK_IDS", "LEVEL_LABELS", "Check", "Level", "run_checks"]
