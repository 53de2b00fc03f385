"""German reasons for matches, warnings, and hints on missing profile data.

Reasons come best first: the fit itself (themes, matching terms, target groups, a Land's own
programme), ordered by how much each added to this programme's score, then what the programme
can give (amount and share of the need), how to get in (eligible, or the route through an
intermediary or a Land procedure), and when to apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.records import AccessRoute, Programme
from funding_matcher.domain.catalogue.rounds import guideline_note
from funding_matcher.domain.german import format_date
from funding_matcher.domain.matching.amounts import amount_reason, rate_text
from funding_matcher.domain.matching.costs import unfunded_text
from funding_matcher.domain.matching.kinds import (
    COOPERATION_NOTES,
    KIND_NOTES,
    country_list,
    funding_kind,
    in_programme_area,
    other_partner_country,
)
from funding_matcher.domain.matching.purpose import purpose_question
from funding_matcher.domain.matching.standing import Standing, status_class, unclear_note
from funding_matcher.domain.matching.timing import timing_problem
from funding_matcher.domain.matching.weights import TERMS_IN_REASON
from funding_matcher.domain.places import directory
from funding_matcher.domain.profile import Profile

MAX_REASONS = 6
FIT_REASONS = 3
# Words that begin an intermediary's description as a phrase of its own ("als umsetzender Träger
# im Vorhaben ..."): the badge then reads "Zugang als ...", not "Zugang über als ...".
_ARTICLES = frozenset(
    {"den", "dem", "die", "das", "einen", "eine", "einem", "ihren", "ihre", "ihr"}
)
_PHRASE_STARTS = frozenset({"als", "über", "durch", "im", "in", "bei", "beim", "mit", "vom", "von"})


@cache
def short_label(vocabulary: str, code: str) -> str:
    """The label up to its first comma or bracket: 'Kommune (Gemeinde, …)' -> 'Kommune'."""
    text = taxonomy.label(vocabulary, code)
    return text.split(" (")[0].split(",")[0].strip()


def route_label(route: AccessRoute) -> str:
    """The badge of an intermediary route: 'Zugang über: Verfügungsfonds …' or 'Zugang als …'."""
    via = " ".join(route.via.split())
    first = via.split(" ", 1)[0].casefold()
    if first in _PHRASE_STARTS:
        return f"Zugang {via}"
    if first in _ARTICLES:
        return f"Zugang über {via}"
    return f"Zugang über: {via}"


def _past_deadlines(programme: Programme) -> list[date]:
    return programme.deadline.dates + [w.closes for w in programme.deadline.windows]


def successor_hint(programme: Programme) -> str:
    """' – Nachfolgeprogramm: <slug>' for an ended programme that was replaced, else ''."""
    return f" – Nachfolgeprogramm: {programme.successor}" if programme.successor else ""


# A deadline this close is said with the days left: the application is this month's work.
URGENT_DAYS = 42


def deadline_reason(programme: Programme, standing: Standing, today: date | None = None) -> str:
    """One line on when to apply; a deadline within URGENT_DAYS of ``today`` with the days
    left ("Nächste Frist: 31.12.2026 – in 24 Tagen")."""
    if status_class(programme.status) == "ended":
        return "Programm beendet" + successor_hint(programme)
    if programme.deadline.kind == "closed":
        return "Keine offene und keine angekündigte Antragsrunde"
    if standing.guideline_ended is not None:
        return (
            f"Förderrichtlinie am {format_date(standing.guideline_ended)} ausgelaufen – keine "
            "Frist, bis eine neue Richtlinie gilt"
        )
    if standing.round == "next":
        if standing.next_window:
            return f"Zwischen zwei Runden – nächste Frist: {format_date(standing.next_window)}"
        past = _past_deadlines(programme)
        last = f" (letzte Frist: {format_date(max(past))})" if past else ""
        if status_class(programme.status) == "next":
            return f"Nächste Runde erwartet, Termin noch nicht veröffentlicht{last} – vormerken"
        return f"Zurzeit keine offene Frist{last} – für die nächste Runde vormerken"
    if standing.next_window:
        said = f"Nächste Frist: {format_date(standing.next_window)}"
        left = (standing.next_window - today).days if today is not None else None
        if left == 0:
            return f"{said} – heute"
        if left is not None and 0 < left <= URGENT_DAYS:
            return f"{said} – in {left} Tagen"
        return said
    if programme.deadline.kind == "rolling":
        return "Antrag laufend möglich"
    return "Frist: beim Fördergeber erfragen"


@dataclass(frozen=True)
class Fit:
    """What this programme's score is made of (the weighted parts, 0..100) and its route."""

    strengths: dict[str, float]
    matched_terms: list[str]
    route: AccessRoute | None = None
    ordinary_route: bool = False
    procedure: Programme | None = None  # the Land procedure to apply through (Bund programme)
    procedure_for: tuple[Programme, ...] = ()  # the Bund programmes (this is a Land procedure)


