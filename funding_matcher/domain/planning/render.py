"""German plain-text rendering of plans, for ``--format text`` and e-mails."""

from __future__ import annotations

from funding_matcher.domain.german import format_date

from .model import AwardPlan, Milestone, SubmissionPlan
from .workdays import legal_due_text


def render_submission_text(plan: SubmissionPlan) -> str:
    """The backward plan as German text: T0, one line per milestone, then the warnings."""
    if plan.rolling:
        head = (
            f"Zeitplan bis zum Antragstermin {format_date(plan.deadline)} "
            f"({plan.apply_lead_days} Tage vor dem Projektbeginn)"
        )
    else:
        head = f"Zeitplan bis zur Antragsfrist {format_date(plan.deadline)}"
    lines = [head, ""]
    lines += _milestone_lines(plan.milestones)
    lines += _warning_lines(plan)
    return "\n".join(lines) + "\n"


def render_award_text(plan: AwardPlan) -> str:
    """The post-award dates as German text."""
    rules = f", Nebenbestimmungen: {plan.rules}" if plan.rules else ""
    lines = [
        "Termine nach der Bewilligung "
        f"(Bewilligungszeitraum {format_date(plan.project_start)} bis "
        f"{format_date(plan.project_end)}{rules})",
        "",
    ]
    lines += _milestone_lines(plan.milestones)
    lines += _warning_lines(plan)
    return "\n".join(lines) + "\n"


def _milestone_lines(milestones: tuple[Milestone, ...]) -> list[str]:
    lines = []
    for m in milestones:
        when = format_date(m.due) if m.due else "offen".ljust(10)
        legal = ""
        if m.legal_due and m.legal_due != m.due:
            legal = f" ({legal_due_text(m.key, m.legal_due)})"
        flag = "  [überfällig]" if m.at_risk else ""
        lines.append(f"  {when}  {m.title}{legal}{flag}")
    return lines


def _warning_lines(plan: SubmissionPlan | AwardPlan) -> list[str]:
    if not plan.warnings:
        return []
    return ["", "Achtung:"] + [f"  - {w.message}" for w in plan.warnings]
