"""Fit and rank timings of the MatchingEngine on the real and on synthetic catalogues.

For each catalogue it prints the fit time and the median and p95 latency of ``rank`` (top 10,
reasons included), next to the floor measured in the same run on the same matrix: gathering only
the query terms' postings (a column slice of the CSC matrix) plus top-k selection. Synthetic
programmes have about 300 words drawn from the real catalogue's text, so term frequencies stay
realistic German, and random but valid applicant types, Länder, themes and deadlines.

    .venv/bin/python benchmarks/match_bench.py [--sizes 1000 10000 100000] [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import date

import numpy as np

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.domain.matching.text_index import profile_text, programme_text
from funding_matcher.domain.profile import Profile
from funding_matcher.paths import PROJECT_ROOT

TODAY = date(2026, 11, 24)
WORDS_PER_PROGRAMME = 300
DEV_CASES = PROJECT_ROOT.parent / "shared" / "eval" / "dev" / "cases.json"


def synthetic_catalogue(real: list[Programme], size: int, rng: random.Random) -> list[Programme]:
    """``size`` valid programmes whose texts are sampled from the real catalogue's words."""
    vocabulary = [w for p in real for w in programme_text(p).split()]
    codes = {name: list(taxonomy.VOCABULARIES[name]) for name in taxonomy.VOCABULARIES}
    out = []
    for i in range(size):
        template = rng.choice(real).model_dump()
        text = rng.choices(vocabulary, k=WORDS_PER_PROGRAMME)
        states = "all" if rng.random() < 0.4 else rng.sample(codes["states"], 1)
        if template.get("programme_area"):  # its area names places of its own Länder
            states = template["states"]
        template.update(
            slug=f"synthetisch-{i}",
            title=" ".join(text[:8]),
            summary=" ".join(text[8:50]),
            description=" ".join(text[50:]),
            applicant_types=rng.sample(codes["applicant_types"], rng.randint(1, 4)),
            states=states,
            themes=rng.sample(codes["themes"], rng.randint(1, 5)),
            target_groups=rng.sample(codes["target_groups"], rng.randint(0, 4)),
            combinable_with=[],
            not_combinable_with=[],
            # Routes and links name real applicant types and slugs: a copy keeps none of them
            # (a route for a type the copy now lists directly would not validate).
            access_via=[],
            access_via_ordinary=None,
            land_procedure_for=[],
        )
        out.append(Programme.model_validate(template))
    return out


def query_profiles(rng: random.Random, real: list[Programme], count: int) -> list[Profile]:
    """The shared development profiles, then profiles made from sampled catalogue text."""
    profiles = []
    if DEV_CASES.exists():
        profiles = [
            Profile.from_dict(c["profile"])
            for c in json.loads(DEV_CASES.read_text(encoding="utf-8"))
        ]
    vocabulary = [w for p in real for w in p.description.split()]
    while len(profiles) < count:
        text = " ".join(rng.choices(vocabulary, k=rng.randint(30, 120)))
        profiles.append(
            Profile.from_dict(
                {
                    "title": " ".join(rng.choices(vocabulary, k=4)),
                    "description": text,
                    "applicant_type": rng.choice(list(taxonomy.APPLICANT_TYPES)),
                    "state": rng.choice(list(taxonomy.STATES)),
                    "themes": rng.sample(list(taxonomy.THEMES), 2),
                    "budget_total_eur": rng.choice([20000, 150000, 2000000]),
                }
            )
        )
    return profiles[:count]


def floor_rank(engine: MatchingEngine, profile: Profile, k: int = 10) -> float:
    """The least work any TF-IDF ranker must do: the query's postings plus top-k.

    The query vector is built before the clock starts; only the column slice of the CSC
    matrix, the dot product and the top-k selection are timed.
    """
    columns, weights, _, _ = engine.text._query(profile_text(profile))
    start = time.perf_counter()
    scores = np.asarray(engine.text.columns[:, columns] @ weights).ravel()
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top[np.argsort(-scores[top])]
    return (time.perf_counter() - start) * 1000


def timed(fn, items) -> list[float]:
    out = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def bench(name: str, programmes: list[Programme], profiles: list[Profile]) -> None:
    start = time.perf_counter()
    engine = MatchingEngine(programmes)
    fit = time.perf_counter() - start
    for profile in profiles[:5]:  # warm caches (stems, compound splits) as a server would
        engine.rank(profile, TODAY, top=10)
    rank_ms = timed(lambda p: engine.rank(p, TODAY, top=10), profiles)
    floor_ms = [floor_rank(engine, p) for p in profiles]
    print(
        f"{name:<14} {len(engine.programmes):>7} {fit:>8.2f} {statistics.median(rank_ms):>9.2f}"
        f" {p95(rank_ms):>8.2f} {statistics.median(floor_ms):>10.2f} {p95(floor_ms):>9.2f}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    real = load_catalogue(PROJECT_ROOT / "programs").programmes
    profiles = query_profiles(rng, real, args.queries)
    print(f"{len(profiles)} queries per catalogue; times: fit in s, rank and floor in ms")
    print(
        f"{'catalogue':<14} {'size':>7} {'fit s':>8} {'rank med':>9} {'rank p95':>8}"
        f" {'floor med':>10} {'floor p95':>9}"
    )
    bench("real", real, profiles)
    for size in args.sizes:
        start = time.perf_counter()
        synthetic = synthetic_catalogue(real, size, rng)
        made = time.perf_counter() - start
        bench(f"synthetic {size // 1000}k", synthetic, profiles)
        print(f"{'':<14} (generating {size} programmes took {made:.1f} s, not counted)", flush=True)


if __name__ == "__main__":
    main()
