"""Time to build each export of a large application: 12 outline sections, a 40-line plan over
four Haushaltsjahre, volunteer work, other public funding, a De-minimis-Erklärung.

Prints per format the first call (imports, font registration) and the median, minimum and
maximum of the following runs in milliseconds, and the size of the result.

    .venv/bin/python benchmarks/export_bench.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from funding_matcher.domain.budget import check_budget, de_minimis_declaration
from funding_matcher.domain.exports import (
    ApplicationDocument,
    ChecklistItem,
    Section,
    export_docx,
    export_markdown,
    export_pdf,
    export_xlsx,
)

SECTION_TITLES = (
    "Kurzbeschreibung",
    "Ausgangslage und Bedarf",
    "Ziele und Erfolgskriterien",
    "Zielgruppen",
    "Maßnahmen und Arbeitsplan",
    "Zeitplan und Meilensteine",
    "Kooperationen",
    "Beteiligung der Zielgruppen",
    "Öffentlichkeitsarbeit",
    "Evaluation",
    "Nachhaltigkeit und Verstetigung",
    "Notwendigkeit der Förderung",
)
PARAGRAPH = (
    "Das Quartierszentrum öffnet an fünf Tagen in der Woche. Ältere Menschen, Familien und "
    "Jugendliche begegnen sich bei Mittagstisch, Sprachcafé und Reparaturtreff; die "
    "Quartierskoordination bindet Vereine, Kirchengemeinden und die Stadtteilbibliothek ein. "
)
CATEGORIES = (
    ("personal", 6),
    ("sach", 12),
    ("honorar", 8),
    ("reise", 6),
    ("investition", 7),
    ("verwaltung", 1),
)


def cost_lines() -> list[dict[str, Any]]:
    """40 lines: personal by month, items by unit price, amounts, one Verwaltungspauschale."""
    lines: list[dict[str, Any]] = []
    for category, count in CATEGORIES:
        for i in range(count):
            label = f"{category.capitalize()} Position {i + 1}"
            if category == "personal":
                lines.append(
                    {
                        "category": category,
                        "label": label,
                        "monthly_eur": 4100 + 137 * i,
                        "share": 0.5 + 0.05 * i,
                        "months": 24 + 2 * i,
                    }
                )
            elif category == "investition":
                lines.append(
                    {
                        "category": category,
                        "label": label,
                        "unit_price_net_eur": 650 + 95.5 * i,
                        "quantity": 1 + i % 3,
                    }
                )
            elif category == "verwaltung":
                lines.append({"category": category, "label": label, "percent": 7})
            else:
                lines.append({"category": category, "label": label, "amount_eur": 900 + 311 * i})
    assert len(lines) == 40
    return lines


def large_application() -> ApplicationDocument:
    """The benchmark's application (its budget checked by the budget package)."""
    report = check_budget(
        {
            "version": 1,
            "programme": None,
            "terms": {
                "financing_type": "anteil",
                "funding_rate_max_percent": 80,
                "amount_max_eur": 600000,
                "own_contribution_min_percent": 10,
                "overhead_max_percent": 7,
                "volunteer_work": {"rate_eur_per_hour": 15, "max_percent": 20},
                "de_minimis": "dawi",
            },
            "period": {"start": "2027-04-01", "end": "2030-03-31"},
            "applied_on": "2026-12-01",
            "costs": cost_lines(),
            "financing": {
                "own_funds_eur": 60000,
                "volunteer_hours": 1200,
                "third_party_eur": 15000,
                "income_eur": 2500,
                "other_public": [
                    {
                        "programme": "nrw-2000x1000-engagement",
                        "amount_eur": 2000,
                        "status": "beantragt",
                    },
                    {
                        "programme": "kommunaler-zuschuss",
                        "amount_eur": 25000,
                        "status": "bewilligt",
                    },
                ],
            },
            "de_minimis_received": [
                {"date": "2025-03-01", "grantor": "Land NRW", "amount_eur": 150000, "dawi": True}
            ],
        }
    )
    declaration = de_minimis_declaration(
        "Nachbarschaftshilfe Süd e.V.",
        report.budget.de_minimis_received,
        report.budget.applied_on,
        "dawi",
        report.figures.grant,
    )
    return ApplicationDocument(
        title="Quartierszentrum Grüne Mitte – Begegnung für Jung und Alt",
        programme_title="Stiftung Wohlfahrtspflege NRW – Projektförderung",
        programme_slug="stiftung-wohlfahrtspflege-nrw",
        funder="Stiftung Wohlfahrtspflege NRW",
        applicant="Nachbarschaftshilfe Süd e.V.",
        municipality="Münster",
        created_on=date(2026, 11, 2),
        status_label="In Arbeit",
        sections=[
            Section(f"s{i}", title, (PARAGRAPH * 4 + "\n\n") * 2, 4000)
            for i, title in enumerate(SECTION_TITLES)
        ],
        checklist=[
            ChecklistItem(f"Anlage {i + 1}", required=i < 6, done=i % 2 == 0) for i in range(10)
        ],
        budget=report,
        de_minimis=declaration,
        source_url="https://www.sw-nrw.de/foerderung/foerdergrundlagen/",
        checked_on=date(2026, 10, 15),
        deadline=date(2027, 1, 31),
        exported_on=date(2026, 11, 29),
    )


def measure(build: Callable[[], bytes | str], runs: int) -> tuple[float, list[float], int]:
    """First call and then ``runs`` calls, in milliseconds, and the size of the result."""
    start = time.perf_counter()
    result = build()
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build()
        times.append((time.perf_counter() - start) * 1000)
    size = len(result.encode("utf-8")) if isinstance(result, str) else len(result)
    return first, times, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per format")
    args = parser.parse_args()
    doc = large_application()
    lines = len(doc.budget.figures.lines) if doc.budget else 0
    years = len(doc.budget.figures.years) if doc.budget else 0
    print(
        f"{len(doc.sections)} Abschnitte, {lines} Zeilen, {years} Haushaltsjahre, "
        f"{args.runs} Läufe je Format"
    )
    print(f"{'Format':<10}{'erster':>10}{'Median':>10}{'min':>10}{'max':>10}{'Größe':>12}")
    formats: dict[str, Callable[[], bytes | str]] = {
        "markdown": lambda: export_markdown(doc),
        "docx": lambda: export_docx(doc),
        "xlsx": lambda: export_xlsx(doc),
        "pdf": lambda: export_pdf(doc),
    }
    for name, build in formats.items():
        first, times, size = measure(build, args.runs)
        print(
            f"{name:<10}{first:>8.1f}ms{statistics.median(times):>8.1f}ms"
            f"{min(times):>8.1f}ms{max(times):>8.1f}ms{size / 1024:>9.1f} KiB"
        )


if __name__ == "__main__":
    main()
