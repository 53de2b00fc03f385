"""Small catalogues for the matcher's unit tests."""

from __future__ import annotations

from datetime import date

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.domain.matching.ranking import Match, Ranking
from funding_matcher.domain.profile import Profile
from tests.conftest import profile_data, programme_data

TODAY = date(2026, 11, 24)


def programme(**overrides) -> Programme:
    return Programme.model_validate(programme_data(**overrides))


def rank(programmes, include_closed=False, top=None, **profile_overrides) -> Ranking:
    engine = MatchingEngine(programmes)
    return engine.rank(
        Profile.from_dict(profile_data(**profile_overrides)),
        TODAY,
        include_closed=include_closed,
        top=top,
    )


def slugs(matches) -> list[str]:
    return [m.programme.slug for m in matches]


def others(n: int = 3) -> list[Programme]:
    """Filler programmes so that text weights are not degenerate."""
    return [
        programme(slug=f"anderes-{i}", description="Ehrenamt und Begegnung im Stadtteil.")
        for i in range(n)
    ]


def match_for(ranking: Ranking, slug: str) -> Match:
    """The match of one programme in a ranking's main list."""
    return next(m for m in ranking.matches if m.programme.slug == slug)
