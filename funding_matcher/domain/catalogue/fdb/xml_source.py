"""The Förderdatenbank's official XML export: one document per programme and its links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from funding_matcher.domain.catalogue.fdb.html import html_text
from funding_matcher.domain.catalogue.fdb.records import (
    PROGRAMME_PATH,
    SITE,
    XLINK,
    FdbImport,
    Source,
    source_texts,
)


def _properties(root: Element) -> dict[str, Element]:
    return {p.get("name", ""): p for p in root.findall("property")}


def _rich(props: dict[str, Element], name: str) -> str | None:
    prop = props.get(name)
    if prop is None:
        return None
    return prop.findtext("text") or prop.findtext("value")


def _read_xml(path: Path) -> tuple[Element | None, str | None]:
    try:
        return ElementTree.parse(path).getroot(), None
    except ElementTree.ParseError as exc:
        line, column = exc.position
        return None, f"{path.name}: kein gültiges XML (Zeile {line}, Spalte {column})"
    except DefusedXmlException:
        return None, f"{path.name}: unzulässige XML-Konstrukte (Entitäten/DTD) – abgelehnt"
    except OSError as exc:
        return None, f"{path.name}: nicht lesbar ({exc.strerror})"


def xml_sources(paths: list[Path], result: FdbImport) -> Iterator[Source]:
    documents: dict[str, Element] = {}
    offers: list[tuple[Path, Element]] = []
    for path in paths:
        root, problem = _read_xml(path)
        if problem:
            result.problems.append(problem)
            continue
        if root is None or root.tag != "document":
            result.problems.append(f"{path.name}: kein Dokument des Förderdatenbank-Exports")
            continue
        documents[f"{root.get('path', '')}/{root.get('name', '')}"] = root
        if root.get("type") == "gsb:ServiceOffer":
            offers.append((path, root))
    for path, root in offers:
        props = _properties(root)
        title = html_text(_rich(props, "gsb:title")).replace("\n", " ").strip()
        doc_path = root.get("path", "")
        relative = doc_path.split(PROGRAMME_PATH, 1)[-1] if PROGRAMME_PATH in doc_path else ""
        id_url = f"{relative}/{root.get('name', '')}".strip("/")
        categories: dict[str, list[str]] = {}
        funder = None
        for link in root.iter("link"):
            href = link.get(XLINK, "")
            match = re.search(r"/Categories/FDB/([^/]+)/([^/]+)$", href)
            if match:
                categories.setdefault(match.group(1), []).append(match.group(2))
            elif "/Content/DE/Foerdergeber/" in href:
                target = documents.get(href.removeprefix("target:"))
                if target is not None:
                    funder = html_text(_rich(_properties(target), "gsb:title")) or funder
        body = _rich(props, "gsb:bodyText")
        summary, procedure, requirements = source_texts(body, _rich(props, "gsb:summary"))
        issued = _rich(props, "gsb:dateOfIssue")
        yield Source(
            where=path.name,
            id_url=id_url,
            title=title,
            body=html_text(body),
            summary=summary,
            procedure=procedure,
            requirements=requirements,
            url=f"{SITE}{doc_path.removeprefix('/BMWI')}/{root.get('name', '')}.html",
            categories=categories,
            funder=funder,
            source_date=(issued or "")[:10] or None,
        )
