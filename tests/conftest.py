"""Fixtures: an app on a real, migrated database (SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set), a client, a CLI runner and factories for rows and records."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade

from funding_matcher import create_app
from funding_matcher.extensions import db
from funding_matcher.models import Organisation, Role, User
from funding_matcher.operations.accounts import add_member, create_organisation, create_user
from funding_matcher.operations.tokens import create_api_token

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PASSWORD = "richtig-langes-passwort"


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """argon2 at the lowest cost: a test is about the rule, not the hash's cost (that has one
    test of its own, tests/unit/test_password_cost.py). Production keeps argon2's defaults."""
    from argon2 import PasswordHasher

    from funding_matcher.domain.accounts import passwords

    production = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    yield
    passwords._hasher = production


@pytest.fixture
def production_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at production cost, for a test about the time a check takes."""
    from argon2 import PasswordHasher

    from funding_matcher.domain.accounts import passwords

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher())


def pytest_report_header() -> str:
    return f"database: {os.environ.get('TEST_DATABASE_URL') or 'SQLite (temporary file)'}"


def worker_database_url(url: str, worker: str) -> str:
    """The PostgreSQL database of one pytest-xdist worker (``test`` becomes ``test_gw0``),
    created through the server's maintenance database when it does not exist yet. Without
    xdist (worker ``master``) the configured database itself."""
    from funding_matcher.config import normalise_database_url

    url = normalise_database_url(url)
    if worker == "master":
        return url
    parsed = sa.make_url(url)
    name = f"{parsed.database}_{worker}"
    maintenance = sa.create_engine(
        parsed.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=sa.NullPool
    )
    with maintenance.connect() as conn:
        exists = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    maintenance.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> str:
    """A migrated, empty database for the whole run: a SQLite file per run (and per xdist
    worker, each has its own temporary folder), or one PostgreSQL database per worker."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = worker_database_url(url, worker_id)
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test", "TESTING": True})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """``gw0``, ``gw1``... under pytest-xdist (``pytest -n 2``), ``master`` without it."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"


@pytest.fixture
def instance_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "instance"
    monkeypatch.setenv("FUNDING_MATCHER_INSTANCE", str(path))
    return path


@pytest.fixture
def catalogue_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty catalogue folder the CLI and app use instead of programs/."""
    path = tmp_path / "programs"
    path.mkdir()
    monkeypatch.setenv("FUNDING_MATCHER_CATALOGUE_DIR", str(path))
    return path


@pytest.fixture
def make_app(database_url: str, instance_dir: Path) -> Iterator[Callable[..., Flask]]:
    """A further app on the test database with other settings; its connections are closed
    afterwards, so no open PostgreSQL connection outlives the test."""
    made: list[Flask] = []

    def make(**settings: Any) -> Flask:
        made.append(create_app({"SQLALCHEMY_DATABASE_URI": database_url, **settings}))
        return made[-1]

    yield make
    for extra in made:
        with extra.app_context():
            db.session.remove()
            db.engine.dispose()


# The app of the running test, for module-level helpers such as ``bearer``.
RUNNING_APP: list[Flask] = []


def running_app() -> Flask:
    """The app of the running test, for helpers that are given no ``app``."""
    return RUNNING_APP[-1]


TEST_SETTINGS: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test",
    "WTF_CSRF_ENABLED": False,
    # Links in e-mails and feeds come from BASE_URL (never the Host header).
    "BASE_URL": "http://localhost",
    # Tests change the catalogue between requests: ask the database every time.
    "ENGINE_CHECK_SECONDS": 0,
}


@pytest.fixture(scope="session")
def worker_app(database_url: str) -> Iterator[Flask]:
    """One application per worker, lent to every test in turn by ``app``: building one costs
    about 35 ms (werkzeug compiles a builder for each of its 100 routes) and its templates are
    compiled again on first use, which per test added up to a fifth of the suite's time."""
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url})
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(
    request: pytest.FixtureRequest,
    database_url: str,
    instance_dir: Path,
    catalogue_dir: Path,
) -> Iterator[Flask]:
    """The application, with no application context held: every request of the client gets
    its own context (its own ``g`` and database session), as in production, so a view that
    forgets to commit loses its changes here too. Set up and look at rows in a
    ``with app.app_context():`` block; the factories below open their own.

    The worker's application is lent with the test's own settings, folders and empty caches,
    and its settings are put back afterwards; a test that adds routes (``@pytest.mark.own_app``)
    gets an application of its own."""
    if request.node.get_closest_marker("own_app"):
        lent = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": database_url})
    else:
        lent = request.getfixturevalue("worker_app")
    settings = dict(lent.config)
    extensions = dict(lent.extensions)
    lent.config["CATALOGUE_DIR"] = str(catalogue_dir)
    lent.instance_path = str(instance_dir)
    RUNNING_APP.append(lent)
    yield lent
    RUNNING_APP.remove(lent)
    with lent.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
    lent.config.clear()
    lent.config.update(settings)
    lent.extensions.clear()
    lent.extensions.update(extensions)
    if request.node.get_closest_marker("own_app"):
        with lent.app_context():
            db.engine.dispose()


