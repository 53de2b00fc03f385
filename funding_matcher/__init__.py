"""Fördermittel-Matcher: find, explain and prepare funding for Quartier projects."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import Engine, event
from werkzeug.routing import IntegerConverter

from funding_matcher import paths
from funding_matcher.config import (
    Defaults,
    load_or_create_secret_key,
    normalise_database_url,
    sqlite_url,
)
from funding_matcher.extensions import csrf, db, login_manager, migrate

ENV_PREFIX = "FUNDING_MATCHER"


def create_app(overrides: Mapping[str, Any] | None = None, web: bool = True) -> Flask:
    """Build the application: defaults, then instance/config.py, env vars, ``overrides``.
    ``web=False`` (the command line) leaves out the pages: a command then starts without
    importing the matcher, the exports and every blueprint."""
    instance_path = paths.instance_dir()
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        instance_relative_config=True,
        template_folder=str(paths.TEMPLATES_DIR),
        static_folder=str(paths.STATIC_DIR),
    )
    configure(app, instance_path, overrides or {})
    register_extensions(app)
    if web:
        register_blueprints(app)
        register_error_handlers(app)
        register_template_helpers(app)
        register_security(app)
        register_access(app)
        register_transaction(app)
    return app


def configure(app: Flask, instance_path: Path, overrides: Mapping[str, Any]) -> None:
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("FLASK")
    app.config.from_prefixed_env(ENV_PREFIX)
    if "DATABASE_URL" in app.config:
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config.pop("DATABASE_URL")
    app.config.update(overrides)
    keep_instance_private(instance_path)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = sqlite_url(instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        str(app.config["SQLALCHEMY_DATABASE_URI"])
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_or_create_secret_key(instance_path)
    app.config.setdefault("CATALOGUE_DIR", str(paths.catalogue_dir()))
    app.config.setdefault("TODAY", None)  # tests pin the date; None means the clock


def keep_instance_private(instance_path: Path) -> None:
    """The instance folder holds the secret key, the SQLite file and letterheads: 0700, also
    when it already existed (a checkout creates it 0755)."""
    instance_path.mkdir(parents=True, exist_ok=True, mode=0o700)
    for folder in (instance_path, instance_path / "letterheads"):
        if folder.is_dir() and folder.stat().st_mode & 0o077:
            try:
                folder.chmod(0o700)
            except OSError:  # not ours to change (a read-only deployment): leave it
                logging.getLogger(__name__).warning("%s ist für andere lesbar", folder)


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    with app.app_context():
        enforce_foreign_keys(db.engine)
        keep_sqlite_file_private(db.engine)
    migrate.init_app(app, db, directory=str(paths.MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    from funding_matcher import models  # noqa: F401  (tables must be known to Alembic)


# How long a SQLite connection waits for another one's write before it gives up (ms).
SQLITE_BUSY_MS = 15_000


def enforce_foreign_keys(engine: Engine) -> None:
    """SQLite checks foreign keys (and runs ON DELETE CASCADE / SET NULL) only when each
    connection asks for it; without this, deleting a project leaves its applications behind.

    A database file also runs in WAL mode with a generous busy timeout: in the default journal
    mode two parallel writers (a burst of sign-ins counting their attempts) can deadlock, and
    SQLite then answers the second one "database is locked" at once instead of letting it wait
    (a 500 seen in CI for parallel guesses); in WAL mode a writer simply waits its turn and
    readers never block it."""
    if engine.url.get_backend_name() != "sqlite":
        return
    on_file = bool(engine.url.database) and engine.url.database != ":memory:"

    def switch_on(connection: Any, _record: object) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        if on_file:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    event.listen(engine, "connect", switch_on)


def keep_sqlite_file_private(engine: Engine) -> None:
    """The SQLite file holds password hashes: readable by the owner only (0600)."""
    if engine.url.get_backend_name() != "sqlite" or not engine.url.database:
        return
    path = Path(engine.url.database)
    if str(path) == ":memory:":
        return

    def restrict(*_args: object) -> None:
        for candidate in (path, *(Path(f"{path}-{end}") for end in ("journal", "wal", "shm"))):
            if candidate.exists() and candidate.stat().st_mode & 0o077:
                candidate.chmod(0o600)

    event.listen(engine, "connect", restrict)
    event.listen(engine, "close", restrict)


class IdConverter(IntegerConverter):
    """``<int:...>`` ids of at most nine digits 0-9: a longer number is no id of ours (404),
    never a number the database cannot hold (500); Arabic-Indic or other digits are no id."""

    regex = r"[0-9]{1,9}"


def register_blueprints(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter
    from funding_matcher.web import (
        account,
        api,
        applications,
        auth,
        budget,
        catalogue,
        clients,
        exports,
        feed,
        invitations,
        main,
        matches,
        organisation,
        pdf_import,
        planning,
        projects,
        trash,
        wizard,
    )

    app.register_blueprint(main.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(projects.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(wizard.bp)
    app.register_blueprint(matches.bp)
    app.register_blueprint(catalogue.bp)
    app.register_blueprint(organisation.views.bp)
    app.register_blueprint(applications.views.bp)
    app.register_blueprint(applications.sections.bp)
    app.register_blueprint(applications.details.bp)
    app.register_blueprint(organisation.applicant.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(budget.bp)
    app.register_blueprint(planning.bp)
    app.register_blueprint(feed.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(pdf_import.bp)
    app.register_blueprint(invitations.bp)
    app.register_blueprint(clients.bp)
    app.register_blueprint(trash.bp)
    app.jinja_env.globals["nav_items"] = [
        ("projects.index", "Projekte"),
        ("applications.index", "Anträge"),
        ("planning.calendar", "Kalender"),
        ("catalogue.index", "Förderprogramme"),
        ("organisation.index", "Organisation"),
    ]


def register_error_handlers(app: Flask) -> None:
    from funding_matcher.web import errors

    errors.register(app)


def register_security(app: Flask) -> None:
    from funding_matcher.web import security

    security.register(app)


def register_access(app: Flask) -> None:
    from funding_matcher.web import access

    access.register(app)


def register_transaction(app: Flask) -> None:
    from funding_matcher.web import transaction

    transaction.register(app)


def register_template_helpers(app: Flask) -> None:
    from funding_matcher.web import template_helpers

    template_helpers.register(app)
