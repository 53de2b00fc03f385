"""Catalogue files: read ``programs/*.yaml`` with file and line for every problem, write records."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from funding_matcher.domain.catalogue.records import TERMS_KEYS, Programme
from funding_matcher.domain.errors import problems_from_pydantic

FILE_SUFFIX = ".yaml"
# LibYAML's parser where PyYAML was built with it (the wheels are): the same documents and line
# marks as the pure-Python one; with the single pass, 0.09 s for the catalogue instead of 2.1 s.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class CatalogueProblem:
    """A problem with one catalogue file, with the line where it can be found."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass
class CatalogueLoad:
    """The outcome of reading a catalogue directory: the valid records and every problem."""

    programmes: list[Programme] = field(default_factory=list)
    problems: list[CatalogueProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _key_lines(node: yaml.Node) -> dict[str, int]:
    """Top-level key -> 1-based line number, from the composed YAML node."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines[str(key_node.value)] = key_node.start_mark.line + 1
    return lines


def parse_programme(text: str, path: Path) -> tuple[Programme | None, list[CatalogueProblem]]:
    """Parse one record; returns the programme or the problems, each with its line."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()  # parsed once: the lines come from the same nodes
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [CatalogueProblem(path, line, f"YAML-Syntaxfehler: {reason}")]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, [CatalogueProblem(path, 1, "Die Datei muss ein YAML-Mapping (Felder) sein.")]
    lines = _key_lines(node)
    try:
        programme = Programme.model_validate(data)
    except ValidationError as exc:
        problems = []
        for problem in problems_from_pydantic(exc):
            top = problem.field.split(".", 1)[0]
            problems.append(
                CatalogueProblem(
                    path, lines.get(top, 1), f"{problem.field or 'Datei'}: {problem.message}"
                )
            )
        return None, problems
    if programme.status != "draft":
        missing = [key for key in TERMS_KEYS if key not in data]
        if missing:
            return None, [
                CatalogueProblem(
                    path,
                    lines.get("status", 1),
                    f"Feld fehlt: {', '.join(missing)} (bei geprüften Einträgen Pflicht; "
                    "unbekannt = null mit Erklärung in notes)",
                )
            ]
    if programme.outline_sections and programme.outline_topics is None:
        # The drafts place facts by these topics and never read a title (drafting contract § 3).
        return None, [
            CatalogueProblem(
                path,
                lines.get("outline_sections", 1),
                "outline_topics fehlt: je Abschnitt von outline_sections eine Liste von Themen "
                "(z. B. [ausgangslage, zielgruppen])",
            )
        ]
    if programme.slug != path.stem:
        return None, [
            CatalogueProblem(
                path,
                lines.get("slug", 1),
                f"slug „{programme.slug}“ passt nicht zum Dateinamen „{path.name}“",
            )
        ]
    return programme, []


def load_catalogue(directory: Path) -> CatalogueLoad:
    """Read every ``*.yaml`` record in ``directory``; broken files are reported, not loaded."""
    result = CatalogueLoad()
    if not directory.is_dir():
        result.problems.append(CatalogueProblem(directory, None, "Verzeichnis nicht gefunden"))
        return result
    for path in sorted(directory.glob(f"*{FILE_SUFFIX}")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            result.problems.append(CatalogueProblem(path, None, f"nicht lesbar: {exc}"))
            continue
        programme, problems = parse_programme(text, path)
        result.problems.extend(problems)
        if programme is not None:
            result.programmes.append(programme)
    result.problems.extend(_cross_check(result.programmes, directory))
    return result


def _cross_check(programmes: list[Programme], directory: Path) -> list[CatalogueProblem]:
    """Combinability and successor references must name programmes that exist."""
    known = {p.slug for p in programmes}
    problems = []
    for programme in programmes:
        successor = [programme.successor] if programme.successor else []
        for slug in programme.combinable_with + programme.not_combinable_with + successor:
            if slug not in known:
                problems.append(
                    CatalogueProblem(
                        directory / f"{programme.slug}{FILE_SUFFIX}",
                        None,
                        f"verweist auf unbekanntes Programm „{slug}“",
                    )
                )
    return problems


def dump_programme(programme: Programme) -> str:
    """A record as YAML text in field order, for writing ``programs/<slug>.yaml``."""
    return yaml.safe_dump(
        programme.model_dump(mode="json", exclude_none=False),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
