"""The Quartier project profile: interchange format v1, validated.

A profile describes a neighbourhood project that looks for funding. ``Profile.from_json`` and
``Profile.to_json`` read and write the contract format without loss: unknown extra fields are kept.
The optional ``costs_by_type_eur`` (an addition to the contract) splits the budget by cost type
(cost_split.py): it must add up to ``budget_total_eur`` to the cent, is the total when none is
given, and each type with costs counts as one of the project's ``cost_types``.
"""

from __future__ import annotations

import calendar
import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from funding_matcher.domain import taxonomy
from funding_matcher.domain.cost_split import (
    check_cost_type,
    filled_in,
    in_cents,
    split_mismatch,
)
from funding_matcher.domain.errors import FieldProblem, InvalidData, problems_from_pydantic
from funding_matcher.domain.german import format_number
from funding_matcher.domain.json_input import load_json
from funding_matcher.domain.limits import (
    DATE_MESSAGE,
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_AMOUNT_EUR,
    SINGLE_LINE_MESSAGE,
    read_iso_date,
    single_line,
)

FORMAT_VERSION = "v1.1"

Text300 = Annotated[str, Field(max_length=300)]
MAX_EUR = float(MAX_AMOUNT_EUR)


def _iso_date(value: Any) -> Any:
    """Only the text JJJJ-MM-TT (or a date): no number of seconds since 1970, no timestamp."""
    if value is None or isinstance(value, date):
        return value
    try:
        return read_iso_date(value, "start_date")
    except InvalidData:
        raise ValueError(f"{DATE_MESSAGE} (Format JJJJ-MM-TT)") from None


