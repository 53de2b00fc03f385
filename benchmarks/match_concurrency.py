"""Many clients at once against the production server: errors, identical rankings, memory.

Starts ``funding-matcher serve`` (waitress) on a fresh database with the catalogue loaded, then

1. asks every profile once, one request at a time: the expected answers;
2. runs ``--clients`` threads for ``--seconds``, each posting profiles to ``POST /api/v1/match``
   and opening the results page of a saved profile, comparing every answer with the expected one;
3. sends ``--fresh`` requests full of words never seen before and prints the server's resident
   memory before and after.

    .venv/bin/python benchmarks/match_concurrency.py [--clients 16] [--seconds 60] [--fresh 1000]
        [--database postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import statistics
import string
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from served import BIN, rss_mb, served  # benchmarks/served.py, beside this script

from funding_matcher.operations.accounts import add_member, create_organisation, create_user
from funding_matcher.operations.projects import save_profile
from funding_matcher.paths import PROJECT_ROOT

DEV_CASES = PROJECT_ROOT.parent / "shared" / "eval" / "dev" / "cases.json"
PASSWORD = "ein-langes-benchmark-passwort"
RESULT_LINK = re.compile(r'href="/programme/([a-z0-9-]+)"')


def profiles(rng: random.Random) -> list[dict[str, Any]]:
    """The development profiles, plus long ones of new compounds glued from catalogue words."""
    cases = json.loads(DEV_CASES.read_text(encoding="utf-8")) if DEV_CASES.exists() else []
    out = [c["profile"] for c in cases]
    from funding_matcher.domain.catalogue.files import load_catalogue

    vocabulary = sorted(
        {
            w
            for p in load_catalogue(PROJECT_ROOT / "programs").programmes
            for w in p.description.split()
            if w.isalpha() and len(w) > 3
        }
    )
    for n_words in (120, 120, 400, 2000):
        text = " ".join(
            "".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 3)))
            for _ in range(n_words)
        )
        out.append(
            {
                "title": "Quartierszentrum",
                "description": text[:50_000],
                "applicant_type": rng.choice(["kommune", "verein", "freier_traeger"]),
                "state": "NW",
                "themes": ["teilhabe"],
            }
        )
    return out


def prepare(env: dict[str, str], saved: list[dict[str, Any]]) -> tuple[str, list[int]]:
    """Migrate, load the catalogue, create an account and save the profiles; their ids."""
    subprocess.run([BIN / "funding-matcher", "db", "upgrade"], env=env, check=True)
    subprocess.run([BIN / "funding-matcher", "catalogue", "load"], env=env, check=True)
    os.environ.update(env)
    from funding_matcher import create_app
    from funding_matcher.domain.profile import Profile
    from funding_matcher.extensions import db
    from funding_matcher.models import Role

    app = create_app()
    with app.app_context():
        organisation = create_organisation("Benchmark-Stadt", "kommune")
        user = create_user("last@example.org", PASSWORD)
        add_member(user, organisation, Role.editor)
        ids = [save_profile(organisation, Profile.from_dict(p), user).id for p in saved]
        db.session.commit()
    return "last@example.org", ids


class Client:
    """One browser-like client with its own cookies."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def request(self, path: str, body: Any = None) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data else {}
        req = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def login(self, email: str) -> None:
        _, page = self.request("/anmelden")
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page)
        form = {"email": email, "password": PASSWORD, "csrf_token": token.group(1).decode()}
        req = urllib.request.Request(
            self.base + "/anmelden", data=urllib.parse.urlencode(form).encode()
        )
        with self.opener.open(req, timeout=60):
            pass


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--fresh", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=4, help="waitress threads per process")
    parser.add_argument("--processes", type=int, help="server processes (default: one per core)")
    parser.add_argument("--database", help="database URL (default: SQLite in a temporary folder)")
    args = parser.parse_args()

    rng = random.Random(11)
    workdir = Path(tempfile.mkdtemp(prefix="fm-load-"))
    env = {
        **os.environ,
        "FUNDING_MATCHER_INSTANCE": str(workdir),
        "FUNDING_MATCHER_CATALOGUE_DIR": str(PROJECT_ROOT / "programs"),
        "FUNDING_MATCHER_TODAY": "2026-11-24",
    }
    if args.database:
        env["FUNDING_MATCHER_DATABASE_URL"] = args.database
    bodies = profiles(rng)
    email, ids = prepare(env, bodies)
    with served(env, args.threads, args.processes, log=True) as (base, pid):
        run(args, base, email, ids, bodies, pid, rng)


