"""How many reviewed records state each term the budget and planning rules v2 and the matcher
read.

A term counts as stated when the record gives a value, ``"none"`` (no such rule) included; null
or a missing key is unknown. The figure tells curators where the rules still run on readings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.german import format_percent

# The record fields of ../shared/contract/budget.md ("Terms") and planning.md § 11.
BUDGET_TERMS = (
    "financing_type",
    "funding_rate_max_percent",
    "rate_base",
    "amount_min_eur",
    "amount_max_eur",
    "annual_max_eur",
    "fixed_amount_eur",
    "subsidiarity",
    "public_funding_cap_percent",
    "own_contribution_min_percent",
    "own_contribution_base",
    "own_contribution_counts",
    "in_kind_accepted",
    "volunteer_work",
    "overhead_max_percent",
    "overhead_base",
    "overhead_fixed_eur_per_year",
    "investment_max_percent",
    "sach_max_percent",
    "own_staff_eligible",
    "inventory_threshold_net_eur",
    "de_minimis",
    "start_rule",
)
PLANNING_TERMS = (
    "start_rule",
    "apply_lead_days",
    "requires_municipal_endorsement",
    "requires_council_decision",
    "post_award_profile",
)
# The matcher's terms (docs/catalogue-format.md, issue 26).
MATCHER_TERMS = (
    "funding_kind",
    "cooperation",
    "programme_area",
    "partner_countries",
    "designated_area_kind",
    "amount_max_per",
    "access_via_ordinary",
    "land_procedure_for",
    "requires_public_cofunding",
    "project_cost_max_eur",
    "first_application_max_eur",
    "funding_rate_regular_percent",
    "narrow_purpose",
)


@dataclass(frozen=True)
class TermCount:
    """One term and the number of reviewed records that state it."""

    term: str
    stated: int
    records: int

    @property
    def share(self) -> str:
        """The count as a German percentage of the reviewed records, one decimal."""
        percent = 100 * self.stated / self.records if self.records else 0.0
        return format_percent(percent, 1)


@dataclass(frozen=True)
class TermCoverage:
    """Per term of the budget and planning rules v2 (and outline limits): how many state it."""

    records: int
    budget: tuple[TermCount, ...]
    planning: tuple[TermCount, ...]
    outline_limits: TermCount
    matcher: tuple[TermCount, ...] = ()


def _stated(programme: Programme, term: str) -> bool:
    value = getattr(programme, term)
    if term == "outline_limits":
        return any(limit is not None for limit in value or [])
    if isinstance(value, list):
        return bool(value)
    return value is not None


def term_coverage(programmes: Iterable[Programme]) -> TermCoverage:
    """Count, for each term, the reviewed (non-draft) records that state it."""
    reviewed = [p for p in programmes if p.status != "draft"]

    def count(term: str) -> TermCount:
        return TermCount(term, sum(1 for p in reviewed if _stated(p, term)), len(reviewed))

    return TermCoverage(
        records=len(reviewed),
        budget=tuple(count(t) for t in BUDGET_TERMS),
        planning=tuple(count(t) for t in PLANNING_TERMS),
        outline_limits=count("outline_limits"),
        matcher=tuple(count(t) for t in MATCHER_TERMS),
    )


def coverage_lines(coverage: TermCoverage) -> list[str]:
    """The coverage as short German lines: 'term: stated von records (share)'."""
    lines = []
    for title, counts in (
        ("Budgetregeln v2", coverage.budget),
        ("Planungsregeln v2", coverage.planning),
        ("Gliederung", (coverage.outline_limits,)),
        ("Matcher", coverage.matcher),
    ):
        parts = [f"{c.term} {c.stated}" for c in counts]
        lines.append(f"{title} (von {coverage.records}): " + ", ".join(parts))
    return lines
