"""Why programmes are excluded: every failed rule in German for one programme, and for the whole
catalogue a summary by reason, counted from the rule masks without writing a sentence each.

An answer grows with what the user asked for, not with the catalogue: by default it carries the
counts by reason ("Nur für andere Länder: 1.840") and the few close ones (failing a single rule
about the project's shape, not about who or where), and the full list only on request, page by
page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.catalogue.rounds import guideline_expired
from funding_matcher.domain.german import format_date, format_whole_eur
from funding_matcher.domain.matching.explain import short_label, successor_hint
from funding_matcher.domain.matching.kinds import cross_border_fits, in_programme_area
from funding_matcher.domain.matching.rules import RULES, SOFT_RULES, Eligibility
from funding_matcher.domain.matching.standing import status_class
from funding_matcher.domain.matching.weights import MIN_AMOUNT_FACTOR
from funding_matcher.domain.places import directory
from funding_matcher.domain.profile import Profile

_AREA_TYPES_PLURAL = {"urban": "städtische Räume", "rural": "ländliche Räume"}
# How many names of a programme area an exclusion reason lists before "und n weitere Gebiete".
AREA_NAMES_SHOWN = 4

_COOPERATION_REASONS = {
    "cross_border": "Grenzüberschreitendes Programm: nur mit Partnern im Ausland",
    "transnational": "Transnationales Programm: nur mit Partnern aus anderen Ländern",
}


def summary_label(rule: str, profile: Profile) -> str:
    """The heading under which exclusions by ``rule`` are counted."""
    return {
        "state": "Nur für andere Länder",
        "region": "Nur für andere Gebiete Ihres Landes",
        "applicant": "Nicht antragsberechtigt als "
        + short_label("applicant_types", profile.applicant_type),
        "area": "Nur für "
        + _AREA_TYPES_PLURAL["rural" if profile.area_type == "urban" else "urban"],
        "designated": "Nur für Fördergebiete der Städtebauförderung",
        "closed": "Beendet oder ohne offene Runde",
        "amount": "Mindestbetrag weit über dem Bedarf",
        "size": "Nur für kleinere Vorhaben",
        "costs": "Fördert andere Kostenarten",
        "cooperation": "Nur mit Partnern im Ausland",
    }[rule]


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
    in_land = programme.serves_all_states or profile.state in programme.states
    if in_land and in_programme_area(programme, profile) is False:
        reasons.append(outside_area_reason(programme, profile))
    if profile.area_type and profile.area_type not in programme.area_types:
        served = " und ".join(_AREA_TYPES_PLURAL[a] for a in programme.area_types)
        reasons.append(f"Nur für {served}")
    if profile.designated_area is False and programme.needs_staedtebau_area:
        reasons.append(
            "Nur in Fördergebieten der Städtebauförderung – Ihr Quartier liegt laut Profil in "
            "keinem"
        )
    requested, lowest = profile.requested_eur, programme.limit("amount_min_eur")
    if requested and lowest is not None and requested < lowest * MIN_AMOUNT_FACTOR:
        reasons.append(
            f"Beantragte Summe ({format_whole_eur(requested)}) weit unter dem Mindestbetrag "
            f"({format_whole_eur(lowest)})"
        )
    largest, total = programme.project_cost_max_eur, profile.budget_total_eur
    if largest is not None and total and total > largest:
        reasons.append(
            f"Nur für Vorhaben bis {format_whole_eur(largest)} Gesamtkosten – Ihr Projekt: "
            f"{format_whole_eur(total)}"
        )
    costs = set(profile.cost_types)
    if costs == {"investiv"} and programme.purely_non_investive:
        reasons.append("Fördert keine Investitionen – Ihr Projekt hat nur investive Kosten")
    elif costs and "investiv" not in costs and programme.purely_investive:
        reasons.append("Fördert nur Investitionen – Ihr Projekt hat keine investiven Kosten")
    if programme.cooperation and not cross_border_fits(programme, profile):
        reasons.append(_COOPERATION_REASONS[programme.cooperation])
    reasons.extend(_round_reasons(programme, today))
    return reasons


def outside_area_reason(programme: Programme, profile: Profile) -> str:
    """'Nur für Regierungsbezirk Düsseldorf, Regierungsbezirk Köln – Hallenberg
    (Hochsauerlandkreis, Regierungsbezirk Arnsberg) liegt außerhalb'."""
    area = list(programme.programme_area or ())
    named = ", ".join(area[:AREA_NAMES_SHOWN])
    if len(area) > AREA_NAMES_SHOWN:
        named += f" und {len(area) - AREA_NAMES_SHOWN} weitere Gebiete"
    place = directory().locate(profile.state, profile.municipality)
    where = place.where if place else profile.municipality
    return f"Nur für {named} – {where} liegt außerhalb"


def _round_reasons(programme: Programme, today: date) -> list[str]:
    cls = status_class(programme.status)
    if cls == "ended":
        return ["Programm beendet" + successor_hint(programme)]
    if guideline_expired(programme, today):
        until = format_date(programme.guideline_valid_until)
        return [f"Förderrichtlinie am {until} ausgelaufen, keine neue bekannt"]
    if cls == "next" and next_deadline(programme.deadline, today) is None:
        return ["Zwischen zwei Runden – nächste Frist noch nicht veröffentlicht"]
    if programme.deadline.kind == "closed":
        return ["Keine offene Antragsrunde"]
    past = programme.deadline.dates + [w.closes for w in programme.deadline.windows]
    if (
        programme.deadline.kind in ("fixed", "windows")
        and next_deadline(programme.deadline, today) is None
        and past
    ):
        return [f"Keine offene oder angekündigte Frist (letzte: {format_date(max(past))})"]
    return []


@dataclass(frozen=True)
class ExclusionCount:
    rule: str
    label: str
    count: int


def first_failed_rule(rules: Eligibility) -> np.ndarray:
    """For each programme the index (into RULES) of the first rule it fails; -1 if none."""
    stacked = np.vstack([rules.failed[name] for name in RULES])
    first = np.argmax(stacked, axis=0)
    return np.where(stacked.any(axis=0), first, -1)


def exclusion_counts(rules: Eligibility, profile: Profile) -> list[ExclusionCount]:
    """Excluded programmes counted under the first rule each fails (the counts add up)."""
    first = first_failed_rule(rules)
    counts = np.bincount(first[first >= 0], minlength=len(RULES))
    return [
        ExclusionCount(rule, summary_label(rule, profile), int(n))
        for rule, n in zip(RULES, counts, strict=True)
        if n
    ]


def close_rows(rules: Eligibility, order: np.ndarray, limit: int) -> np.ndarray:
    """Rows of excluded programmes that fail exactly one soft rule, best text fit first."""
    stacked = np.vstack([rules.failed[name] for name in RULES])
    soft = np.array([name in SOFT_RULES for name in RULES])
    single = stacked.sum(axis=0) == 1
    near = single & stacked[soft].any(axis=0)
    rows = np.flatnonzero(near)
    return rows[np.argsort(-order[rows], kind="stable")][:limit]
