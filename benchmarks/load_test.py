"""Load test: simulated users walk the app against the production server (waitress).

Each simulated user signs in once, then repeats a working session until the time is up: the
wizard's four steps for a new project, the results page, "Antrag vorbereiten", the application
page, saving a section, and an export. Prints requests per second and p50/p95/p99 per page, and
every error. A script, not a test: its figures go into the closing note and the README.

    .venv/bin/python benchmarks/load_test.py --users 50 --seconds 60 --threads 16 \
        --database postgresql://postgres@127.0.0.1:5432/loadtest [--think 3]

Without ``--think`` every user clicks again the moment a page arrives (a stress test: the
server's capacity); with it, users pause as people do, and the figures are what they feel.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from served import BIN, served  # benchmarks/served.py, beside this script

from funding_matcher.paths import PROJECT_ROOT

PASSWORD = "Lasttest im Quartier 2027"
TOKEN_RE = re.compile(rb'name="csrf_token" type="hidden" value="([^"]+)"')
ORGANISATIONS = 10


class User:
    """One browser: cookies, the CSRF token of the last page, timings per page."""

    def __init__(self, base: str, email: str, stats: dict, errors: list, lock: threading.Lock):
        self.base, self.email = base, email
        self.stats, self.errors, self.lock = stats, errors, lock
        self.think, self.rng = 0.0, random.Random(email)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.token = ""

    def call(self, page: str, path: str, form: dict | None = None) -> tuple[int, str, bytes]:
        if self.think:  # a person reads and types between two pages
            time.sleep(self.rng.uniform(0.5, 1.5) * self.think)
        data = (
            urllib.parse.urlencode({**form, "csrf_token": self.token}, doseq=True).encode()
            if form is not None
            else None
        )
        request = urllib.request.Request(self.base + path, data=data)
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, url, body = response.status, response.url, response.read()
        except urllib.error.HTTPError as exc:
            status, url, body = exc.code, path, exc.read()
        except OSError as exc:
            status, url, body = 0, path, str(exc).encode()
        elapsed = (time.perf_counter() - start) * 1000
        found = TOKEN_RE.search(body)
        if found:
            self.token = found.group(1).decode()
        with self.lock:
            self.stats[page].append(elapsed)
            if status >= 400 or status == 0:
                self.errors.append(f"{page} {path}: HTTP {status}")
        return status, url, body

    def session(self, n: int) -> None:
        _, url, _ = self.call("wizard", "/projekte/neu")
        _, url, _ = self.call(
            "wizard",
            "/projekte/neu",
            {
                "applicant_type": "verein",
                "state": "NW",
                "municipality": "Hagen",
                "area_type": "urban",
            },
        )
        project = re.search(r"/projekte/(\d+)/", url).group(1)
        self.call(
            "wizard",
            f"/projekte/{project}/schritt/2",
            {
                "title": f"Nachbarschaftstreff {n}",
                "description": "Ein offener Treff mit Sprachcafé, Beratung und Ehrenamtsbörse "
                "für ältere Menschen und Familien im Quartier.",
                "themes": ["teilhabe", "engagement"],
                "target_groups": ["aeltere", "familien"],
            },
        )
        self.call(
            "wizard",
            f"/projekte/{project}/schritt/3",
            {
                "budget_total_eur": "60000",
                "own_funds_eur": "6000",
                "cost_types": ["personal", "sach"],
                "duration_months": "24",
            },
        )
        self.call("wizard", f"/projekte/{project}/pruefen", {})
        _, _, body = self.call("results", f"/projekte/{project}/treffer")
        slug = re.search(rb'name="programme" value="([a-z0-9-]+)"', body)
        if slug is None:
            return
        _, url, _ = self.call(
            "new application",
            "/antraege/neu",
            {"project_id": project, "programme": slug.group(1).decode()},
        )
        application = re.search(r"/antraege/(\d+)", url)
        if application is None:
            return
        app_id = application.group(1)
        _, _, page = self.call("application", f"/antraege/{app_id}")
        key = re.search(rb"/abschnitte/([a-z0-9-]+)\"", page)
        if key:
            section = f"/antraege/{app_id}/abschnitte/{key.group(1).decode()}"
            _, _, editor = self.call("section", section)
            version = re.search(rb'id="version" value="(\d+)"', editor)
            self.call(
                "section save",
                section,
                {"text": f"Text {n}", "version": version.group(1).decode() if version else "1"},
            )
        self.call("export", f"/antraege/{app_id}/export/{('docx', 'md', 'xlsx')[n % 3]}")
        self.call("dashboard", "/")


def prepare(env: dict[str, str], users: int) -> list[str]:
    subprocess.run(
        [BIN / "funding-matcher", "db", "upgrade"], env=env, check=True, capture_output=True
    )
    subprocess.run(
        [BIN / "funding-matcher", "catalogue", "load"], env=env, check=True, capture_output=True
    )
    os.environ.update(env)
    from funding_matcher import create_app
    from funding_matcher.extensions import db
    from funding_matcher.models import Role
    from funding_matcher.operations.accounts import add_member, create_organisation, create_user

    app = create_app()
    emails = []
    with app.app_context():
        organisations = [
            create_organisation(f"Lasttest {i}", "verein") for i in range(ORGANISATIONS)
        ]
        for n in range(users):
            email = f"last{n}@example.org"
            user = create_user(email, PASSWORD)
            add_member(user, organisations[n % ORGANISATIONS], Role.editor)
            emails.append(email)
        db.session.commit()
    return emails


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=16, help="waitress threads per process")
    parser.add_argument("--processes", type=int, help="server processes (default: one per core)")
    parser.add_argument("--database", required=True, help="an empty database (it is filled)")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a user pauses between pages"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="fm-load-"))
    env = {
        **os.environ,
        "FUNDING_MATCHER_INSTANCE": str(workdir),
        "FUNDING_MATCHER_CATALOGUE_DIR": str(PROJECT_ROOT / "programs"),
        "FUNDING_MATCHER_DATABASE_URL": args.database,
    }
    emails = prepare(env, args.users)
    stats: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()

    def run(email: str) -> None:
        user = User(base, email, stats, errors, lock)
        user.think = args.think
        user.call("login", "/anmelden")
        user.call("login", "/anmelden", {"email": email, "password": PASSWORD})
        n = 0
        while time.monotonic() < stop:
            user.session(n)
            n += 1

    with served(env, args.threads, args.processes) as (base, _pid):
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=run, args=(e,)) for e in emails]
        began = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - began
    total = sum(len(v) for v in stats.values())
    where = args.database.split("@")[-1]
    print(
        f"{args.users} users, {wall:.0f} s, think time {args.think:g} s, "
        f"waitress threads {args.threads} per process,"
        f" processes {args.processes or 'one per core'}, {where}"
    )
    print(f"requests {total}, {total / wall:.1f}/s, errors {len(errors)}")
    print(f"{'page':16} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for page, values in stats.items():
        values.sort()
        p95, p99 = (values[min(len(values) - 1, int(q * len(values)))] for q in (0.95, 0.99))
        print(
            f"{page:16} {len(values):6} {len(values) / wall:7.1f} {statistics.median(values):8.1f}"
            f" {p95:8.1f} {p99:8.1f}"
        )
    for line in errors[:20]:
        print("  ", line)


if __name__ == "__main__":
    main()
