"""What a submission plan is computed from, and its anchor T0 (planning.md § 3, § 11)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_date

from .funder import FUNDER, check_funder_level, funder_kind, submission_funder_term
from .inputs import check_applicant_type, check_plausible_day
from .meetings import MeetingCalendar
from .model import PlanWarning
from .terms import ProgrammeTerms
from .workdays import check_state

ASSUMED_LEAD_DAYS = 42  # the longest lead found: Kulturstiftung Sachsen, 6 weeks (§ 3)
START_RULE_CODES = (
    "after_application",
    "after_bescheid",
    "after_bestandskraft",
    "after_written_commitment",
)
# Rules under which a project must not begin before the decision (VV Nr. 1.3).
AFTER_DECISION = frozenset(START_RULE_CODES[1:])


@dataclass(frozen=True)
class SubmissionRequest:
    """Options of ``plan submission`` (or what the web app knows); options win over the
    programme's terms, the two ``requires_*`` options only switch on."""

    applicant_type: str
    state: str
    today: date
    deadline: date | None = None
    rolling: bool = False
    project_start: date | None = None
    apply_lead_days: int | None = None
    funder_level: str | None = None
    start_rule: str | None = None
    requires_municipal_endorsement: bool = False
    requires_council_decision: bool = False
    settings: MeetingCalendar | None = None
    own_funds: Mapping[int, Decimal] = field(default_factory=dict)
    investments: Mapping[int, Decimal] = field(default_factory=dict)
    grant_eur: Decimal | None = None
    total_eur: Decimal | None = None
    programme: ProgrammeTerms | None = None
    warnings: tuple[PlanWarning, ...] = ()  # found by the caller, e.g. budget_has_errors


@dataclass(frozen=True)
class Anchor:
    """T0 and how it came about; ``lead_known`` is False when T0 rests on the assumed lead."""

    t0: date
    rolling: bool
    apply_lead_days: int | None
    lead_known: bool


@dataclass(frozen=True)
class Resolved:
    """The request with the programme's terms applied and checked."""

    applicant_type: str
    state: str
    today: date
    anchor: Anchor
    project_start: date | None
    start_rule: str | None
    lead_days: int | None  # the known lead (option or record), never the assumed one
    requires_endorsement: bool
    requires_council: bool
    funder_kind: str | None
    settings: MeetingCalendar
    own_funds: Mapping[int, Decimal]
    investments: Mapping[int, Decimal]
    amount: Decimal | None  # A of § 5: the total, else grant plus own funds
    warnings: list[PlanWarning]

    @property
    def funder_term(self) -> str:
        """How the plan names the funder at submission (§ 7)."""
        return submission_funder_term(self.funder_kind)

    @property
    def public_funder(self) -> bool:
        """True when the funder is an authority (no Fördergeber wording)."""
        return self.funder_term != FUNDER


def resolve(request: SubmissionRequest) -> Resolved:
    """Check the request, apply the programme's terms and compute T0 (§ 3)."""
    state = check_state(request.state)
    applicant_type = check_applicant_type(request.applicant_type)
    check_plausible_day(request.deadline, "deadline")
    check_plausible_day(request.project_start, "project_start")
    level = check_funder_level(request.funder_level)
    terms = request.programme or ProgrammeTerms()
    start_rule = request.start_rule or terms.start_rule
    if start_rule is not None and start_rule not in START_RULE_CODES:
        message = f"unbekannte Regel „{start_rule}“ (erlaubt: {', '.join(START_RULE_CODES)})"
        raise InvalidData([FieldProblem("start_rule", message)])
    lead = request.apply_lead_days
    if lead is None:
        lead = terms.apply_lead_days
    if lead is not None and lead < 0:
        raise InvalidData([FieldProblem("apply_lead_days", "darf nicht negativ sein")])
    warnings = list(request.warnings)
    anchor = _anchor(request, terms, lead, warnings)
    _start_warnings(request.project_start, anchor, start_rule, lead, warnings)
    amount = request.total_eur
    if amount is None and (request.grant_eur is not None or request.own_funds):
        amount = (request.grant_eur or Decimal(0)) + sum(request.own_funds.values(), Decimal(0))
    return Resolved(
        applicant_type=applicant_type,
        state=state,
        today=request.today,
        anchor=anchor,
        project_start=request.project_start,
        start_rule=start_rule,
        lead_days=lead,
        requires_endorsement=request.requires_municipal_endorsement
        or bool(terms.requires_municipal_endorsement),
        requires_council=request.requires_council_decision or bool(terms.requires_council_decision),
        funder_kind=funder_kind(level or terms.level, terms.post_award_profile),
        settings=request.settings or MeetingCalendar(),
        own_funds=request.own_funds,
        investments=request.investments,
        amount=amount,
        warnings=warnings,
    )


def _anchor(
    request: SubmissionRequest, terms: ProgrammeTerms, lead: int | None, warnings: list[PlanWarning]
) -> Anchor:
    if request.deadline is not None and request.rolling:
        message = "entweder eine Frist (--deadline) oder laufende Antragstellung (--rolling)"
        raise InvalidData([FieldProblem("deadline", message)])
    if request.deadline is not None:
        return Anchor(request.deadline, False, None, True)
    rolling = request.rolling or (request.programme is not None and terms.rolling)
    if not rolling:
        if terms.next_deadline is not None:
            return Anchor(terms.next_deadline, False, None, True)
        message = "keine Einreichungsfrist bekannt: Frist angeben oder laufende Antragstellung"
        raise InvalidData([FieldProblem("deadline", message)])
    start = request.project_start
    if start is None:
        message = "Pflichtangabe bei laufender Antragstellung: der geplante Projektbeginn"
        raise InvalidData([FieldProblem("project_start", message)])
    if lead is None:
        t0 = start - timedelta(days=ASSUMED_LEAD_DAYS)
        warnings.append(
            PlanWarning(
                "apply_lead_unknown",
                f"Vorlauf des Programms vor dem Projektbeginn unbekannt: angenommen "
                f"{ASSUMED_LEAD_DAYS} Tage (Antrag bis {format_date(t0)}). Bearbeitungszeit beim "
                "Fördergeber erfragen.",
            )
        )
        return Anchor(t0, True, ASSUMED_LEAD_DAYS, False)
    return Anchor(start - timedelta(days=lead), True, lead, True)


def _start_warnings(
    start: date | None,
    anchor: Anchor,
    start_rule: str | None,
    lead: int | None,
    warnings: list[PlanWarning],
) -> None:
    if start is None:
        return
    if start <= anchor.t0:
        warnings.append(
            PlanWarning(
                "start_before_submission",
                f"Der Projektbeginn {format_date(start)} liegt nicht nach dem Antrag "
                f"({format_date(anchor.t0)}): Ein vor dem Antrag begonnenes Vorhaben wird nicht "
                "gefördert. Projektbeginn verschieben.",
            )
        )
    elif start_rule in AFTER_DECISION and lead is not None and start < anchor.t0 + timedelta(lead):
        warnings.append(
            PlanWarning(
                "start_before_decision",
                f"Der Projektbeginn {format_date(start)} liegt vor der zu erwartenden Entscheidung "
                f"(Antrag {format_date(anchor.t0)} plus {lead} Tage Bearbeitung): Beginn erst nach "
                "der Zusage, sonst vorzeitigen Maßnahmebeginn beantragen.",
            )
        )
