"""H4: foreign keys hold on SQLite too. Deleting any parent (project, application, member,
person, programme) removes or clears what hangs on it, and every page of the organisation keeps
working; orphans left by earlier releases are repaired by the migration."""

from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.extensions import db
from funding_matcher.models import (
    Application,
    ApplicationSection,
    Membership,
    MilestoneRow,
    ProjectProfile,
    Role,
    SectionVersion,
    User,
)
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.trash import purge
from tests.conftest import again, loaded, running_app
from tests.web.crawl import broken, crawl

# The migration of this release that repairs orphans (its number may change when merged).
(MIGRATION,) = (Path(__file__).resolve().parents[2] / "migrations/versions").glob(
    "*_security_hardening.py"
)


def count(model) -> int:
    with running_app().app_context():
        return loaded(db.session.scalar(sa.select(sa.func.count()).select_from(again(model))))


@pytest.fixture
def organisation(app, client, make_org, make_user, make_application, login):
    """An organisation with two projects, an application with plan, sections, history and
    status log, a watched programme, a council meeting and an invitation; signed in as owner."""
    app.config["TODAY"] = "2026-12-01"
    org = make_org("Stadt Hagen", "kommune")
    owner = make_user(org, Role.owner, email="chefin@hagen.de")
    editor = make_user(org, Role.editor, email="kollege@hagen.de")
    application = make_application(org, editor, deadline={"kind": "fixed", "dates": ["2027-05-28"]})
    second = make_application(org, editor, slug="zweitprogramm", title="Zweitprogramm")
    login(editor)
    section = application.sections[0]
    client.post(
        f"/antraege/{application.id}/abschnitte/{section.key}", data={"text": "A", "version": 1}
    )
    client.post(f"/antraege/{application.id}/status", data={"status": "in_vorbereitung"})
    client.get(f"/antraege/{application.id}/plan")
    client.post("/programme/testprogramm/merken")
    client.post("/abmelden")
    login(owner)
    client.post("/organisation/gremien/sitzungen", data={"body": "rat", "day": "2027-03-18"})
    client.post("/organisation/mitglieder", data={"email": "neu@hagen.de", "role": "viewer"})
    assert count(MilestoneRow) > 0
    assert count(SectionVersion) > 0
    return {
        "owner": owner.id,
        "editor": editor.id,
        "app": application.id,
        "project": application.project_id,
        "second": second.id,
    }


def pages_work(client) -> dict[str, int]:
    statuses = crawl(client)
    assert len(statuses) > 15, statuses
    assert broken(statuses) == {}
    return statuses


def test_sqlite_connections_enforce_foreign_keys(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL always enforces foreign keys")
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            with pytest.raises(sa.exc.IntegrityError):
                conn.execute(
                    sa.insert(Application).values(
                        organisation_id=999, project_id=999, programme_slug="x", programme_title="x"
                    )
                )


def test_deleting_a_project_removes_its_applications_and_every_page_works(
    app, client, organisation
):
    project_id = organisation["project"]
    confirmed = {"confirmed": "ja"}
    assert client.post(f"/projekte/{project_id}/loeschen", data=confirmed).status_code == 303
    pages_work(client)  # while it lies in the Papierkorb
    with app.app_context():
        purge(date(2027, 1, 1))  # 31 days later the daily job removes it for good
        db.session.commit()
        assert db.session.get(ProjectProfile, project_id) is None
        assert db.session.get(Application, again(organisation["app"])) is None
    # Sections, their history and the plan went with it (before: orphans and 500s).
    remaining = count(ApplicationSection)
    with app.app_context():
        assert remaining == len(db.session.get(Application, again(organisation["second"])).sections)
    pages_work(client)


def test_deleting_an_application_and_then_a_project_keeps_pages_working(app, client, organisation):
    application_id = organisation["second"]
    confirmed = {"confirmed": "ja"}
    assert client.post(f"/antraege/{application_id}/loeschen", data=confirmed).status_code == 303
    with app.app_context():
        assert db.session.get(Application, application_id).trashed_in_id is not None
    pages_work(client)
    client.post(f"/projekte/{organisation['project']}/loeschen", data=confirmed)
    pages_work(client)
    with app.app_context():
        purge(date(2027, 1, 1))
        db.session.commit()
        assert db.session.get(Application, application_id) is None
    pages_work(client)


def test_deleting_the_person_who_wrote_everything_keeps_the_work(app, client, organisation):
    editor_id = organisation["editor"]
    with app.app_context():
        db.session.delete(db.session.get(User, editor_id))
        db.session.commit()
        assert db.session.get(Application, again(organisation["app"])).created_by_id is None
    assert count(SectionVersion) > 0  # the texts stay, only the author is cleared
    pages_work(client)


def test_removing_a_member_and_a_programme_keeps_pages_working(
    app, client, organisation, catalogue_dir
):
    with app.app_context():
        membership = db.session.scalar(
            sa.select(Membership).where(Membership.user_id == organisation["editor"])
        )
    response = client.post(
        f"/organisation/mitglieder/{membership.id}/entfernen", data={"confirmed": "ja"}
    )
    assert response.status_code == 302
    (catalogue_dir / "testprogramm.yaml").unlink()
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    pages_work(client)


def test_the_migration_repairs_orphans_left_by_earlier_releases(app, client, organisation, login):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("orphans can only arise where foreign keys were not enforced")
        project_id = organisation["project"]
        with db.engine.connect() as conn:
            # What the earlier release did: delete the project with the keys switched off.
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.execute(sa.delete(ProjectProfile).where(ProjectProfile.id == project_id))
            conn.execute(sa.delete(User).where(User.id == organisation["editor"]))
            conn.commit()
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        spec = importlib.util.spec_from_file_location("security_migration", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # as during migrations (env.py)
            repaired = migration.repair_orphans(conn)
            conn.commit()
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
        assert repaired["applications.project_id"] == 1
        assert repaired["milestones.application_id"] >= 1
        assert "application_sections.application_id" in repaired
        assert repaired["applications.created_by_id"] >= 1  # SET NULL, the row stays
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        with app.app_context():
            assert db.session.get(Application, again(organisation["second"])).created_by_id is None
        pages_work(client)


def test_orphan_left_behind_is_skipped_not_a_500_for_everyone(app, client, organisation):
    """Before the migration runs (or on a damaged copy): one orphan application must not take
    the dashboard, calendar and feed down for every member."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL cannot hold an orphan")
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.execute(
                sa.delete(ProjectProfile).where(ProjectProfile.id == organisation["project"])
            )
            conn.commit()
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
        feed = re.search(r"/kalender/[\w-]+\.ics", client.get("/konto/").get_data(as_text=True))
        for path in ("/", "/kalender/", feed.group(0)):
            assert client.get(path).status_code == 200, path
