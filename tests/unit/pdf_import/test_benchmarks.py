"""The PDF import's benchmark scripts run (with tiny sizes) and print their figures."""

from __future__ import annotations

from benchmarks import pdf_wording_bench


def test_wording_benchmark_prints_recall_and_wrong_proposals_per_funder_kind(capsys):
    totals = pdf_wording_bench.main(["--tiny"])
    out = capsys.readouterr().out
    assert "6 guidelines from guidelines.yaml" in out
    for kind in ("bund", "land", "kommune", "eu", "stiftung", "lotterie", "all"):
        assert f"\n{kind:>9}" in out or out.startswith(f"{kind:>9}") or f" {kind} " in out
    assert "wrong confident proposals:" in out
    assert totals["facts"] >= 6


def test_speed_benchmark_prints_pages_per_second_and_latency(capsys):
    from benchmarks import pdf_import_bench

    pdf_import_bench.main(["--tiny"])
    out = capsys.readouterr().out
    assert "batch import, 2 workers" in out
    assert "pages/s" in out
    assert "target below 1 s" in out
