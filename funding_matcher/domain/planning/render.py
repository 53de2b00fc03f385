"""German plain-text rendering of plans, for ``--format text`` and e-mails."""

from __future__ import annotations

from .model import AwardPlan, Milestone, SubmissionPlan
from .workdays import format_day


def render_submission_text(plan: SubmissionPlan) -> str:
    """The backward plan as German text: deadline, milestones in date order, warnings."""
    lines = [f"Zeitplan bis zur Antragsfrist {format_day(plan.deadline)}", ""]
    lines += _milestone_lines(plan.milestones)
    lines += _warning_lines(plan)
    return "\n".join(lines) + "\n"


def render_award_text(plan: AwardPlan) -> str:
    """The post-award dates as German text."""
    lines = [
        "Termine nach der Bewilligung "
        f"(Bewilligungszeitraum {plan.project_start:%d.%m.%Y} bis {plan.project_end:%d.%m.%Y})",
        "",
    ]
    lines += _milestone_lines(plan.milestones)
    lines += _warning_lines(plan)
    return "\n".join(lines) + "\n"


def _milestone_lines(milestones: tuple[Milestone, ...]) -> list[str]:
    lines = []
    for m in milestones:
        when = format_day(m.due) if m.due else "offen".ljust(13)
        flag = "  [überfällig]" if m.at_risk else ""
        lines.append(f"  {when}  {m.title}{flag}")
        if m.note:
            lines.append(f"  {'':13}  {m.note}")
    return lines


def _warning_lines(plan: SubmissionPlan | AwardPlan) -> list[str]:
    if not plan.warnings:
        return []
    return ["", "Achtung:"] + [f"  - {w.message}" for w in plan.warnings]
