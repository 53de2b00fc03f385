"""Reporting and retention dates after an award (contract "plan award", rule R27)."""

from __future__ import annotations

from datetime import date

from funding_matcher.domain.errors import FieldProblem, InvalidData

from .inputs import check_applicant_type, needs_council
from .model import AwardPlan, Milestone, in_date_order
from .offsets import DEFAULT_OFFSETS, PlanningOffsets
from .workdays import add_months, add_years

AWARD_TITLES: dict[str, str] = {
    "zwischennachweis": "Zwischennachweis",
    "verwendungsnachweis": "Verwendungsnachweis",
    "belege_aufbewahren": "Belege aufbewahren bis",
}


def plan_award(
    project_start: date,
    project_end: date,
    applicant_type: str,
    eu_funded: bool = False,
    *,
    today: date | None = None,
    offsets: PlanningOffsets = DEFAULT_OFFSETS,
) -> AwardPlan:
    """Zwischennachweise, Verwendungsnachweis and retention date for a Bewilligungszeitraum."""
    applicant_type = check_applicant_type(applicant_type)
    if project_end < project_start:
        message = f"Projektende {project_end:%d.%m.%Y} liegt vor dem Projektbeginn"
        raise InvalidData([FieldProblem("project_end", message)])

    def milestone(key: str, due: date, title: str, note: str) -> Milestone:
        # A passed retention date is no risk: the duty has simply ended.
        at_risk = today is not None and due < today and key != "belege_aufbewahren"
        return Milestone(key, title, due, at_risk, note)

    milestones = []
    for year in range(project_start.year, project_end.year + 1):
        year_end = date(year, 12, 31)
        # Only a 31 December strictly inside the period needs an interim report; a project
        # ending on 31 December reports with the Verwendungsnachweis.
        if project_start < year_end < project_end:
            due = date(year + 1, offsets.zwischennachweis_month, offsets.zwischennachweis_day)
            milestones.append(
                milestone(
                    "zwischennachweis",
                    due,
                    f"Zwischennachweis für {year}",
                    f"Projekt läuft über den 31.12.{year} hinaus",
                )
            )
    if needs_council(applicant_type):
        months, basis = offsets.verwendungsnachweis_months_kommune, "ANBest-Gk"
    else:
        months, basis = offsets.verwendungsnachweis_months_other, "ANBest-P"
    vn_due = add_months(project_end, months)
    milestones.append(
        milestone(
            "verwendungsnachweis",
            vn_due,
            AWARD_TITLES["verwendungsnachweis"],
            f"Projektende plus {months} Monate ({basis})",
        )
    )
    if eu_funded:
        keep_until = add_years(project_end, offsets.belege_years_eu)
        note = f"EU-Mittel: Projektende plus {offsets.belege_years_eu} Jahre"
    else:
        keep_until = add_years(vn_due, offsets.belege_years)
        note = f"Verwendungsnachweis-Termin plus {offsets.belege_years} Jahre"
    milestones.append(
        milestone("belege_aufbewahren", keep_until, AWARD_TITLES["belege_aufbewahren"], note)
    )
    return AwardPlan(project_start, project_end, in_date_order(milestones))
