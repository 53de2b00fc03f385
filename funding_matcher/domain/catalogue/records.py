"""Programme records: the fields of a catalogue entry and the rules they obey."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.deadlines import Deadline

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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
            if not self.themes:
                raise ValueError("themes: mindestens ein Code nötig (außer bei status draft)")
            if not self.applicant_types and not self.access_via:
                # A programme whose direct recipients are outside the taxonomy (national
                # associations, a Land's service agency) names only who gets the money through them.
                raise ValueError(
                    "applicant_types: mindestens ein Code nötig, oder access_via "
                    "(außer bei status draft)"
                )
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
    def indirect_applicant_types(self) -> list[str]:
        """Applicant types that receive the money only through an intermediary."""
        return [code for route in self.access_via for code in route.applicant_types]

    def route_for(self, applicant_type: str) -> AccessRoute | None:
        """The intermediary through which this applicant type gets the money, if indirect."""
        return next((r for r in self.access_via if applicant_type in r.applicant_types), None)

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
