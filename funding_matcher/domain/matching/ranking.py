"""The answer of one ranking: matches, the funding mix, and exclusions on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np

from funding_matcher.domain.catalogue.records import AccessRoute, Programme
from funding_matcher.domain.matching.exclusions import (
    ExclusionCount,
    close_rows,
    exclusion_counts,
    exclusion_reasons,
)
from funding_matcher.domain.matching.funding_mix import FundingMix
from funding_matcher.domain.matching.mix_notes import no_mix_reason
from funding_matcher.domain.matching.rules import Eligibility
from funding_matcher.domain.matching.standing import Round
from funding_matcher.domain.matching.weights import CLOSE_EXCLUSIONS
from funding_matcher.domain.profile import Profile


@dataclass(frozen=True)
class Match:
    programme: Programme
    score: float
    reasons: list[str]
    missing: list[str]
    next_deadline: date | None
    currently_closed: bool
    round: Round = "open"
    access_via: AccessRoute | None = None  # set when the money comes through an intermediary
    warnings: list[str] = field(default_factory=list)
    kind: str = "grant"  # grant, loan, prize, personnel_subsidy (kinds.py)
    ordinary_route: bool = False  # the intermediary is the ordinary way in (main list)
    unclear: bool = False  # the catalogue could not confirm the status
    coverage: float | None = None  # share of the need the programme can carry (0..1)
    cap_eur: float | None = None  # the most it can give this project
    conflicts: list[str] = field(default_factory=list)  # slugs in the answer it excludes
    linked: list[str] = field(default_factory=list)  # slugs on the same route (Bund/Land)


@dataclass(frozen=True)
class Exclusion:
    programme: Programme
    reasons: list[str]


@dataclass
class Ranking:
    """Matches, best first; exclusions are counted by reason and written out when asked for.

    ``matches`` are programmes the applicant applies to itself or through an intermediary that
    is its ordinary way in; ``indirect`` the ones it reaches only through a third party's
    decision (Weiterleitung), listed after them.
    """

    matches: list[Match]
    _programmes: list[Programme] = field(repr=False)
    _profile: Profile = field(repr=False)
    _today: date = field(repr=False)
    _rules: Eligibility | None = field(repr=False, default=None)
    _text: np.ndarray | None = field(repr=False, default=None)
    indirect: list[Match] = field(default_factory=list)
    mix: FundingMix | None = None

    @property
    def profile(self) -> Profile:
        """The profile this ranking answers."""
        return self._profile

    @property
    def no_mix_reason(self) -> str:
        """Why there is no funding mix, naming the best match when the project has to wait for
        it: its next deadline is after the start, or its next round has no date yet."""
        best = self.matches[0] if self.matches else None
        start = self._profile.start_date
        if best is not None and best.kind == "grant" and best.round != "ended":
            deadline = best.next_deadline
            if (deadline is None and best.round == "next") or (
                deadline is not None and start is not None and deadline > start
            ):
                return no_mix_reason(self._profile, best.programme, deadline)
        return no_mix_reason(self._profile)

    @cached_property
    def _excluded_rows(self) -> np.ndarray:
        if self._rules is None:
            return np.array([], dtype=np.int64)
        return np.flatnonzero(~self._rules.ok)

    @property
    def excluded_total(self) -> int:
        """How many programmes the hard rules exclude."""
        return len(self._excluded_rows)

    def _exclusions(self, rows: np.ndarray) -> list[Exclusion]:
        return [
            Exclusion(p, exclusion_reasons(p, self._profile, self._today))
            for p in (self._programmes[row] for row in rows)
        ]

    @cached_property
    def excluded(self) -> list[Exclusion]:
        """Every excluded programme with all its reasons (costs grow with the catalogue)."""
        return self._exclusions(self._excluded_rows)

    def excluded_page(self, page: int, per_page: int) -> list[Exclusion]:
        """One page (from 1) of the excluded programmes, reasons written for that page only."""
        start = (page - 1) * per_page
        return self._exclusions(self._excluded_rows[start : start + per_page])

    @cached_property
    def excluded_counts(self) -> list[ExclusionCount]:
        """Excluded programmes counted by the first rule each fails."""
        if self._rules is None:
            return []
        return exclusion_counts(self._rules, self._profile)

    @cached_property
    def close_excluded(self) -> list[Exclusion]:
        """The few excluded programmes that fail one rule about the project's shape only."""
        if self._rules is None or self._text is None:
            return []
        return self._exclusions(close_rows(self._rules, self._text, CLOSE_EXCLUSIONS))
