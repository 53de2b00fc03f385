"""Whether a project's start leaves time to apply and be approved.

A grant as a rule pays only for what begins after its approval (Verbot des vorzeitigen
Maßnahmebeginns). Three readings, the first that applies:

- the programme's next deadline lies after the project's start: one applies only once the
  project has begun (or the deadline serves a later funding period);
- the programme names how long before the start one must apply (``apply_lead_days``: the
  Deutsch-Tschechischer Zukunftsfonds three months) and the next deadline, or today for a
  rolling programme, is later than that;
- the programme names no lead and the start is nearer than the longest lead found in the
  catalogue (planning's ASSUMED_LEAD_DAYS): whether a decision comes in time is open (not for a
  programme that lets the project begin once the application is in, ``start_rule``
  after_application; one that needs its written commitment first cannot grant an early start).

The first two make the money unplannable for this start (the funding mix leaves it out); the
third is a warning only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.german import format_date
from funding_matcher.domain.planning.request import ASSUMED_LEAD_DAYS
from funding_matcher.domain.profile import Profile


@dataclass(frozen=True)
class TimingProblem:
    text: str
    blocks_plan: bool  # the funding mix cannot plan with this money for this start


def timing_problem(
    programme: Programme, profile: Profile, next_window: date | None, today: date
) -> TimingProblem | None:
    """What keeps the project's start from fitting the programme's dates, if anything."""
    start = profile.start_date
    if start is None:
        return None
    if next_window is not None and next_window > start:
        return TimingProblem(
            f"Die nächste Antragsfrist ({format_date(next_window)}) liegt nach Ihrem "
            f"Projektbeginn ({format_date(start)}): gefördert wird in der Regel erst, was nach "
            "der Bewilligung beginnt – prüfen Sie, für welchen Förderzeitraum die Frist gilt, und "
            "planen Sie den Beginn danach",
            True,
        )
    lead = programme.apply_lead_days
    if lead is not None:
        latest = start - timedelta(days=lead)
        submitted = next_window if next_window is not None else today
        if submitted > latest:
            when = (
                f"die nächste Frist ({format_date(next_window)}) ist dafür zu spät"
                if next_window is not None
                else "dieser Tag ist vorbei"
            )
            return TimingProblem(
                f"Antrag mindestens {lead} Tage vor Projektbeginn, für einen Beginn am "
                f"{format_date(start)} also bis {format_date(latest)}: {when} – Beginn "
                "verschieben",
                True,
            )
        return None
    rule = programme.start_rule
    if rule == "after_application" or not today <= start < today + timedelta(
        days=ASSUMED_LEAD_DAYS
    ):
        return None  # may begin once the application is in, or time enough for a decision
    soon = f"Ihr Projekt beginnt am {format_date(start)}, in {(start - today).days} Tagen"
    if rule == "after_written_commitment":
        return TimingProblem(
            f"{soon}: begonnen werden darf erst nach der schriftlichen Zusage des Fördergebers, "
            "und ob sie bis dahin kommt, ist offen – Beginn verschieben",
            False,
        )
    return TimingProblem(
        f"{soon}: ob bis dahin bewilligt ist, ist offen – vorzeitigen Maßnahmebeginn beantragen "
        "oder Beginn verschieben",
        False,
    )
