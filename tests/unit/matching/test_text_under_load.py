"""The text pipeline under concurrent, hostile and endless input: same answers, bounded cost."""

from __future__ import annotations

import random
import string
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date
from multiprocessing import get_context

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.domain.matching.text import MAX_WORD, words
from funding_matcher.domain.matching.text_index import programme_text
from funding_matcher.domain.profile import Profile
from funding_matcher.paths import PROJECT_ROOT

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def engine() -> MatchingEngine:
    return MatchingEngine(load_catalogue(PROJECT_ROOT / "programs").programmes)


def compound_profile(rng: random.Random, vocabulary: list[str], n_words: int = 120) -> Profile:
    """A long description of new compounds glued from catalogue words (Quartiersbürofonds...)."""
    compounds = [
        "".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 3))) for _ in range(n_words)
    ]
    return Profile.from_dict(
        {
            "title": "Quartiersentwicklung mit Nachbarschaftszentrum",
            "description": " ".join(compounds),
            "applicant_type": rng.choice(["kommune", "verein", "freier_traeger"]),
            "state": "NW",
        }
    )


def summary(engine: MatchingEngine, profile: Profile) -> list[tuple]:
    ranking = engine.rank(profile, TODAY, include_closed=True)
    return [(m.programme.slug, m.score, tuple(m.reasons)) for m in ranking.matches]


def compound_profiles(engine: MatchingEngine, seed: int, count: int = 64) -> list[Profile]:
    rng = random.Random(seed)
    vocabulary = sorted(
        {w for p in engine.programmes for w in programme_text(p).split() if w.isalpha()}
    )
    return [compound_profile(rng, vocabulary) for _ in range(count)]


def ranked_alone(seed: int) -> list[list[tuple]]:
    """The rankings of a fresh process that ranks one profile after the other."""
    engine = MatchingEngine(load_catalogue(PROJECT_ROOT / "programs").programmes)
    return [summary(engine, p) for p in compound_profiles(engine, seed)]


def test_many_threads_rank_exactly_like_one(engine):
    # Words never seen before, so nothing can come from a cache: every thread analyses them.
    profiles = compound_profiles(engine, seed=3)
    with ThreadPoolExecutor(max_workers=16) as pool:
        got = list(pool.map(lambda p: summary(engine, p), profiles))
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as alone:
        expected = alone.submit(ranked_alone, 3).result()
    assert got == expected


@pytest.mark.parametrize("token", ["a" * 50_000, "quartier" * 6_250])
def test_a_single_huge_word_is_ranked_at_once(engine, token):
    profile = Profile.from_dict(
        {
            "title": "Treffpunkt",
            "description": f"Nachbarschaftstreff {token}"[:50_000],
            "applicant_type": "verein",
            "state": "NW",
        }
    )
    start = time.perf_counter()
    ranking = engine.rank(profile, TODAY, include_closed=True)
    # Before the fix this took minutes; the bound only guards against the quadratic growth.
    assert time.perf_counter() - start < 2.0
    assert ranking.matches
    assert all(len(w) <= MAX_WORD for w in words(profile.description))


def test_new_words_do_not_stay_in_memory(engine):
    rng = random.Random(5)
    letters = string.ascii_lowercase + "äöü"

    def unseen_words_profile() -> Profile:
        new = ["".join(rng.choice(letters) for _ in range(rng.randint(6, 24))) for _ in range(2000)]
        return Profile.from_dict(
            {
                "title": "Neue Wörter",
                "description": " ".join(new)[:50_000],
                "applicant_type": "verein",
                "state": "NW",
            }
        )

    for _ in range(3):
        engine.rank(unseen_words_profile(), TODAY)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(30):
            engine.rank(unseen_words_profile(), TODAY)
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # 60,000 new words passed through; none of them may be kept.
    assert grown < 512 * 1024, f"{grown / 1024:.0f} KiB kept after 30 requests"
