"""Reporting and retention dates after an award, by the funder's post-award profile
(planning.md § 10); Fristen end on the next working day of the funder's Land (§ 193 BGB)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_date

from .funder import FUNDER, AwardProfile, award_profile, check_funder_level, derive_profile
from .inputs import check_applicant_type, check_plausible_day, needs_council
from .model import AwardPlan, Milestone, PlanBuilder
from .terms import ProgrammeTerms
from .workdays import (
    add_months,
    add_years,
    check_state,
    next_working_day,
    previous_working_day,
)

EU_RETENTION_YEARS = 10
RETENTION_YEARS = 5


@dataclass(frozen=True)
class AwardRequest:
    """Options of ``plan award`` (or what the web app knows after the award)."""

    project_start: date
    project_end: date
    applicant_type: str
    state: str
    today: date
    funder_profile: str | None = None
    funder_level: str | None = None
    funder_state: str | None = None
    programme: ProgrammeTerms | None = None
    purpose_fulfilled: date | None = None
    vn_due: date | None = None
    grant_eur: Decimal | None = None
    eu_funded: bool = False


def plan_award(request: AwardRequest) -> AwardPlan:
    """Zwischennachweise, Verwendungsnachweis and the retention date under the profile."""
    state = check_state(request.state)
    applicant_type = check_applicant_type(request.applicant_type)
    funder_state = (
        check_state(request.funder_state, "funder_state") if request.funder_state else None
    )
    level = check_funder_level(request.funder_level)
    terms = request.programme or ProgrammeTerms()
    level = level or terms.level
    start, end = request.project_start, request.project_end
    check_award_period(start, end, request.purpose_fulfilled)
    funder_land = funder_state or terms.state
    if request.funder_profile:
        profile: AwardProfile | None = award_profile(request.funder_profile)
    elif terms.post_award_profile:
        profile = award_profile(terms.post_award_profile, "post_award_profile")
    else:
        found = derive_profile(level, needs_council(applicant_type), funder_land or state)
        profile = award_profile(found) if found else None
    legal_land = funder_land or (profile.land if profile else None)
    run = _Award(request, state, legal_land or state, profile, level, PlanBuilder(request.today))
    run.interim_reports()
    vn = run.final_report()
    run.retention(vn)
    if profile is None:
        source = "dem Zuwendungsbescheid" if level == "kommune" else "der Bewilligung"
        run.plan.warn(
            "profile_unknown",
            "Die Nebenbestimmungen dieser Förderung sind unbekannt: Termine für Nachweise und "
            f"Aufbewahrung bitte aus {source} eintragen.",
        )
    if legal_land is None and any(m.kind == "frist" and m.due for m in run.plan.milestones):
        run.plan.warn(
            "funder_state_assumed",
            f"Sitz des Fördergebers unbekannt: Feiertage des eigenen Landes ({state}) "
            "angenommen, als rechtlicher Termin für die Nachweise.",
        )
    return AwardPlan(
        project_start=start,
        project_end=end,
        milestones=run.plan.ordered(),
        warnings=tuple(run.plan.warnings),
        profile=profile.id if profile else None,
        rules=profile.rules if profile else None,
        funder_term=profile.funder_term if profile else FUNDER,
    )


def check_award_period(start: date, end: date, purpose_fulfilled: date | None = None) -> None:
    """InvalidData naming the field when the Bewilligungszeitraum or the purpose date is wrong."""
    check_plausible_day(start, "project_start")
    check_plausible_day(end, "project_end")
    check_plausible_day(purpose_fulfilled, "purpose_fulfilled")
    if end < start:
        message = f"Projektende {format_date(end)} liegt vor dem Projektbeginn {format_date(start)}"
        raise InvalidData([FieldProblem("project_end", message)])
    if purpose_fulfilled is not None and purpose_fulfilled < start:
        message = "Zweck erfüllt vor dem Projektbeginn: Datum prüfen"
        raise InvalidData([FieldProblem("purpose_fulfilled", message)])


class _Award:
    """The three kinds of rows of § 10.2 for one request."""

    def __init__(
        self,
        request: AwardRequest,
        state: str,
        legal_land: str,
        profile: AwardProfile | None,
        level: str | None,
        plan: PlanBuilder,
    ) -> None:
        self.request = request
        self.state = state
        self.legal_land = legal_land
        self.profile = profile
        self.level = level
        self.plan = plan
        purpose = request.purpose_fulfilled
        self.end = min(purpose, request.project_end) if purpose else request.project_end

    @property
    def source(self) -> str:
        """Where an undated Frist is found: the Bescheid, the contract or the Bewilligung."""
        if self.profile is not None:
            return "Fördervertrag" if self.profile.contract else "Zuwendungsbescheid"
        return "Zuwendungsbescheid" if self.level == "kommune" else "Bewilligung"

    def frist(self, key: str, title: str, raw: date | None, note: str, year: int | None = None):
        """A period's end: planned on the working day before, legally on the one after."""
        if raw is None:
            return self.plan.add(Milestone(key, title, "frist", None, None, note=note, year=year))
        due = previous_working_day(raw, self.state)
        legal = next_working_day(raw, self.legal_land)
        if legal != raw:
            note += f"; Frist endet am {format_date(legal)} (§ 193 BGB)"
        if due != raw:
            note += f"; im Plan auf {format_date(due)} vorgezogen"
        return self.plan.add(Milestone(key, title, "frist", due, legal, note=note, year=year))

    def interim_reports(self) -> None:
        rule = self.profile.zn if self.profile else "none"
        if rule == "none":
            return
        start = self.request.project_start
        for year in range(start.year, self.end.year):
            title = f"Zwischennachweis {year}"
            if rule == "bescheid":
                self.frist(
                    "zwischennachweis", title, None, f"Termin laut {self.source} eintragen", year
                )
                continue
            note = (
                f"Projekt läuft über den 31.12.{year} hinaus; vier Monate nach Ablauf des "
                "Haushaltsjahres"
            )
            if year == start.year and start > date(year, 9, 30):
                note += "; nur zahlenmäßiger Nachweis (Beginn im letzten Quartal)"
            self.frist("zwischennachweis", title, date(year + 1, 4, 30), note, year)

    def final_report(self) -> Milestone:
        request, profile = self.request, self.profile
        title = "Verwendungsnachweis"
        if request.vn_due is not None:
            raw: date | None = request.vn_due
            note = f"Termin laut {self.source}"
        elif profile is not None and profile.vn_months is not None:
            raw = add_months(self.end, profile.vn_months)
            after = (
                "Erfüllung des Zuwendungszwecks"
                if self.end < request.project_end
                else "Ende des Bewilligungszeitraums"
            )
            note = f"{profile.vn_months} Monate nach {after} ({profile.rules})"
        else:
            raw, note = None, f"Frist laut {self.source} eintragen"
        limit = profile.small_grant_limit if profile else None
        small = (
            limit is not None
            and request.grant_eur is not None
            and request.grant_eur <= limit
            and (request.vn_due is not None or raw is None)
        )
        if small:
            note += (
                f"; nach Art. 44a BayHO nur auf Anforderung vorzulegen, Anforderung möglich bis "
                f"31.03.{self.end.year + 1}"
            )
        return self.frist("verwendungsnachweis", title, raw, note)

    def retention(self, vn: Milestone) -> None:
        title = "Belege aufbewahren bis"
        if self.request.eu_funded:
            keep = add_years(self.request.project_end, EU_RETENTION_YEARS)
            note = f"EU-Mittel: Projektende plus {EU_RETENTION_YEARS} Jahre"
        elif self.profile is not None and self.profile.belege == "vn_plus_5" and vn.legal_due:
            keep = add_years(vn.legal_due, RETENTION_YEARS)
            note = (
                f"{RETENTION_YEARS} Jahre nach Vorlage des Verwendungsnachweises "
                f"(angenommen am {format_date(vn.legal_due)})"
            )
        else:
            self.plan.add(
                Milestone(
                    "belege_aufbewahren",
                    title,
                    "aufbewahrung",
                    None,
                    None,
                    note=f"Aufbewahrungsfrist laut {self.source}",
                )
            )
            return
        self.plan.add(Milestone("belege_aufbewahren", title, "aufbewahrung", keep, keep, note=note))
