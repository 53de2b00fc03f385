"""MatchingEngine: hard eligibility rules plus German TF-IDF ranking, with reasons.

Fitted once from the catalogue (draft records do not count) and kept for the life of the process;
``rank`` then works on precomputed arrays: the rules are vectorised masks, the text score gathers
only the query terms' columns of a CSC matrix (text_index.py), and reasons are written for the
top matches only.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from funding_matcher.domain.catalogue.family import rankable
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.catalogue.rounds import guideline_expired
from funding_matcher.domain.matching.amounts import coverage, most_for_project, programme_cap
from funding_matcher.domain.matching.explain import (
    Fit,
    match_reasons,
    match_warnings,
    missing_data,
    timing_warning,
)
from funding_matcher.domain.matching.features import ProgrammeArrays, mask
from funding_matcher.domain.matching.kinds import funding_kind
from funding_matcher.domain.matching.mix import propose_mix
from funding_matcher.domain.matching.purpose import PurposeIndex, names_integration
from funding_matcher.domain.matching.ranking import Exclusion, Match, Ranking
from funding_matcher.domain.matching.routes import RouteIndex, conflicts, keep_routes_together
from funding_matcher.domain.matching.rules import Eligibility, eligible
from funding_matcher.domain.matching.scoring import (
    coverage_credit,
    scaled_scores,
    score_parts,
    total_scores,
)
from funding_matcher.domain.matching.standing import Standing, standing
from funding_matcher.domain.matching.text import words
from funding_matcher.domain.matching.text_index import DEFAULT_TEXT_MODE, TextIndex, TextScores
from funding_matcher.domain.matching.timing import timing_problem
from funding_matcher.domain.matching.weights import (
    MIX_POOL,
    STANDING_FACTORS,
    WEIGHTS,
    StandingFactors,
)
from funding_matcher.domain.profile import Profile

__all__ = ["Exclusion", "Match", "MatchingEngine", "Ranking"]


def _best(total: np.ndarray, chosen: np.ndarray, top: int | None) -> np.ndarray:
    """Rows of the chosen programmes, highest score first, at most ``top``."""
    rows = np.flatnonzero(chosen)
    k = len(rows) if top is None else min(top, len(rows))
    if k == 0:
        return np.array([], dtype=np.int64)
    if k < len(rows):
        rows = rows[np.argpartition(-total[rows], k - 1)[:k]]
    return rows[np.argsort(-total[rows], kind="stable")]


class MatchingEngine:
    """Rules + TF-IDF over one catalogue. Build once, call ``rank`` per request."""

    def __init__(
        self,
        programmes: list[Programme],
        text_mode: str = DEFAULT_TEXT_MODE,
        weights: dict[str, float] | None = None,
        standing_factors: StandingFactors = STANDING_FACTORS,
    ):
        self.weights = dict(WEIGHTS if weights is None else weights)
        self.standing_factors = standing_factors
        self.programmes = rankable(programmes)  # sub-lines, not the parent of a family
        self.text = TextIndex(self.programmes, text_mode)
        self.analyzer = self.text.analyzer
        self.arrays = ProgrammeArrays(self.programmes)
        self.routes = RouteIndex(self.programmes)
        self.purposes = PurposeIndex(self.programmes, self.analyzer)

    # -- ranking ----------------------------------------------------------------------------------

    def eligible(self, profile: Profile, today: date, include_closed: bool) -> Eligibility:
        """Boolean masks: passes every hard rule; closed now; reachable only through others."""
        return eligible(self.arrays, profile, today, include_closed)

    def unplanned(self, profile: Profile) -> np.ndarray:
        """Programmes with a narrow purpose that the project's own title and description do
        not name (purpose.py); the labels of its chosen codes do not count. A compound written
        with hyphens is read joined as well: "Mehr-Generationen-Haus" names the
        Mehrgenerationenhaus (split at white space only: linear in the text's length)."""
        text = profile.own_text
        joined = " ".join(t.replace("-", "") for t in text.split() if "-" in t)
        return self.purposes.unplanned(words(text) + words(joined), names_integration(profile))

    def _plannable(self, row: int, today: date, profile: Profile, unplanned: np.ndarray) -> bool:
        """A programme the funding mix may plan with: one can apply now or on a known next
        date (through its Land procedure for a Bund programme) that is not after the project's
        start, its guideline still runs when the project starts, and it funds what the project
        plans (not a narrow purpose the project's words do not name)."""
        programme = self.programmes[row]
        st = self._standing(programme, profile, today)
        if unplanned[row] or st.round == "ended":
            return False
        start = profile.start_date
        if start is not None and guideline_expired(programme, start):
            return False  # no guideline when the project starts
        problem = timing_problem(programme, profile, st.next_window, today)
        if problem is not None and problem.blocks_plan:
            return False  # one could not apply in time for this start
        return st.round == "open" or st.next_window is not None

    def scores(
        self, profile: Profile, text: np.ndarray, rules: Eligibility, unplanned: np.ndarray
    ) -> tuple[np.ndarray, dict]:
        """Score (0..100) of every programme, excluded ones -inf, and the weighted parts."""
        credit = coverage_credit(self.arrays, profile)
        parts = score_parts(self.arrays, profile, text, rules.ok, credit)
        total = total_scores(parts, self.weights, len(rules.ok))
        scaled = scaled_scores(
            total, self.arrays, rules, credit, self.standing_factors, profile, unplanned
        )
        return scaled, parts

    def rank(
        self, profile: Profile, today: date, include_closed: bool = False, top: int | None = None
    ) -> Ranking:
        """Rank the catalogue for a profile: matches (best first), funding mix, exclusions."""
        if not self.programmes:
            return Ranking([], self.programmes, profile, today)
        text = self.text.scores(profile)
        rules = self.eligible(profile, today, include_closed)
        unplanned = self.unplanned(profile)
        total, parts = self.scores(profile, text.scores, rules, unplanned)
        main = rules.ok & (~rules.indirect | rules.ordinary)
        lists = [
            keep_routes_together(
                [self.programmes[r] for r in self._related_best(total, chosen, top, profile, text)],
                self.routes,
                profile.state,
            )
            for chosen in (main, rules.ok & rules.indirect & ~rules.ordinary)
        ]
        row_of = self._row_of
        clashes = conflicts(lists[0] + lists[1])
        matches, indirect = (
            [
                self._match(
                    row_of[p.slug],
                    profile,
                    today,
                    total,
                    parts,
                    rules,
                    text,
                    clashes[p.slug],
                    bool(unplanned[row_of[p.slug]]),
                )
                for p in listed
            ]
            for listed in lists
        )
        candidates = _best(total, main, max(MIX_POOL, top or 0))
        # The best of the list that could carry a project, plannable now or not: the mix's bar.
        listed_best = max(
            (
                float(total[r])
                for r in candidates
                if not self.programmes[r].requires_public_cofunding and self._carries(r, rules)
            ),
            default=None,
        )
        pool = [
            (self.programmes[r], float(total[r]))
            for r in candidates
            # Money reached through a third party (a Programmpartner, the Kreis) is that
            # party's to give: listed, never planned with an amount.
            if not rules.indirect[r] and self._plannable(r, today, profile, unplanned)
        ]
        return Ranking(
            matches,
            self.programmes,
            profile,
            today,
            rules,
            text.scores,
            indirect,
            propose_mix(
                pool,
                profile,
                lambda p: self.routes.procedure(p, profile.state),
                listed_best,
                lambda p: timing_warning(p, profile, self._standing(p, profile, today), today),
            ),
        )

    def _related_best(
        self,
        total: np.ndarray,
        chosen: np.ndarray,
        top: int | None,
        profile: Profile,
        text: TextScores,
    ) -> list[int]:
        """The best ``top`` chosen rows that have something in common with the project: a
        theme, or a word of its own that the programme's text shares (a shown matching term).
        A programme that merely passes the rules (broadband money for a playground, whose
        only reason is "Antragsberechtigt: Kommune") is no match, however short the list. A
        profile without themes is not filtered: it says too little to tell."""
        if not profile.themes:
            return list(_best(total, chosen, top))
        themes = mask("themes", profile.themes)
        out: list[int] = []
        for row in _best(total, chosen, None):
            if self.arrays.themes[row] & themes or self.text.matched_terms(int(row), text):
                out.append(int(row))
                if top is not None and len(out) == top:
                    break
        return out

    def _standing(self, programme: Programme, profile: Profile, today: date) -> Standing:
        """The programme's standing, with the next date of its Land procedure for the profile's
        Land (a Bund programme)."""
        return standing(programme, today, self.routes.procedure(programme, profile.state))

    def _carries(self, row: int, rules: Eligibility) -> bool:
        """A grant the applicant applies for itself: what a funding mix is built from."""
        return not rules.indirect[row] and funding_kind(self.programmes[row]) == "grant"

    @property
    def _row_of(self) -> dict[str, int]:
        cached = getattr(self, "_rows_by_slug", None)
        if cached is None:
            cached = self._rows_by_slug = {p.slug: i for i, p in enumerate(self.programmes)}
        return cached

    def _match(
        self,
        row: int,
        profile: Profile,
        today: date,
        total: np.ndarray,
        parts: dict,
        rules: Eligibility,
        text: TextScores,
        clashes: list[Programme],
        unplanned: bool,
    ) -> Match:
        programme = self.programmes[row]
        route = programme.route_for(profile.applicant_type) if rules.indirect[row] else None
        scale = 100.0 / sum(self.weights.values())
        strengths = {
            name: float(value[row] if isinstance(value, np.ndarray) else value)
            * self.weights.get(name, 0)
            * scale
            for name, value in parts.items()
        }
        fit = Fit(
            strengths,
            self.text.matched_terms(row, text),
            route,
            bool(rules.ordinary[row]),
            self.routes.procedure(programme, profile.state),
            self.routes.carried(programme),
        )
        where = standing(programme, today, fit.procedure)
        cap = programme_cap(programme, profile)
        return Match(
            programme=programme,
            # A penalty (no designated area) can push a score below 0; the order keeps the raw
            # value, the number shown never leaves 0..100.
            score=min(max(round(float(total[row]), 1), 0.0), 100.0),
            reasons=match_reasons(programme, profile, where, fit, today),
            missing=missing_data(programme, profile),
            next_deadline=where.next_window,
            currently_closed=bool(rules.closed[row]),
            round=where.round,
            access_via=route,
            warnings=match_warnings(programme, profile, today, where, clashes, unplanned),
            kind=funding_kind(programme),
            ordinary_route=bool(rules.ordinary[row]),
            unclear=where.unclear,
            coverage=coverage(cap, profile),
            cap_eur=float(most) if (most := most_for_project(cap, profile)) is not None else None,
            conflicts=[p.slug for p in clashes],
            linked=sorted(self.routes.linked(programme, profile.state)),
        )
