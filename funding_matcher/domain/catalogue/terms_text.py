"""A record's financing and planning terms as German lines for the programme page and the CLI.

Each term reads "unbekannt" when null, a sentence saying there is no such rule for ``"none"``,
and its value in German words otherwise; no field name reaches the user.
"""

from __future__ import annotations

import re
from typing import Any

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.records import Programme, VolunteerWork
from funding_matcher.domain.german import format_eur_compact, format_percent

UNKNOWN = "unbekannt"

RATE_BASES = {
    "eligible": "der förderfähigen Ausgaben",
    "eligible_minus_income": "der förderfähigen Ausgaben abzüglich der Einnahmen",
    "eligible_minus_private_third_party": (
        "der förderfähigen Ausgaben abzüglich Einnahmen und privater Drittmittel"
    ),
    "eligible_minus_all_other_funding": (
        "der förderfähigen Ausgaben abzüglich aller anderen Finanzierungsmittel"
    ),
    "total_cost": "der Gesamtausgaben",
}
SOURCE_KINDS = {
    "own_cash": "eigene Mittel",
    "donation": "Spenden",
    "income": "Einnahmen",
    "private_third_party": "private Drittmittel",
    "public_grant": "andere öffentliche Zuschüsse",
    "foundation_grant": "Stiftungs- und Lotteriemittel",
    "in_kind": "Sachleistungen",
}
START_RULES = {
    "after_application": "nach Eingang des Antrags",
    "after_bescheid": "nach dem Zuwendungsbescheid",
    "after_bestandskraft": "nach Bestandskraft des Bescheids",
    "after_written_commitment": "nach schriftlicher Förderzusage",
}
DE_MINIMIS = {"general": "ja (allgemeine De-minimis-Verordnung)", "dawi": "ja (DAWI-De-minimis)"}
# Field -> the German name of the fact, for the page's list of sources per fact.
FIELD_LABELS = {
    "funding_rate_max_percent": "Förderquote",
    "rate_base": "Bemessungsgrundlage der Quote",
    "amount_min_eur": "Mindestbetrag",
    "amount_max_eur": "Höchstbetrag",
    "narrow_purpose": "Fördergegenstand",
    "funding_kind": "Art der Förderung",
    "cooperation": "Zusammenarbeit über Grenzen",
    "programme_area": "Programmgebiet",
    "partner_countries": "Partnerländer",
    "amount_max_per": "Höchstbetrag je",
    "access_via_ordinary": "Üblicher Zugang über Dritte",
    "land_procedure_for": "Landesverfahren für",
    "requires_public_cofunding": "Nur ergänzend zu Förderung von Land oder Kommune",
    "project_cost_max_eur": "Höchstens Gesamtkosten des Vorhabens",
    "first_application_max_eur": "Höchstbetrag bei Erstbewerbung",
    "funding_rate_regular_percent": "Förderquote in der Regel",
    "annual_max_eur": "Höchstbetrag je Jahr",
    "fixed_amount_eur": "Festbetrag",
    "financing_type": "Finanzierungsart",
    "subsidiarity": "Nachrang",
    "public_funding_cap_percent": "Obergrenze öffentlicher Mittel",
    "own_contribution_min_percent": "Mindest-Eigenanteil",
    "own_contribution_base": "Bezug des Eigenanteils",
    "own_contribution_counts": "Was als Eigenanteil zählt",
    "in_kind_accepted": "Sachleistungen",
    "volunteer_work": "Ehrenamtliche Arbeit",
    "overhead_max_percent": "Verwaltungspauschale",
    "overhead_base": "Bezug der Verwaltungspauschale",
    "overhead_fixed_eur_per_year": "Verwaltungspauschale je Jahr",
    "investment_max_percent": "Anteil der Investitionen",
    "sach_max_percent": "Anteil der Sachausgaben",
    "own_staff_eligible": "Eigenes Personal",
    "inventory_threshold_net_eur": "Wertgrenze Inventar",
    "de_minimis": "De-minimis",
    "start_rule": "Vorhabenbeginn",
    "apply_lead_days": "Vorlauf des Antrags",
    "requires_municipal_endorsement": "Stellungnahme der Kommune",
    "requires_council_decision": "Ratsbeschluss",
    "post_award_profile": "Nebenbestimmungen",
    "guideline_valid_until": "Geltungsdauer der Richtlinie",
    "outline_limits": "Zeichengrenzen der Gliederung",
    "outline_sections": "Gliederung des Antrags",
    "deadline": "Frist",
    "status": "Status",
    "title": "Titel",
    "applicant_types": "Antragsberechtigte",
    "cost_types": "Förderfähige Kosten",
    "own_contribution": "Eigenanteil",
    "requirements": "Voraussetzungen",
    "procedure": "Verfahren",
}


