"""The hard rules: who may apply where, with how much, for what, and whether a round is open."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import numpy as np

from funding_matcher.domain.matching.features import ProgrammeArrays, mask
from funding_matcher.domain.matching.weights import MAX_AMOUNT_FACTOR, MIN_AMOUNT_FACTOR
from funding_matcher.domain.profile import Profile


class Eligibility(NamedTuple):
    """Boolean masks over the catalogue for one profile."""

    ok: np.ndarray  # passes every hard rule
    closed: np.ndarray  # no round open now (status, or the last date has passed)
    indirect: np.ndarray  # the applicant gets the money only through an intermediary


def eligible(
    arrays: ProgrammeArrays, profile: Profile, today: date, include_closed: bool
) -> Eligibility:
    """Which programmes pass the hard rules, which are closed now, which only via others."""
    applicant = mask("applicant_types", [profile.applicant_type])
    direct = (arrays.applicants & applicant) != 0
    indirect = ~direct & ((arrays.indirect_applicants & applicant) != 0)
    ok = direct | indirect
    ok &= (arrays.states & mask("states", [profile.state])) != 0
    if profile.area_type:
        ok &= (arrays.areas & mask("area_types", [profile.area_type])) != 0
    requested = profile.requested_eur
    if requested:
        with np.errstate(invalid="ignore"):
            ok &= ~(requested > arrays.amount_max * MAX_AMOUNT_FACTOR)
            ok &= ~(requested < arrays.amount_min * MIN_AMOUNT_FACTOR)
    costs = set(profile.cost_types)
    if costs == {"investiv"}:
        ok &= ~arrays.non_investive
    elif costs and "investiv" not in costs:
        ok &= ~arrays.only_investive
    closed = (
        arrays.status_closed
        | arrays.deadline_closed
        | (~arrays.always_open & (arrays.last_date < today.toordinal()))
    )
    if not include_closed:
        ok &= ~closed
    return Eligibility(ok, closed, indirect)