def regional_reason(programme: Programme, profile: Profile) -> str:
    """Why the programme is one for this region: a Land programme, a regional one whose area
    the place lies in, or another funder's programme for a few Länder."""
    land = taxonomy.label("states", profile.state)
    if programme.programme_area:
        place = directory().locate(profile.state, profile.municipality)
        if place and in_programme_area(programme, profile):
            return f"Ihr Ort liegt im Programmgebiet: {place.where}"
        return f"Regionales Programm für Teile von {land}"
    if programme.level == "land":
        return f"Landesprogramm für {land}"
    others = len(programme.states) - 1
    if others == 1:
        return f"Regionales Programm für {land} und ein weiteres Land"
    if others > 1:
        return f"Regionales Programm für {land} und {others} weitere Länder"
    return f"Regionales Programm für {land}"


def _fit_reasons(programme: Programme, profile: Profile, fit: Fit) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    themes = [t for t in profile.themes if t in programme.themes]
    if themes:
        labels = ", ".join(short_label("themes", t) for t in themes[:3])
        out.append((fit.strengths.get("themes", 0.0), f"Themen: {labels}"))
    if fit.matched_terms:
        terms = ", ".join(fit.matched_terms[:TERMS_IN_REASON])
        out.append((fit.strengths.get("text", 0.0), f"Passende Begriffe: {terms}"))
    groups = [g for g in profile.target_groups if g in programme.target_groups and g != "alle"]
    if groups:
        labels = ", ".join(short_label("target_groups", g) for g in groups[:3])
        out.append((fit.strengths.get("targets", 0.0), f"Zielgruppen: {labels}"))
    if not programme.serves_all_states:
        out.append((fit.strengths.get("regional", 0.0), regional_reason(programme, profile)))
    if programme.needs_staedtebau_area and profile.designated_area:
        out.append((fit.strengths.get("designated", 0.0), "Quartier liegt in einem Fördergebiet"))
    out.sort(key=lambda item: -item[0])
    return out[:FIT_REASONS]


def _access_reason(programme: Programme, profile: Profile, fit: Fit) -> str:
    applicant = short_label("applicant_types", profile.applicant_type)
    if fit.route is not None:
        label = route_label(fit.route)
        return (
            label
            if fit.ordinary_route
            else f"{label} (als {applicant} nicht selbst antragsberechtigt)"
        )
    if fit.procedure is not None:
        return f"Antrag über das Landesverfahren: {fit.procedure.short_title}"
    if fit.procedure_for:
        names = ", ".join(p.short_title for p in fit.procedure_for)
        return f"Landesverfahren für: {names}"
    return f"Antragsberechtigt: {applicant}"


def match_reasons(
    programme: Programme,
    profile: Profile,
    standing: Standing,
    fit: Fit,
    today: date | None = None,
) -> list[str]:
    """Up to six short reasons why the programme fits the profile, the best first."""
    reasons = [text for _, text in _fit_reasons(programme, profile, fit)]
    amount = amount_reason(programme, profile)
    if amount:
        reasons.append(amount)
    reasons.append(_access_reason(programme, profile, fit))
    reasons.append(deadline_reason(programme, standing, today))
    rate = rate_text(programme)
    if rate and not (amount and "%" in amount) and len(reasons) < MAX_REASONS:
        reasons.append(f"Förderquote bis {rate}")
    return reasons[:MAX_REASONS]


def other_target_groups(programme: Programme, profile: Profile) -> list[str]:
    """The groups a programme is made for when the project names none of them (besides
    "alle", and the programme is not for "alle"): it may be for other people
    (scoring.for_other_people)."""
    named = set(profile.named_target_groups)
    groups = list(programme.target_groups)
    if not named or not groups or "alle" in groups or named & set(groups):
        return []
    return groups


# A programme subordinate to public money (budget.md, notice public_claims).
SUBORDINATE_NOTE = (
    "Nachrang: öffentliche Mittel gehen vor; sind alle öffentlichen Fördermöglichkeiten "
    "ausgeschöpft?"
)


def timing_warning(
    programme: Programme, profile: Profile, standing: Standing, today: date
) -> str | None:
    """Whether the project's start leaves time to apply (timing.py)."""
    problem = timing_problem(programme, profile, standing.next_window, today)
    return problem.text if problem else None


