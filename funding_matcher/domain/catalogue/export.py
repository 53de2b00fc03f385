"""Catalogue export as JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from funding_matcher.domain.catalogue.records import Programme


def export_json(programmes: Iterable[Programme]) -> str:
    """A JSON list of objects with ``slug`` and every field."""
    return json.dumps([p.to_dict() for p in programmes], ensure_ascii=False, indent=2)


CSV_LIST_SEPARATOR = "; "


def export_csv(programmes: Iterable[Programme]) -> str:
    """One row per programme; lists joined with '; ', the deadline as JSON."""
    columns = list(Programme.model_fields)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for programme in programmes:
        row = programme.to_dict()
        for key, value in row.items():
            if isinstance(value, list):
                row[key] = CSV_LIST_SEPARATOR.join(str(v) for v in value)
            elif isinstance(value, dict):
                row[key] = json.dumps(value, ensure_ascii=False)
            elif value is None:
                row[key] = ""
        writer.writerow(row)
    return buffer.getvalue()
