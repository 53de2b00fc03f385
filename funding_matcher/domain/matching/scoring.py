"""The score of an eligible programme: text similarity plus weighted boosts (see weights.py)."""

from __future__ import annotations

from typing import Any

import numpy as np

from funding_matcher.domain.matching.features import ProgrammeArrays, mask, popcount
from funding_matcher.domain.matching.weights import INDIRECT_FACTOR
from funding_matcher.domain.profile import Profile


def score_parts(
    arrays: ProgrammeArrays, profile: Profile, text: np.ndarray, ok: np.ndarray
) -> dict[str, Any]:
    """Each part of the score (0..1, see weights.py) for every programme."""
    parts: dict[str, Any] = {}
    best = float(np.max(text, where=ok, initial=0.0))
    parts["text"] = text * np.float32(1.0 / best) if best > 0 else 0.0
    if profile.themes:
        overlap = popcount(arrays.themes & mask("themes", profile.themes))
        parts["themes"] = overlap * arrays.theme_norm * np.float32(len(profile.themes) ** -0.5)
    if profile.target_groups:
        overlap = popcount(arrays.targets & mask("target_groups", profile.target_groups))
        similarity = overlap * arrays.target_norm * np.float32(len(profile.target_groups) ** -0.5)
        parts["targets"] = np.where(overlap > 0, similarity, arrays.for_all_credit)
    if profile.cost_types:
        covered = popcount(arrays.costs & mask("cost_types", profile.cost_types))
        parts["costs"] = covered * np.float32(1.0 / len(profile.cost_types))
    requested = profile.requested_eur
    if requested:
        inside = (arrays.amount_lo <= requested) & (requested <= arrays.amount_hi)
        parts["amount"] = np.where(
            inside, arrays.amount_inside_credit, arrays.amount_outside_credit
        )
    parts["regional"] = arrays.regional_specificity
    parts["applicant"] = arrays.applicant_specificity
    if profile.designated_area is True:
        parts["designated"] = arrays.designated_f32
    elif profile.designated_area is False:
        parts["designated"] = -arrays.designated_f32
    return parts


def total_scores(
    parts: dict[str, Any],
    weights: dict[str, float],
    closed_factor: float,
    ok: np.ndarray,
    closed: np.ndarray,
    indirect: np.ndarray,
) -> np.ndarray:
    """Weighted score (0..100) of every programme; excluded ones get -inf."""
    scale = 100.0 / sum(weights.values())
    total = np.zeros(len(ok), dtype=np.float32)
    buffer = np.empty_like(total)
    for name, value in parts.items():
        weight = np.float32(weights.get(name, 0.0) * scale)
        if np.isscalar(value):
            total += weight * value
        else:
            np.multiply(value, weight, out=buffer)
            total += buffer
    if closed_factor != 1.0:
        total[closed] *= np.float32(closed_factor)
    total[indirect] *= np.float32(INDIRECT_FACTOR)
    total[~ok] = -np.inf
    return total
