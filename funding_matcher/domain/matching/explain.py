"""German reasons for matches and exclusions, and hints on missing profile data."""

from __future__ import annotations

from datetime import date
from functools import cache

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.deadlines import format_date, next_deadline
from funding_matcher.domain.catalogue.records import AccessRoute, Programme
from funding_matcher.domain.catalogue.rounds import guideline_note
from funding_matcher.domain.matching.weights import (
    MAX_AMOUNT_FACTOR,
    MIN_AMOUNT_FACTOR,
    TERMS_IN_REASON,
)
from funding_matcher.domain.profile import Profile

MAX_REASONS = 5


@cache
def short_label(vocabulary: str, code: str) -> str:
    """The label up to its first comma or bracket: 'Kommune (Gemeinde, …)' -> 'Kommune'."""
    text = taxonomy.label(vocabulary, code)
    return text.split(" (")[0].split(",")[0].strip()


def _eur(value: float) -> str:
    return f"{value:,.0f} €".replace(",", ".")


def _past_deadlines(programme: Programme) -> list[date]:
    return programme.deadline.dates + [w.closes for w in programme.deadline.windows]


def successor_hint(programme: Programme) -> str:
    """' – Nachfolger: <slug>' for an ended programme that was replaced, else ''."""
    return f" – Nachfolgeprogramm: {programme.successor}" if programme.successor else ""


def deadline_reason(programme: Programme, today: date, closed: bool) -> str:
    """One line on when to apply."""
    if programme.status == "closed":
        return "Programm beendet" + successor_hint(programme)
    if programme.deadline.kind == "closed":
        return "Keine offene und keine angekündigte Antragsrunde"
    if programme.status == "paused":
        return "Zurzeit ausgesetzt – für die nächste Runde vormerken"
    nxt = next_deadline(programme.deadline, today)
    if nxt:
        return f"Nächste Frist: {format_date(nxt)}"
    kind = programme.deadline.kind
    if kind == "rolling":
        return "Antrag laufend möglich"
    if closed:
        past = _past_deadlines(programme)
        last = f" (letzte Frist: {format_date(max(past))})" if past else ""
        return f"Zurzeit keine offene Frist{last} – für die nächste Runde vormerken"
    return "Frist: beim Fördergeber erfragen"


def match_reasons(
    programme: Programme,
    profile: Profile,
    today: date,
    matched_terms: list[str],
    closed: bool,
    route: AccessRoute | None = None,
) -> list[str]:
    """Two to five short reasons why the programme fits the profile."""
    applicant = short_label("applicant_types", profile.applicant_type)
    reasons = [
        f"Zugang über {route.via} (als {applicant} nicht selbst antragsberechtigt)"
        if route
        else f"Antragsberechtigt: {applicant}"
    ]
    themes = [t for t in profile.themes if t in programme.themes]
    if themes:
        reasons.append("Themen: " + ", ".join(short_label("themes", t) for t in themes[:3]))
    if matched_terms:
        reasons.append("Passende Begriffe: " + ", ".join(matched_terms[:TERMS_IN_REASON]))
    reasons.append(deadline_reason(programme, today, closed))
    groups = [g for g in profile.target_groups if g in programme.target_groups and g != "alle"]
    if groups:
        reasons.append(
            "Zielgruppen: " + ", ".join(short_label("target_groups", g) for g in groups[:3])
        )
    if not programme.serves_all_states and len(reasons) < MAX_REASONS:
        reasons.append(f"Landesprogramm für {taxonomy.label('states', profile.state)}")
    if (
        programme.requires_designated_area
        and profile.designated_area
        and len(reasons) < MAX_REASONS
    ):
        reasons.append("Quartier liegt in einem Fördergebiet")
    rate = programme.limit("funding_rate_max_percent")
    if rate is not None and len(reasons) < MAX_REASONS:
        reasons.append(f"Förderquote bis {rate:g} %")
    return reasons[:MAX_REASONS]


