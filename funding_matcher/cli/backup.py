"""``funding-matcher backup`` and ``restore``: the database to a file and back.

SQLite is copied with its online backup API (consistent while the server runs); PostgreSQL goes
through pg_dump's custom format and pg_restore. The instance folder's other files (secret key,
letterheads) are plain files: back them up with the folder.

``restore`` reads the file first (format, application, schema version; ``backup_check``) and
touches the database only when it is a sound backup of this application; a backup of an older
release is migrated to the current schema afterwards.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from funding_matcher.cli.backup_check import (
    APPLICATION_ID,
    RefusedBackup,
    inspect_backup,
    schema_head,
)
from funding_matcher.domain.german import format_number
from funding_matcher.extensions import db

TIMEOUT_SECONDS = 3600


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _libpq_url() -> str:
    """The URL as libpq tools read it (without SQLAlchemy's driver name)."""
    return _url().set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)  # noqa: S603
    except FileNotFoundError:
        click.echo(
            f"FEHLER: {command[0]} ist nicht installiert (Paket postgresql-client).", err=True
        )
        sys.exit(2)
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        click.echo(f"FEHLER: {command[0]} meldet: {message[0]}", err=True)
        sys.exit(1)


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup(target: Path) -> None:
    """Die Datenbank in eine Datei sichern (SQLite-Kopie oder pg_dump-Format)."""
    url = _url()
    if target.exists():
        click.echo(
            f"FEHLER target: {target} gibt es schon; bitte einen neuen Namen wählen.", err=True
        )
        sys.exit(2)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(url.database)
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
            # Marks the file as ours, also when the database predates migration 0007.
            copy.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            copy.commit()
        finally:
            copy.close()
            source.close()
        target.chmod(0o600)
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq_url()])
        target.chmod(0o600)
    click.echo(f"Gesichert: {target} ({format_number(target.stat().st_size)} Byte)")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="auch in eine Datenbank mit Daten zurückspielen")
@with_appcontext
def restore(source: Path, force: bool) -> None:
    """Eine Sicherung in die (leere) Datenbank zurückspielen."""
    url = _url()
    backend = url.get_backend_name()
    try:
        info = inspect_backup(source, backend)
    except RefusedBackup as exc:
        click.echo(f"FEHLER source: {exc}", err=True)
        sys.exit(2)
    has_data = (
        "organisations" in inspect(db.engine).get_table_names()
        and db.session.execute(db.text("SELECT COUNT(*) FROM organisations")).scalar()
    )
    if has_data and not force:
        click.echo(
            "FEHLER: Die Datenbank enthält schon Daten. Mit --force wird sie überschrieben.",
            err=True,
        )
        sys.exit(2)
    db.session.remove()
    db.engine.dispose()
    if backend == "sqlite":
        backup_db = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
        target = sqlite3.connect(url.database)
        try:
            with target:
                backup_db.backup(target)
        finally:
            target.close()
            backup_db.close()
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                f"--dbname={_libpq_url()}",
                str(source),
            ]
        )
    db.engine.dispose()
    if info.needs_upgrade:
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
        click.echo(f"Schema der Sicherung ({info.revision}) auf {schema_head()} aktualisiert.")
    click.echo(f"Zurückgespielt aus {source}.")