def _euros(value: Any, none_text: str) -> str:
    if value is None:
        return UNKNOWN
    return none_text if value == "none" else format_eur_compact(value)


def _percent(value: Any, none_text: str, base: str = "") -> str:
    if value is None:
        return UNKNOWN
    if value == "none":
        return none_text
    return format_percent(value) + (f" {base}" if base else "")


def _yes_no(value: bool | None, yes: str, no: str) -> str:
    return UNKNOWN if value is None else (yes if value else no)


def _volunteer(value: VolunteerWork | str | None) -> str:
    if not isinstance(value, VolunteerWork):
        if value == "none":
            return "nicht als Ausgabe anrechenbar"
        return "unbekannt oder nicht anrechenbar (siehe Hinweise)"
    text = f"anrechenbar mit {format_eur_compact(value.rate_eur_per_hour)} je Stunde"
    if isinstance(value.max_percent, int | float):
        text += f", höchstens {format_percent(value.max_percent)} der förderfähigen Ausgaben"
    elif value.max_percent == "none":
        text += ", ohne Obergrenze"
    if value.may_meet_own_min is True:
        text += "; zählt zum Mindest-Eigenanteil"
    elif value.may_meet_own_min is False:
        text += "; zählt nicht zum Mindest-Eigenanteil"
    return text


def financing_facts(p: Programme) -> list[tuple[str, str]]:
    """The budget terms as (label, German text): always the main ones, the rest when stated."""
    own_base = "der Gesamtausgaben" if p.own_contribution_base == "total" else ""
    overhead_base = {"direct": "der direkten Ausgaben", "direct_staff": "der Personalausgaben"}
    facts = [
        (
            "Förderquote bis",
            _percent(
                p.funding_rate_max_percent,
                "keine Höchstquote",
                RATE_BASES.get(p.rate_base or "", ""),
            ),
        ),
        ("Mindestbetrag", _euros(p.amount_min_eur, "kein Mindestbetrag")),
        ("Höchstbetrag", _euros(p.amount_max_eur, "kein Höchstbetrag")),
        ("Eigenanteil", p.own_contribution or UNKNOWN),
        (
            "Finanzierungsart",
            taxonomy.label("financing_types", p.financing_type) if p.financing_type else UNKNOWN,
        ),
        (
            "Mindest-Eigenanteil",
            _percent(p.own_contribution_min_percent, "kein Mindest-Eigenanteil", own_base),
        ),
        (
            "Verwaltungspauschale bis",
            _percent(
                p.overhead_max_percent,
                "keine Obergrenze",
                overhead_base.get(p.overhead_base or "", ""),
            ),
        ),
        ("Ehrenamtliche Arbeit", _volunteer(p.volunteer_work)),
    ]
    optional = [
        ("Höchstbetrag je Jahr", p.annual_max_eur, _euros(p.annual_max_eur, "keine Jahresgrenze")),
        ("Festbetrag", p.fixed_amount_eur, _euros(p.fixed_amount_eur, "kein Festbetrag")),
        (
            "Nachrang",
            p.subsidiarity,
            "nachrangig gegenüber öffentlichen Mitteln"
            if p.subsidiarity == "public_first"
            else "kein Nachrang",
        ),
        (
            "Öffentliche Mittel insgesamt bis",
            p.public_funding_cap_percent,
            _percent(
                p.public_funding_cap_percent, "keine Obergrenze", "der förderfähigen Ausgaben"
            ),
        ),
        (
            "Als Eigenanteil zählen",
            p.own_contribution_counts,
            ", ".join(SOURCE_KINDS[k] for k in p.own_contribution_counts or [])
            or "nur eigene Mittel",
        ),
        (
            "Sachleistungen",
            p.in_kind_accepted,
            _yes_no(p.in_kind_accepted, "als Eigenanteil anerkannt", "nicht anerkannt"),
        ),
        (
            "Verwaltungspauschale je Jahr bis",
            p.overhead_fixed_eur_per_year,
            _euros(p.overhead_fixed_eur_per_year, "keine Obergrenze"),
        ),
        (
            "Investitionen höchstens",
            p.investment_max_percent,
            _percent(p.investment_max_percent, "keine Obergrenze", "der Gesamtausgaben"),
        ),
        (
            "Sachausgaben höchstens",
            p.sach_max_percent,
            _percent(p.sach_max_percent, "keine Obergrenze", "der förderfähigen Ausgaben"),
        ),
        (
            "Eigenes Personal",
            p.own_staff_eligible,
            _yes_no(p.own_staff_eligible, "förderfähig", "nicht förderfähig"),
        ),
        (
            "Wertgrenze Inventar",
            p.inventory_threshold_net_eur,
            _euros(p.inventory_threshold_net_eur, "") + " netto",
        ),
    ]
    return facts + [(label, text) for label, value, text in optional if value is not None]