def run(args, base: str, email: str, ids: list[int], bodies: list, pid: int, rng) -> None:
    match_path = "/api/v1/match?top=20&today=2026-11-24&include_closed=true"
    one = Client(base)
    one.login(email)
    expected_api = [one.request(match_path, body) for body in bodies]
    expected_page = [
        RESULT_LINK.findall(one.request(f"/projekte/{i}/treffer")[1].decode()) for i in ids
    ]
    assert all(status == 200 for status, _ in expected_api), "a profile was refused"
    assert all(expected_page), "a results page lists no programme"

    times: dict[str, list[float]] = {"api": [], "page": []}
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds

    def client_loop(seed: int) -> None:
        local = random.Random(seed)
        client = Client(base)
        client.login(email)
        while time.monotonic() < stop:
            i = local.randrange(len(bodies))
            start = time.perf_counter()
            if local.random() < 0.5:
                status, body = client.request(match_path, bodies[i])
                kind, ok = "api", (status, body) == expected_api[i]
            else:
                status, body = client.request(f"/projekte/{ids[i]}/treffer")
                kind = "page"
                ok = status == 200 and RESULT_LINK.findall(body.decode()) == expected_page[i]
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                times[kind].append(elapsed)
                if not ok:
                    errors.append(f"{kind} profile {i}: HTTP {status}")

    rss_start = rss_mb(pid)
    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(args.clients)]
    begun = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - begun
    total = sum(len(v) for v in times.values())
    print(
        f"{args.clients} clients, {wall:.0f} s, waitress threads {args.threads}"
        f" per process, processes {args.processes or 'one per core'}"
    )
    print(f"requests {total}, {total / wall:.1f}/s, errors or differing answers: {len(errors)}")
    for kind, values in times.items():
        print(
            f"  {kind:5} n={len(values):5}  p50 {statistics.median(values):7.1f} ms"
            f"  p95 {percentile(values, 0.95):7.1f} ms  p99 {percentile(values, 0.99):7.1f} ms"
        )
    for line in errors[:10]:
        print("  ", line)
    print(f"server memory during the run: {rss_start:.0f} -> {rss_mb(pid):.0f} MB")

    letters = string.ascii_lowercase + "äöü"

    def fresh_body() -> dict[str, Any]:
        new = " ".join(
            "".join(rng.choice(letters) for _ in range(rng.randint(5, 20))) for _ in range(4000)
        )
        return {**bodies[0], "description": new[:50_000]}

    warm = [fresh_body() for _ in range(50)]
    for body in warm:
        one.request(match_path, body)
    before = rss_mb(pid)
    samples = []
    fresh_times = []
    for n in range(args.fresh):
        start = time.perf_counter()
        status, _ = one.request(match_path, fresh_body())
        fresh_times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            errors.append(f"fresh words: HTTP {status}")
        if n % 100 == 99:
            samples.append(rss_mb(pid))
    print(
        f"{args.fresh} requests of about 4,000 new words each: memory {before:.0f} MB -> "
        f"{samples[-1] if samples else before:.0f} MB (every 100: "
        + ", ".join(f"{s:.0f}" for s in samples)
        + f"); p50 {statistics.median(fresh_times):.1f} ms, p99 {percentile(fresh_times, 0.99):.1f}"
        " ms"
    )


if __name__ == "__main__":
    main()
