"""Programme records: load, validate and export. The only code that knows ``programs/`` files."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from funding_matcher.domain import taxonomy
from funding_matcher.domain.deadlines import Deadline
from funding_matcher.domain.errors import problems_from_pydantic

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FILE_SUFFIX = ".yaml"
EARLIEST_PLAUSIBLE = date(2000, 1, 1)


# Field -> vocabulary whose codes it holds (a list, or one code for level and funding_type).
CODE_FIELDS = {
    "level": "levels",
    "funding_type": "funding_types",
    "applicant_types": "applicant_types",
    "states": "states",
    "area_types": "area_types",
    "themes": "themes",
    "target_groups": "target_groups",
    "cost_types": "cost_types",
}


FinancingType = Literal["anteil", "fehlbedarf", "festbetrag", "voll"]

# Keys every reviewed (non-draft) record must spell out, null meaning "unknown, see notes".
TERMS_KEYS = (
    "successor",
    "access_via",
    "financing_type",
    "own_contribution_min_percent",
    "overhead_max_percent",
    "volunteer_work",
    "guideline_valid_until",
)


class VolunteerWork(BaseModel):
    """Volunteer hours accepted as notional expense (fiktive Ausgabe) and own contribution."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rate_eur_per_hour: float = Field(gt=0, le=1000)
    max_percent: float | None = Field(default=None, ge=0, le=100)


class AccessRoute(BaseModel):
    """Applicants who receive the money through an intermediary (Weiterleitung)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    applicant_types: list[str] = Field(min_length=1)
    via: str = Field(min_length=3)

    @field_validator("applicant_types")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        return taxonomy.check_codes("applicant_types", value)


class Programme(BaseModel):
    """One funding programme as recorded in the catalogue."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str
    title: str = Field(min_length=3)
    short_title: str = Field(min_length=2, max_length=80)
    funder: str = Field(min_length=2)
    level: str
    eu_fund: str | None = None
    status: Literal["active", "paused", "closed", "draft"]
    successor: str | None = None
    summary: str = Field(min_length=20)
    description: str = Field(min_length=20)
    applicant_types: list[str] = Field(default_factory=list)
    access_via: list[AccessRoute] = Field(default_factory=list)
    states: Literal["all"] | list[str]
    area_types: list[str] = Field(default_factory=lambda: ["urban", "rural"])
    themes: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    cost_types: list[str] = Field(default_factory=list)
    funding_type: str
    funding_rate_max_percent: float | None = Field(default=None, ge=0, le=100)
    amount_min_eur: float | None = Field(default=None, ge=0)
    amount_max_eur: float | None = Field(default=None, ge=0)
    own_contribution: str | None = None
    financing_type: FinancingType | None = None
    own_contribution_min_percent: float | None = Field(default=None, ge=0, le=100)
    overhead_max_percent: float | None = Field(default=None, ge=0, le=100)
    volunteer_work: VolunteerWork | None = None
    requires_designated_area: bool | None = None
    guideline_valid_until: date | None = None
    deadline: Deadline
    procedure: str | None = None
    outline_sections: list[str] = Field(default_factory=list)
    requirements: list[str] = Field(default_factory=list)
    combinable_with: list[str] = Field(default_factory=list)
    not_combinable_with: list[str] = Field(default_factory=list)
    de_minimis: bool | None = None
    source_url: str
    checked_on: date
    notes: str | None = None
    attribution: str | None = None

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG_RE.match(value):
            raise ValueError("nur Kleinbuchstaben, Ziffern und Bindestriche erlaubt")
        return value

    @field_validator(*CODE_FIELDS)
    @classmethod
    def _known_codes(cls, value: Any, info: ValidationInfo) -> Any:
        vocabulary = CODE_FIELDS[info.field_name]
        if value == "all" and info.field_name == "states":
            return value
        if isinstance(value, list):
            return taxonomy.check_codes(vocabulary, value)
        return taxonomy.check_code(vocabulary, value)

    @field_validator("source_url")
    @classmethod
    def _https(cls, value: str) -> str:
        if not re.match(r"^https://[^\s/$.?#][^\s]*$", value):
            raise ValueError("muss eine https-Adresse sein")
        return value

    @field_validator("successor")
    @classmethod
    def _successor_slug(cls, value: str | None) -> str | None:
        if value is not None and not SLUG_RE.match(value):
            raise ValueError(f"kein gültiger Slug: {value}")
        return value

    @field_validator("combinable_with", "not_combinable_with")
    @classmethod
    def _slugs(cls, value: list[str]) -> list[str]:
        bad = [s for s in value if not SLUG_RE.match(s)]
        if bad:
            raise ValueError(f"keine gültigen Slugs: {', '.join(bad)}")
        return value

    @model_validator(mode="after")
    def _plausible(self) -> Programme:
        if self.status != "draft":
            # Imported drafts may lack codes a curator adds before the record counts.
            for name in ("applicant_types", "themes"):
                if not getattr(self, name):
                    raise ValueError(f"{name}: mindestens ein Code nötig (außer bei status draft)")
        if (
            self.amount_min_eur is not None
            and self.amount_max_eur is not None
            and self.amount_min_eur > self.amount_max_eur
        ):
            raise ValueError("amount_min_eur ist größer als amount_max_eur")
        if self.successor is not None and self.status != "closed":
            raise ValueError("successor: nur bei status closed (beendetes Programm)")
        if self.successor == self.slug:
            raise ValueError("successor: ein Programm kann nicht sein eigener Nachfolger sein")
        for i, route in enumerate(self.access_via):
            direct = sorted(set(route.applicant_types) & set(self.applicant_types))
            if direct:
                raise ValueError(
                    f"access_via[{i}]: {', '.join(direct)} steht schon in applicant_types "
                    "(dort nur direkte Antragsteller)"
                )
        if not self.checked_on >= EARLIEST_PLAUSIBLE:
            raise ValueError("checked_on liegt vor dem Jahr 2000")
        for d in self.deadline.dates + [w.closes for w in self.deadline.windows]:
            if not date(2000, 1, 1) <= d <= date(2100, 12, 31):
                raise ValueError(f"Fristdatum {d.isoformat()} ist nicht plausibel")
        return self

    # -- derived facts --------------------------------------------------------------------------

    @property
    def serves_all_states(self) -> bool:
        return self.states == "all"

    @property
    def purely_investive(self) -> bool:
        """The record says only investments are fundable."""
        return self.cost_types == ["investiv"]

    @property
    def purely_non_investive(self) -> bool:
        """The record names fundable costs and investments are not among them."""
        return bool(self.cost_types) and "investiv" not in self.cost_types

    @property
    def counts_in_matching(self) -> bool:
        return self.status != "draft"

    def to_dict(self) -> dict[str, Any]:
        """Every field as plain JSON-ready data."""
        return self.model_dump(mode="json")


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
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [CatalogueProblem(path, line, f"YAML-Syntaxfehler: {reason}")]
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


def stale(programmes: Iterable[Programme], today: date, older_than_days: int) -> list[Programme]:
    """Records whose facts were last checked more than ``older_than_days`` ago, oldest first."""
    due = [p for p in programmes if (today - p.checked_on).days > older_than_days]
    return sorted(due, key=lambda p: (p.checked_on, p.slug))


def dump_programme(programme: Programme) -> str:
    """A record as YAML text in field order, for writing ``programs/<slug>.yaml``."""
    return yaml.safe_dump(
        programme.model_dump(mode="json", exclude_none=False),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )


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
