"""The catalogue as arrays: code sets as bit masks and the numbers the rules and scores need.

Built once per fitted engine; the rules and the scores then work on whole columns at once.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.family import family_root
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.matching.amounts import AmountArrays
from funding_matcher.domain.matching.kinds import COUNTRY_NAMES, funding_kind, is_secondary_kind
from funding_matcher.domain.matching.standing import status_class
from funding_matcher.domain.matching.weights import (
    ALL_TARGET_CREDIT,
    TARGET_SIZE_EXPONENT,
    THEME_SIZE_EXPONENT,
)
from funding_matcher.domain.places import Place, area_index

BIT = {
    vocabulary: {
        code: np.uint32(1 << i) for i, code in enumerate(taxonomy.VOCABULARIES[vocabulary])
    }
    for vocabulary in (
        "applicant_types",
        "states",
        "area_types",
        "themes",
        "target_groups",
        "cost_types",
    )
}
ALL_BITS = np.uint32(0xFFFFFFFF)
NO_DATE = np.iinfo(np.int64).min
# A guideline without an end date never runs out.
_NEVER = date.max.toordinal()


def mask(vocabulary: str, codes: list[str] | str) -> np.uint32:
    """The bit mask of a list of codes (``all`` sets every bit)."""
    if codes == "all":
        return ALL_BITS
    value = np.uint32(0)
    for code in codes:
        value |= BIT[vocabulary].get(code, np.uint32(0))
    return value


def popcount(values: np.ndarray) -> np.ndarray:
    """How many codes two masks share, as float32."""
    return np.bitwise_count(values).astype(np.float32)


def _size_weight(sizes: list[int], exponent: float) -> np.ndarray:
    return np.maximum(np.array(sizes, dtype=np.float32), 1.0) ** np.float32(-exponent)


_COUNTRY_BIT = {code: i for i, code in enumerate(sorted(COUNTRY_NAMES))}


def country_bits(codes) -> int:
    """One bit per country code of kinds.COUNTRY_NAMES."""
    return sum(1 << _COUNTRY_BIT[c] for c in codes if c in _COUNTRY_BIT)


def _last_date(p: Programme) -> int:
    dates = p.deadline.dates + [w.closes for w in p.deadline.windows]
    return max(dates).toordinal() if dates else NO_DATE


def _family_numbers(ps: list[Programme]) -> np.ndarray:
    """One number per family with more than one ranked line, -1 for the rest."""
    by_slug = {p.slug: p for p in ps}
    roots = [family_root(p, by_slug) for p in ps]
    sizes: dict[str, int] = {}
    for root in roots:
        sizes[root] = sizes.get(root, 0) + 1
    numbers = {root: i for i, root in enumerate(r for r, n in sizes.items() if n > 1)}
    return np.array([numbers.get(root, -1) for root in roots], dtype=np.int64)


class ProgrammeArrays:
    """One entry per programme, in the engine's order."""

    def __init__(self, ps: list[Programme]) -> None:
        self.applicants = np.array(
            [mask("applicant_types", p.applicant_types) for p in ps], dtype=np.uint32
        )
        # Applicant types that get the money through an intermediary (Weiterleitung).
        self.indirect_applicants = np.array(
            [mask("applicant_types", p.indirect_applicant_types) for p in ps], dtype=np.uint32
        )
        self.states = np.array([mask("states", p.states) for p in ps], dtype=np.uint32)
        self.areas = np.array([mask("area_types", p.area_types) for p in ps], dtype=np.uint32)
        self.themes = np.array([mask("themes", p.themes) for p in ps], dtype=np.uint32)
        self.targets = np.array(
            [mask("target_groups", p.target_groups) for p in ps], dtype=np.uint32
        )
        self.costs = np.array([mask("cost_types", p.cost_types) for p in ps], dtype=np.uint32)
        # Set sizes enter the similarity of codes: overlap / (|programme|^e sqrt(|profile|)).
        # It favours programmes that name few, specific codes over ones that list nearly all.
        self.theme_norm = _size_weight([len(p.themes) for p in ps], THEME_SIZE_EXPONENT)
        self.target_norm = _size_weight([len(p.target_groups) for p in ps], TARGET_SIZE_EXPONENT)
        self.for_all_credit = np.where(
            (self.targets & BIT["target_groups"]["alle"]) != 0, ALL_TARGET_CREDIT, 0.0
        ).astype(np.float32)
        # Counted over everyone who gets the money, directly or through an intermediary: a
        # programme reached only through Programmpartner is not "made for" each of them.
        self.applicant_specificity = np.array(
            [1.0 / max(len(p.applicant_types) + len(p.indirect_applicant_types), 1) for p in ps],
            dtype=np.float32,
        )
        # 1 for a programme of one Land, 1/n for one shared by n Länder, 0 for all of Germany.
        self.regional_specificity = np.array(
            [0.0 if p.serves_all_states else 1.0 / len(p.states) for p in ps], dtype=np.float32
        )
        # A Städtebau area or designated Quartier, what the profile's designated_area answers.
        self.designated = np.array([p.needs_staedtebau_area for p in ps], dtype=bool)
        self.designated_f32 = self.designated.astype(np.float32)
        self.only_investive = np.array([p.purely_investive for p in ps], dtype=bool)
        self.non_investive = np.array([p.purely_non_investive for p in ps], dtype=bool)
        classes = [status_class(p.status) for p in ps]
        self.status_closed = np.array([c in ("ended", "next") for c in classes], dtype=bool)
        self.status_ended = np.array([c == "ended" for c in classes], dtype=bool)
        self.status_unclear = np.array([c == "unclear" for c in classes], dtype=bool)
        # Between two rounds by the record's status: the curator expects a next round
        # (catalogue-format.md, "Status"), even where its date is not published yet.
        self.status_between = np.array([c == "next" for c in classes], dtype=bool)
        # (Bund programme row, Land procedure row, the procedure's Länder): one applies for the
        # Bund programme through the procedure, so its next window is the procedure's.
        row_of = {p.slug: i for i, p in enumerate(ps)}
        self.procedures = [
            (row_of[slug], i, mask("states", p.states))
            for i, p in enumerate(ps)
            for slug in p.land_procedure_for
            if slug in row_of
        ]
        # Lines of one programme family share a number (-1: a programme standing alone).
        self.family = _family_numbers(ps)
        self.amounts = AmountArrays(ps)
        self.amount_min = self.amounts.lowest
        # The largest total cost of a project the programme takes (nan: no limit).
        self.project_cost_max = np.array(
            [np.nan if p.project_cost_max_eur is None else p.project_cost_max_eur for p in ps],
            dtype=np.float64,
        )
        kinds_of = [funding_kind(p) for p in ps]
        self.grant = np.array([k == "grant" for k in kinds_of], dtype=bool)
        self.secondary = np.array([is_secondary_kind(k) for k in kinds_of], dtype=bool)
        self.cooperation = np.array([p.cooperation is not None for p in ps], dtype=bool)
        # The countries partners must come from, one bit per code (0: any country).
        self.partner_countries = np.array(
            [country_bits(p.partner_countries or ()) for p in ps], dtype=np.uint32
        )
        # Programmes serving part of their Länder (programme_area): row -> the area's keys.
        self.areas_of = {
            i: area_index(p.programme_area) for i, p in enumerate(ps) if p.programme_area
        }
        # Applicant types whose intermediary route is the ordinary way in (main list).
        self.ordinary_applicants = np.array(
            [
                mask("applicant_types", p.indirect_applicant_types)
                if p.access_via_ordinary
                else np.uint32(0)
                for p in ps
            ],
            dtype=np.uint32,
        )
        kinds = [p.deadline.kind for p in ps]
        self.always_open = np.array(
            [k in ("rolling", "annual", "unknown") for k in kinds], dtype=bool
        )
        self.deadline_closed = np.array([k == "closed" for k in kinds], dtype=bool)
        self.annual = np.array([k == "annual" for k in kinds], dtype=bool)
        self.last_date = np.array([_last_date(p) for p in ps], dtype=np.int64)
        # The day the guideline's own validity ends (no round runs under it afterwards).
        self.guideline_until = np.array(
            [
                p.guideline_valid_until.toordinal() if p.guideline_valid_until else _NEVER
                for p in ps
            ],
            dtype=np.int64,
        )

    def guideline_expired(self, today: date) -> np.ndarray:
        """Programmes whose guideline ran out before ``today`` (rounds.guideline_expired)."""
        return self.guideline_until < today.toordinal()

    def outside_area(self, place: Place | None) -> np.ndarray:
        """Programmes whose programme area the place lies outside of (Place.lies_in for every
        row with an area): none when the place is not known for certain."""
        outside = np.zeros(len(self.cooperation), dtype=bool)
        if place is None:
            return outside
        for row, area in self.areas_of.items():
            outside[row] = not place.lies_in(area)
        return outside

    def window_ahead(self, today: date, state: str) -> np.ndarray:
        """A next submission date is known on ``today``: an annual day, a date or window ahead,
        or (for a Bund programme) such a date of its Land procedure for ``state``."""
        ahead = self.annual | (~self.always_open & (self.last_date >= today.toordinal()))
        here = mask("states", [state])
        for bund, procedure, states in self.procedures:
            if states & here and ahead[procedure]:
                ahead[bund] = True
        return ahead
