"""Import of the federal funding database (Förderdatenbank) as draft programme records.

Reads the official XML export (one document per programme plus the documents it links to) and
CorrelAid's CSV flattening of it. Texts are kept verbatim (CC BY-ND 4.0 allows reformatting,
not rewriting) with the attribution line on each record. Categories are mapped onto our
taxonomy only where the meaning is the same; everything else is reported and left empty, and
every record is written with status ``draft`` so that a curator reviews it before it counts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from funding_matcher.domain.catalogue.fdb.csv_source import csv_sources
from funding_matcher.domain.catalogue.fdb.records import FdbImport, to_programme
from funding_matcher.domain.catalogue.fdb.xml_source import xml_sources


def import_fdb(path: Path, today: date) -> FdbImport:
    """Read an XML export folder or file, or a CorrelAid CSV file, into draft records."""
    result = FdbImport()
    if path.is_dir():
        sources = xml_sources(sorted(path.glob("*.xml")), result)
    elif path.suffix.lower() == ".csv":
        sources = csv_sources(path, result)
    elif path.suffix.lower() == ".xml":
        sources = xml_sources([path], result)
    else:
        result.problems.append(f"{path}: weder Ordner mit XML-Dateien noch .xml oder .csv")
        return result
    seen: set[str] = set()
    for src in sources:
        programme, problems, unmapped = to_programme(src, today)
        result.problems.extend(problems)
        if programme is None:
            continue
        if programme.slug in seen:
            result.problems.append(f"{src.where}: doppelter Eintrag {programme.slug} übersprungen")
            continue
        seen.add(programme.slug)
        result.programmes.append(programme)
        if unmapped:
            result.unmapped[programme.slug] = unmapped
    return result