# Strict: true is no amount, "yes" no yes, 12.0 no number of months (JSON has the real types).
Euro = Annotated[float, Strict(), Field(ge=0, le=MAX_EUR)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
CostType = Annotated[str, AfterValidator(check_cost_type)]

# Project details (format v1.1, drafting contract § 1): the user's own words, at most 5,000
# characters per text and 30 entries per list.
DetailText = Annotated[str, Field(max_length=5000)]
NamedText = Annotated[str, Field(min_length=1, max_length=5000)]
DETAIL_LIST_MAX = 30
MAX_EXTRA_FIELDS = 50
MAX_EXTRA_CHARS = 64_000


# A minimal valid profile: each field of a draft is checked on top of it (``draft_fields``).
DRAFT_BASE: dict[str, Any] = {
    "title": "Entwurf",
    "description": "Entwurf eines Projektprofils.",
    "applicant_type": "verein",
    "state": "NW",
}

# Field -> vocabulary of taxonomy.yaml whose codes it holds.
CODE_FIELDS = {
    "applicant_type": "applicant_types",
    "state": "states",
    "area_type": "area_types",
    "themes": "themes",
    "target_groups": "target_groups",
    "cost_types": "cost_types",
}


class _Detail(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NeedFigure(_Detail):
    """A figure that shows the need, with its source ("SGB-II-Quote im Quartier", "24 %")."""

    label: NamedText
    value: NamedText
    source: DetailText | None = None


class Subgroup(_Detail):
    """A part of the target group with its count ("Menschen mit Behinderung", 20)."""

    label: NamedText
    count: int | None = Field(default=None, ge=0, le=10_000_000)


class TargetGroup(_Detail):
    """Whom the project reaches: in the user's words, how many, and which subgroups."""

    description: DetailText | None = None
    count: int | None = Field(default=None, ge=0, le=10_000_000)
    subgroups: list[Subgroup] = Field(default_factory=list, max_length=DETAIL_LIST_MAX)


class Goal(_Detail):
    """A goal with the indicator that shows it is reached and the target value."""

    goal: NamedText
    indicator: DetailText | None = None
    target: DetailText | None = None


class Activity(_Detail):
    """A work package; months count from the first month of the project period (1)."""

    title: NamedText
    description: DetailText | None = None
    from_month: int | None = Field(default=None, ge=1, le=120)
    to_month: int | None = Field(default=None, ge=1, le=120)

    @model_validator(mode="after")
    def _months_in_order(self) -> Activity:
        if (
            self.from_month is not None
            and self.to_month is not None
            and self.to_month < self.from_month
        ):
            raise ValueError("to_month: der letzte Monat liegt vor dem ersten")
        return self


class DetailPartner(_Detail):
    """A partner and what it contributes."""

    name: NamedText
    role: DetailText | None = None


class Details(_Detail):
    """The project's facts per topic (format v1.1); every field optional."""

    need: DetailText | None = None
    need_figures: list[NeedFigure] = Field(default_factory=list, max_length=DETAIL_LIST_MAX)
    target_group: TargetGroup | None = None
    goals: list[Goal] = Field(default_factory=list, max_length=DETAIL_LIST_MAX)
    activities: list[Activity] = Field(default_factory=list, max_length=DETAIL_LIST_MAX)
    participation: DetailText | None = None
    accessibility: DetailText | None = None
    partners: list[DetailPartner] = Field(default_factory=list, max_length=DETAIL_LIST_MAX)
    sustainability: DetailText | None = None
    publicity: DetailText | None = None
    funding_need: DetailText | None = None
    experience: DetailText | None = None

    @property
    def empty(self) -> bool:
        """True when no field holds anything."""
        return not any(self.model_dump(exclude_none=True, exclude_defaults=True).values())


class Profile(BaseModel):
    """A Quartier project profile (interchange format v1)."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, allow_inf_nan=False)

    title: str = Field(min_length=3, max_length=300)
    description: str = Field(min_length=20, max_length=50000)
    applicant_type: str
    state: str
    organisation: Text300 | None = None
    municipality: str | None = Field(default=None, max_length=200)
    area_type: str | None = None
    designated_area: Annotated[bool, Strict()] | None = None
    themes: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    cost_types: list[str] = Field(default_factory=list)
    budget_total_eur: Euro | None = None
    own_funds_eur: Euro | None = None
    # The budget by cost type (cost_split.py); without budget_total_eur the total is its sum.
    costs_by_type_eur: dict[CostType, Euro] | None = None
    start_date: IsoDate | None = None
    duration_months: Annotated[int, Strict(), Field(ge=1, le=120)] | None = None
    partners: list[Text300] = Field(default_factory=list, max_length=50)
    # Format v1.1: the project has partners in another country (cross-border programmes).
    partners_abroad: bool | None = None
    details: Details | None = None

    @field_validator("budget_total_eur", "own_funds_eur")
    @classmethod
    def _plain_zero(cls, value: float | None) -> float | None:
        # -0.0 is a valid JSON number but no amount: store it as 0.
        return value + 0.0 if value is not None else None

    @field_validator("costs_by_type_eur")
    @classmethod
    def _plain_zeros(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        return None if value is None else {code: amount + 0.0 for code, amount in value.items()}

    @model_validator(mode="after")
    def _split_fills_total_and_types(self) -> Profile:
        # The split is the budget: with no total given it is the total, and a type with costs
        # is one of the project's cost types without being ticked as well.
        total, types = filled_in(
            self.costs_by_type_eur or {}, self.budget_total_eur, self.cost_types
        )
        # Assigned only when changed: an assigned field counts as given and is exported.
        if total != self.budget_total_eur:
            self.budget_total_eur = total
        if types != self.cost_types:
            self.cost_types = types
        return self

    @field_validator("title", "organisation", "municipality", "partners")
    @classmethod
    def _one_line(cls, value: Any) -> Any:
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and not single_line(text) for text in texts):
            raise ValueError(SINGLE_LINE_MESSAGE)
        return value

    @field_validator("start_date")
    @classmethod
    def _plausible_date(cls, value: date | None) -> date | None:
        if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValueError(DATE_MESSAGE)
        return value

    @model_validator(mode="after")
    def _bounded_extras(self) -> Profile:
        extra = self.model_extra or {}
        if len(extra) > MAX_EXTRA_FIELDS:
            raise ValueError(f"höchstens {MAX_EXTRA_FIELDS} zusätzliche Felder erlaubt")
        if len(json.dumps(extra, ensure_ascii=False, default=str)) > MAX_EXTRA_CHARS:
            raise ValueError(
                f"zusätzliche Felder zu groß (höchstens {format_number(MAX_EXTRA_CHARS)} Zeichen)"
            )
        return self

    @field_validator(*CODE_FIELDS)
    @classmethod
    def _known_codes(cls, value: Any, info: ValidationInfo) -> Any:
        vocabulary = CODE_FIELDS[info.field_name]
        if value is None:
            return None
        if isinstance(value, list):
            return taxonomy.check_codes(vocabulary, value)
        return taxonomy.check_code(vocabulary, value)

    # -- derived facts used by the matcher and the drafts --------------------------------------

    @property
    def own_text(self) -> str:
        """The project's own words: title (a sentence of its own) and description, never the
        labels of the codes it chose; what it plans and where it cooperates is read here."""
        return f"{self.title}. {self.description}"

    @property
    def named_target_groups(self) -> list[str]:
        """The target groups the project names besides "alle" (people tick "alle" beside the
        groups they mean): the groups a programme for other people is compared with."""
        return [g for g in self.target_groups if g != "alle"]

    @property
    def requested_eur(self) -> float | None:
        """The funding asked for: total budget less own funds, where both are known."""
        if self.budget_total_eur is None:
            return None
        return max(self.budget_total_eur - (self.own_funds_eur or 0.0), 0.0)

    @property
    def cost_split(self) -> dict[str, Decimal] | None:
        """Every cost type with its costs in cents when the budget is split by type, else None
        (an empty split is none)."""
        return in_cents(self.costs_by_type_eur) if self.costs_by_type_eur else None

    @property
    def project_end(self) -> date | None:
        """The project's last day: start plus duration in months, where both are known."""
        if self.start_date is None or self.duration_months is None:
            return None
        months = self.start_date.month - 1 + self.duration_months
        year, month = self.start_date.year + months // 12, months % 12 + 1
        day = min(self.start_date.day, calendar.monthrange(year, month)[1])
        return date(year, month, day) - timedelta(days=1)

    @property
    def partner_list(self) -> list[DetailPartner]:
        """One partner list: ``details.partners`` when given, else the v1 names (role unknown)."""
        if self.details is not None and self.details.partners:
            return list(self.details.partners)
        return [DetailPartner(name=name) for name in self.partners if name.strip()]

    @property
    def has_details(self) -> bool:
        """Whether the profile carries any project detail (format v1.1)."""
        return self.details is not None and not self.details.empty

    @property
    def extra_fields(self) -> dict[str, Any]:
        """Fields outside format v1 that came with the file; kept on export."""
        return dict(self.model_extra or {})

    # -- interchange ------------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Any) -> Profile:
        """Validate a decoded JSON object; raise InvalidData naming every bad field."""
        if not isinstance(data, dict):
            raise InvalidData([FieldProblem("", "Das Profil muss ein JSON-Objekt sein.")])
        try:
            profile = cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidData(problems_from_pydantic(exc)) from None
        late = _months_after_end(profile)
        if late:
            raise InvalidData(late)
        if (
            profile.budget_total_eur is not None
            and profile.own_funds_eur is not None
            and profile.own_funds_eur > profile.budget_total_eur
        ):
            raise InvalidData(
                [FieldProblem("own_funds_eur", "Eigenmittel sind höher als das Gesamtbudget.")]
            )
        if profile.costs_by_type_eur and profile.budget_total_eur is not None:
            mismatch = split_mismatch(profile.costs_by_type_eur, profile.budget_total_eur)
            if mismatch:
                raise InvalidData([FieldProblem("costs_by_type_eur", mismatch)])
        return profile

    @classmethod
    def from_json(cls, text: str | bytes) -> Profile:
        """Parse profile JSON text; raise InvalidData with a clear message on any problem."""
        return cls.from_dict(load_json(text))

    def to_dict(self) -> dict[str, Any]:
        """The profile as a format-v1 object: unset optional fields are left out."""
        data = self.model_dump(mode="json", exclude_none=True)
        for key in ("themes", "target_groups", "cost_types", "partners"):
            if not data.get(key) and key not in self.model_fields_set:
                data.pop(key, None)
        if self.details is not None:
            data["details"] = _compact(data["details"])
            if not data["details"]:
                data.pop("details")
        return data

    @classmethod
    def draft_fields(cls, data: Any) -> dict[str, Any]:
        """The fields of a stored draft (wizard, import) that are valid on their own, in their
        format-v1 form: what the API may show of a profile that is not complete yet."""
        if not isinstance(data, dict):
            return {}
        kept: dict[str, Any] = {}
        for key, value in data.items():
            if key not in cls.model_fields or key in DRAFT_BASE and value is None:
                continue
            try:
                checked = cls.from_dict({**DRAFT_BASE, key: value}).to_dict()
            except InvalidData:
                continue
            if key in checked:
                kept[key] = checked[key]
        return kept

    def to_json(self) -> str:
        """The profile as pretty-printed format-v1 JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _compact(value: Any) -> Any:
    """Details without empty lists and objects: what the user never filled stays out."""
    if isinstance(value, dict):
        kept = {k: _compact(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ({}, [], None)}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def _months_after_end(profile: Profile) -> list[FieldProblem]:
    """Activities planned beyond the project's duration (when the duration is known)."""
    if profile.details is None or profile.duration_months is None:
        return []
    problems = []
    for i, activity in enumerate(profile.details.activities):
        for name in ("from_month", "to_month"):
            month = getattr(activity, name)
            if month is not None and month > profile.duration_months:
                problems.append(
                    FieldProblem(
                        f"details.activities.{i}.{name}",
                        f"Monat {month} liegt nach dem Projektende (Laufzeit "
                        f"{profile.duration_months} Monate)",
                    )
                )
    return problems
