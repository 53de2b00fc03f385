"""Backward plan from a submission deadline T0 (contract "plan submission", rules R23/R24)."""

from __future__ import annotations

from datetime import date, timedelta

from .inputs import check_applicant_type, needs_council
from .meetings import COUNCIL_BODIES, MeetingCalendar
from .model import Milestone, PlanWarning, SubmissionPlan, in_date_order
from .offsets import DEFAULT_OFFSETS, PlanningOffsets
from .workdays import (
    add_months,
    check_state,
    format_day,
    holiday_name,
    moved_note,
    previous_working_day,
    working_days_before,
)

SUBMISSION_TITLES: dict[str, str] = {
    "vorgespraech": "Vorgespräch mit der Bewilligungsbehörde (Projektskizze)",
    "vorlage": "Sitzungsvorlage für den Rat fertig",
    "ausschuss": "Beratung im Fachausschuss",
    "ratsbeschluss": "Ratsbeschluss",
    "vorstandsbeschluss": "Vorstandsbeschluss",
    "kooperationen": "Kooperationsvereinbarungen und Absichtserklärungen unterschrieben",
    "angebote": "Angebote und Kostenschätzungen liegen vor",
    "finanzplan_final": "Kosten- und Finanzierungsplan final",
    "entwurf_intern": "Interner Endentwurf des Antrags",
    "einreichung": "Antrag einreichen (Puffer vor der Frist)",
}


def plan_submission(
    deadline: date,
    applicant_type: str,
    state: str,
    meetings: MeetingCalendar | None,
    today: date,
    offsets: PlanningOffsets = DEFAULT_OFFSETS,
) -> SubmissionPlan:
    """Milestones before ``deadline`` for the applicant type and Land, in date order."""
    state = check_state(state)
    applicant_type = check_applicant_type(applicant_type)
    steps = _Steps(deadline, state, today)
    steps.before_months("vorgespraech", offsets.vorgespraech_months)
    steps.before_days("kooperationen", offsets.kooperationen_days)
    steps.before_days("angebote", offsets.angebote_days)
    steps.before_days("finanzplan_final", offsets.finanzplan_days)
    steps.before_days("entwurf_intern", offsets.entwurf_days)
    steps.submission_buffer(offsets.einreichung_working_days)
    if needs_council(applicant_type):
        _council_chain(steps, meetings, offsets)
    else:
        _board_decision(steps, meetings, offsets)
    return SubmissionPlan(deadline, in_date_order(steps.milestones), tuple(steps.warnings))


class _Steps:
    """Collects milestones for one deadline so each rule stays a few lines."""

    def __init__(self, deadline: date, state: str, today: date) -> None:
        self.deadline = deadline
        self.state = state
        self.today = today
        self.milestones: list[Milestone] = []
        self.warnings: list[PlanWarning] = []

    def add(self, key: str, due: date | None, *notes: str) -> None:
        at_risk = due is not None and due < self.today
        note = "; ".join(n for n in notes if n)
        self.milestones.append(Milestone(key, SUBMISSION_TITLES[key], due, at_risk, note))

    def backwards(self, key: str, raw: date, basis: str) -> None:
        due = previous_working_day(raw, self.state)
        self.add(key, due, basis, moved_note(raw, due, self.state))

    def before_days(self, key: str, days: int) -> None:
        raw = self.deadline - timedelta(days=days)
        self.backwards(key, raw, f"Antragsfrist minus {days} Tage")

    def before_months(self, key: str, months: int) -> None:
        raw = add_months(self.deadline, -months)
        self.backwards(key, raw, f"Antragsfrist minus {months} Monate")

    def submission_buffer(self, working_days: int) -> None:
        due = working_days_before(self.deadline, working_days, self.state)
        skipped = [
            f"{holiday_name(d, self.state)} ({d:%d.%m.})"
            for d in _days_between(due, self.deadline)
            if d.weekday() < 5 and holiday_name(d, self.state)
        ]
        basis = f"{working_days}. Arbeitstag vor der Frist: Puffer für Portal, Signatur, Post"
        note = f"Feiertag übersprungen: {', '.join(skipped)}" if skipped else ""
        self.add("einreichung", due, basis, note)


