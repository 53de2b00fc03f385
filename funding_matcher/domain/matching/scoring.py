"""The score of an eligible programme: text similarity plus weighted boosts (see weights.py),
scaled by how much of the need it covers, by its standing and its route, and down for a
programme made for other target groups or for a measure the project does not plan; within a
programme family the lines that fund the project come first; prizes and wage subsidies are kept
below every fitting grant."""

from __future__ import annotations

from typing import Any

import numpy as np

from funding_matcher.domain.matching.features import ProgrammeArrays, country_bits, mask, popcount
from funding_matcher.domain.matching.kinds import profile_countries
from funding_matcher.domain.matching.rules import Eligibility
from funding_matcher.domain.matching.weights import (
    AMOUNT_UNKNOWN_CREDIT,
    COFUNDING_SHARE,
    COVERAGE_EXPONENT,
    COVERAGE_SCALE,
    FITTING_GRANT_SHARE,
    INDIRECT_FACTOR,
    NARROW_PURPOSE_FACTOR,
    ORDINARY_ROUTE_FACTOR,
    OTHER_TARGETS_FACTOR,
    PARTNER_COUNTRY_FACTOR,
    TARGET_SIZE_EXPONENT,
    THEME_SIZE_EXPONENT,
    StandingFactors,
)
from funding_matcher.domain.profile import Profile


def coverage_credit(arrays: ProgrammeArrays, profile: Profile) -> np.ndarray | None:
    """How well the euro caps fit the need (nan: unknown); None without a need.

    1 when the maximum covers at least COFUNDING_SHARE of the need, below that (share /
    COFUNDING_SHARE) ** COVERAGE_EXPONENT. A rate is no sign of a co-funder (the rest is own
    contribution by design), so only euro caps count here; the reasons show the rate as well.
    """
    if not profile.requested_eur:
        return None
    share = arrays.amounts.coverage(profile, with_rate=False)
    with np.errstate(invalid="ignore"):
        return np.power(np.minimum(share / COFUNDING_SHARE, 1.0), COVERAGE_EXPONENT)


def score_parts(
    arrays: ProgrammeArrays,
    profile: Profile,
    text: np.ndarray,
    ok: np.ndarray,
    credit: np.ndarray | None,
) -> dict[str, Any]:
    """Each part of the score (0..1, see weights.py) for every programme."""
    parts: dict[str, Any] = {}
    best = float(np.max(text, where=ok, initial=0.0))
    parts["text"] = text * np.float32(1.0 / best) if best > 0 else 0.0
    if profile.themes:
        overlap = popcount(arrays.themes & mask("themes", profile.themes))
        profile_norm = len(profile.themes) ** (THEME_SIZE_EXPONENT - 1.0)
        parts["themes"] = overlap * arrays.theme_norm * np.float32(profile_norm)
    if profile.target_groups:
        overlap = popcount(arrays.targets & mask("target_groups", profile.target_groups))
        profile_norm = len(profile.target_groups) ** (TARGET_SIZE_EXPONENT - 1.0)
        similarity = overlap * arrays.target_norm * np.float32(profile_norm)
        parts["targets"] = np.where(overlap > 0, similarity, arrays.for_all_credit)
    if profile.cost_types:
        covered = popcount(arrays.costs & mask("cost_types", profile.cost_types))
        parts["costs"] = covered * np.float32(1.0 / len(profile.cost_types))
    if credit is not None:
        parts["amount"] = np.nan_to_num(credit, nan=AMOUNT_UNKNOWN_CREDIT).astype(np.float32)
    parts["regional"] = arrays.regional_specificity
    parts["applicant"] = arrays.applicant_specificity
    if profile.designated_area is True:
        parts["designated"] = arrays.designated_f32
    elif profile.designated_area is False:
        parts["designated"] = -arrays.designated_f32
    return parts


def total_scores(parts: dict[str, Any], weights: dict[str, float], size: int) -> np.ndarray:
    """Weighted score (0..100) of every programme before the scaling below; excluded get -inf."""
    scale = 100.0 / sum(weights.values())
    total = np.zeros(size, dtype=np.float32)
    buffer = np.empty_like(total)
    for name, value in parts.items():
        weight = np.float32(weights.get(name, 0.0) * scale)
        if np.isscalar(value):
            total += weight * value
        else:
            np.multiply(value, weight, out=buffer)
            total += buffer
    return total


