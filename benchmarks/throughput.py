"""Throughput of the open match API and the catalogue page under the production server.

Starts ``funding-matcher serve`` (waitress) on a fresh database with the catalogue loaded and
drives it with ApacheBench (Debian package ``apache2-utils``), a C client that leaves the two
cores to the server. Prints requests/s, p50/p95/p99 and the answer size per scenario:

- ``POST /api/v1/match`` with the ten labelled development profiles in turn, at 1 (latency),
  8 and 32 connections;
- ``GET /programme/`` (the catalogue page) at 8 connections.

With ``--catalogue-size N`` the catalogue is first copied to N records (the real ones plus copies
under new slugs), the order of magnitude of the Förderdatenbank.

    .venv/bin/python benchmarks/throughput.py [--requests 2000] [--threads 4] [--processes N]
        [--catalogue-size 2500] [--database postgresql://postgres@127.0.0.1:5432/loadtest]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from served import BIN, cpu_seconds, served  # benchmarks/served.py, beside this script

from funding_matcher.paths import PROJECT_ROOT

CASES = PROJECT_ROOT.parent / "shared" / "eval" / "dev" / "cases.json"
MATCH = "/api/v1/match?top=10&today=2026-11-29"


def ab(url: str, requests: int, connections: int, body: Path | None = None) -> dict[str, float]:
    """One ApacheBench run; its figures. ab refuses fewer requests than connections (a tiny
    run): then every request gets a connection of its own."""
    requests = max(requests, 1)
    command = ["ab", "-q", "-k", "-n", str(requests), "-c", str(min(connections, requests))]
    if body is not None:
        command += ["-p", str(body), "-T", "application/json"]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout

    def number(pattern: str) -> float:
        found = re.search(pattern, out, re.MULTILINE)
        return float(found.group(1)) if found else float("nan")

    return {
        "rps": number(r"^Requests per second:\s+([\d.]+)"),
        # A page's length varies with its content; ab counts that as "Length": no error.
        "failed": sum(number(rf"{kind}: (\d+)") for kind in ("Connect", "Receive", "Exceptions"))
        if "Failed requests:        0" not in out
        else 0.0,
        "non2xx": number(r"^Non-2xx responses:\s+(\d+)") if "Non-2xx" in out else 0.0,
        "p50": number(r"^\s+50%\s+(\d+)"),
        "p95": number(r"^\s+95%\s+(\d+)"),
        "p99": number(r"^\s+99%\s+(\d+)"),
        "bytes": number(r"^Document Length:\s+(\d+)"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per scenario")
    parser.add_argument("--threads", type=int, default=4, help="waitress threads per process")
    parser.add_argument("--processes", type=int, help="server processes (default: one per core)")
    parser.add_argument("--database", help="database URL (default: SQLite in a temporary folder)")
    parser.add_argument(
        "--catalogue-size", type=int, help="copy the catalogue to this many records"
    )
    parser.add_argument("--no-page", action="store_true", help="skip the catalogue page")
    parser.add_argument("--page-only", action="store_true", help="only the catalogue page")
    args = parser.parse_args()
    if shutil.which("ab") is None:
        sys.exit("ab fehlt: apt-get install apache2-utils")

    workdir = Path(tempfile.mkdtemp(prefix="fm-throughput-"))
    catalogue = PROJECT_ROOT / "programs"
    if args.catalogue_size:
        catalogue = copy_catalogue(catalogue, workdir / "programs", args.catalogue_size)
    env = {
        **os.environ,
        "FUNDING_MATCHER_INSTANCE": str(workdir),
        "FUNDING_MATCHER_CATALOGUE_DIR": str(catalogue),
    }
    if args.database:
        env["FUNDING_MATCHER_DATABASE_URL"] = args.database
    subprocess.run([BIN / "funding-matcher", "db", "upgrade"], env=env, check=True)
    subprocess.run(
        [BIN / "funding-matcher", "catalogue", "load"], env=env, check=True, capture_output=True
    )
    profiles = [case["profile"] for case in json.loads(CASES.read_text(encoding="utf-8"))]
    bodies = []
    for number, profile in enumerate(profiles):
        path = workdir / f"profil-{number}.json"
        path.write_text(json.dumps(profile), encoding="utf-8")
        bodies.append(path)

    with served(env, args.threads, args.processes) as (base, pid):
        ab(base + "/programme/", 50, 4)  # warm up: engine built, templates compiled
        ab(base + MATCH, 50, 4, bodies[0])
        print(
            f"waitress threads per process: {args.threads}, processes:"
            f" {args.processes or 'one per core'}, requests per scenario: {args.requests}"
        )
        print(
            f"{'scenario':<34}{'req/s':>8}{'p50 ms':>8}{'p95':>6}{'p99':>6}{'bytes':>8}{'err':>5}"
            f"{'cpu ms':>8}"
        )
        # One connection: the latency of a single request (its p95), not a queue's.
        scenarios = [
            ("match API, 1 connection", 1),
            ("match API, 8 connections", 8),
            ("match API, 32 connections", 32),
        ]
        for title, connections in [] if args.page_only else scenarios:
            # The profiles in turn, each for an equal share of the requests.
            before = cpu_seconds(pid)
            runs = [ab(base + MATCH, args.requests // len(bodies), connections, b) for b in bodies]
            done = len(bodies) * (args.requests // len(bodies))
            report(title, runs, (cpu_seconds(pid) - before) * 1000 / done)
        if args.no_page:
            return
        before = cpu_seconds(pid)
        page = [ab(base + "/programme/", args.requests, 8)]
        report(
            "catalogue page, 8 connections",
            page,
            (cpu_seconds(pid) - before) * 1000 / args.requests,
        )


def copy_catalogue(source: Path, target: Path, size: int) -> Path:
    """``size`` records in ``target``: the real ones, then copies of them under new slugs."""
    target.mkdir(parents=True)
    files = sorted(source.glob("*.yaml"))
    for path in files:
        shutil.copy(path, target / path.name)
    for n in range(size - len(files)):
        path = files[n % len(files)]
        slug = f"{path.stem}-kopie-{n // len(files) + 1}"
        text = path.read_text(encoding="utf-8").replace(
            f"slug: {path.stem}\n", f"slug: {slug}\n", 1
        )
        (target / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return target


def report(title: str, runs: list[dict[str, float]], cpu: float = float("nan")) -> None:
    """Averages over the runs (rates harmonically: total requests over total time), and the
    server's CPU milliseconds per request: on a shared machine the rate depends on the other
    load, the CPU time per request much less (capacity of two free cores = 2000 / ms)."""
    rps = len(runs) / sum(1 / r["rps"] for r in runs)
    mean = {key: sum(r[key] for r in runs) / len(runs) for key in ("p50", "p95", "p99", "bytes")}
    errors = int(sum(r["failed"] + r["non2xx"] for r in runs))
    print(
        f"{title:<34}{rps:>8.1f}{mean['p50']:>8.0f}{mean['p95']:>6.0f}{mean['p99']:>6.0f}"
        f"{mean['bytes']:>8.0f}{errors:>5}{cpu:>8.2f}"
    )


if __name__ == "__main__":
    main()
