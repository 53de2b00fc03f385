"""Programmes with chosen outlines, profiles with every detail, and drafts built from them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.draft import DraftRequest, build_draft
from funding_matcher.domain.budget import BudgetReport, check_budget
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.exports import ApplicationDocument
from funding_matcher.domain.profile import Profile
from funding_matcher.paths import PROJECT_ROOT
from tests.conftest import profile_data, programme_data

CASES = Path(__file__).resolve().parents[2] / "data" / "drafting"
TODAY = date(2027, 3, 1)

# Every user text is recognisable, so a test can find where it landed (and that it is there once).
DETAILS: dict[str, Any] = {
    "need": "Im Quartier fehlt seit 2024 ein offener Treffpunkt.",
    "need_figures": [{"label": "SGB-II-Quote", "value": "24 %", "source": "Sozialbericht 2025"}],
    "target_group": {
        "description": "Allein lebende Ältere aus den Hochhäusern.",
        "count": 120,
        "subgroups": [{"label": "Menschen mit Behinderung", "count": 20}],
    },
    "goals": [
        {
            "goal": "Ältere sind weniger allein",
            "indicator": "Besucherinnen und Besucher je Woche",
            "target": "mindestens 40 ab Monat 12",
        },
        {"goal": "Nachbarn helfen einander", "indicator": "Vermittelte Hilfen", "target": "50"},
    ],
    "activities": [
        {
            "title": "Treff eröffnen",
            "description": "Raum herrichten.",
            "from_month": 1,
            "to_month": 3,
        },
        {"title": "Wochenprogramm", "from_month": 4, "to_month": 24},
    ],
    "participation": "Ein Treffpunkt-Rat aus sechs Bewohnerinnen entscheidet mit.",
    "accessibility": "Der Eingang bekommt eine Rampe.",
    "partners": [{"name": "Lebenshilfe Oberhausen", "role": "berät zur Barrierefreiheit"}],
    "sustainability": "Ab dem dritten Jahr trägt der Verein die Miete.",
    "publicity": "Aushänge in allen Hausfluren.",
    "funding_need": "Der Verein hat keine Rücklagen für Personal.",
    "experience": "Der Verein betreibt seit 2012 einen Mittagstisch.",
}
USER_TEXTS = {
    "ausgangslage": DETAILS["need"],
    "zielgruppen": DETAILS["target_group"]["description"],
    "ziele": "Ältere sind weniger allein",
    "massnahmen": "Raum herrichten.",
    "beteiligung": DETAILS["participation"],
    "barrierefreiheit": DETAILS["accessibility"],
    "kooperation": "Lebenshilfe Oberhausen: berät zur Barrierefreiheit",
    "verstetigung": DETAILS["sustainability"],
    "oeffentlichkeitsarbeit": DETAILS["publicity"],
    "notwendigkeit": DETAILS["funding_need"],
    "traeger": DETAILS["experience"],
}


def programme(sections: list[str], topics: list[list[str]] | None, **overrides: Any) -> Programme:
    """A valid record with these sections and topics."""
    return Programme.model_validate(
        programme_data(outline_sections=sections, outline_topics=topics, **overrides)
    )


def catalogue_programme(slug: str) -> Programme:
    """A record of the shipped catalogue."""
    path = PROJECT_ROOT / "programs" / f"{slug}.yaml"
    return Programme.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def profile(details: dict[str, Any] | None = DETAILS, **overrides: Any) -> Profile:
    """A valid profile starting 01.04.2027 for 24 months, with the details given."""
    data = profile_data(start_date="2027-04-01", duration_months=24, **overrides)
    if details is not None:
        data["details"] = details
    return Profile.from_dict(data)


def plan(programme: Programme, **overrides: Any) -> BudgetReport:
    """A plan without errors for the profile's period (60.000 € costs, 80 % Anteil)."""
    data: dict[str, Any] = {
        "version": 2,
        "programme": programme.slug,
        "terms": {
            "financing_type": "anteil",
            "funding_rate_max_percent": 80,
            "rate_base": "eligible",
            "own_contribution_min_percent": 10,
            "own_contribution_base": "eligible",
            "own_contribution_counts": ["own_cash"],
            "start_rule": "after_bescheid",
            "amount_min_eur": "none",
            "amount_max_eur": "none",
        },
        "period": {"start": "2027-04-01", "end": "2029-03-31"},
        "applied_on": "2027-01-15",
        "vat_deductible": False,
        "costs": [
            {"category": "personal", "label": "Koordination", "monthly_eur": 2000, "months": 24},
            {"category": "sach", "label": "Miete", "monthly_eur": 500, "months": 24},
        ],
        "financing": {
            "sources": [{"kind": "own_cash", "label": "Eigenmittel", "amount_eur": None}]
        },
    }
    data.update(overrides)
    return check_budget(data, programme.to_dict())


def draft(
    programme: Programme,
    profile: Profile,
    *,
    report: BudgetReport | None = None,
    version: str = "arbeitsfassung",
    applicant: Applicant | None = None,
    **request: Any,
) -> ApplicationDocument:
    return build_draft(
        DraftRequest(
            profile=profile,
            programme=programme,
            today=TODAY,
            applicant=applicant or Applicant(name="Nachbarn e. V.", legal_form="e. V."),
            report=report,
            version=version,
            **request,
        )
    )


def texts(document: ApplicationDocument) -> dict[str, str]:
    """Section title -> text."""
    return {s.title: s.text for s in document.sections}


def load_case(name: str, slug: str) -> tuple[Profile, Programme, Applicant, BudgetReport]:
    """One of the three situations of the documents review, from tests/data/drafting."""
    record = catalogue_programme(slug)
    read = lambda suffix: json.loads((CASES / f"{name}.{suffix}.json").read_text("utf-8"))  # noqa: E731
    return (
        Profile.from_dict(read("profile")),
        record,
        Applicant.from_dict(read("applicant")),
        check_budget(read("budget"), record.to_dict()),
    )
