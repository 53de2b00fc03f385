"""The script benchmarks run once with tiny sizes, as a person would start them, so that none of
them breaks unnoticed (the throughput script did with fewer requests than connections)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from funding_matcher.paths import PROJECT_ROOT


def run(script: str, *args: str) -> str:
    """The script's printed output; a failing script fails the test with its error output."""
    done = subprocess.run(  # noqa: S603 - a fixed script of this repository
        [sys.executable, str(PROJECT_ROOT / "benchmarks" / script), *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_shown_terms_lists_the_words_that_may_be_shown():
    out = run("shown_terms.py")
    assert out.startswith(tuple("0123456789"))
    assert "Begriffe aus" in out.splitlines()[0]
    assert "Übungsleitung" in out.splitlines()


def test_catalogue_scan_prints_its_two_questions():
    out = run("catalogue_scan.py")
    assert "Children without their family's parent:" in out
    assert "Applicant types narrower than the description:" in out


def test_text_worst_cases_times_each_case():
    out = run("text_worst_cases.py", "--repeat", "1", "--limit", "5")
    assert "realistic (120 words)" in out
    assert "max size, new compounds" in out


def test_match_concurrency_gives_identical_answers(tmp_path):
    out = run("match_concurrency.py", "--clients", "2", "--seconds", "1", "--fresh", "2")
    assert "errors or differing answers: 0" in out


def test_load_test_serves_every_page_without_errors(tmp_path):
    database = f"sqlite:///{tmp_path / 'last.db'}"
    out = run(
        "load_test.py", "--users", "2", "--seconds", "1", "--threads", "2", "--database", database
    )
    assert ", errors 0" in out
    assert "dashboard" in out


def test_throughput_runs_with_fewer_requests_than_connections():
    if shutil.which("ab") is None:  # skipped locally, a failure in CI (as the browser tests)
        reason = "ApacheBench (apache2-utils) is not installed"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    out = run("throughput.py", "--requests", "12", "--no-page")
    rows = [line.split() for line in out.splitlines() if line.startswith("match API")]
    assert len(rows) == 3
    assert all(row[-2] == "0" for row in rows)  # the "err" column