def scaled_scores(
    total: np.ndarray,
    arrays: ProgrammeArrays,
    rules: Eligibility,
    credit: np.ndarray | None,
    factors: StandingFactors,
    profile: Profile,
    unplanned: np.ndarray,
) -> np.ndarray:
    """Scale by coverage, standing and route, and down for a narrow purpose the project does not
    plan (``unplanned``); put the lines of a family that fund the project first; keep prizes
    and wage subsidies below every fitting grant; excluded programmes get -inf."""
    if credit is not None and COVERAGE_SCALE:
        known = ~np.isnan(credit)
        factor = 1.0 - COVERAGE_SCALE * (1.0 - credit[known])
        total[known] *= factor.astype(np.float32)
    ended = arrays.deadline_closed | arrays.status_ended
    total[ended] *= np.float32(factors.ended)
    total[rules.closed & ~rules.upcoming & ~ended] *= np.float32(factors.no_window)
    total[arrays.status_unclear & ~ended] *= np.float32(factors.unclear)
    total[rules.indirect & ~rules.ordinary] *= np.float32(INDIRECT_FACTOR)
    total[rules.ordinary] *= np.float32(ORDINARY_ROUTE_FACTOR)
    total[for_other_people(arrays, profile)] *= np.float32(OTHER_TARGETS_FACTOR)
    total[unplanned] *= np.float32(NARROW_PURPOSE_FACTOR)
    total[other_partner_countries(arrays, profile)] *= np.float32(PARTNER_COUNTRY_FACTOR)
    total[~rules.ok] = -np.inf
    _lines_that_fund_the_project_first(total, arrays, rules, profile)
    _below_fitting_grants(total, arrays, rules)
    return total


def other_partner_countries(arrays: ProgrammeArrays, profile: Profile) -> np.ndarray:
    """Programmes whose partners must come from countries the project does not name, while it
    names others (kinds.other_partner_country for the whole catalogue)."""
    named = country_bits(profile_countries(profile))
    wanted = arrays.partner_countries
    if not named:
        return np.zeros(len(wanted), dtype=bool)
    return (wanted != 0) & ((wanted & named) == 0)


def for_other_people(arrays: ProgrammeArrays, profile: Profile) -> np.ndarray:
    """Programmes naming target groups (not "alle") of which the profile names none of its
    own groups; a project that names only "alle" reaches any group and is never told so, one
    that names "alle" beside its groups is compared by those groups."""
    groups = profile.named_target_groups
    if not groups:
        return np.zeros(len(arrays.targets), dtype=bool)
    overlap = popcount(arrays.targets & mask("target_groups", groups))
    return (overlap == 0) & (arrays.targets != 0) & (arrays.for_all_credit == 0)


def _listed(rules: Eligibility) -> np.ndarray:
    """The programmes of the main list (not those reached only through a third party)."""
    return rules.ok & ~(rules.indirect & ~rules.ordinary)


def _lines_that_fund_the_project_first(
    total: np.ndarray, arrays: ProgrammeArrays, rules: Eligibility, profile: Profile
) -> None:
    """Within a programme family, move a line that does not fund the project's staff or
    investment (costs.funds_the_project) just below the best listed line of the same family that
    does, keeping the order among the lines moved.

    The lines of a family share their funder's text (whom it helps, which Satzungszwecke, how to
    apply), so the text cannot tell a foundation's project funding from its equipment line;
    their terms can: a project that is mostly staff is carried by the line that pays staff, the
    equipment line is at most its complement. No weight: the order within the family follows
    the same rule the funding mix uses to choose its main programme."""
    heavy = mask("cost_types", sorted(set(profile.cost_types) & {"personal", "investiv"}))
    if not heavy or not (arrays.family >= 0).any():
        return
    in_family = _listed(rules) & (arrays.family >= 0)
    funds = ((arrays.costs & heavy) == heavy) | (arrays.costs == 0)
    families = int(arrays.family.max()) + 1
    best_funding = np.full(families, -np.inf)
    carriers = in_family & funds
    np.maximum.at(best_funding, arrays.family[carriers], total[carriers])
    others = np.flatnonzero(in_family & ~funds)
    ceiling = best_funding[arrays.family[others]]
    moved = others[np.isfinite(ceiling) & (total[others] > ceiling)]
    if not len(moved):
        return
    top = np.full(families, -np.inf)
    np.maximum.at(top, arrays.family[moved], total[moved])
    family = arrays.family[moved]
    total[moved] = best_funding[family] - 0.01 - (top[family] - total[moved]) * 1e-3


def _below_fitting_grants(total: np.ndarray, arrays: ProgrammeArrays, rules: Eligibility) -> None:
    """Move prizes and wage subsidies that outscore the lowest fitting grant just below it,
    keeping their order among themselves."""
    listed = _listed(rules)
    grants = listed & arrays.grant
    best = float(np.max(total, where=grants, initial=-np.inf))
    if best <= 0:
        return
    fitting = grants & (total >= FITTING_GRANT_SHARE * best)
    if not fitting.any():
        return
    floor = float(total[fitting].min())
    demote = listed & arrays.secondary & (total >= floor)
    if demote.any():
        top = float(total[demote].max())
        total[demote] = floor - 0.01 - (top - total[demote]) * 1e-3