def match_warnings(programme: Programme, profile: Profile, today: date) -> list[str]:
    """What the user must know before relying on this programme (guideline, successor)."""
    warnings = []
    note = guideline_note(programme, today, profile.project_end)
    if note:
        warnings.append(note)
    if programme.successor:
        warnings.append(f"Dieses Programm ist beendet; Nachfolgeprogramm: {programme.successor}")
    return warnings


def exclusion_reasons(programme: Programme, profile: Profile, today: date) -> list[str]:
    """Every hard rule the programme fails for this profile, in German."""
    reasons = []
    applicant = profile.applicant_type
    if applicant not in programme.applicant_types and programme.route_for(applicant) is None:
        allowed = ", ".join(short_label("applicant_types", a) for a in programme.applicant_types)
        via = "; ".join(
            f"{', '.join(short_label('applicant_types', a) for a in r.applicant_types)} "
            f"über {r.via}"
            for r in programme.access_via
        )
        listed = "; ".join(part for part in (allowed, via) if part)
        reasons.append(
            f"Nicht antragsberechtigt: {short_label('applicant_types', applicant)}"
            f" (antragsberechtigt: {listed})"
        )
    if not programme.serves_all_states and profile.state not in programme.states:
        served = ", ".join(taxonomy.label("states", s) for s in programme.states)
        reasons.append(
            f"Nur für {served} – Ihr Projekt liegt in {taxonomy.label('states', profile.state)}"
        )
    if profile.area_type and profile.area_type not in programme.area_types:
        served = " und ".join(taxonomy.label("area_types", a) for a in programme.area_types)
        reasons.append(f"Nur für {served}")
    requested = profile.requested_eur
    highest, lowest = programme.limit("amount_max_eur"), programme.limit("amount_min_eur")
    if requested and highest is not None and requested > highest * MAX_AMOUNT_FACTOR:
        reasons.append(
            f"Beantragte Summe ({_eur(requested)}) weit über dem Höchstbetrag ({_eur(highest)})"
        )
    if requested and lowest is not None and requested < lowest * MIN_AMOUNT_FACTOR:
        reasons.append(
            f"Beantragte Summe ({_eur(requested)}) weit unter dem Mindestbetrag ({_eur(lowest)})"
        )
    costs = set(profile.cost_types)
    if costs == {"investiv"} and programme.purely_non_investive:
        reasons.append("Fördert keine Investitionen – Ihr Projekt hat nur investive Kosten")
    elif costs and "investiv" not in costs and programme.purely_investive:
        reasons.append("Fördert nur Investitionen – Ihr Projekt hat keine investiven Kosten")
    if programme.status == "closed":
        reasons.append("Programm beendet" + successor_hint(programme))
    elif programme.status == "paused":
        reasons.append(f"Programm {taxonomy.label('statuses', programme.status)}")
    elif programme.deadline.kind == "closed":
        reasons.append("Keine offene Antragsrunde")
    elif (
        programme.deadline.kind in ("fixed", "windows")
        and next_deadline(programme.deadline, today) is None
    ):
        last = max(_past_deadlines(programme))
        reasons.append(f"Keine offene oder angekündigte Frist (letzte: {format_date(last)})")
    return reasons


def missing_data(programme: Programme, profile: Profile) -> list[str]:
    """Profile gaps that keep the matcher from checking a rule of this programme."""
    missing = []
    if profile.area_type is None and set(programme.area_types) != {"urban", "rural"}:
        missing.append("Angabe fehlt: Gebietstyp (städtisch oder ländlich)")
    if profile.designated_area is None and programme.requires_designated_area:
        missing.append("Angabe fehlt: Gebietskulisse (liegt das Quartier in einem Fördergebiet?)")
    if profile.budget_total_eur is None and (
        programme.limit("amount_min_eur") is not None
        or programme.limit("amount_max_eur") is not None
    ):
        missing.append("Angabe fehlt: Budget (Gesamtkosten und Eigenmittel)")
    if not profile.cost_types and (programme.purely_investive or programme.purely_non_investive):
        missing.append("Angabe fehlt: Kostenarten (Personal, Sachkosten, Investitionen)")
    if not profile.themes:
        missing.append("Angabe fehlt: Themen")
    return missing
