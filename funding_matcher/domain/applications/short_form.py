"""The short form (drafting contract § 6) for a programme without its own outline.

Four blocks: Antragsteller, one Projektbeschreibung (was, wer, wann, wo, wie viele Menschen,
mit wem), the Kostenplan in Einzelansätzen and the Erklärungen. A programme with an outline
keeps its sections whatever the amount: the grantor's form prescribes them.
"""

from __future__ import annotations

from decimal import Decimal

from funding_matcher.domain.applications.facts import DraftContext, Piece
from funding_matcher.domain.exports import Section
from funding_matcher.domain.profile import Profile

# The tool's default, not a grantor's rule.
SHORT_FORM_LIMIT = Decimal("10000.00")
# What the Projektbeschreibung of the short form draws on, in this order.
DESCRIPTION_TOPICS = (
    "zusammenfassung",
    "ausgangslage",
    "zielgruppen",
    "ziele",
    "massnahmen",
    "zeitplan",
    "beteiligung",
    "barrierefreiheit",
    "kooperation",
    "verstetigung",
    "oeffentlichkeitsarbeit",
    "notwendigkeit",
)


def short_form_sections(
    ctx: DraftContext, pieces: dict[str, list[Piece]]
) -> tuple[list[Section], list[str], list[str]]:
    """(the one Projektbeschreibung section, the finance texts, the applicant's own words)."""
    chosen: list[Piece] = []
    leads: list[Piece] = []
    for topic in DESCRIPTION_TOPICS:
        for piece in pieces.get(topic, []):
            if piece.when == "lead":
                leads.append(piece)  # what the project is opens the one block
                continue
            # One block: the target group follows, so the summary does not name its count.
            if piece.when and piece.when.startswith(("merged:", "apart:")):
                continue
            if topic == "zeitplan" and piece.when == "alone:massnahmen" and pieces["massnahmen"]:
                continue
            if topic == "evaluation":
                continue
            chosen.append(piece)
    text = "\n\n".join(p.text for p in leads + chosen)
    section = Section("projektbeschreibung", "Projektbeschreibung", text)
    finance = [p.text for p in pieces.get("finanzierung", [])]
    experience = [p.text for p in pieces.get("traeger", []) if p.user]
    return [section], finance, experience


def short_form_missing(profile: Profile) -> list[str]:
    """What the short form's Projektbeschreibung cannot do without (German messages)."""
    missing = []
    if not profile.title or not profile.description:
        missing.append("Projektbeschreibung: Was (Titel und Beschreibung) fehlt.")
    details = profile.details
    group = details.target_group if details else None
    if not (profile.target_groups or (group and (group.description or group.count))):
        missing.append("Projektbeschreibung: Wer (die Zielgruppe) fehlt.")
    if profile.start_date is None or profile.duration_months is None:
        missing.append("Projektbeschreibung: Wann (Beginn und Laufzeit) fehlt.")
    if not profile.municipality:
        missing.append("Projektbeschreibung: Wo (die Kommune) fehlt.")
    return missing
