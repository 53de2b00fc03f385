"""``funding-matcher draft``: an application from a profile and a programme, as a file.

Stateless: the profile file, the catalogue files and optional budget and applicant files are all
it reads; the document comes from the same domain builder as the web export. Exit status: 0
written, 1 refused (the version for the grantor is not ready; the German list on stderr),
2 unreadable input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from funding_matcher.cli.common import dir_option, fail, load_records, parse_today
from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.draft import (
    VERSIONS,
    DraftNotReady,
    DraftRequest,
    build_draft,
)
from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.domain.budget import check_budget
from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.exports import FORMATS, export
from funding_matcher.domain.german import format_number
from funding_matcher.domain.json_input import load_json
from funding_matcher.domain.profile import Profile


def _read_json(path: Path, field: str) -> object:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidData([FieldProblem(field, f"{path}: nicht lesbar ({exc.strerror})")]) from None
    try:
        return load_json(raw)
    except InvalidData as exc:
        raise InvalidData(
            [FieldProblem(field, f"{path}: {p.message}") for p in exc.problems]
        ) from None


def _with_prefix(field: str, exc: InvalidData) -> InvalidData:
    return InvalidData(
        [FieldProblem(f"{field}.{p.field}" if p.field else field, p.message) for p in exc.problems]
    )


@click.command("draft")
@click.argument("profile_file", type=click.Path(path_type=Path))
@click.option("--programme", "slug", required=True, help="Slug des Programms im Katalog")
@click.option(
    "--budget",
    "budget_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Kosten- und Finanzierungsplan (budget, JSON)",
)
@click.option(
    "--applicant",
    "applicant_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Antragsteller-Angaben (JSON: Anschrift, Vertretung, IBAN …)",
)
@click.option(
    "--version",
    "version",
    type=click.Choice(VERSIONS),
    default="arbeitsfassung",
    show_default=True,
    help="Arbeitsfassung mit Hinweisen oder Einreichungsfassung für den Fördergeber",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Zieldatei",
)
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute)")
@dir_option
def draft(
    profile_file: Path,
    slug: str,
    budget_file: Path | None,
    applicant_file: Path | None,
    version: str,
    fmt: str,
    output: Path,
    today: str | None,
    directory: Path | None,
) -> None:
    """Antrag (Abschnitte, Finanzplan, Erklärungen, Anlagen) als md, docx, pdf, xlsx, Portaltext."""
    day = parse_today(today)
    programme = next((p for p in load_records(directory).programmes if p.slug == slug), None)
    try:
        if programme is None:
            raise InvalidData([FieldProblem("programme", f"unbekanntes Programm „{slug}“")])
        profile = Profile.from_dict(_read_json(profile_file, "profile"))
        applicant = Applicant()
        if applicant_file is not None:
            try:
                applicant = Applicant.from_dict(_read_json(applicant_file, "applicant"))
            except InvalidData as exc:
                raise _with_prefix("applicant", exc) from None
        report = None
        if budget_file is not None:
            data = _read_json(budget_file, "budget")
            if isinstance(data, dict):
                data.setdefault("programme", programme.slug)
            report = check_budget(data, programme.to_dict())
        document = build_draft(
            DraftRequest(
                profile=profile,
                programme=programme,
                today=day,
                applicant=applicant,
                report=report,
                version=version,
                status_label=STATUSES["idee"],
                deadline=next_deadline(programme.deadline, day),
            )
        )
        body = export(document, fmt)
    except DraftNotReady as exc:
        click.echo("Die Einreichungsfassung kann noch nicht erstellt werden. Es fehlt:", err=True)
        for reason in exc.missing:
            click.echo(f"- {reason}", err=True)
        sys.exit(1)
    except InvalidData as exc:
        fail(exc)
    try:
        output.write_bytes(body)
    except OSError as exc:
        click.echo(f"FEHLER output: {output} nicht schreibbar ({exc.strerror})", err=True)
        sys.exit(2)
    label = "Einreichungsfassung" if version == "einreichung" else "Arbeitsfassung"
    click.echo(f"{label} geschrieben: {output} ({format_number(len(body))} Byte)")
