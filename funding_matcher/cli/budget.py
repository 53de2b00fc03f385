"""``funding-matcher budget check``: the Kosten- und Finanzierungsplan checked as in budget.md."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from funding_matcher import paths
from funding_matcher.cli.common import dir_option, fail
from funding_matcher.domain.budget import check_budget, report_text, report_to_json
from funding_matcher.domain.catalogue.files import FILE_SUFFIX, parse_programme
from funding_matcher.domain.catalogue.records import SLUG_RE
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.json_input import load_json


@click.group("budget")
def budget_group() -> None:
    """Kosten- und Finanzierungspläne prüfen."""


def _read_json(path: Path) -> Any:
    """The decoded file; exit 2 with a German message when it cannot be read or parsed."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        click.echo(f"FEHLER {path}: nicht lesbar ({exc.strerror})", err=True)
        sys.exit(2)
    try:
        return load_json(raw.removeprefix(b"\xef\xbb\xbf"))
    except InvalidData as exc:
        for problem in exc.problems:
            click.echo(f"FEHLER {path}: {problem}", err=True)
        sys.exit(2)


def _programme_record(slug: str | None, field: str, directory: Path | None) -> dict | None:
    """The catalogue record of ``slug`` as a plain dict; exit 2 when the slug is unknown."""
    if slug is None:
        return None
    # Only the one record is read: a budget check should not wait for (or report on) the rest.
    path = (directory or paths.catalogue_dir()) / f"{slug}{FILE_SUFFIX}"
    programme = None
    if SLUG_RE.match(slug) and path.is_file():
        try:
            programme, problems = parse_programme(path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError) as exc:
            problems = [f"{path}: nicht lesbar ({exc})"]
        for problem in problems:
            click.echo(f"FEHLER {problem}", err=True)
    if programme is None:
        fail(InvalidData([FieldProblem(field, f"unbekanntes Programm „{slug}“ im Katalog")]))
    return programme.to_dict()


@budget_group.command("check")
@click.argument("budget_file", type=click.Path(path_type=Path))
@click.option("--programme", "slug", default=None, help="Programm (Slug); ersetzt „programme“")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@dir_option
def check(budget_file: Path, slug: str | None, fmt: str, directory: Path | None) -> None:
    """Einen Kosten- und Finanzierungsplan (JSON, Regeln v2; v1 wird gelesen) rechnen und prüfen.

    Exit-Status: 0 ohne Fehler (auch „nicht geprüft“), 1 mindestens ein Fehler, 2 Eingabe nicht
    lesbar.
    """
    data = _read_json(budget_file)
    field = "programme"
    if slug is not None:
        field = "--programme"
        if isinstance(data, dict):
            data = {**data, "programme": slug}
    elif isinstance(data, dict) and isinstance(data.get("programme"), str):
        slug = data["programme"]
    try:
        report = check_budget(data, _programme_record(slug, field, directory))
    except InvalidData as exc:
        fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps(report_to_json(report), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text(report), nl=False)
    sys.exit(0 if report.ok else 1)
