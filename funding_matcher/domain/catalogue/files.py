"""Catalogue files: read ``programs/*.yaml`` with file and line for every problem, write records."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from funding_matcher.domain.budget.terms import record_term_problems
from funding_matcher.domain.catalogue.family import family_problems
from funding_matcher.domain.catalogue.notes_check import note_problems
from funding_matcher.domain.catalogue.records import TERMS_KEYS, Programme
from funding_matcher.domain.catalogue.status import LEGACY_STATUSES
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


# ``<<: *anchor`` takes keys over from another mapping; keys written beside it override them.
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _duplicate_keys(node: yaml.Node, path: Path) -> list[CatalogueProblem]:
    """Keys written twice in one mapping, at any depth (YAML would keep the later value)."""
    problems = []
    # Mappings and sequences still to look at, each with the path of its keys ("deadline.").
    pending: list[tuple[yaml.Node, str]] = [(node, "")]
    checked: set[int] = set()
    while pending:
        current, prefix = pending.pop()
        if id(current) in checked:  # an alias repeats a node already checked
            continue
        checked.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                if not isinstance(item, yaml.ScalarNode):
                    pending.append((item, f"{prefix}{index}."))
            continue
        if not isinstance(current, yaml.MappingNode):
            continue
        first: dict[tuple[str, Any], int] = {}
        repeated: dict[tuple[str, Any], list[int]] = {}
        for key_node, value_node in current.value:
            if not isinstance(value_node, yaml.ScalarNode):
                pending.append((value_node, f"{prefix}{key_node.value}."))
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                continue
            key = (key_node.tag, key_node.value)
            line = key_node.start_mark.line + 1
            if key in first:
                repeated.setdefault(key, [first[key]]).append(line)
            else:
                first[key] = line
        for (_, name), lines in repeated.items():
            times = "zweimal" if len(lines) == 2 else f"{len(lines)}-mal"
            named = ", ".join(f"Zeile {line}" for line in lines[:-1]) + f" und Zeile {lines[-1]}"
            message = f"Schlüssel „{prefix}{name}“ steht {times} ({named})"
            problems.append(CatalogueProblem(path, lines[1], message))
    return sorted(problems, key=lambda problem: problem.line or 0)


# A child record (``parent: slug``) inherits every key it leaves out from its parent, except
# these, which describe the sub-line itself.
OWN_KEYS = frozenset(
    {
        "slug",
        "title",
        "short_title",
        "summary",
        "parent",
        "status",
        "status_evidence",
        "successor",
        "checked_on",
        "sources",
        "notes",
        "attribution",
    }
)
# The outline is inherited as a whole or not at all (topics and limits follow the sections).
OUTLINE_KEYS = ("outline_sections", "outline_topics", "outline_limits")
# Field names a note may speak of (notes_check compares its claims with the record).
PROGRAMME_FIELDS = frozenset(Programme.model_fields)


@dataclass
class RawRecord:
    """A record file read as YAML but not yet validated: its data and the line of each key."""

    path: Path
    data: dict[str, Any]
    lines: dict[str, int]


def read_raw(text: str, path: Path) -> tuple[RawRecord | None, list[CatalogueProblem]]:
    """The YAML mapping of one file with its key lines, or the syntax problem."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()  # parsed once: the lines come from the same nodes
        duplicates = _duplicate_keys(node, path) if node is not None else []
        if duplicates:
            return None, duplicates
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
    return RawRecord(path, data, _key_lines(node)), []


def inherit(child: dict[str, Any], parents: list[dict[str, Any]]) -> tuple[dict, set[str]]:
    """The child's data completed from its parents (nearest first), and the inherited keys."""
    merged = dict(child)
    inherited: set[str] = set()
    for parent in parents:
        for key, value in parent.items():
            if key in OWN_KEYS or key in merged:
                continue
            if key in OUTLINE_KEYS and "outline_sections" in child:
                continue
            merged[key] = value
            inherited.add(key)
        parent_sources = parent.get("sources")
        if isinstance(parent_sources, dict):
            # A fact taken over from the parent keeps the parent's source for it.
            sources = dict(merged.get("sources") or {})
            for key, evidence in parent_sources.items():
                if key in inherited and key not in sources:
                    sources[key] = evidence
            if sources:
                merged["sources"] = sources
    return merged, inherited


def _parent_of(raw: RawRecord) -> str | None:
    parent = raw.data.get("parent")
    return parent if isinstance(parent, str) else None


