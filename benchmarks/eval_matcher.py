"""Ranking quality on labelled cases, in-process: text modes and a coarse weight sweep.

Prints nDCG@10, top-3 hit and must-not violations (the measures of ../shared/eval/evaluate.py)
for each text analysis mode, then the best weight settings of a coarse grid around the
documented defaults, so that a change of weights is a measured decision.

    .venv/bin/python benchmarks/eval_matcher.py [--cases ../shared/eval/dev/cases.json] [--sweep]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from datetime import date
from pathlib import Path

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.matching.engine import TEXT_MODES, MatchingEngine
from funding_matcher.domain.matching.weights import CLOSED_FACTOR, WEIGHTS
from funding_matcher.domain.profile import Profile
from funding_matcher.paths import PROJECT_ROOT

GAIN = {2: 3.0, 1: 1.0}
TODAY = date(2026, 11, 24)


def case_scores(ranked: list[str], case: dict) -> tuple[float, float, float]:
    """nDCG@10, top-3 hit, must-not count in the first ten (as the shared instrument)."""
    rel = {k: int(v) for k, v in case["relevant"].items()}
    dcg = sum(GAIN.get(rel.get(s, 0), 0.0) / math.log2(i + 2) for i, s in enumerate(ranked[:10]))
    ideal = sorted((GAIN[g] for g in rel.values() if g in GAIN), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    top3 = float(any(rel.get(s, 0) == 2 for s in ranked[:3]))
    viol = float(sum(1 for s in ranked[:10] if s in set(case.get("must_not", []))))
    return (dcg / idcg if idcg else 0.0), top3, viol


def evaluate(engine: MatchingEngine, cases: list[dict]) -> tuple[float, float, float]:
    rows = []
    for case in cases:
        ranking = engine.rank(
            Profile.from_dict(case["profile"]), TODAY, include_closed=True, top=20
        )
        rows.append(case_scores([m.programme.slug for m in ranking.matches], case))
    return tuple(sum(r[i] for r in rows) / len(rows) for i in range(3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cases", type=Path, default=PROJECT_ROOT.parent / "shared" / "eval" / "dev" / "cases.json"
    )
    parser.add_argument("--sweep", action="store_true", help="also sweep the weights")
    args = parser.parse_args()
    cases = json.loads(args.cases.read_text(encoding="utf-8"))
    programmes = load_catalogue(PROJECT_ROOT / "programs").programmes
    print(f"{len(cases)} cases, {len(programmes)} programmes")
    print(f"{'text mode':<16} {'nDCG@10':>8} {'top3':>6} {'viol@10':>8}")
    for mode in TEXT_MODES:
        ndcg, top3, viol = evaluate(MatchingEngine(programmes, text_mode=mode), cases)
        print(f"{mode:<16} {ndcg:8.3f} {top3:6.2f} {viol:8.2f}")
    if not args.sweep:
        return
    engine = MatchingEngine(programmes)
    grid = {
        "text": [0.3, 0.45, 0.6],
        "themes": [0.1, 0.2, 0.3],
        "targets": [0.04, 0.08],
        "regional": [0.0, 0.04, 0.08],
        "applicant": [0.03, 0.06, 0.12],
    }
    results = []
    for values in itertools.product(*grid.values()):
        for closed in (0.8, 0.9, 1.0):
            engine.weights = {**WEIGHTS, **dict(zip(grid, values, strict=True))}
            engine.closed_factor = closed
            results.append((evaluate(engine, cases), values, closed))
    results.sort(key=lambda r: (-r[0][0], r[0][2]))
    engine.weights, engine.closed_factor = dict(WEIGHTS), CLOSED_FACTOR
    default = evaluate(engine, cases)
    print(f"\ndefaults: nDCG {default[0]:.3f} top3 {default[1]:.2f} viol {default[2]:.2f}")
    print("best of the sweep (" + ", ".join(grid) + ", closed factor):")
    for (ndcg, top3, viol), values, closed in results[:10]:
        print(f"  nDCG {ndcg:.3f} top3 {top3:.2f} viol {viol:.2f}  {values} {closed}")


if __name__ == "__main__":
    main()
