"""``funding-matcher plan``: backward plan before submission, dates after the award (rules v2).

Every option is read here and checked by the domain, so each problem is one German line naming
its field and exit status 2 (click's own English messages never appear).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import click

from funding_matcher import clock, paths
from funding_matcher.cli.common import fail
from funding_matcher.domain.catalogue.files import parse_programme
from funding_matcher.domain.catalogue.records import SLUG_RE, Programme
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.planning import (
    AwardRequest,
    SubmissionRequest,
    parse_date,
    parse_meetings_json,
    plan_award,
    plan_submission,
    programme_terms,
    render_award_text,
    render_submission_text,
)

T = TypeVar("T")
_YEAR_AMOUNT = re.compile(r"(\d{4})=(.+)")
_MAX_EUR = Decimal("1000000000")

format_option = click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True
)


@click.group("plan")
def plan_group() -> None:
    """Meilensteine vor dem Einreichen und Termine nach der Bewilligung planen."""


@plan_group.command("submission")
@click.option("--deadline", default=None, help="Einreichungsfrist JJJJ-MM-TT")
@click.option("--rolling", is_flag=True, help="laufende Antragstellung (mit --project-start)")
@click.option("--project-start", default=None, help="geplanter Projektbeginn JJJJ-MM-TT")
@click.option("--apply-lead-days", default=None, help="Tage zwischen Antrag und Projektbeginn")
@click.option("--applicant-type", default=None, help="kommune, verein, freier_traeger …")
@click.option("--state", default=None, help="Bundesland des Antragstellers, z. B. NW")
@click.option("--funder-level", default=None, help="eu, bund, land, kommune, stiftung")
@click.option("--programme", default=None, help="Programm aus dem Katalog (Slug)")
@click.option("--start-rule", default=None, help="after_application, after_bescheid …")
@click.option("--requires-municipal-endorsement", is_flag=True, help="Stellungnahme der Kommune")
@click.option("--requires-council-decision", is_flag=True, help="Ratsbeschluss nötig")
@click.option("--meetings", default=None, help="Einstellungen mit Sitzungskalender (JSON)")
@click.option("--own-funds", multiple=True, help="Eigenanteil je Haushaltsjahr, z. B. 2028=15000")
@click.option("--investments", multiple=True, help="Investitionen je Jahr, z. B. 2029=40000")
@click.option("--grant-eur", default=None, help="beantragte Zuwendung in Euro")
@click.option("--total-eur", default=None, help="Gesamtausgaben in Euro")
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute)")
@format_option
def plan_submission_command(**options: Any) -> None:
    """Rückwärtsplanung ab der Frist oder dem Projektbeginn: Beschlüsse, Vorlage, Einreichung."""
    fmt = options.pop("fmt")
    try:
        plan = plan_submission(_submission_request(options))
    except InvalidData as exc:
        fail(exc)
    click.echo(plan.to_json() if fmt == "json" else render_submission_text(plan))


def _submission_request(o: dict[str, Any]) -> SubmissionRequest:
    today = _optional(o["today"], "today", parse_date) or clock.today()
    programme = _programme(o["programme"])
    settings = None
    if o["meetings"] is not None:
        path = Path(o["meetings"])
        try:
            settings = parse_meetings_json(path.read_bytes())
        except OSError:
            message = f"{path}: Datei nicht gefunden oder nicht lesbar"
            raise InvalidData([FieldProblem("meetings", message)]) from None
        except InvalidData as exc:
            raise InvalidData(
                [FieldProblem(p.field, f"{p.message} ({path.name})") for p in exc.problems]
            ) from None
    return SubmissionRequest(
        applicant_type=_required(o["applicant_type"], "applicant_type"),
        state=_required(o["state"], "state"),
        today=today,
        deadline=_optional(o["deadline"], "deadline", parse_date),
        rolling=o["rolling"],
        project_start=_optional(o["project_start"], "project_start", parse_date),
        apply_lead_days=_optional(o["apply_lead_days"], "apply_lead_days", _days),
        funder_level=o["funder_level"],
        start_rule=o["start_rule"],
        requires_municipal_endorsement=o["requires_municipal_endorsement"],
        requires_council_decision=o["requires_council_decision"],
        settings=settings,
        own_funds=_by_year(o["own_funds"], "own_funds"),
        investments=_by_year(o["investments"], "investments"),
        grant_eur=_optional(o["grant_eur"], "grant_eur", _euros),
        total_eur=_optional(o["total_eur"], "total_eur", _euros),
        programme=programme_terms(programme, today) if programme else None,
    )


@plan_group.command("award")
@click.option("--project-start", default=None, help="Beginn des Bewilligungszeitraums")
@click.option("--project-end", default=None, help="Ende des Bewilligungszeitraums")
@click.option("--applicant-type", default=None, help="kommune, verein, freier_traeger …")
@click.option("--state", default=None, help="Bundesland des Antragstellers, z. B. NW")
@click.option("--funder-profile", default=None, help="z. B. bund_anbest_p, nw_anbest_g")
@click.option("--funder-level", default=None, help="eu, bund, land, kommune, stiftung")
@click.option("--funder-state", default=None, help="Land des Fördergebers (Sitz)")
@click.option("--programme", default=None, help="Programm aus dem Katalog (Slug)")
@click.option("--purpose-fulfilled", default=None, help="Zweck erfüllt am JJJJ-MM-TT")
@click.option("--vn-due", default=None, help="Verwendungsnachweis laut Bescheid JJJJ-MM-TT")
@click.option("--grant-eur", default=None, help="bewilligte Zuwendung in Euro")
@click.option("--eu-funded", is_flag=True, help="EU-Mittel: Belege zehn Jahre aufbewahren")
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute)")
@format_option
def plan_award_command(**o: Any) -> None:
    """Zwischennachweise, Verwendungsnachweis und Aufbewahrungsfrist nach der Bewilligung."""
    fmt = o.pop("fmt")
    try:
        today = _optional(o["today"], "today", parse_date) or clock.today()
        programme = _programme(o["programme"])
        plan = plan_award(
            AwardRequest(
                project_start=parse_date(
                    _required(o["project_start"], "project_start"), "project_start"
                ),
                project_end=parse_date(_required(o["project_end"], "project_end"), "project_end"),
                applicant_type=_required(o["applicant_type"], "applicant_type"),
                state=_required(o["state"], "state"),
                today=today,
                funder_profile=o["funder_profile"],
                funder_level=o["funder_level"],
                funder_state=o["funder_state"],
                programme=programme_terms(programme, today) if programme else None,
                purpose_fulfilled=_optional(
                    o["purpose_fulfilled"], "purpose_fulfilled", parse_date
                ),
                vn_due=_optional(o["vn_due"], "vn_due", parse_date),
                grant_eur=_optional(o["grant_eur"], "grant_eur", _euros),
                eu_funded=o["eu_funded"],
            )
        )
    except InvalidData as exc:
        fail(exc)
    click.echo(plan.to_json() if fmt == "json" else render_award_text(plan))


# -- option readers ------------------------------------------------------------------------------


def _required(value: str | None, field: str) -> str:
    if value is None or not value.strip():
        raise InvalidData([FieldProblem(field, "Pflichtangabe fehlt")])
    return value


def _optional(value: str | None, field: str, read: Callable[[str, str], T]) -> T | None:
    return None if value is None else read(value, field)


def _days(value: str, field: str) -> int:
    if not re.fullmatch(r"\d{1,4}", value.strip()):
        raise InvalidData(
            [FieldProblem(field, f"„{value}“ ist keine Zahl von Tagen (0 oder mehr)")]
        )
    return int(value)


def _euros(value: str, field: str) -> Decimal:
    text = value.strip()
    try:
        amount = Decimal(text) if re.fullmatch(r"-?\d+(\.\d{1,2})?", text) else None
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        amount = None
    if amount is None:
        message = f"„{value}“ ist kein Betrag in Euro (z. B. 15000 oder 15000.50)"
        raise InvalidData([FieldProblem(field, message)])
    if amount < 0:
        raise InvalidData([FieldProblem(field, f"{value}: darf nicht negativ sein")])
    if amount > _MAX_EUR:
        raise InvalidData([FieldProblem(field, f"{value}: mehr als eine Milliarde Euro")])
    return amount


def _by_year(values: tuple[str, ...], field: str) -> dict[int, Decimal]:
    found: dict[int, Decimal] = {}
    for value in values:
        match = _YEAR_AMOUNT.fullmatch(value.strip())
        if match is None:
            message = f"„{value}“: Jahr=Betrag erwartet, z. B. 2028=15000"
            raise InvalidData([FieldProblem(field, message)])
        year = int(match.group(1))
        if year in found:
            raise InvalidData([FieldProblem(field, f"das Jahr {year} steht doppelt")])
        found[year] = _euros(match.group(2), field)
    return found


def _programme(slug: str | None) -> Programme | None:
    if slug is None:
        return None
    if not SLUG_RE.match(slug):
        raise InvalidData([FieldProblem("programme", f"„{slug}“ ist kein Programm-Slug")])
    path = paths.catalogue_dir() / f"{slug}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        message = f"„{slug}“ steht nicht im Katalog ({paths.catalogue_dir()})"
        raise InvalidData([FieldProblem("programme", message)]) from None
    programme, problems = parse_programme(text, path)
    if programme is None:
        message = f"Programmdatei ungültig: {problems[0] if problems else path}"
        raise InvalidData([FieldProblem("programme", message)])
    return programme
