"""What a plan reads from a programme record (planning.md § 11), and the labels the programme
page shows for those terms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.domain.catalogue.records import Programme

from .funder import AWARD_PROFILES

START_RULES: dict[str, str] = {
    "after_application": "nach der Antragstellung (bis zur Zusage auf eigenes Risiko)",
    "after_bescheid": "erst nach Zugang der Bewilligung",
    "after_bestandskraft": "erst, wenn die Bewilligung bestandskräftig ist",
    "after_written_commitment": "erst nach schriftlicher Zusage des Fördergebers",
}


@dataclass(frozen=True)
class ProgrammeTerms:
    """A programme's planning terms; None where the record does not know them."""

    level: str | None = None
    rolling: bool = False
    next_deadline: date | None = None
    start_rule: str | None = None
    apply_lead_days: int | None = None
    requires_municipal_endorsement: bool | None = None
    requires_council_decision: bool | None = None
    post_award_profile: str | None = None
    state: str | None = None  # the funder's Land, when the programme serves exactly one


def programme_terms(programme: Programme, today: date) -> ProgrammeTerms:
    """The terms of ``programme`` as the plan reads them on ``today``."""
    states = programme.states
    return ProgrammeTerms(
        level=programme.level,
        rolling=programme.deadline.kind == "rolling",
        next_deadline=next_deadline(programme.deadline, today),
        start_rule=programme.start_rule,
        apply_lead_days=programme.apply_lead_days,
        requires_municipal_endorsement=programme.requires_municipal_endorsement,
        requires_council_decision=programme.requires_council_decision,
        post_award_profile=programme.post_award_profile,
        state=states[0] if isinstance(states, list) and len(states) == 1 else None,
    )


@dataclass(frozen=True)
class TermRow:
    """One line of the programme page: a German label and the value in words."""

    label: str
    value: str


def term_rows(programme: Programme) -> list[TermRow]:
    """The planning terms in German for the programme page ("unbekannt" where not known)."""

    def yes_no(value: bool | None) -> str:
        return "unbekannt" if value is None else ("ja" if value else "nein")

    lead = programme.apply_lead_days
    profile = AWARD_PROFILES.get(programme.post_award_profile or "")
    if profile is None:
        after = "unbekannt (aus Ebene und Antragsteller abgeleitet)"
    else:
        after = profile.rules or "kommunale Nebenbestimmungen des Landes"
    return [
        TermRow(
            "Projektbeginn",
            START_RULES.get(programme.start_rule or "", "unbekannt"),
        ),
        TermRow(
            "Antrag vor Projektbeginn",
            "unbekannt" if lead is None else f"mindestens {lead} Tage vorher",
        ),
        TermRow(
            "Stellungnahme der Kommune nötig",
            yes_no(programme.requires_municipal_endorsement),
        ),
        TermRow("Ratsbeschluss nötig (Kommune)", yes_no(programme.requires_council_decision)),
        TermRow("Nebenbestimmungen nach der Bewilligung", after),
    ]
