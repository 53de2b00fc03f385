"""``funding-matcher backup`` and ``restore``: a backup restored into an empty database holds the
same data (SQLite here; PostgreSQL too when the suite runs on it)."""

from __future__ import annotations

import os
import sqlite3

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask.cli import ScriptInfo
from flask_migrate import upgrade

from funding_matcher import create_app
from funding_matcher.cli import main
from funding_matcher.cli.backup_check import schema_head
from funding_matcher.config import normalise_database_url
from funding_matcher.extensions import db
from funding_matcher.models import Organisation
from funding_matcher.operations.accounts import create_organisation

PG = os.environ.get("TEST_DATABASE_URL")


def make(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "t", "TESTING": True})


def run(app, args):
    return CliRunner().invoke(main, args, obj=ScriptInfo(create_app=lambda: app))


def fresh_database(url: str, with_data: bool):
    app = make(url)
    with app.app_context():
        upgrade()
        if with_data:
            create_organisation("Stadt Hagen", "kommune")
            db.session.commit()
        db.engine.dispose()
    return app


def names(app) -> list[str]:
    with app.app_context():
        result = [o.name for o in db.session.scalars(sa.select(Organisation))]
        db.session.remove()
        db.engine.dispose()
    return result


def test_sqlite_backup_restores_into_an_empty_database(tmp_path, instance_dir):
    source = fresh_database(f"sqlite:///{tmp_path / 'quelle.db'}", with_data=True)
    target = fresh_database(f"sqlite:///{tmp_path / 'ziel.db'}", with_data=False)
    dump = tmp_path / "sicherung.db"
    result = run(source, ["backup", str(dump)])
    assert result.exit_code == 0, result.output
    assert dump.stat().st_mode & 0o777 == 0o600
    assert run(source, ["backup", str(dump)]).exit_code == 2  # never overwrites a backup
    assert run(target, ["restore", str(dump)]).exit_code == 0
    assert names(target) == ["Stadt Hagen"]
    # A database with data is only overwritten on request; garbage is refused with a sentence.
    assert run(target, ["restore", str(dump)]).exit_code == 2
    junk = tmp_path / "kaputt.db"
    junk.write_bytes(b"keine Datenbank")
    empty = fresh_database(f"sqlite:///{tmp_path / 'leer.db'}", with_data=False)
    refused = run(empty, ["restore", str(junk)])
    assert refused.exit_code == 2
    assert "keine Sicherung" in refused.output


@pytest.mark.skipif(not PG, reason="runs in the PostgreSQL pass of the suite")
def test_postgresql_backup_restores_into_an_empty_database(tmp_path, instance_dir, database_url):
    admin = sa.create_engine(normalise_database_url(PG), isolation_level="AUTOCOMMIT")
    name = f"fm_restore_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        source = make(database_url)
        with source.app_context():
            create_organisation("Stadt Hagen", "kommune")
            db.session.commit()
            db.engine.dispose()
        dump = tmp_path / "sicherung.dump"
        result = run(source, ["backup", str(dump)])
        assert result.exit_code == 0, result.output
        target_url = sa.engine.make_url(normalise_database_url(PG)).set(database=name)
        target = make(target_url.render_as_string(hide_password=False))
        assert run(target, ["restore", str(dump)]).exit_code == 0, "restore failed"
        assert names(target) == ["Stadt Hagen"]
        with source.app_context():
            db.session.execute(sa.delete(Organisation))
            db.session.commit()
            db.engine.dispose()
    finally:
        admin.dispose()
        cleanup = sa.create_engine(normalise_database_url(PG), isolation_level="AUTOCOMMIT")
        with cleanup.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        cleanup.dispose()


# -- M4: restore checks the file before touching anything ---------------------------------------


def sign_in_status(app) -> int:
    """What the sign-in page answers on the database after a restore (never 500)."""
    with app.app_context():
        client = app.test_client()
        status = max(client.get(path).status_code for path in ("/", "/anmelden", "/einrichten"))
        db.session.remove()
        db.engine.dispose()
    return status


