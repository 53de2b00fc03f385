"""PDF import: extraction speed on the real guidelines, and recall of the field proposals.

Speed is measured three ways over ``shared/data/pdf/guidelines``: the full sandboxed read of one
file after another (a fresh worker process per file, as a request does), the same with two files
at a time (the machine has two cores), and the text extraction alone inside one process (what the
worker does once it runs). Target: at least 50 pages per second.

Recall compares the proposals with the facts below, each checked by hand in the guideline text
(file, field, value, 1-based page). A fact counts as found when a candidate for its field has the
value on that page; "best" means it is the first candidate. List values (applicant types) count
when the candidate contains all the fact's codes.

    .venv/bin/python benchmarks/pdf_import_bench.py [--repeat 3] [--show-misses]
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import logging
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from funding_matcher.domain.pdf_import import import_guideline, read_pdf
from funding_matcher.domain.pdf_import.results import GuidelineImport, Proposal

GUIDELINES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pdf" / "guidelines"
TARGET_PAGES_PER_SECOND = 50

# (file stem, field, value, page) - read off the guideline text by hand. Where a guideline
# states the same thing on two pages, the page is a tuple of both.
FACTS: list[tuple[str, str, Any, int | tuple[int, ...]]] = [
    ("bund_bafa-eew_foerderrichtlinie", "funding_rate_max_percent", 60, 10),
    ("bund_bafa-eew_foerderrichtlinie", "amount_max_eur", 20_000_000, 10),
    ("bund_bafa-eew_foerderrichtlinie", "amount_max_eur", 200_000, 10),
    ("bund_bafa-eew_foerderrichtlinie", "financing_type", "anteil", 9),
    ("bund_bafa-eew_foerderrichtlinie", "valid_from", date(2024, 2, 15), 15),
    ("bund_bafa-eew_foerderrichtlinie", "valid_until", date(2028, 12, 31), 15),
    ("bund_bafa-eew_foerderrichtlinie", "applicant_types", ["unternehmen"], 5),
    ("bund_bafa-eew_foerderrichtlinie", "applicant_types", ["kommunales_unternehmen"], 8),
    ("bund_bafa-eew_foerderrichtlinie", "de_minimis", True, 9),
    ("bund_go-inno_richtlinie", "funding_rate_max_percent", 50, 4),
    ("bund_go-inno_richtlinie", "amount_max_eur", 20_000, 4),
    ("bund_go-inno_richtlinie", "financing_type", "anteil", 4),
    ("bund_go-inno_richtlinie", "valid_from", date(2021, 1, 1), 6),
    ("bund_go-inno_richtlinie", "valid_until", date(2024, 6, 30), 6),
    ("bund_go-inno_richtlinie", "applicant_types", ["unternehmen"], 2),
    ("bund_kfw-merkblatt-458_beg-heizung_2026-07", "funding_rate_max_percent", 70, 4),
    ("bund_kfw-merkblatt-458_beg-heizung_2026-07", "valid_from", date(2026, 7, 21), 1),
    ("bund_kfw-merkblatt-458_beg-heizung_2026-07", "applicant_types", ["privatperson"], 2),
    ("bund_kfw-merkblatt-511_erp-digitalisierung", "amount_max_eur", 200_000, 8),
    ("bund_kfw-merkblatt-511_erp-digitalisierung", "de_minimis", True, (2, 8)),
    ("bund_kfw-merkblatt-511_erp-digitalisierung", "applicant_types", ["unternehmen"], 1),
    ("bund_kmu-innovativ_richtlinie", "funding_rate_max_percent", 50, 5),
    ("bund_kmu-innovativ_richtlinie", "financing_type", "anteil", 5),
    ("bund_kmu-innovativ_richtlinie", "valid_until", date(2024, 6, 30), 10),
    ("bund_kmu-innovativ_richtlinie", "deadline", {"kind": "annual", "month": 4, "day": 15}, 8),
    ("bund_kmu-innovativ_richtlinie", "page_limit", 10, 8),
    ("bund_kmu-innovativ_richtlinie", "applicant_types", ["unternehmen"], 4),
    ("bund_kmu-innovativ_richtlinie", "applicant_types", ["bildungseinrichtung"], 4),
    (
        "bund_kmu-innovativ_richtlinie-aenderung",
        "deadline",
        {"kind": "fixed", "dates": [date(2026, 4, 15)]},
        1,
    ),
    ("bund_zim_richtlinie_2025", "funding_rate_max_percent", 100, 8),
    ("bund_zim_richtlinie_2025", "amount_max_eur", 3_000_000, 10),
    ("bund_zim_richtlinie_2025", "amount_min_eur", 1000, 4),
    ("bund_zim_richtlinie_2025", "financing_type", "anteil", 8),
    ("bund_zim_richtlinie_2025", "valid_from", date(2025, 1, 1), 14),
    ("bund_zim_richtlinie_2025", "valid_until", date(2027, 6, 30), 14),
    ("bund_zim_richtlinie_2025", "applicant_types", ["unternehmen"], 3),
    ("bund_zim_richtlinie_2025", "applicant_types", ["bildungseinrichtung"], 3),
    ("bund_zim_richtlinie_2025", "de_minimis", True, (1, 3)),
    ("bund_zim_de-minimis-infoblatt", "de_minimis", True, 1),
    ("kommunal_heidelberg_rationelle-energieverwendung_2026", "funding_rate_max_percent", 50, 4),
    ("kommunal_heidelberg_rationelle-energieverwendung_2026", "amount_min_eur", 150, 3),
    ("kommunal_heidelberg_rationelle-energieverwendung_2026", "amount_max_eur", 10_000, 4),
    ("kommunal_heidelberg_rationelle-energieverwendung_2026", "valid_from", date(2026, 7, 1), 3),
    (
        "kommunal_heidelberg_rationelle-energieverwendung_2026",
        "applicant_types",
        ["privatperson"],
        1,
    ),
    ("kommunal_heidelberg_rationelle-energieverwendung_2026", "de_minimis", True, 2),
    ("kommunal_mannheim_solarbonus_2026", "funding_rate_max_percent", 50, 2),
    ("kommunal_mannheim_solarbonus_2026", "amount_max_eur", 4500, 2),
    ("kommunal_mannheim_solarbonus_2026", "financing_type", "festbetrag", 2),
    ("kommunal_mannheim_solarbonus_2026", "applicant_types", ["privatperson", "verein"], 1),
    ("kommunal_poing_rationelle-energienutzung_2021", "amount_max_eur", 7000, 7),
    ("kommunal_poing_rationelle-energienutzung_2021", "valid_from", date(2021, 7, 1), 16),
    ("kommunal_poing_rationelle-energienutzung_2021", "applicant_types", ["privatperson"], 3),
    ("kommunal_potsdam_klimaschutz_2026", "amount_max_eur", 3000, (12, 18)),
    ("kommunal_potsdam_klimaschutz_2026", "amount_min_eur", 150, (4, 18)),
    ("kommunal_potsdam_klimaschutz_2026", "financing_type", "festbetrag", 12),
    ("kommunal_potsdam_klimaschutz_2026", "valid_from", date(2026, 4, 1), 20),
    (
        "kommunal_potsdam_klimaschutz_2026",
        "deadline",
        {"kind": "annual", "month": 10, "day": 31},
        15,
    ),
    ("kommunal_potsdam_klimaschutz_2026", "applicant_types", ["privatperson", "verein"], 3),
    ("kommunal_regensburg_photovoltaik_2026", "amount_max_eur", 1500, 5),
    ("kommunal_regensburg_photovoltaik_2026", "valid_from", date(2026, 1, 1), 8),
    (
        "kommunal_regensburg_photovoltaik_2026",
        "applicant_types",
        ["privatperson", "unternehmen", "verein"],
        3,
    ),
    ("kommunal_regensburg_photovoltaik_2026", "de_minimis", True, 3),
    ("kommunal_regensburg_photovoltaik_2026", "deadline", {"kind": "rolling"}, 5),
    ("kommunal_stuttgart_solaroffensive_2026", "funding_rate_max_percent", 50, 3),
    ("kommunal_stuttgart_solaroffensive_2026", "amount_max_eur", 30_000, 3),
    ("kommunal_stuttgart_solaroffensive_2026", "valid_from", date(2026, 5, 1), 5),
    ("kommunal_stuttgart_solaroffensive_2026", "applicant_types", ["privatperson"], 1),
    ("land_mv_grw-gewerbe_merkblatt", "funding_rate_max_percent", 35, 2),
    ("land_mv_grw-gewerbe_merkblatt", "valid_from", date(2022, 1, 1), 1),
    ("land_mv_grw-gewerbe_merkblatt", "applicant_types", ["unternehmen"], 1),
]


def matches(proposal: Proposal, value: Any, page: int | tuple[int, ...]) -> bool:
    """Whether a candidate states the fact's value on (one of) the fact's page(s)."""
    if proposal.page not in (page if isinstance(page, tuple) else (page,)):
        return False
    found = proposal.value
    if isinstance(value, list):
        return set(value) <= set(found)
    if isinstance(value, dict):
        if found.get("kind") != value["kind"]:
            return False
        if value["kind"] == "fixed":
            return set(value["dates"]) <= set(found.get("dates", []))
        if value["kind"] == "annual":
            annual = found.get("annual", {})
            return (annual.get("month"), annual.get("day")) == (value["month"], value["day"])
        return True
    if isinstance(value, int) and not isinstance(value, bool):
        return isinstance(found, int | Decimal) and not isinstance(found, bool) and found == value
    return found == value


def recall(results: dict[str, GuidelineImport], show_misses: bool) -> None:
    """Share of the hand-checked facts found among the candidates, and as the best one."""
    anywhere = best = 0
    for stem, field, value, page in FACTS:
        candidates = results[stem].candidates(field)
        hit = [rank for rank, p in enumerate(candidates) if matches(p, value, page)]
        anywhere += bool(hit)
        best += bool(hit) and hit[0] == 0
        mark = "best" if hit and hit[0] == 0 else f"#{hit[0] + 1}" if hit else "MISS"
        if show_misses or not hit:
            shown = [f"{p.value!s}@{p.page}" for p in candidates[:3]]
            where = "/".join(map(str, page)) if isinstance(page, tuple) else str(page)
            print(f"  {mark:5} {stem[:38]:38} {field:25} {value!s:28} p{where:<5} got {shown}")
    total = len(FACTS)
    print(
        f"\nRecall over {total} hand-checked facts: found {anywhere}/{total} "
        f"({anywhere / total:.0%}), as best candidate {best}/{total} ({best / total:.0%})"
    )


def speed(files: list[Path], repeat: int) -> None:
    """Pages per second: sandboxed one by one, sandboxed two at a time, extraction alone."""
    pages = sum(len(PdfReader(path).pages) for path in files)
    sequential, parallel, inline = [], [], []
    textlayer = _load_textlayer()
    for _ in range(repeat):
        started = time.perf_counter()
        for path in files:
            read_pdf(path)
        sequential.append(time.perf_counter() - started)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(read_pdf, files))
        parallel.append(time.perf_counter() - started)
        started = time.perf_counter()
        for path in files:
            reader = PdfReader(io.BytesIO(path.read_bytes()))
            fonts: dict[Any, Any] = {}
            for page in reader.pages:
                textlayer.read_page(page, fonts, 2_000_000)
        inline.append(time.perf_counter() - started)
    print(f"{len(files)} guidelines, {pages} pages, best of {repeat} runs:")
    for label, runs in (
        ("sandboxed, one file after another", sequential),
        ("sandboxed, two files at a time", parallel),
        ("extraction alone, in one process", inline),
    ):
        seconds = min(runs)
        rate = pages / seconds
        verdict = "ok" if rate >= TARGET_PAGES_PER_SECOND else "below target"
        print(
            f"  {label:36} {seconds:6.2f} s  {rate:6.1f} pages/s  "
            f"(median {statistics.median(runs):.2f} s; {verdict})"
        )


def _load_textlayer() -> Any:
    from funding_matcher.domain.pdf_import import textlayer

    return textlayer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--show-misses", action="store_true", help="list every fact, not only misses"
    )
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # repaired-xref notes from page counting
    files = sorted(GUIDELINES.glob("*.pdf"))
    if not files:
        sys.exit(f"keine Richtlinien unter {GUIDELINES}")
    speed(files, args.repeat)
    print("\nFacts (MISS = not proposed on that page; #n = n-th candidate):")
    results = {path.stem: import_guideline(path) for path in files}
    recall(results, args.show_misses)


if __name__ == "__main__":
    if importlib.util.find_spec("funding_matcher") is None:
        sys.exit("run from the project root with the project's virtualenv")
    main()
