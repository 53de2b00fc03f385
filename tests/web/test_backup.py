"""``funding-matcher backup`` and ``restore``: a backup restored into an empty database holds the
same data (SQLite here; PostgreSQL too when the suite runs on it)."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask.cli import ScriptInfo
from flask_migrate import upgrade

from funding_matcher import create_app
from funding_matcher.cli import main
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
