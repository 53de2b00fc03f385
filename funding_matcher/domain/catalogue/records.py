"""Programme records: the fields of a catalogue entry and the rules they obey."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal
from urllib.parse import urlsplit

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
from funding_matcher.domain.places import directory

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EARLIEST_PLAUSIBLE = date(2000, 1, 1)
# A quote that announces itself as a summary ("Sinngemäß: ...") is not the source's own words.
PARAPHRASE_RE = re.compile(r"^\W*sinngem(ä|ae)(ß|ss)", re.IGNORECASE)
# A test or staging copy of a portal ("test.antragsportal-….nrw") is no publication of the funder:
# it cannot show that a programme is open today.
TEST_HOST_RE = re.compile(r"^(?:test|testing|staging|stage|dev|preview|demo)[.-]", re.IGNORECASE)


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
# "none": the programme has no such rule (no limit); null: unknown (budget rules v2).
NoRule = Literal["none"]
RateBase = Literal[
    "eligible",
    "eligible_minus_income",
    "eligible_minus_private_third_party",
    "eligible_minus_all_other_funding",
    "total_cost",
]
StartRule = Literal[
    "after_application", "after_bescheid", "after_bestandskraft", "after_written_commitment"
]
SourceKind = Literal[
    "own_cash",
    "donation",
    "income",
    "private_third_party",
    "public_grant",
    "foundation_grant",
    "in_kind",
]
POST_AWARD_PROFILE_RE = re.compile(
    r"^(bund_anbest_p|bund_anbest_gk|stiftung_vertrag|[a-z]{2}_anbest_[a-z]+|[a-z]{2}_kommunal)$"
)
# Matcher terms (issue 26). funding_kind refines funding_type where the two differ in kind of
# support: a Lohnkostenzuschuss (§ 16i SGB II) is a zuschuss, but for one employee, not a project.
FundingKind = Literal["grant", "loan", "prize", "personnel_subsidy"]
Cooperation = Literal["cross_border", "transnational"]
DesignatedAreaKind = Literal["staedtebau", "region"]
# Germany's neighbours and the other partners of its Interreg A programmes, as ISO codes.
PartnerCountry = Literal["AT", "BE", "CH", "CZ", "DK", "FR", "LI", "LU", "NL", "PL"]
CapUnit = Literal["project", "jahr", "wohneinheit", "teilnehmende"]
OUTLINE_TOPICS = (
    "ausgangslage",
    "zielgruppen",
    "ziele",
    "massnahmen",
    "beteiligung",
    "barrierefreiheit",
    "kooperation",
    "verstetigung",
    "oeffentlichkeitsarbeit",
    "notwendigkeit",
    "traeger",
    "zusammenfassung",
    "zeitplan",
    "finanzierung",
    "evaluation",
)

# Statuses a reviewed record may carry, each with dated evidence (catalogue round three).
REVIEWED_STATUSES = ("open", "between_rounds", "unclear", "closed")

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
    max_percent: float | NoRule | None = Field(default=None)
    may_meet_own_min: bool | None = None

    @field_validator("max_percent")
    @classmethod
    def _percent(cls, value: float | str | None) -> float | str | None:
        return _check_percent(value)


def _check_percent(value: float | str | None) -> float | str | None:
    if isinstance(value, int | float) and value > 100:
        raise ValueError("darf höchstens 100 (Prozent) sein")
    if isinstance(value, int | float) and value < 0:
        raise ValueError("darf nicht negativ sein")
    return value


class Evidence(BaseModel):
    """A dated statement from a source: the page, the date it states, the words it uses."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    date: date
    quote: str = Field(min_length=10, max_length=600)

    @field_validator("url")
    @classmethod
    def _https(cls, value: str) -> str:
        if not re.match(r"^https://[^\s/$.?#][^\s]*$", value):
            raise ValueError("muss eine https-Adresse sein")
        return value

    @field_validator("quote")
    @classmethod
    def _verbatim(cls, value: str) -> str:
        # The quote is the source's own words; a summary marked as such is not evidence.
        if PARAPHRASE_RE.match(value):
            raise ValueError(
                "muss die Worte der Quelle wörtlich wiedergeben, keine sinngemäße Zusammenfassung"
            )
        return value


