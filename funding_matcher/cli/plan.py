"""``funding-matcher plan``: backward plan before submission, dates after the award."""

from __future__ import annotations

from pathlib import Path

import click

from funding_matcher.cli.common import fail, parse_today
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.planning import (
    parse_date,
    parse_meetings_json,
    plan_award,
    plan_submission,
    render_award_text,
    render_submission_text,
)

format_option = click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True
)


@click.group("plan")
def plan_group() -> None:
    """Meilensteine vor dem Einreichen und Termine nach der Bewilligung planen."""


@plan_group.command("submission")
@click.option("--deadline", required=True, help="Einreichungsfrist JJJJ-MM-TT")
@click.option("--applicant-type", required=True, help="kommune, verein, freier_traeger …")
@click.option("--state", required=True, help="Bundesland, z. B. NW")
@click.option(
    "--meetings",
    type=click.Path(path_type=Path),
    default=None,
    help="Sitzungskalender (JSON) mit Rat, Ausschüssen, Vorstand",
)
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute)")
@format_option
def plan_submission_command(
    deadline: str,
    applicant_type: str,
    state: str,
    meetings: Path | None,
    today: str | None,
    fmt: str,
) -> None:
    """Rückwärtsplanung ab der Frist: Vorlage, Ratsbeschluss, Angebote, Einreichung …"""
    try:
        calendar = None
        if meetings is not None:
            try:
                calendar = parse_meetings_json(meetings.read_bytes())
            except OSError as exc:
                raise InvalidData(
                    [FieldProblem("meetings", f"{meetings}: nicht lesbar ({exc.strerror})")]
                ) from None
        plan = plan_submission(
            parse_date(deadline, "deadline"),
            applicant_type,
            state,
            calendar,
            parse_today(today),
        )
    except InvalidData as exc:
        fail(exc)
    click.echo(plan.to_json() if fmt == "json" else render_submission_text(plan))


@plan_group.command("award")
@click.option("--project-start", required=True, help="Beginn des Bewilligungszeitraums")
@click.option("--project-end", required=True, help="Ende des Bewilligungszeitraums")
@click.option("--applicant-type", required=True, help="kommune, verein, freier_traeger …")
@click.option("--eu-funded", is_flag=True, help="EU-Mittel: Belege zehn Jahre aufbewahren")
@format_option
def plan_award_command(
    project_start: str, project_end: str, applicant_type: str, eu_funded: bool, fmt: str
) -> None:
    """Zwischennachweise, Verwendungsnachweis und Aufbewahrungsfrist nach der Bewilligung."""
    try:
        plan = plan_award(
            parse_date(project_start, "project_start"),
            parse_date(project_end, "project_end"),
            applicant_type,
            eu_funded,
        )
    except InvalidData as exc:
        fail(exc)
    click.echo(plan.to_json() if fmt == "json" else render_award_text(plan))