def resolve(
    raw: RawRecord, lookup: Callable[[str], RawRecord | None]
) -> tuple[Programme | None, list[CatalogueProblem]]:
    """Validate one record, completed from its parent records when it is a sub-line."""
    chain: list[RawRecord] = []
    seen = {raw.path.stem}
    step = _parent_of(raw)
    parent_line = raw.lines.get("parent", 1)
    while step is not None:
        if step in seen:
            loop = " → ".join([raw.path.stem, *(r.path.stem for r in chain), step])
            return None, [CatalogueProblem(raw.path, parent_line, f"parent: Kreis über {loop}")]
        found = lookup(step)
        if found is None:
            return None, [
                CatalogueProblem(
                    raw.path,
                    parent_line,
                    f"parent: unbekanntes oder fehlerhaftes Programm „{step}“",
                )
            ]
        seen.add(step)
        chain.append(found)
        step = _parent_of(found)
    data, inherited = inherit(raw.data, [r.data for r in chain])
    return validate_record(raw, data, inherited)


def validate_record(
    raw: RawRecord, data: dict[str, Any], inherited: set[str] | frozenset[str] = frozenset()
) -> tuple[Programme | None, list[CatalogueProblem]]:
    """The record as a Programme, or its problems with file and line."""
    path, lines = raw.path, raw.lines
    parent_line = lines.get("parent", 1)
    status = data.get("status")
    if status in LEGACY_STATUSES:
        return None, [
            CatalogueProblem(
                path,
                lines.get("status", 1),
                f"status: „{status}“ gilt nicht mehr; open, between_rounds, unclear oder closed "
                "mit status_evidence (siehe docs/catalogue-format.md)",
            )
        ]
    try:
        programme = Programme.model_validate(data)
    except ValidationError as exc:
        problems = []
        for problem in problems_from_pydantic(exc):
            top = problem.field.split(".", 1)[0]
            message = f"{problem.field or 'Datei'}: {problem.message}"
            if not problem.field:
                # A rule across fields names the field it is about first ("status_evidence: …").
                top = re.split(r"[\s.:\[]", problem.message, maxsplit=1)[0]
                message = problem.message
            if top in inherited:
                message += f" (geerbt von „{data.get('parent')}“)"
            line = parent_line if top in inherited else lines.get(top, 1)
            problems.append(CatalogueProblem(path, line, message))
        return None, problems
    if programme.status != "draft":
        # A sub-line's own keys (successor) default to null; the rest it may inherit.
        own_default = OWN_KEYS if programme.parent else frozenset()
        missing = [key for key in TERMS_KEYS if key not in data and key not in own_default]
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
    contradictions = note_problems(programme.model_dump(mode="json"), PROGRAMME_FIELDS)
    if contradictions:
        # Notes are the record's own (never inherited): the line is the child's notes line.
        return None, [
            CatalogueProblem(path, lines.get("notes", 1), message) for message in contradictions
        ]
    term_problems = record_term_problems(programme.model_dump())
    if term_problems:
        return None, [
            CatalogueProblem(
                path,
                lines.get(problem.field.split(".")[1] if "." in problem.field else "slug", 1),
                f"{problem.field.removeprefix('programm.')}: {problem.message} "
                "(Bedingung für die Budgetprüfung)",
            )
            for problem in term_problems
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


def _read_file(path: Path) -> tuple[RawRecord | None, list[CatalogueProblem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [CatalogueProblem(path, None, f"nicht lesbar: {exc}")]
    return read_raw(text, path)


def parse_programme(text: str, path: Path) -> tuple[Programme | None, list[CatalogueProblem]]:
    """Parse one record; returns the programme or the problems, each with its line.

    A sub-line's parent records are read from the file's own directory.
    """
    raw, problems = read_raw(text, path)
    if raw is None:
        return None, problems

    def from_disk(slug: str) -> RawRecord | None:
        found, _ = _read_file(path.parent / f"{slug}{FILE_SUFFIX}")
        return found

    return resolve(raw, from_disk)


def load_catalogue(directory: Path) -> CatalogueLoad:
    """Read every ``*.yaml`` record in ``directory``; broken files are reported, not loaded."""
    result = CatalogueLoad()
    if not directory.is_dir():
        result.problems.append(CatalogueProblem(directory, None, "Verzeichnis nicht gefunden"))
        return result
    raws: dict[str, RawRecord] = {}
    for path in sorted(directory.glob(f"*{FILE_SUFFIX}")):
        raw, problems = _read_file(path)
        result.problems.extend(problems)
        if raw is not None:
            raws[path.stem] = raw
    for raw in raws.values():
        programme, problems = resolve(raw, raws.get)
        result.problems.extend(problems)
        if programme is not None:
            result.programmes.append(programme)
    result.problems.extend(_cross_check(result.programmes, directory))
    return result


def _cross_check(programmes: list[Programme], directory: Path) -> list[CatalogueProblem]:
    """References must name programmes that exist; a sub-line of an ended programme is ended."""
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
    for slug, message in family_problems(programmes).items():
        problems.append(CatalogueProblem(directory / f"{slug}{FILE_SUFFIX}", None, message))
    return problems


def dump_programme(programme: Programme) -> str:
    """A record as YAML text in field order, for writing ``programs/<slug>.yaml``."""
    return yaml.safe_dump(
        programme.model_dump(mode="json", exclude_none=False),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