def sqlite_backup(tmp_path, name: str, **prepare) -> tuple:
    """A backup file of a database with one organisation; ``prepare`` changes it first."""
    source = fresh_database(f"sqlite:///{tmp_path / f'quelle-{abs(hash(name))}.db'}", True)
    dump = tmp_path / name
    assert run(source, ["backup", str(dump)]).exit_code == 0
    connection = sqlite3.connect(dump)
    for statement in prepare.get("sql", ()):
        connection.execute(statement)
    connection.commit()
    connection.close()
    return source, dump


@pytest.mark.parametrize("name", ["sicherung #1.db", "100% sicher.db", "wirklich?.db"])
def test_restore_takes_any_file_name(tmp_path, instance_dir, name):
    _, dump = sqlite_backup(tmp_path, name)
    target = fresh_database(f"sqlite:///{tmp_path / 'ziel.db'}", with_data=False)
    result = run(target, ["restore", str(dump)])
    assert result.exit_code == 0, result.output
    assert names(target) == ["Stadt Hagen"]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("corrupt", "beschädigt"),
        ("foreign-app", "anderen Anwendung"),
        ("foreign-tables", "keine Sicherung dieser Anwendung"),
        ("newer", "neueren Version"),
        ("text", "keine Sicherung dieser Anwendung"),
    ],
)
def test_restore_refuses_bad_files_and_leaves_the_database_alone(
    tmp_path, instance_dir, case, expected
):
    dump = tmp_path / f"{case}.db"
    if case == "corrupt":
        _, good = sqlite_backup(tmp_path, "gut.db")
        data = bytearray(good.read_bytes())
        data[4096:8192] = b"\xff" * 4096  # a damaged page
        dump.write_bytes(bytes(data))
    elif case == "foreign-app":
        _, dump = sqlite_backup(tmp_path, "fremd.db", sql=["PRAGMA application_id = 1234"])
    elif case == "foreign-tables":
        other = sqlite3.connect(dump)
        other.execute("CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT)")
        other.commit()
        other.close()
    elif case == "newer":
        _, dump = sqlite_backup(
            tmp_path, "neu.db", sql=["UPDATE alembic_version SET version_num = 'f00000000099'"]
        )
    else:
        dump.write_text("keine Datenbank", encoding="utf-8")
    target = fresh_database(f"sqlite:///{tmp_path / 'ziel.db'}", with_data=True)
    result = run(target, ["restore", "--force", str(dump)])
    # Before: "Zurückgespielt" on every one of them, and sign-in answered 500 afterwards.
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Zurückgespielt" not in result.output
    assert names(target) == ["Stadt Hagen"]
    assert sign_in_status(target) < 400


def test_restore_migrates_a_backup_of_an_older_release(tmp_path, instance_dir):
    from flask_migrate import downgrade

    old_url = f"sqlite:///{tmp_path / 'alt.db'}"
    old = fresh_database(old_url, with_data=True)
    with old.app_context():
        downgrade(revision="8cfd794f501c")  # the schema of the release before this one
        db.engine.dispose()
    dump = tmp_path / "alte sicherung.db"
    copy = sqlite3.connect(dump)
    original = sqlite3.connect(tmp_path / "alt.db")
    original.backup(copy)  # as the earlier release's backup command wrote it (no application id)
    original.close()
    copy.close()
    target = fresh_database(f"sqlite:///{tmp_path / 'ziel.db'}", with_data=False)
    result = run(target, ["restore", str(dump)])
    assert result.exit_code == 0, result.output
    assert "aktualisiert" in result.output
    assert names(target) == ["Stadt Hagen"]
    with target.app_context():
        version = db.session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        tables = sa.inspect(db.engine).get_table_names()
        db.session.remove()
        db.engine.dispose()
    assert version == schema_head()
    assert "throttle_counters" in tables
    assert sign_in_status(target) < 400


@pytest.mark.skipif(not PG, reason="runs in the PostgreSQL pass of the suite")
def test_postgresql_restore_refuses_sqlite_files_and_garbage(tmp_path, instance_dir, database_url):
    target = make(database_url)
    _, sqlite_dump = sqlite_backup(tmp_path, "lite.db")
    garbage = tmp_path / "kaputt.dump"
    garbage.write_bytes(b"PGDMP" + b"\0" * 200)
    for dump, expected in ((sqlite_dump, "SQLite-Sicherung"), (garbage, "beschädigt")):
        result = run(target, ["restore", "--force", str(dump)])
        assert result.exit_code == 2, result.output
        assert expected in result.output