def de_minimis_text(value: bool | str | None) -> str:
    """The record's De-minimis fact in German."""
    if value is None or value is True:
        return "ja" if value else UNKNOWN
    if value is False or value == "none":
        return "nein"
    return DE_MINIMIS[value]


def field_label(name: str) -> str:
    """The German name of a record field (for sources per fact)."""
    return FIELD_LABELS.get(name, "weitere Angabe")


# Record vocabulary that curators use in notes; the pages show the German words instead
# (walk 2026-12-07: "Hinweise" showed "own_contribution_min_percent 25", "Status active").
NOTE_WORDS = {
    **FIELD_LABELS,
    "access_via": "Weiterleitung",
    "combinable_with": "kombinierbar mit",
    "not_combinable_with": "nicht kombinierbar mit",
    "source_url": "Quelle",
    "checked_on": "Prüfdatum",
    "eu_fund": "EU-Fonds",
    "area_types": "Gebietstypen",
    "target_groups": "Zielgruppen",
    "requires_designated_area": "Fördergebiet erforderlich",
    "designated_area_kind": "Art des Fördergebiets",
    "amount_max": "Höchstbetrag",
    "amount_min": "Mindestbetrag",
    "max_percent": "Höchstanteil",
    "funding_rate": "Förderquote",
    "status_evidence": "Statusbeleg",
    "freier_traeger": "freier Träger",
}
_NOTE_STATUS = {
    "active": "„laufend“ (frühere Einstufung)",
    "paused": "„pausiert“ (frühere Einstufung)",
    "closed": "„beendet“",
    "open": "„offen“",
    "draft": "„Entwurf“",
}
_NOTE_KIND = {
    "unknown": "Frist unbekannt",
    "rolling": "laufende Antragstellung",
    "closed": "Frist abgelaufen",
    "annual": "jährliche Frist",
    "fixed": "feste Frist",
    "windows": "Antragsfenster",
}
_NOTE_WORD_RE = re.compile(r"\b(" + "|".join(sorted(NOTE_WORDS, key=len, reverse=True)) + r")\b")
_NOTE_STATUS_RE = re.compile(r"\b([Ss]tatus) (" + "|".join(_NOTE_STATUS) + r")\b")
_NOTE_KIND_RE = re.compile(r"\bkind (" + "|".join(_NOTE_KIND) + r")\b")


def readable_notes(text: str | None) -> str:
    """Curator notes for the page: record field names and codes in German words.

    The stored notes keep the record vocabulary (curators and exports read it); only the page
    translates field names, ``null`` ("nicht angegeben"), ``none`` ("keine Regel"), status and
    deadline codes.
    """
    if not text:
        return ""
    out = _NOTE_STATUS_RE.sub(lambda m: f"{m.group(1)} {_NOTE_STATUS[m.group(2)]}", text)
    out = _NOTE_KIND_RE.sub(lambda m: _NOTE_KIND[m.group(1)], out)
    out = _NOTE_WORD_RE.sub(lambda m: NOTE_WORDS[m.group(1)], out)
    out = re.sub(r"\bnull\b", "nicht angegeben", out)
    return re.sub(r"\bnone\b", "keine Regel", out)
