"""The checks of the contract's table, one module per rule family, run in the table's order."""

from __future__ import annotations

from collections.abc import Callable

from ..arithmetic import Figures
from ..model import Budget
from ..terms import Terms
from . import financing, limits, lines, notices
from .base import LEVEL_LABELS, Check, Context, Level
from .unknown import Assessment, assess

CheckFunction = Callable[[Context], list[Check]]

# In the order of the contract's Checks table; the unknown-term notices come last.
CHECKS: tuple[CheckFunction, ...] = (
    financing.balance,
    limits.rate,
    limits.amount_limits,
    limits.annual_max,
    financing.public_cap,
    limits.own_share,
    financing.grant_exceeds_cash,
    lines.overhead,
    lines.category_caps,
    financing.not_combinable,
    financing.de_minimis,
    financing.early_start,
    financing.year_balance,
    lines.not_accepted,
    lines.inventory,
    lines.own_staff,
    financing.not_a_grant,
    financing.public_claims,
    financing.start_needs_decision,
    lines.inventory_check,
    notices.vat,
    notices.assumptions,
)
CHECK_IDS: tuple[str, ...] = (
    "balance",
    "overfinancing",
    "rate",
    "amount_max",
    "amount_min",
    "annual_max",
    "public_cap",
    "own_share",
    "grant_exceeds_cash",
    "overhead",
    "overhead_fixed",
    "investment_cap",
    "sach_cap",
    "volunteer_cap",
    "not_combinable",
    "de_minimis",
    "early_start",
    "year_balance",
    "volunteer_not_accepted",
    "in_kind_not_accepted",
    "inventory",
    "own_staff",
    "not_a_grant",
    "public_claims",
    "start_needs_decision",
    "inventory_check",
    "vat_assumed",
    "vat_net",
    "payment_date_assumed",
    "source_years_assumed",
    "third_party_alias",
    "terms_unknown",
    "rate_base_unknown",
    "own_definition_unknown",
)


def run_checks(budget: Budget, terms: Terms, figures: Figures) -> tuple[list[Check], Assessment]:
    """Every finding for a budget in the contract's order, and what unknown terms left open."""
    assessment = assess(budget, terms, figures)
    context = Context(
        budget,
        terms,
        figures,
        skipped=frozenset(assessment.skipped),
        on_reading=frozenset(assessment.on_reading),
    )
    found = [check for run in CHECKS for check in run(context)]
    return found + assessment.notices, assessment


__all__ = ["CHECK_IDS", "LEVEL_LABELS", "Assessment", "Check", "Level", "run_checks"]
