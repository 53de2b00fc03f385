"""The hard rules: who may apply where (the Land, and the part of it a regional programme
serves), with how much, for what, whether a round is open, and
whether a cross-border programme can apply at all. Each rule is a mask over the catalogue, kept
by name so that exclusions can be counted by reason without writing a sentence for each."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import numpy as np

from funding_matcher.domain.matching.features import ProgrammeArrays, mask
from funding_matcher.domain.matching.kinds import profile_speaks_of_cooperation
from funding_matcher.domain.matching.weights import MIN_AMOUNT_FACTOR
from funding_matcher.domain.places import directory
from funding_matcher.domain.profile import Profile

# Rule names in the order an exclusion is counted under (the first rule it fails).
RULES = (
    "state",
    "region",
    "applicant",
    "area",
    "designated",
    "closed",
    "amount",
    "size",
    "costs",
    "cooperation",
)
# Rules a near miss may fail: about this project's shape, not about who, where or when (closed
# programmes are listed for the next round when the user asks for them).
SOFT_RULES = frozenset({"area", "designated", "amount", "size", "costs", "cooperation"})


class Eligibility(NamedTuple):
    """Boolean masks over the catalogue for one profile."""

    ok: np.ndarray  # passes every hard rule
    closed: np.ndarray  # no round open now (status, or the last date has passed)
    upcoming: np.ndarray  # ... but a next submission date is known (not ended)
    indirect: np.ndarray  # the applicant gets the money only through an intermediary
    ordinary: np.ndarray  # ... and that intermediary is the ordinary way in (main list)
    failed: dict[str, np.ndarray]  # rule name -> programmes failing it


def eligible(
    arrays: ProgrammeArrays,
    profile: Profile,
    today: date,
    include_closed: bool,
) -> Eligibility:
    """Which programmes pass the hard rules, which are closed now (and of those, which have a
    known next date), which only via others."""
    applicant = mask("applicant_types", [profile.applicant_type])
    direct = (arrays.applicants & applicant) != 0
    indirect = ~direct & ((arrays.indirect_applicants & applicant) != 0)
    ordinary = indirect & ((arrays.ordinary_applicants & applicant) != 0)
    nothing = np.zeros(len(arrays.applicants), dtype=bool)
    failed = {
        "state": (arrays.states & mask("states", [profile.state])) == 0,
        "region": arrays.outside_area(directory().locate(profile.state, profile.municipality)),
        "applicant": ~(direct | indirect),
        "area": (arrays.areas & mask("area_types", [profile.area_type])) == 0
        if profile.area_type
        else nothing,
    }
    # Only for a Fördergebiet of the Städtebauförderung, and the profile says it lies in none.
    failed["designated"] = arrays.designated if profile.designated_area is False else nothing
    # A guideline that ran out carries no round, whatever its dates say, until a new one is
    # issued: the annual 28 February of an expired Spielplatz guideline is no next date.
    expired = arrays.guideline_expired(today)
    closed = (
        arrays.status_closed
        | arrays.deadline_closed
        | (~arrays.always_open & (arrays.last_date < today.toordinal()))
        | expired
    )
    # Between two rounds with a known next date (an annual call, an announced window, the
    # Land procedure's date for a Bund programme) is the ordinary way in, not a closed door.
    upcoming = (
        closed
        & ~(arrays.status_ended | arrays.deadline_closed | expired)
        & arrays.window_ahead(today, profile.state)
    )
    # A programme between two rounds whose next round is expected (its status says so, the
    # date is not published yet: an annual Regionalbudget, a Bezirk's yearly call) is the
    # ordinary way in as well: listed, a little lower (NO_WINDOW_FACTOR), with "für die nächste
    # Runde vormerken". Only a round that merely lapsed (a date passed, no next one expected)
    # is left to include_closed.
    expected = closed & arrays.status_between & ~(arrays.deadline_closed | expired)
    failed["closed"] = nothing if include_closed else closed & ~upcoming & ~expected
    requested = profile.requested_eur
    if requested:
        with np.errstate(invalid="ignore"):
            failed["amount"] = requested < arrays.amount_min * MIN_AMOUNT_FACTOR
    else:
        failed["amount"] = nothing
    # A Kleinprojekt fund takes projects up to a total cost; a larger project is too big for it.
    total = profile.budget_total_eur
    if total:
        with np.errstate(invalid="ignore"):
            failed["size"] = total > arrays.project_cost_max
    else:
        failed["size"] = nothing
    costs = set(profile.cost_types)
    if costs == {"investiv"}:
        failed["costs"] = arrays.non_investive
    elif costs and "investiv" not in costs:
        failed["costs"] = arrays.only_investive
    else:
        failed["costs"] = nothing
    # kinds.cross_border_fits for the whole catalogue at once: a place inside a served Land is
    # never outside the programme area (a Land outside fails the state rule already).
    if profile.partners_abroad or (
        profile.partners_abroad is None and profile_speaks_of_cooperation(profile)
    ):
        failed["cooperation"] = nothing
    else:
        failed["cooperation"] = arrays.cooperation
    ok = ~np.logical_or.reduce([failed[name] for name in RULES])
    return Eligibility(ok, closed, upcoming, indirect, ordinary, failed)