class NarrowPurpose(BaseModel):
    """A Fördergegenstand that is one kind of measure or object (a group trip with overnight
    stays, a playground, a Sportstätte): the programme fits only a project that plans it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # What the programme funds, as the warning names it: "Gruppenreisen mit Übernachtung".
    label: str = Field(min_length=3, max_length=120)
    # Words a project that plans it would use (nouns, singular): "Reise", "Ferienfreizeit".
    words: list[str] = Field(min_length=1, max_length=40)

    @field_validator("words")
    @classmethod
    def _single_words(cls, value: list[str]) -> list[str]:
        for word in value:
            if not word.isalpha() or len(word) < 3:
                raise ValueError(f"„{word}“ ist kein einzelnes Wort aus Buchstaben")
        return value


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
    # open / between_rounds / unclear replace active and paused (catalogue round three); the
    # model still reads the old codes in rows stored before, catalogue files may not use them.
    status: Literal["open", "between_rounds", "unclear", "closed", "draft", "active", "paused"]
    status_evidence: Evidence | None = None
    parent: str | None = None
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
    # -- matcher terms (issue 26; docs/catalogue-format.md "Kinds of funding and routes") --------
    # null: read from funding_type (zuschuss -> grant, preis -> prize, darlehen... -> loan).
    funding_kind: FundingKind | None = None
    # Needs partners abroad: cross_border (Interreg A, one border) or transnational (several
    # countries: Interreg B, Erasmus+, CERV). null: no such requirement.
    cooperation: Cooperation | None = None
    # Where a cross-border programme applies: Landkreise and kreisfreie Städte by name, or Land
    # codes for whole Länder; null: only the states are known (often just parts of them).
    programme_area: list[str] | None = None
    # The countries the partners abroad must come from (Interreg A: the neighbour across the
    # border; a bilateral fund: its partner country); null: any country, or not known.
    partner_countries: list[PartnerCountry] | None = None
    # What amount_max_eur is counted per: the project (default), a year, a Wohneinheit, a
    # participant. A cap per unit the profile cannot count is not applied to the whole project.
    amount_max_per: CapUnit | None = None
    # access_via is the ordinary way in for its applicant types (the applicant writes the
    # application itself to the intermediary under a standing call), not a third party's decision.
    access_via_ordinary: bool | None = None
    # Land procedure through which Kommunen apply for these Bund programmes (one route).
    land_procedure_for: list[str] = Field(default_factory=list)
    # The programme funds only on top of a grant from the Land or the Kommune (the Pflegekassen
    # under §§ 45c/45d SGB XI): never the main programme of a funding mix; null: not known.
    requires_public_cofunding: bool | None = None
    # What an organisation applying for the first time may ask at most (the Postcode Lotterie:
    # 30.000 Euro); plans and shares count with it, since the tool cannot know earlier grants.
    first_application_max_eur: float | None = Field(default=None, gt=0)
    # Only for projects whose total costs stay at or below this (a Kleinprojekt of the
    # Regionalbudget: Gesamtkosten bis 20.000 Euro); null: no such limit, or not known.
    project_cost_max_eur: float | None = Field(default=None, gt=0)
    # The programme funds one kind of measure or object only; null: not so narrow.
    narrow_purpose: NarrowPurpose | None = None
    funding_rate_max_percent: float | NoRule | None = None
    # The rate a project normally gets where the source names a rule below the maximum
    # (SozialstiftungNRW: "Regelzuschuss bis 50 Prozent", 90 only in justified exceptions): the
    # matcher and the funding mix count with it; the maximum stays the budget check's limit.
    funding_rate_regular_percent: float | None = Field(default=None, gt=0, le=100)
    amount_min_eur: float | NoRule | None = None
    amount_max_eur: float | NoRule | None = None
    own_contribution: str | None = None
    financing_type: FinancingType | None = None
    own_contribution_min_percent: float | NoRule | None = None
    overhead_max_percent: float | NoRule | None = None
    volunteer_work: VolunteerWork | NoRule | None = None
    # Budget rules v2 terms (../shared/contract/budget.md); null = unknown, "none" = no such rule.
    rate_base: RateBase | None = None
    fixed_amount_eur: float | NoRule | None = None
    annual_max_eur: float | NoRule | None = None
    subsidiarity: Literal["none", "public_first"] | None = None
    public_funding_cap_percent: float | NoRule | None = None
    own_contribution_base: Literal["eligible", "total"] | None = None
    own_contribution_counts: list[SourceKind] | None = None
    in_kind_accepted: bool | None = None
    overhead_base: Literal["direct", "direct_staff"] | None = None
    overhead_fixed_eur_per_year: float | NoRule | None = None
    investment_max_percent: float | NoRule | None = None
    sach_max_percent: float | NoRule | None = None
    own_staff_eligible: bool | None = None
    inventory_threshold_net_eur: float | None = Field(default=None, ge=0)
    start_rule: StartRule | None = None
    # Planning rules v2 terms (../shared/contract/planning.md § 11).
    apply_lead_days: int | None = Field(default=None, ge=0, le=730)
    requires_municipal_endorsement: bool | None = None
    requires_council_decision: bool | None = None
    post_award_profile: str | None = None
    requires_designated_area: bool | None = None
    # Which kind of area: a Fördergebiet of the Städtebauförderung or a city's designated
    # Quartier (what the profile's designated_area asks; the default), or a programme region
    # (a LEADER or ILE region, a rural development area, a partnership region) that the
    # profile's flag says nothing about.
    designated_area_kind: DesignatedAreaKind | None = None
    guideline_valid_until: date | None = None
    deadline: Deadline
    procedure: str | None = None
    outline_sections: list[str] = Field(default_factory=list)
    # Drafting rules (../shared/contract/drafting.md § 3, § 5, § 6, § 7).
    outline_topics: list[list[str]] | None = None
    outline_limits: list[int | None] | None = None
    # Declarations the grantor asks for beyond the usual ones (drafting contract § 5; codes in
    # domain/applications/declarations.py): only where the grantor's guideline states them.
    declarations: list[Literal["subventionserheblich", "keine_andere_lotterie", "nachrang"]] = (
        Field(default_factory=list)
    )
    short_form: bool | None = None
    requirements: list[str] = Field(default_factory=list)
    combinable_with: list[str] = Field(default_factory=list)
    not_combinable_with: list[str] = Field(default_factory=list)
    de_minimis: bool | Literal["none", "general", "dawi"] | None = None
    source_url: str
    checked_on: date
    # Per-fact sources where they differ from source_url: field name -> evidence.
    sources: dict[str, Evidence] = Field(default_factory=dict)
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

    @field_validator("successor", "parent")
    @classmethod
    def _successor_slug(cls, value: str | None) -> str | None:
        if value is not None and not SLUG_RE.match(value):
            raise ValueError(f"kein gültiger Slug: {value}")
        return value

    @field_validator(
        "funding_rate_max_percent",
        "own_contribution_min_percent",
        "overhead_max_percent",
        "public_funding_cap_percent",
        "investment_max_percent",
        "sach_max_percent",
    )
    @classmethod
    def _percent_or_none(cls, value: float | str | None) -> float | str | None:
        return _check_percent(value)

    @field_validator(
        "amount_min_eur",
        "amount_max_eur",
        "fixed_amount_eur",
        "annual_max_eur",
        "overhead_fixed_eur_per_year",
    )
    @classmethod
    def _euros_or_none(cls, value: float | str | None) -> float | str | None:
        if isinstance(value, int | float) and value < 0:
            raise ValueError("darf nicht negativ sein")
        return value

    @field_validator("post_award_profile")
    @classmethod
    def _profile_id(cls, value: str | None) -> str | None:
        if value is not None and not POST_AWARD_PROFILE_RE.match(value):
            raise ValueError(f"unbekanntes Profil „{value}“ (planning.md § 10.1)")
        return value

    @field_validator("outline_topics")
    @classmethod
    def _topics(cls, value: list[list[str]] | None) -> list[list[str]] | None:
        for i, entry in enumerate(value or []):
            if not entry:
                raise ValueError(f"Eintrag {i + 1} ist leer (mindestens ein Thema)")
            unknown = [code for code in entry if code not in OUTLINE_TOPICS]
            if unknown:
                raise ValueError(
                    f"Eintrag {i + 1}: unbekannte Themen {', '.join(unknown)} "
                    f"(erlaubt: {', '.join(OUTLINE_TOPICS)})"
                )
        return value

    @field_validator("combinable_with", "not_combinable_with", "land_procedure_for")
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
        low, high = self.limit("amount_min_eur"), self.limit("amount_max_eur")
        if low is not None and high is not None and low > high:
            raise ValueError("amount_min_eur ist größer als amount_max_eur")
        regular, highest = self.funding_rate_regular_percent, self.limit("funding_rate_max_percent")
        if regular is not None and (highest is None or regular > highest):
            raise ValueError(
                "funding_rate_regular_percent: nur mit funding_rate_max_percent und nicht "
                "größer als dieser"
            )
        if self.successor is not None and self.status != "closed":
            raise ValueError("successor: nur bei status closed (beendetes Programm)")
        if self.successor == self.slug:
            raise ValueError("successor: ein Programm kann nicht sein eigener Nachfolger sein")
        if self.parent == self.slug:
            raise ValueError("parent: ein Programm kann nicht sein eigenes Dach sein")
        for i, route in enumerate(self.access_via):
            direct = sorted(set(route.applicant_types) & set(self.applicant_types))
            if direct:
                raise ValueError(
                    f"access_via[{i}]: {', '.join(direct)} steht schon in applicant_types "
                    "(dort nur direkte Antragsteller)"
                )
        if self.land_procedure_for and self.level != "land":
            raise ValueError("land_procedure_for: nur bei level land (Landesverfahren)")
        if self.programme_area is not None:
            self._check_area(self.programme_area)
        if self.partner_countries is not None and self.cooperation is None:
            raise ValueError("partner_countries: nur bei cooperation (Partner im Ausland nötig)")
        if self.partner_countries == []:
            raise ValueError("partner_countries: leere Liste (null, wenn jedes Land passt)")
        for name in ("outline_topics", "outline_limits"):
            value = getattr(self, name)
            if value is not None and len(value) != len(self.outline_sections):
                raise ValueError(
                    f"{name}: {len(value)} Einträge, outline_sections hat "
                    f"{len(self.outline_sections)} (je Abschnitt ein Eintrag)"
                )
        if not self.checked_on >= EARLIEST_PLAUSIBLE:
            raise ValueError("checked_on liegt vor dem Jahr 2000")
        self._check_status()
        for d in self.deadline.dates + [w.closes for w in self.deadline.windows]:
            if not date(2000, 1, 1) <= d <= date(2100, 12, 31):
                raise ValueError(f"Fristdatum {d.isoformat()} ist nicht plausibel")
        return self

    def _check_area(self, area: list[str]) -> None:
        """Every entry names a Land code or an area of the record's Länder in the
        Gemeindeverzeichnis, and every Land it serves has one: a misspelt name or a forgotten
        Land would shut out the projects of a whole area."""
        if not all(a.strip() for a in area):
            raise ValueError("programme_area: leere Einträge")
        places = directory()
        states = list(taxonomy.VOCABULARIES["states"]) if self.serves_all_states else self.states
        for entry in area:
            if not places.knows(entry, states):
                raise ValueError(
                    f"programme_area: „{entry}“ ist in {_state_names(states)} weder Kreis noch "
                    "kreisfreie Stadt, Regierungsbezirk oder Land (geschrieben wie „Kreis "
                    "Borken“, „Stadt Münster“, „Regierungsbezirk Köln“, „NW“)"
                )
        if not self.serves_all_states:
            missing = [s for s in states if not any(places.knows(a, [s]) for a in area)]
            if missing:
                raise ValueError(
                    f"programme_area nennt kein Gebiet in {_state_names(missing)}: dort wäre "
                    "jedes Projekt ausgeschlossen (Gebiet ergänzen oder das Land in states "
                    "streichen)"
                )

    def _check_status(self) -> None:
        """A reviewed status needs its evidence and may not contradict the deadline."""
        if self.status not in REVIEWED_STATUSES:
            return
        evidence = self.status_evidence
        if evidence is None:
            raise ValueError(
                f"status_evidence: Pflicht bei status {self.status} "
                "({url, date, quote}: die Seite, ihr Datum und ihre Worte)"
            )
        if evidence.date > self.checked_on:
            raise ValueError(
                f"status_evidence.date {evidence.date.isoformat()} liegt nach checked_on: "
                "das Datum, das die Quelle nennt (Veröffentlichung, Stand), "
                "kein künftiges Fristende"
            )
        host = urlsplit(evidence.url).hostname or ""
        if self.status == "open" and TEST_HOST_RE.match(host):
            raise ValueError(
                f"status open, aber status_evidence.url liegt auf einer Testinstanz ({host}): "
                "einen Beleg auf der veröffentlichten Seite des Fördergebers angeben oder unclear"
            )
        kind = self.deadline.kind
        if self.status == "open" and kind == "closed":
            raise ValueError("status open, aber deadline.kind closed: Status oder Frist prüfen")
        if self.status == "between_rounds" and kind in ("rolling", "closed"):
            raise ValueError(
                f"status between_rounds, aber deadline.kind {kind}: die letzte Runde als fixed "
                "oder windows, annual oder unknown erfassen (Stand der nächsten Runde in note)"
            )
        if self.status == "closed" and kind != "closed":
            raise ValueError("status closed braucht deadline.kind closed (keine Frist mehr)")

    # -- derived facts --------------------------------------------------------------------------

    def limit(self, name: str) -> float | None:
        """A numeric term as a number, None both when unknown (null) and for "none" (no rule)."""
        value = getattr(self, name)
        return float(value) if isinstance(value, int | float) else None

    @property
    def planning_rate(self) -> float | None:
        """The rate a project can plan with: the regular rate where the source names one, else
        the maximum; None when unknown or without a rate."""
        if self.funding_rate_regular_percent is not None:
            return float(self.funding_rate_regular_percent)
        return self.limit("funding_rate_max_percent")

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
    def needs_staedtebau_area(self) -> bool:
        """Only for projects in a Fördergebiet of the Städtebauförderung or a city's designated
        Quartier: what the profile's designated_area answers."""
        return self.requires_designated_area is True and self.designated_area_kind != "region"

    @property
    def needs_region(self) -> bool:
        """Only inside a programme region (LEADER, ILE, a rural development area) that the
        profile's designated_area says nothing about and no ``programme_area`` lists: the user
        must check it."""
        return (
            self.requires_designated_area is True
            and self.designated_area_kind == "region"
            and not self.programme_area
        )

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


def _state_names(codes: list[str]) -> str:
    if len(codes) > 3:
        return "den Ländern des Eintrags"
    return ", ".join(taxonomy.label("states", c) for c in codes)
