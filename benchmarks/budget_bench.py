"""Time of ``budget check`` for a large Kosten- und Finanzierungsplan (budget rules v2).

A plan of ``--lines`` cost lines (monthly, one-off, unit price with unit groups, per year and a
percentage line) over four Haushaltsjahre, with dated and undated sources of every kind, is
parsed, computed, checked and turned into the contract's JSON ``--runs`` times; prints the
minimum, median and maximum in milliseconds.

    .venv/bin/python benchmarks/budget_bench.py [--lines 200] [--runs 50]
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from funding_matcher.domain.budget import check_budget, report_to_json

KINDS = ("donation", "income", "private_third_party", "public_grant", "foundation_grant")


def large_plan(lines: int) -> dict[str, Any]:
    """A valid plan of ``lines`` cost lines over 2027-2030 with every kind of source."""
    costs: list[dict[str, Any]] = []
    for i in range(lines - 1):
        form = i % 4
        line: dict[str, Any] = {"category": ("personal", "sach", "honorar", "investition")[form]}
        line["label"] = f"Position {i + 1}"
        if form == 0:
            line |= {"monthly_eur": 3900 + i, "share": 0.5, "months": 12, "from": "2028-01"}
        elif form == 1:
            line |= {"amount_eur": 500 + 7 * i, "paid_on": f"{2027 + i % 4}-06-15"}
        elif form == 2:
            line |= {"by_year": {"2027": 100 + i, "2028": 200, "2029": 300, "2030": 50}}
        else:
            line |= {
                "unit_price_net_eur": 300 + i,
                "quantity": 2,
                "paid_on": "2028-03-01",
                "unit_group": f"einheit-{i % 10}",
            }
        costs.append(line)
    costs.append({"category": "verwaltung", "label": "Verwaltung", "percent": 7})
    sources: list[dict[str, Any]] = [{"kind": "own_cash", "label": "Rücklagen", "amount_eur": None}]
    for i, kind in enumerate(KINDS * 4):
        entry: dict[str, Any] = {"kind": kind, "label": f"Quelle {i + 1}", "amount_eur": 1000 + i}
        if i % 2:
            entry["by_year"] = {"2028": 1000 + i}
        sources.append(entry)
    return {
        "version": 2,
        "programme": None,
        "terms": {
            "financing_type": "anteil",
            "funding_rate_max_percent": 80,
            "rate_base": "eligible_minus_private_third_party",
            "amount_max_eur": 5000000,
            "annual_max_eur": 2000000,
            "own_contribution_min_percent": 10,
            "own_contribution_base": "eligible",
            "own_contribution_counts": ["own_cash", "donation"],
            "overhead_max_percent": 10,
            "overhead_base": "direct",
            "investment_max_percent": 50,
        },
        "period": {"start": "2027-01-01", "end": "2030-12-31"},
        "applied_on": "2026-11-15",
        "vat_deductible": False,
        "costs": costs,
        "financing": {"sources": sources, "volunteer_hours": 0, "requested_eur": None},
    }


def measure(lines: int, runs: int) -> list[float]:
    """Milliseconds per check (parse, compute, check, JSON) of a plan of ``lines`` lines."""
    plan = large_plan(lines)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report_to_json(check_budget(plan))
        times.append((time.perf_counter() - start) * 1000)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args(argv)
    times = measure(args.lines, args.runs)
    print(
        f"budget check, {args.lines} Zeilen, {args.runs} Läufe: min {min(times):.1f} ms, "
        f"Median {statistics.median(times):.1f} ms, max {max(times):.1f} ms"
    )


if __name__ == "__main__":
    main()
