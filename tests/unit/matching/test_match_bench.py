"""benchmarks/match_bench.py runs (tiny sizes): synthetic records must stay valid records."""

from __future__ import annotations

from benchmarks import match_bench


def test_match_bench_runs_with_tiny_sizes(capsys):
    match_bench.main(["--sizes", "60", "--queries", "3"])
    out = capsys.readouterr().out
    assert "synthetic 0k" in out
    assert "real" in out
