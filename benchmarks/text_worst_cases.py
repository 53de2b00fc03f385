"""Worst cases for the text pipeline: time per match request for hostile and huge texts.

Each case is a valid profile v1 sent to ``POST /api/v1/match`` through the Flask test client
(JSON parsing, validation, ranking with reasons and exclusions, JSON answer), on the real
catalogue. A case that takes longer than ``--limit`` seconds is stopped and reported as such.

    .venv/bin/python benchmarks/text_worst_cases.py [--repeat 20] [--limit 30]
"""

from __future__ import annotations

import argparse
import random
import signal
import statistics
import string
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask_migrate import upgrade

from funding_matcher import create_app
from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.matching.text_index import programme_text
from funding_matcher.extensions import db
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.paths import PROJECT_ROOT

MAX_DESCRIPTION = 50_000


class TooSlow(Exception):
    pass


TIMED_OUT: list[bool] = []


def _alarm(signum: int, frame: Any) -> None:
    TIMED_OUT.append(True)  # the app may turn the exception into a 500; the flag stays
    raise TooSlow


def _profile(description: str) -> dict[str, Any]:
    return {
        "title": "Nachbarschaftszentrum im Quartier",
        "description": description[:MAX_DESCRIPTION],
        "applicant_type": "verein",
        "state": "NW",
        "themes": ["teilhabe", "engagement"],
        "budget_total_eur": 80000,
    }


def cases(rng: random.Random, catalogue_words: list[str]) -> dict[str, Callable[[], str]]:
    """Name -> a function giving a fresh description (new words each call)."""
    letters = string.ascii_lowercase + "äöüß"

    def new_word(n: int) -> str:
        return "".join(rng.choice(letters) for _ in range(n))

    def fill(make: Callable[[], str]) -> str:
        parts, size = [], 0
        while size < MAX_DESCRIPTION:
            word = make()
            parts.append(word)
            size += len(word) + 1
        return " ".join(parts)[:MAX_DESCRIPTION]

    def compound() -> str:
        return "".join(rng.choice(catalogue_words) for _ in range(rng.randint(2, 4)))

    out: dict[str, Callable[[], str]] = {
        "realistic (120 words)": lambda: " ".join(rng.choices(catalogue_words, k=120)),
    }
    for n in (1_000, 2_000, 5_000, 50_000):
        out[f"one {n:,}-letter word"] = lambda n=n: "Ein Treff " + new_word(n)
        out[f"'a' x {n:,}"] = lambda n=n: "Ein Treff " + "a" * n
    out["max size, new compounds"] = lambda: fill(compound)
    out["max size, new short words"] = lambda: fill(lambda: new_word(rng.randint(3, 8)))
    out["max size, catalogue words"] = lambda: fill(lambda: rng.choice(catalogue_words))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--limit", type=float, default=30.0, help="seconds before a case stops")
    parser.add_argument("--catalogue", type=Path, default=PROJECT_ROOT / "programs")
    args = parser.parse_args()

    rng = random.Random(7)
    programmes = load_catalogue(args.catalogue).programmes
    catalogue_words = sorted(
        {w for p in programmes for w in programme_text(p).split() if w.isalpha() and len(w) > 3}
    )
    workdir = Path(tempfile.mkdtemp(prefix="fm-bench-"))
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.db'}",
            "SECRET_KEY": "benchmark",
        }
    )
    signal.signal(signal.SIGALRM, _alarm)
    print(f"{len(programmes)} programmes; {args.repeat} requests per case\n")
    print(f"{'case':32} {'median ms':>10} {'p99 ms':>10} {'max ms':>10}")
    with app.app_context():
        upgrade()
        sync_catalogue(programmes)
        db.session.commit()
        client = app.test_client()
        client.post("/api/v1/match", json=_profile("Aufwärmen: Engine anlernen und einmal ranken."))
        for name, make in cases(rng, catalogue_words).items():
            times = []
            try:
                for _ in range(args.repeat):
                    body = _profile(make())
                    signal.setitimer(signal.ITIMER_REAL, args.limit)
                    start = time.perf_counter()
                    response = client.post("/api/v1/match?today=2026-11-24", json=body)
                    times.append((time.perf_counter() - start) * 1000)
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    if TIMED_OUT:
                        raise TooSlow
                    if response.status_code not in (200, 400):
                        raise SystemExit(f"{name}: answered {response.status_code}")
            except TooSlow:
                signal.setitimer(signal.ITIMER_REAL, 0)
                TIMED_OUT.clear()
                print(f"{name:32} {'stopped after ' + str(args.limit) + ' s':>32}")
                continue
            times.sort()
            p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
            print(f"{name:32} {statistics.median(times):10.1f} {p99:10.1f} {times[-1]:10.1f}")


if __name__ == "__main__":
    main()