def _days_between(first: date, last: date) -> list[date]:
    """The days strictly between ``first`` and ``last``."""
    return [first + timedelta(days=n) for n in range(1, (last - first).days)]


def _council_chain(
    steps: _Steps, meetings: MeetingCalendar | None, offsets: PlanningOffsets
) -> None:
    """Ratsbeschluss, Ausschuss and Sitzungsvorlage from the council's meeting calendar (R24)."""
    if meetings is None:
        steps.warnings.append(
            PlanWarning(
                "no_meetings",
                "Kein Sitzungskalender hinterlegt: Ratsbeschluss und Sitzungsvorlage lassen sich "
                "nicht terminieren. Tragen Sie die Sitzungstermine von Rat und Ausschüssen ein.",
            )
        )
        steps.add("ratsbeschluss", None, "Sitzungskalender fehlt")
        steps.add("vorlage", None, "Sitzungskalender fehlt")
        return
    buffer = _pick(meetings.council_buffer_days, offsets.council_buffer_days)
    ladungsfrist = _pick(meetings.ladungsfrist_days, offsets.ladungsfrist_days)
    lead = _pick(meetings.internal_lead_days, offsets.internal_lead_days)
    latest = steps.deadline - timedelta(days=buffer)
    candidates = [d for d in meetings.days_of(COUNCIL_BODIES) if d <= latest]
    council = max(candidates) if candidates else None
    if council is None:
        steps.warnings.append(
            PlanWarning(
                "council_not_reachable",
                f"Keine Ratssitzung bis spätestens {format_day(latest)} im Sitzungskalender "
                f"(Antragsfrist minus {buffer} Tage Puffer): Der Ratsbeschluss ist nicht "
                "rechtzeitig erreichbar. Prüfen Sie eine Dringlichkeitsentscheidung oder planen "
                "Sie den Antrag für den nächsten Förderaufruf.",
            )
        )
        steps.add("ratsbeschluss", None, f"keine Ratssitzung bis {format_day(latest)}")
    else:
        steps.add(
            "ratsbeschluss",
            council,
            f"letzte Ratssitzung bis {format_day(latest)} (Antragsfrist minus {buffer} Tage)",
        )
    committee_days = meetings.days_of("ausschuss")
    if committee_days:
        earlier = [d for d in committee_days if council is not None and d < council]
        if earlier:
            steps.add("ausschuss", max(earlier), "letzte Ausschusssitzung vor dem Ratsbeschluss")
        elif council is None:
            steps.add("ausschuss", None, "hängt vom Ratsbeschluss ab")
        else:
            steps.add(
                "ausschuss",
                None,
                "keine Ausschusssitzung vor dem Ratsbeschluss im Kalender: Beratungsfolge klären",
            )
    if council is None:
        steps.add("vorlage", None, "hängt vom Ratsbeschluss ab")
        return
    raw = council - timedelta(days=ladungsfrist + lead)
    steps.backwards(
        "vorlage",
        raw,
        f"Ratsbeschluss minus Ladungsfrist {ladungsfrist} Tage minus interner Vorlauf {lead} Tage",
    )


def _board_decision(
    steps: _Steps, meetings: MeetingCalendar | None, offsets: PlanningOffsets
) -> None:
    """Vorstandsbeschluss for every applicant without a council; hints at a fitting meeting."""
    days = offsets.vorstandsbeschluss_days
    raw = steps.deadline - timedelta(days=days)
    due = previous_working_day(raw, steps.state)
    hint = ""
    board_days = meetings.days_of("vorstand") if meetings else []
    if board_days:
        fitting = [d for d in board_days if d <= due]
        hint = (
            f"passende Vorstandssitzung laut Kalender: {format_day(max(fitting))}"
            if fitting
            else "keine Vorstandssitzung bis dahin im Kalender: Sondersitzung oder "
            "Umlaufbeschluss einplanen"
        )
    basis = f"Antragsfrist minus {days} Tage"
    steps.add("vorstandsbeschluss", due, basis, moved_note(raw, due, steps.state), hint)


def _pick(from_calendar: int | None, default: int) -> int:
    # The organisation's own meetings file wins over the general settings.
    return default if from_calendar is None else from_calendar
