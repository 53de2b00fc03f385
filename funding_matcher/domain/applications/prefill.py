"""Starting texts for outline sections, taken only from what the project profile says.

Nothing is invented: a section whose topic the profile says nothing about starts empty. Every
text is a draft the team rewrites; the application marks it as such until it is edited.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.deadlines import format_date
from funding_matcher.domain.profile import Profile

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def eur(value: float | Decimal) -> str:
    """12345.5 -> '12.345,50 €' (German format, cents)."""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} €"


def _place(profile: Profile, organisation: str | None) -> str:
    parts = []
    where = ", ".join(
        p for p in (profile.municipality, taxonomy.label("states", profile.state)) if p
    )
    parts.append(f"Ort: {where}.")
    if profile.area_type:
        parts.append(f"Gebietstyp: {taxonomy.label('area_types', profile.area_type)}.")
    if profile.designated_area is True:
        parts.append("Das Quartier liegt in einem Fördergebiet der Städtebauförderung.")
    elif profile.designated_area is False:
        parts.append("Das Quartier liegt nicht in einem Fördergebiet der Städtebauförderung.")
    return " ".join(parts)


def _summary(profile: Profile, organisation: str | None) -> str:
    first = " ".join(SENTENCE_END.split(profile.description.strip())[:2])
    return f"{profile.title}. {first}".strip()


def _traeger(profile: Profile, organisation: str | None) -> str:
    name = organisation or profile.organisation
    kind = taxonomy.label("applicant_types", profile.applicant_type)
    return f"Antragsteller: {name} ({kind})." if name else f"Antragsteller: {kind}."


def _ausgangslage(profile: Profile, organisation: str | None) -> str:
    return f"{_place(profile, organisation)}\n\n{profile.description.strip()}"


def _ziele(profile: Profile, organisation: str | None) -> str:
    if not profile.themes:
        return ""
    themes = ", ".join(taxonomy.labels("themes", profile.themes))
    return f"Das Vorhaben „{profile.title}“ arbeitet zu folgenden Themen: {themes}."


def _zielgruppen(profile: Profile, organisation: str | None) -> str:
    if not profile.target_groups:
        return ""
    return "\n".join(
        f"- {label}" for label in taxonomy.labels("target_groups", profile.target_groups)
    )


def _kooperation(profile: Profile, organisation: str | None) -> str:
    return "\n".join(f"- {partner}" for partner in profile.partners)


def _zeitplan(profile: Profile, organisation: str | None) -> str:
    if profile.start_date and profile.project_end:
        return (
            f"Projektzeitraum: {format_date(profile.start_date)} bis "
            f"{format_date(profile.project_end)} ({profile.duration_months} Monate)."
        )
    if profile.duration_months:
        return f"Geplante Laufzeit: {profile.duration_months} Monate."
    if profile.start_date:
        return f"Geplanter Beginn: {format_date(profile.start_date)}."
    return ""


def _kosten(profile: Profile, organisation: str | None) -> str:
    if profile.budget_total_eur is None:
        return ""
    lines = [f"Gesamtkosten laut Projektprofil: {eur(profile.budget_total_eur)}."]
    if profile.own_funds_eur is not None:
        lines.append(f"Eigenmittel: {eur(profile.own_funds_eur)}.")
    if profile.requested_eur is not None:
        lines.append(
            f"Beantragte Förderung (Gesamtkosten abzüglich Eigenmittel): "
            f"{eur(profile.requested_eur)}."
        )
    return " ".join(lines)


def _eigenanteil(profile: Profile, organisation: str | None) -> str:
    if profile.own_funds_eur is None:
        return ""
    text = f"Eigenmittel: {eur(profile.own_funds_eur)}"
    if profile.budget_total_eur:
        share = Decimal(str(profile.own_funds_eur)) / Decimal(str(profile.budget_total_eur)) * 100
        rounded = share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        text += f" ({str(rounded).replace('.', ',')} % der Gesamtkosten)"
    return text + "."


PREFILL: dict[str, Callable[[Profile, str | None], str]] = {
    "zusammenfassung": _summary,
    "traeger": _traeger,
    "ausgangslage": _ausgangslage,
    "ziele": _ziele,
    "zielgruppen": _zielgruppen,
    "kooperation": _kooperation,
    "zeitplan": _zeitplan,
    "kosten": _kosten,
    "eigenanteil": _eigenanteil,
}


def prefill(topic_key: str | None, profile: Profile, organisation: str | None = None) -> str:
    """The starting text of a section about ``topic_key``; empty when the profile says nothing."""
    make = PREFILL.get(topic_key or "")
    return make(profile, organisation).strip() if make else ""
