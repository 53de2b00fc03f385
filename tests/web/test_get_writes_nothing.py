"""A GET writes nothing (issue 23): every page, file, feed and API read of the application is
opened with real ids of an organisation that has a bit of everything, while every session
refuses to flush a change and every statement is watched for INSERT, UPDATE or DELETE."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.exports import FORMATS
from funding_matcher.domain.pdf_import import GuidelineImport
from funding_matcher.extensions import db
from funding_matcher.models import (
    ApiToken,
    ApplicationSection,
    CouncilSource,
    Membership,
    Role,
    TrashEntry,
)
from funding_matcher.operations.budget import add_register_aid, save_budget
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.invitations import invite
from funding_matcher.operations.pdf_import import save_guideline_import
from tests.conftest import SHARED, again, bearer, running_app

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
BUDGET = SHARED / "eval" / "budget-dev" / "d3-own-share-donations.json"


@pytest.fixture
def office(app, client, make_org, make_user, make_application, login, catalogue_dir):
    """A Kommune with an application (plan, budget, sections), a second project in the
    Papierkorb, a committee meeting, an import of a council calendar and of a guideline, an
    open invitation, a colleague, an aid in the De-minimis register and an API token."""
    import json

    app.config["TODAY"] = "2026-12-01"
    organisation = make_org("Stadt Hagen", "kommune")
    owner = make_user(organisation, Role.owner, email="chefin@hagen.de")
    colleague = make_user(organisation, Role.editor, email="kollege@hagen.de")
    application = make_application(organisation, owner, slug="quartiersfonds", de_minimis=True)
    spare = make_application(organisation, owner, slug="zweitprogramm")
    login(owner)
    assert client.post(
        "/organisation/gremien/sitzungen", data={"body": "rat", "day": "2027-06-17"}
    ).status_code in (302, 303)
    assert (
        client.post(
            f"/antraege/{application.id}/plan/frist", data={"deadline": "2027-09-30"}
        ).status_code
        == 303
    )
    assert client.post(
        f"/projekte/{spare.project_id}/loeschen", data={"confirmed": "ja"}
    ).status_code in (302, 303)
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        stored = again(application)
        save_budget(stored, json.loads(BUDGET.read_text("utf-8")))
        add_register_aid(again(organisation), date(2025, 6, 30), "Land", Decimal("1000"))
        _, invitation_token = invite(again(organisation), "neu@hagen.de", Role.viewer, again(owner))
        source = CouncilSource(
            organisation_id=organisation.id,
            kind="ics",
            url=None,
            label="Ratsinformation",
            committees=[{"key": "rat", "name": "Rat der Stadt"}],
        )
        read = GuidelineImport(
            file="richtlinie.pdf", pages=1, pages_with_text=1, seconds=0.1, proposals=()
        )
        guideline = save_guideline_import(again(organisation), "quartiersfonds", read, None)
        db.session.add(source)
        db.session.commit()
        ids = {
            "application_id": application.id,
            "project_id": application.project_id,
            "key": db.session.scalars(
                sa.select(ApplicationSection.key).where(
                    ApplicationSection.application_id == application.id
                )
            ).first(),
            "version": 1,
            "slug": "quartiersfonds",
            "import_id": guideline.id,
            "source_id": source.id,
            "membership_id": db.session.scalar(
                sa.select(Membership.id).where(Membership.user_id == colleague.id)
            ),
            "token": invitation_token,
            "step": 1,
        }
        assert db.session.scalar(sa.select(sa.func.count(TrashEntry.id))) == 1
    account = client.get("/konto/").get_data(as_text=True)
    feed = re.search(r"/kalender/[\w-]+\.ics", account).group(0)
    return {"ids": ids, "feed": feed, "headers": bearer(owner, organisation)}


def get_urls(app, office) -> list[str]:
    """Every GET route of the application, with the office's ids (and each export format)."""
    from funding_matcher.models import BodyMeeting

    ids = dict(office["ids"])
    with app.app_context():
        ids["meeting_id"] = db.session.scalar(sa.select(BodyMeeting.id))
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if rule.endpoint == "feed.ics":
            urls.append(office["feed"])
            continue
        values = {name: ids[name] for name in rule.arguments if name != "fmt"}
        with app.test_request_context():
            from flask import url_for

            if "fmt" in rule.arguments:
                urls += [url_for(rule.endpoint, fmt=fmt, **values) for fmt in FORMATS]
            else:
                urls.append(url_for(rule.endpoint, **values))
    application_id = ids["application_id"]
    urls += [
        f"/antraege/{application_id}/de-minimis-erklaerung?format=txt",
        f"/antraege/{application_id}/finanzplan?weitere=costs&zeilen=3",
        "/programme/?seite=2",
        *(f"/api/v1/applications/{application_id}/export?format={fmt}" for fmt in FORMATS),
    ]
    return urls


def test_no_get_writes_anything(app, client, office):
    urls = get_urls(app, office)
    assert len(urls) > 50
    refused: list[str] = []
    writes: list[str] = []

    def no_changes(session, *_args) -> None:
        changed = [*session.new, *session.deleted, *session.dirty]
        if all(isinstance(row, ApiToken) for row in changed):
            return  # the token's last use, on purpose (see below)
        refused.append(", ".join(repr(row) for row in changed[:3]))
        raise AssertionError("a GET request flushed a change")

    def record(_conn, _cursor, statement, *_args) -> None:
        if WRITES.match(statement):
            writes.append(statement.split("\n")[0][:120])

    with running_app().app_context():
        engine = db.engine
    sa.event.listen(sa.orm.Session, "before_flush", no_changes)
    sa.event.listen(engine, "before_cursor_execute", record)
    statuses = {}
    try:
        for url in urls:
            api = url.startswith("/api/v1/")
            response = client.get(url, headers=office["headers"] if api else {})
            statuses[url] = response.status_code
    finally:
        sa.event.remove(sa.orm.Session, "before_flush", no_changes)
        sa.event.remove(engine, "before_cursor_execute", record)
    assert {url: status for url, status in statuses.items() if status >= 500} == {}
    assert refused == []
    # The one write of a GET is on purpose: an API token's last use (the Konto page shows it).
    assert [s for s in writes if "api_tokens" not in s] == []
    # Most pages were really shown (not only refused).
    assert sum(status == 200 for status in statuses.values()) > 0.8 * len(statuses)