def loaded(row: Any) -> Any:
    """``row`` with its columns and relationships read, to be used after its application
    context has ended: ``application.checklist``, ``user.memberships[0].organisation`` (the
    related rows' own single relations are read too, their lists are not). A later change is
    not seen: read it again in a new context. Anything that is no row comes back as it is."""
    if isinstance(row, type) or sa.inspect(row, raiseerr=False) is None:
        return row
    db.session.refresh(row)
    for relationship in sa.inspect(row).mapper.relationships:
        value = getattr(row, relationship.key)
        for related in value if isinstance(value, list) else [value]:
            if related is None:
                continue
            for inner in sa.inspect(related).mapper.relationships:
                if not inner.uselist:
                    getattr(related, inner.key)
    return row


def again(row: Any) -> Any:
    """The row of the current session for a row of an earlier context; anything that is no
    row (an id, a name, a class) comes back as it is."""
    if isinstance(row, type) or not isinstance(
        sa.inspect(row, raiseerr=False), sa.orm.InstanceState
    ):
        return row
    return db.session.get(type(row), row.id)


class RequestClient(FlaskClient):
    """A browser whose every request runs in an application context of its own, also when the
    test itself holds one (``with app.app_context():`` around a few requests): nothing in
    ``g`` and no database session is shared with the test or with another request."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    app.test_client_class = RequestClient
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def cli(app: Flask, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Run the ``funding-matcher`` command as a user would, on the test database."""
    from click.testing import CliRunner

    from funding_matcher.cli import main

    monkeypatch.setenv("FUNDING_MATCHER_DATABASE_URL", database_url)
    monkeypatch.setenv("FUNDING_MATCHER_SECRET_KEY", "test")

    def invoke(args: list[str], **kwargs: Any) -> Any:
        # In an application context of the test app of its own: the command reads the test's
        # settings (mail server, base URL) and commits what it does itself.
        with app.app_context():
            return CliRunner().invoke(main, args, catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def make_org(app: Flask) -> Callable[..., Organisation]:
    def make(name: str = "Stadt Musterstadt", kind: str = "kommune") -> Organisation:
        with app.app_context():
            organisation = create_organisation(name, kind)
            db.session.commit()
            return loaded(organisation)

    return make


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(
        organisation: Organisation | None = None, role: Role = Role.editor, email: str | None = None
    ) -> User:
        with app.app_context():
            user = create_user(email or f"person{next(counter)}@example.org", PASSWORD)
            if organisation is not None:
                add_member(user, again(organisation), role)
            db.session.commit()
            return loaded(user)

    return make


@pytest.fixture
def login(client: FlaskClient) -> Callable[[User], None]:
    """Sign ``user`` in by setting Flask-Login's session directly, as the sign-in form would:
    for tests that are not about signing in (those post the form, ``login_with_form``)."""

    def do(user: User) -> None:
        sign_in_directly(client, user)

    return do


def sign_in_directly(client: FlaskClient, user: User) -> None:
    """The session the sign-in form leaves behind (``web/auth.sign_in``), without the form and
    its password check."""
    from funding_matcher.extensions import login_manager

    with client.application.test_request_context():
        identifier = login_manager._session_identifier_generator()  # address and browser
        session_id = db.session.get(User, user.id).get_id()  # the current session version
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = session_id
        session["_fresh"] = True
        session["_id"] = identifier


@pytest.fixture
def login_with_form(client: FlaskClient) -> Callable[[User], None]:
    """Sign in through the form (/anmelden), as a person does."""

    def do(user: User) -> None:
        response = client.post("/anmelden", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)

    return do


def programme_data(**overrides: Any) -> dict[str, Any]:
    """A valid programme record; override any field."""
    data: dict[str, Any] = {
        "slug": "testprogramm",
        "title": "Testprogramm für Nachbarschaften",
        "short_title": "Testprogramm",
        "funder": "Land Musterland",
        "level": "land",
        "eu_fund": None,
        "status": "open",
        "status_evidence": {
            "url": "https://example.org/testprogramm/aufruf",
            "date": "2026-10-01",
            "quote": "Anträge können bis zum 30. September eingereicht werden.",
        },
        "successor": None,
        "summary": "Fördert Begegnung und Engagement in Quartieren mit besonderem Bedarf.",
        "description": "Gefördert werden Nachbarschaftsprojekte, Stadtteilarbeit und Ehrenamt.",
        "applicant_types": ["verein", "freier_traeger"],
        "access_via": [],
        "states": ["NW"],
        "area_types": ["urban", "rural"],
        "themes": ["teilhabe", "engagement"],
        "target_groups": ["alle"],
        "cost_types": ["personal", "sach"],
        "funding_type": "zuschuss",
        "funding_rate_max_percent": 80,
        "amount_min_eur": 5000,
        "amount_max_eur": 50000,
        "own_contribution": "mindestens 20 Prozent",
        "financing_type": "anteil",
        "own_contribution_min_percent": 20,
        "overhead_max_percent": None,
        "volunteer_work": None,
        "requires_designated_area": None,
        "guideline_valid_until": None,
        "deadline": {"kind": "annual", "annual": {"month": 9, "day": 30}},
        "procedure": "Antrag beim Landesamt.",
        "outline_sections": ["Ausgangslage", "Ziele"],
        "outline_topics": [["ausgangslage"], ["ziele"]],
        "requirements": [],
        "combinable_with": [],
        "not_combinable_with": [],
        "de_minimis": False,
        "source_url": "https://example.org/testprogramm",
        "checked_on": "2026-11-01",
        "notes": None,
    }
    data.update(overrides)
    if "outline_topics" not in overrides and "outline_sections" in overrides:
        # Every record with sections names their topics (drafting contract § 3); tests that do
        # not care get one distinct topic per section.
        sections = data["outline_sections"] or []
        data["outline_topics"] = (
            [[TEST_TOPICS[i % len(TEST_TOPICS)]] for i in range(len(sections))]
            if sections
            else None
        )
    return data


TEST_TOPICS = (
    "ausgangslage",
    "zielgruppen",
    "ziele",
    "massnahmen",
    "beteiligung",
    "kooperation",
    "verstetigung",
)


@pytest.fixture
def write_programme(catalogue_dir: Path) -> Callable[..., Path]:
    """Write a record file into the test catalogue (valid unless overridden)."""

    def write(directory: Path | None = None, **overrides: Any) -> Path:
        data = programme_data(**overrides)
        path = (directory or catalogue_dir) / f"{data['slug']}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write


def bearer(user: User, organisation: Organisation) -> dict[str, str]:
    """The Authorization header of a new API token of ``user`` in ``organisation``."""
    with running_app().app_context():
        _, token = create_api_token(again(user), again(organisation), "Test")
        db.session.commit()
    return {"Authorization": f"Bearer {token}"}


def profile_data(**overrides: Any) -> dict[str, Any]:
    """A valid project profile (interchange format v1)."""
    data: dict[str, Any] = {
        "title": "Nachbarschaftstreff Lirich",
        "description": "Ein offener Treff mit Beratung, Sprachcafé und Ehrenamtsbörse im Quartier.",
        "applicant_type": "verein",
        "state": "NW",
        "municipality": "Oberhausen",
        "area_type": "urban",
        "themes": ["teilhabe", "engagement"],
        "target_groups": ["alle"],
        "cost_types": ["personal", "sach"],
        "budget_total_eur": 60000,
        "own_funds_eur": 6000,
        "duration_months": 24,
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_application(
    app: Flask, write_programme: Callable[..., Path], catalogue_dir: Path
) -> Callable[..., Any]:
    """An application of ``organisation`` for a programme written to the test catalogue."""
    from funding_matcher.domain.catalogue.files import load_catalogue
    from funding_matcher.domain.profile import Profile
    from funding_matcher.operations.applications import create_application
    from funding_matcher.operations.catalogue import find_programme, sync_catalogue
    from funding_matcher.operations.projects import save_profile

    def make(organisation: Organisation, user: User | None = None, **programme: Any) -> Any:
        with app.app_context():
            return loaded(_make(again(organisation), again(user), **programme))

    def _make(organisation: Organisation, user: User | None, **programme: Any) -> Any:
        if "outline_sections" not in programme:
            programme["outline_sections"] = [
                "Ausgangslage im Quartier",
                "Zielgruppen",
                "Verstetigung",
            ]
            programme.setdefault(
                "outline_topics", [["ausgangslage"], ["zielgruppen"], ["verstetigung"]]
            )
        slug = programme.setdefault("slug", "testprogramm")
        write_programme(**programme)
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        project = save_profile(organisation, Profile.from_dict(profile_data()), user)
        application = create_application(project, find_programme(slug), user)
        db.session.commit()
        return application

    return make
