"""``funding-matcher draft``: an application outline from a profile and a programme, as a file.

Stateless: the profile file, the catalogue files and an optional budget file are all it reads.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from funding_matcher.cli.common import dir_option, fail, load_records, parse_today
from funding_matcher.domain.applications.checklist import build_checklist
from funding_matcher.domain.applications.outline import draft_outline
from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.domain.budget import check_budget
from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.exports import (
    FORMATS,
    ApplicationDocument,
    ChecklistItem,
    Section,
    export,
)
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


@click.command("draft")
@click.argument("profile_file", type=click.Path(path_type=Path))
@click.option("--programme", "slug", required=True, help="Slug des Programms im Katalog")
@click.option(
    "--budget",
    "budget_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Kosten- und Finanzierungsplan (budget v1, JSON)",
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
    fmt: str,
    output: Path,
    today: str | None,
    directory: Path | None,
) -> None:
    """Antragsentwurf (Gliederung, Checkliste, Finanzplan) als md, docx, pdf oder xlsx."""
    day = parse_today(today)
    programme = next((p for p in load_records(directory).programmes if p.slug == slug), None)
    try:
        if programme is None:
            raise InvalidData([FieldProblem("programme", f"unbekanntes Programm „{slug}“")])
        profile = Profile.from_dict(_read_json(profile_file, "profile"))
        report = None
        if budget_file is not None:
            data = _read_json(budget_file, "budget")
            if isinstance(data, dict):
                data.setdefault("programme", programme.slug)
            report = check_budget(data, programme.to_dict())
        document = ApplicationDocument(
            title=profile.title,
            programme_title=programme.title,
            programme_slug=programme.slug,
            funder=programme.funder,
            applicant=profile.organisation or "",
            municipality=profile.municipality,
            created_on=day,
            status_label=STATUSES["idee"],
            sections=[
                Section(d.key, d.title, d.text, d.limit_chars)
                for d in draft_outline(profile, programme, profile.organisation)
            ],
            checklist=[
                ChecklistItem(e.title, e.required, False, e.note)
                for e in build_checklist(programme, profile)
            ],
            budget=report,
            source_url=programme.source_url,
            checked_on=programme.checked_on,
            deadline=next_deadline(programme.deadline, day),
            exported_on=day,
        )
        body = export(document, fmt)
    except InvalidData as exc:
        fail(exc)
    try:
        output.write_bytes(body)
    except OSError as exc:
        click.echo(f"FEHLER output: {output} nicht schreibbar ({exc.strerror})", err=True)
        sys.exit(2)
    click.echo(f"Entwurf geschrieben: {output} ({len(body):,} Byte)".replace(",", "."))
