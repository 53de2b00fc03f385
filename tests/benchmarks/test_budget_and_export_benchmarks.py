"""The budget and export benchmarks run once with tiny sizes, so they cannot silently break."""

from __future__ import annotations

import pytest

from benchmarks import budget_bench, export_bench


def test_budget_benchmark_runs_and_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    budget_bench.main(["--lines", "12", "--runs", "2"])
    out = capsys.readouterr().out
    assert "budget check, 12 Zeilen, 2 Läufe: min" in out


def test_budget_benchmark_plan_is_valid_and_balances() -> None:
    from funding_matcher.domain.budget import check_budget

    report = check_budget(budget_bench.large_plan(200))
    assert len(report.figures.lines) == 200
    assert report.figures.delta == 0


def test_export_benchmark_runs(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr("sys.argv", ["export_bench.py", "--runs", "1"])
    export_bench.main()
    out = capsys.readouterr().out
    assert "xlsx" in out
    assert "4 Haushaltsjahre" in out
