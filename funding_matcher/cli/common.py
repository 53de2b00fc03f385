"""What the command groups share: the --today and --dir options, catalogue loading, errors."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from funding_matcher import clock, paths
from funding_matcher.domain.catalogue.files import CatalogueLoad, load_catalogue
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.limits import read_iso_date


def parse_today(value: str | None) -> date:
    """The --today option as a date; the clock when it is not given."""
    if value is None:
        return clock.today()
    try:
        return read_iso_date(value, "--today")
    except InvalidData as exc:
        raise click.BadParameter(exc.problems[0].message, param_hint="--today") from None


dir_option = click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path),
    default=None,
    help="Katalogverzeichnis (Standard: programs/)",
)


def load_records(directory: Path | None, strict: bool = False) -> CatalogueLoad:
    """The catalogue folder's records; every problem printed with file and line."""
    result = load_catalogue(directory or paths.catalogue_dir())
    for problem in result.problems:
        click.echo(f"FEHLER {problem}", err=True)
    if strict and result.problems:
        sys.exit(1)
    return result


def fail(exc: InvalidData) -> None:
    """Print each problem with its field and stop with exit status 2."""
    for problem in exc.problems:
        click.echo(f"FEHLER {problem}", err=True)
    sys.exit(2)
