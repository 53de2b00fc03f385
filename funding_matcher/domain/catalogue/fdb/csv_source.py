"""CorrelAid's CSV flattening of the Förderdatenbank export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from funding_matcher.domain.catalogue.fdb.html import html_text
from funding_matcher.domain.catalogue.fdb.records import FdbImport, Source, source_texts

CSV_CATEGORIES = {
    "eligible_applicants": "Foerderberechtigte",
    "funding_area": "Foerderbereich",
    "funding_location": "Foerdergebiet",
    "funding_body": "Foerdergeber",
    "funding_type": "Foerderart",
}
CSV_REQUIRED = ("title", "description", "url", "id_url")
JSON_LIST_COLUMNS = (*CSV_CATEGORIES, "funding_organisation")


def _json_list(cell: str | None) -> list[str] | None:
    """A JSON-encoded list cell as strings; None when the cell is not a JSON list."""
    try:
        values = json.loads(cell or "[]")
    except json.JSONDecodeError:
        return None
    return [str(v) for v in values] if isinstance(values, list) else None


def csv_sources(path: Path, result: FdbImport) -> Iterator[Source]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        result.problems.append(f"{path.name}: nicht lesbar ({exc})")
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in CSV_REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        result.problems.append(f"{path.name}: Spalten fehlen: {', '.join(missing)}")
        return
    for row in reader:
        where = f"{path.name} Zeile {reader.line_num}"
        lists = {column: _json_list(row.get(column)) for column in JSON_LIST_COLUMNS}
        bad = [column for column, values in lists.items() if values is None]
        if bad:
            result.problems.append(f"{where}: Spalte {bad[0]} ist keine JSON-Liste")
            continue
        categories = {kind: lists[column] for column, kind in CSV_CATEGORIES.items()}
        body = row.get("description") or ""
        summary, procedure, requirements = source_texts(body, row.get("short_description"))
        if row.get("procedure"):
            procedure = html_text(row["procedure"])
        organisations = lists["funding_organisation"]
        url = row["url"]
        yield Source(
            where=where,
            id_url=row["id_url"],
            title=(row.get("title") or "").strip(),
            body=html_text(body),
            summary=summary,
            procedure=procedure,
            requirements=requirements,
            url=url,
            categories=categories,
            funder=", ".join(str(o) for o in organisations) or None,
            source_date=(row.get("date_of_issue") or "")[:10] or None,
        )
