"""The backward plan before submission (planning.md rules v2, § 2 to § 7): one function for the
CLI, the pages, the calendar feed and the reminders."""

from __future__ import annotations

from datetime import date, timedelta

from funding_matcher.domain.german import format_date, format_day_month

from .board import board_decision, private_decision
from .council import council_decision, haushalt_rows
from .funder import vorgespraech_title
from .inputs import needs_council
from .model import Milestone, PlanBuilder, SubmissionPlan
from .request import Resolved, SubmissionRequest, resolve
from .steps import Decision, intern, join
from .workdays import add_months, holiday_name, working_days_before

ENTWURF_DAYS = 10
KOOPERATIONEN_DAYS = 21
SUBMISSION_WORKING_DAYS = 2


def plan_submission(request: SubmissionRequest) -> SubmissionPlan:
    """Milestones before T0 for the applicant, the Land, the funder and the settings."""
    r = resolve(request)
    plan = PlanBuilder(r.today, warnings=list(r.warnings))
    if needs_council(r.applicant_type):
        decision = council_decision(r, plan)
    elif r.applicant_type == "privatperson":
        decision = private_decision(r)
    else:
        decision = board_decision(r, plan)
    finanzplan = _common_rows(r, plan, decision)
    for row in decision.rows:
        plan.add(row)
    for row in _closing_rows(r):
        plan.add(row)
    if needs_council(r.applicant_type):
        for row in haushalt_rows(r, plan, finanzplan.due):
            plan.add(row)
    return SubmissionPlan(
        deadline=r.anchor.t0,
        milestones=plan.ordered(),
        warnings=tuple(plan.warnings),
        rolling=r.anchor.rolling,
        project_start=r.project_start,
        apply_lead_days=r.anchor.apply_lead_days,
        funder_term=r.funder_term,
    )


def _common_rows(r: Resolved, plan: PlanBuilder, decision: Decision) -> Milestone:
    """Vorgespräch, offers, final KFP and partners' agreements, all before D (§ 4)."""
    t0 = r.anchor.t0
    d = decision.day
    review = r.settings.finance_review_days
    if d is not None:
        talk_raw, talk_note = add_months(d, -2), f"2 Monate vor {decision.phrase}"
        review_raw: date | None = d - timedelta(days=review)
        review_note = f"{review} Tage vor {decision.phrase} (Prüfung des Finanzplans)"
    else:
        talk_raw, talk_note = add_months(t0, -2), "2 Monate vor der Antragsfrist"
        review_raw, review_note = None, f"offen: hängt von {decision.phrase} ab"
    plan.add(intern(r, "vorgespraech", vorgespraech_title(r.funder_kind), talk_raw, talk_note))
    plan.add(
        intern(r, "angebote", "Angebote und Kostenschätzungen liegen vor", review_raw, review_note)
    )
    finanzplan = plan.add(
        intern(
            r, "finanzplan_final", "Kosten- und Finanzierungsplan final", review_raw, review_note
        )
    )
    if finanzplan.due is not None:
        partners_raw = finanzplan.due
        partners_note = "zusammen mit dem Finanzplan (Beiträge der Partner stehen darin)"
    else:
        partners_raw = t0 - timedelta(days=KOOPERATIONEN_DAYS)
        partners_note = f"Antragsfrist minus {KOOPERATIONEN_DAYS} Tage"
    plan.add(
        intern(
            r,
            "kooperationen",
            "Kooperationsvereinbarungen und Absichtserklärungen unterschrieben",
            partners_raw,
            partners_note,
        )
    )
    return finanzplan


def _closing_rows(r: Resolved) -> list[Milestone]:
    """Endorsement by the Kommune, the final draft and the submission itself."""
    t0 = r.anchor.t0
    rows = []
    if r.requires_endorsement and not needs_council(r.applicant_type):
        days = r.settings.endorsement_lead_days
        rows.append(
            intern(
                r,
                "einvernehmen_kommune",
                "Stellungnahme bzw. Einvernehmen der Kommune anfragen",
                t0 - timedelta(days=days),
                f"Antragsfrist minus {days} Tage; das Programm verlangt sie",
            )
        )
    rows.append(
        intern(
            r,
            "entwurf_intern",
            "Interner Endentwurf des Antrags",
            t0 - timedelta(days=ENTWURF_DAYS),
            f"Antragsfrist minus {ENTWURF_DAYS} Tage",
        )
    )
    rows.append(_submission(r))
    return rows


def _submission(r: Resolved) -> Milestone:
    """The Stichtag: planned two working days ahead, legally T0 as written (§ 2)."""
    anchor = r.anchor
    t0 = anchor.t0
    due = working_days_before(t0, SUBMISSION_WORKING_DAYS, r.state)
    skipped = [
        f"{holiday_name(day, r.state)} ({format_day_month(day.day, day.month)})"
        for day in (due + timedelta(days=n) for n in range(1, (t0 - due).days))
        if day.weekday() < 5 and holiday_name(day, r.state)
    ]
    if not anchor.lead_known:
        basis = (
            f"angenommener Antragstermin {format_date(t0)} ({anchor.apply_lead_days} Tage vor "
            "Projektbeginn, Vorlauf unbekannt)"
        )
    elif anchor.rolling:
        basis = (
            f"zweiter Arbeitstag vor dem Antragstermin {format_date(t0)} "
            f"({anchor.apply_lead_days} Tage vor Projektbeginn)"
        )
    else:
        basis = f"zweiter Arbeitstag vor der Frist {format_date(t0)}"
    note = join(
        basis,
        f"Feiertag übersprungen: {', '.join(skipped)}" if skipped else "",
        _start_rule_note(r),
    )
    legal = t0 if anchor.lead_known else None
    return Milestone("einreichung", "Antrag einreichen", "stichtag", due, legal, note=note)


def _start_rule_note(r: Resolved) -> str:
    rule = r.start_rule
    if rule == "after_application":
        return "Projektbeginn frühestens nach der Antragstellung, bis zur Zusage auf eigenes Risiko"
    if rule == "after_bescheid":
        where = "bei der Bewilligungsbehörde" if r.public_funder else "beim Fördergeber"
        return (
            "Projektbeginn erst nach Zugang der Bewilligung (sonst vorzeitigen Maßnahmebeginn "
            f"{where} beantragen)"
        )
    if rule == "after_bestandskraft":
        return "Projektbeginn erst, wenn die Bewilligung bestandskräftig ist"
    if rule == "after_written_commitment":
        return "Projektbeginn erst nach schriftlicher Zusage des Fördergebers"
    return ""
