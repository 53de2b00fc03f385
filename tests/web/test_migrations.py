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
