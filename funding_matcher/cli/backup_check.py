"""What a backup file is, read before anything is restored: its format, whether it is a backup
of this application, and its schema version (Alembic revision).

A file is refused with one German sentence when it is corrupt, of another application, or of a
newer release; an older release's backup is accepted and migrated after the restore.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from funding_matcher import paths

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
# "FMAT" in the SQLite header (set by migration 0007 and by every backup).
APPLICATION_ID = 0x464D4154
REQUIRED_TABLES = {"alembic_version", "organisations", "users", "memberships"}
TIMEOUT_SECONDS = 600


class RefusedBackup(Exception):
    """The file must not be restored; the message says why, in German."""


@dataclass(frozen=True)
class BackupInfo:
    """A backup that may be restored: its kind ("sqlite" or "postgresql") and schema."""

    kind: str
    revision: str
    needs_upgrade: bool


def _script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(paths.MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def schema_head() -> str:
    """The schema version this release writes."""
    return _script().get_current_head() or ""


def _judge(kind: str, revision: str | None, ours_for_sure: bool, source: Path) -> BackupInfo:
    script = _script()
    head = script.get_current_head()
    known = {r.revision for r in script.walk_revisions()}
    if revision in known:
        return BackupInfo(kind, revision, needs_upgrade=revision != head)
    if ours_for_sure or revision:
        raise RefusedBackup(
            f"{source.name} stammt von einer neueren Version des Fördermittel-Matchers "
            f"(Schema {revision or 'unbekannt'}, diese Version kennt bis {head}); bitte zuerst "
            "die Anwendung aktualisieren."
        )
    raise RefusedBackup(f"{source.name} ist keine Sicherung dieser Anwendung.")


def inspect_sqlite(source: Path) -> BackupInfo:
    """Check an SQLite backup: header, application id, integrity, tables, schema version."""
    with source.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise RefusedBackup(
            f"{source.name} ist keine Sicherung dieser Anwendung (keine SQLite-Datenbank)."
        )
    application_id = int.from_bytes(header[68:72], "big")
    if application_id not in (0, APPLICATION_ID):
        raise RefusedBackup(
            f"{source.name} ist die Datenbank einer anderen Anwendung, keine Sicherung des "
            "Fördermittel-Matchers."
        )
    # The file name may hold #, % or ?: as a URI it must be quoted (as_uri does it).
    uri = source.resolve().as_uri() + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise RefusedBackup(f"{source.name} ist beschädigt (SQLite meldet: {check[0]}).")
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables >= REQUIRED_TABLES:
                raise RefusedBackup(f"{source.name} ist keine Sicherung dieser Anwendung.")
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise RefusedBackup(f"{source.name} ist beschädigt ({exc}).") from None
    return _judge("sqlite", row[0] if row else None, application_id == APPLICATION_ID, source)


def _pg_restore(*args: str) -> str:
    try:
        done = subprocess.run(  # noqa: S603 (fixed program, arguments from us and the path)
            ["pg_restore", *args],  # noqa: S607
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise RefusedBackup("pg_restore ist nicht installiert (Paket postgresql-client).") from None
    if done.returncode != 0:
        raise RefusedBackup("")
    return done.stdout.decode("utf-8", "replace")


_TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ", re.MULTILINE)


def inspect_postgresql(source: Path) -> BackupInfo:
    """Check a pg_dump custom-format file: magic, table list, schema version."""
    with source.open("rb") as handle:
        if handle.read(5) != PG_MAGIC:
            raise RefusedBackup(
                f"{source.name} ist keine Sicherung dieser Anwendung (kein pg_dump-Archiv)."
            )
    try:
        toc = _pg_restore("--list", str(source))
        tables = set(_TOC_TABLE.findall(toc))
        if not tables >= REQUIRED_TABLES:
            raise RefusedBackup(f"{source.name} ist keine Sicherung dieser Anwendung.")
        data = _pg_restore("--data-only", "--table=alembic_version", "--file=-", str(source))
    except RefusedBackup as exc:
        if str(exc):
            raise
        raise RefusedBackup(
            f"{source.name} ist beschädigt (pg_restore kann es nicht lesen)."
        ) from None
    match = re.search(r"COPY \S*alembic_version \(version_num\) FROM stdin;\n([^\n\\]+)\n", data)
    return _judge("postgresql", match.group(1).strip() if match else None, False, source)


def inspect_backup(source: Path, backend: str) -> BackupInfo:
    """The backup's kind and schema, checked for the database it would go into."""
    with source.open("rb") as handle:
        start = handle.read(16)
    if backend == "sqlite" and start.startswith(PG_MAGIC):
        raise RefusedBackup(
            f"{source.name} ist eine PostgreSQL-Sicherung; die Datenbank hier ist SQLite."
        )
    if backend != "sqlite" and start.startswith(SQLITE_MAGIC):
        raise RefusedBackup(
            f"{source.name} ist eine SQLite-Sicherung; die Datenbank hier ist PostgreSQL."
        )
    return inspect_sqlite(source) if backend == "sqlite" else inspect_postgresql(source)