def preconditions(programme: Programme, profile: Profile) -> list[str]:
    """What must exist before the application that takes weeks to get (the catalogue's planning
    terms): a statement of the Kommune for a Träger, a council decision for a Kommune."""
    out = []
    kommune = profile.applicant_type == "kommune"
    if programme.requires_municipal_endorsement and not kommune:
        out.append(
            "Mit Stellungnahme der Kommune: rechtzeitig bei Stadt oder Gemeinde anfragen, sie "
            "liegt dem Antrag bei"
        )
    if programme.requires_council_decision and kommune:
        out.append("Mit Ratsbeschluss: die Sitzungsfolge von Ausschuss und Rat einplanen")
    return out


def match_warnings(
    programme: Programme,
    profile: Profile,
    today: date,
    standing: Standing,
    conflicts: list[Programme] = (),  # type: ignore[assignment]
    unplanned: bool = False,
) -> list[str]:
    """What the user must know before relying on this programme; ``unplanned``: the project's
    words name none of the programme's narrow purpose (purpose.py)."""
    warnings = []
    question = purpose_question(programme) if unplanned else None
    if question:
        warnings.append(question)
    kind = funding_kind(programme)
    if kind in KIND_NOTES:
        warnings.append(KIND_NOTES[kind])
    if programme.requires_public_cofunding:
        warnings.append(
            "Nur ergänzend zu einer Förderung von Land oder Kommune: allein trägt es das Projekt "
            "nicht"
        )
    if programme.subsidiarity == "public_first":
        warnings.append(SUBORDINATE_NOTE)
    warnings.extend(preconditions(programme, profile))
    unfunded = unfunded_text(programme, profile)
    if unfunded:
        warnings.append(
            f"Fördert keine {unfunded}: diese Kosten über Eigenmittel oder einen weiteren "
            "Förderer decken"
        )
    if programme.cooperation:
        warnings.append(COOPERATION_NOTES[programme.cooperation])
    others = other_partner_country(programme, profile)
    if others:
        wanted = country_list(programme.partner_countries or (), dative=True)
        warnings.append(
            f"Nur mit Partnern aus {wanted} – Ihr Projekt nennt {country_list(others)}: trifft "
            "das zu?"
        )
    if programme.needs_region:
        warnings.append(
            "Nur in bestimmten Regionen (laut Fördergeber): prüfen Sie, ob Ihr Ort dazu gehört"
        )
    if programme.programme_area and in_programme_area(programme, profile) is None:
        warnings.append(
            "Prüfen Sie, ob Ihr Ort im Programmgebiet liegt: " + ", ".join(programme.programme_area)
        )
    if standing.unclear:
        warnings.append(unclear_note(programme))
    others = other_target_groups(programme, profile)
    if others:
        names = ", ".join(short_label("target_groups", g) for g in others[:4])
        warnings.append(f"Gedacht für andere Zielgruppen: {names}. Erreicht Ihr Projekt sie?")
    if conflicts:
        names = ", ".join(p.short_title for p in conflicts)
        warnings.append(f"Nicht kombinierbar mit: {names} (laut Fördergeber)")
    early = timing_warning(programme, profile, standing, today)
    if early:
        warnings.append(early)
    note = guideline_note(programme, today, profile.project_end, profile.start_date)
    if note:
        warnings.append(note)
    if programme.successor:
        warnings.append(f"Dieses Programm ist beendet; Nachfolgeprogramm: {programme.successor}")
    return warnings


def missing_data(programme: Programme, profile: Profile) -> list[str]:
    """Profile gaps that keep the matcher from checking a rule of this programme."""
    missing = []
    if profile.area_type is None and set(programme.area_types) != {"urban", "rural"}:
        missing.append("Angabe fehlt: Gebietstyp (städtisch oder ländlich)")
    if profile.designated_area is None and programme.needs_staedtebau_area:
        missing.append(
            "Angabe fehlt: Gebietskulisse (liegt das Quartier in einem Fördergebiet der "
            "Städtebauförderung?)"
        )
    if profile.budget_total_eur is None and (
        programme.limit("amount_min_eur") is not None
        or programme.limit("amount_max_eur") is not None
    ):
        missing.append("Angabe fehlt: Budget (Gesamtkosten und Eigenmittel)")
    if not profile.cost_types and (programme.purely_investive or programme.purely_non_investive):
        missing.append("Angabe fehlt: Kostenarten (Personal, Sachkosten, Investitionen)")
    if not profile.themes:
        missing.append("Angabe fehlt: Themen")
    if programme.cooperation and profile.partners_abroad is None:
        missing.append("Angabe fehlt: Partner im Ausland (für grenzüberschreitende Programme)")
    return missing
