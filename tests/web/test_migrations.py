"""Alembic migrations build the schema from an empty database and match the models."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from funding_matcher import create_app
from funding_matcher.extensions import db


def test_upgrade_of_an_empty_database_creates_every_table(tmp_path, instance_dir):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'leer.db'}"})
    with app.app_context():
        upgrade()
        tables = set(sa.inspect(db.engine).get_table_names())
        assert {
            "organisations",
            "users",
            "memberships",
            "programmes",
            "project_profiles",
            "alembic_version",
        } <= tables
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), db.metadata) == []
        downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) == {"alembic_version"}
        db.engine.dispose()


def test_migrated_test_database_matches_the_models(app):
    with app.app_context(), db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), db.metadata) == []


def test_drafts_named_before_drafts_were_dated_get_their_date(tmp_path, instance_dir):
    """Two drafts begun under the old name "Neues Projekt (Entwurf)" are told apart after the
    upgrade by the time they were begun (German local time); a named project keeps its name."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'alt.db'}"})
    with app.app_context():
        upgrade(revision="7c4e1a9b3d21")
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO organisations (name, kind, created_at)"
                    " VALUES ('Verein', 'verein', '2026-01-01 00:00:00')"
                )
            )
            for title, created in (
                ("Neues Projekt (Entwurf)", "2026-11-30 08:05:00"),
                ("Neues Projekt (Entwurf)", "2026-07-01 22:30:00"),
                ("Nachbarschaftstreff Lirich", "2026-11-30 08:05:00"),
            ):
                conn.execute(
                    sa.text(
                        "INSERT INTO project_profiles (organisation_id, title, data, pending,"
                        " wizard_step, created_at, updated_at)"
                        " VALUES (1, :t, '{}', '{}', 1, :c, :c)"
                    ),
                    {"t": title, "c": created},
                )
        upgrade()
        with db.engine.connect() as conn:
            titles = conn.scalars(sa.text("SELECT title FROM project_profiles ORDER BY id")).all()
        db.engine.dispose()
    assert titles == [
        "Entwurf vom 30.11.2026, 09:05 Uhr",
        "Entwurf vom 02.07.2026, 00:30 Uhr",
        "Nachbarschaftstreff Lirich",
    ]
