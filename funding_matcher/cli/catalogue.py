"""``funding-matcher catalogue load``: the catalogue files into the database."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from funding_matcher import clock
from funding_matcher.cli.common import dir_option, load_records
from funding_matcher.extensions import db
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.planning import refresh_all_plans


@click.group("catalogue")
def catalogue_group() -> None:
    """Den Katalog in die Datenbank übernehmen."""


@catalogue_group.command("load")
@dir_option
@with_appcontext
def catalogueload_records(directory: Path | None) -> None:
    """programs/ in die Datenbank übernehmen (idempotent); meldet neu, geändert, entfernt."""
    result = load_records(directory)
    if not result.programmes and result.problems:
        click.echo("Nichts geladen: keine gültige Programmdatei.", err=True)
        sys.exit(1)
    sync = sync_catalogue(result.programmes)
    refreshed = refresh_all_plans(clock.today())  # deadlines and terms the plans read changed
    db.session.commit()
    click.echo(
        f"Katalog geladen: {len(sync.added)} neu, {len(sync.updated)} geändert, "
        f"{len(sync.removed)} entfernt, {sync.unchanged} unverändert; "
        f"{refreshed} Zeitpläne neu berechnet."
    )
    for label_text, slugs in (
        ("neu", sync.added),
        ("geändert", sync.updated),
        ("entfernt", sync.removed),
    ):
        if slugs and len(slugs) <= 20:
            click.echo(f"  {label_text}: {', '.join(slugs)}")
    if result.problems:
        sys.exit(1)
