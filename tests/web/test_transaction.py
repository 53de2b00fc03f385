"""One transaction per request: what a view changed is committed once after it answered, rolled
back on an error answer or an exception; and the test client, like production, gives every
request its own session, so a change that nobody commits is lost here too."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import flash, redirect

from funding_matcher.extensions import db
from funding_matcher.models import Organisation
from funding_matcher.operations.accounts import create_organisation
from funding_matcher.web import transaction

pytestmark = pytest.mark.own_app  # the tests add routes of their own


def add_route(app, path, answer):
    """A test-only view that creates an organisation named after the path (flushes, never
    commits, as every view does) and answers ``answer()``."""

    def view():
        create_organisation(f"Verein {path.strip('/')}", "verein")
        return answer()

    app.add_url_rule(path, endpoint=path, view_func=view, methods=["POST"])


def stored_names(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Organisation.name).order_by(Organisation.name)))


def test_what_a_view_changed_is_stored_when_it_answered(app, client):
    add_route(app, "/ok", lambda: ("angelegt", 201))
    add_route(app, "/weiter", lambda: redirect("/"))
    assert client.post("/ok").status_code == 201
    assert client.post("/weiter").status_code == 302
    assert stored_names(app) == ["Verein ok", "Verein weiter"]


def test_a_change_nobody_commits_is_lost_as_in_production(app, client, monkeypatch):
    """Without the boundary (a view that forgets to commit): the next request, in a session of
    its own, does not see the row. Before, the tests held one application context across
    requests, shared its session, and this passed unnoticed."""
    monkeypatch.setattr(app, "after_request_funcs", {None: []})
    add_route(app, "/vergessen", lambda: ("angelegt", 201))
    assert client.post("/vergessen").status_code == 201
    assert stored_names(app) == []


def test_an_error_answer_or_an_exception_stores_nothing(app, client):
    add_route(app, "/abgelehnt", lambda: ("Bitte korrigieren", 422))

    def fail():
        raise RuntimeError("kaputt")

    add_route(app, "/fehler", fail)
    assert client.post("/abgelehnt").status_code == 422
    assert client.post("/fehler").status_code == 500
    assert stored_names(app) == []


def test_a_refused_change_that_redirects_stores_nothing(app, client):
    def refused():
        transaction.discard_changes()
        flash("Nicht möglich.", "error")
        return redirect("/")

    add_route(app, "/verworfen", refused)
    assert client.post("/verworfen").status_code == 302
    assert stored_names(app) == []


def test_input_kept_with_an_error_answer_is_stored(app, client):
    def kept():
        transaction.keep_changes()
        return "Bitte korrigieren", 422

    add_route(app, "/entwurf", kept)
    assert client.post("/entwurf").status_code == 422
    assert stored_names(app) == ["Verein entwurf"]


def test_a_failing_commit_is_an_error_page_without_a_success_message(app, client, make_org):
    make_org("Verein doppelt", "verein")

    def duplicate():
        db.session.add(Organisation(name="Verein doppelt", kind="verein"))
        flash("Gespeichert.", "success")
        return redirect("/")

    app.add_url_rule("/doppelt", view_func=duplicate, methods=["POST"])
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error page, no traceback
    response = client.post("/doppelt")
    assert response.status_code == 500
    assert "Interner Fehler" in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_flashes" not in session
    assert stored_names(app) == ["Verein doppelt"]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_requests_share_no_session_and_no_g(app, client, method):
    """Each request of the test client runs in an application context of its own."""
    from flask import g

    seen: list[tuple[bool, object]] = []

    def look():
        seen.append(("earlier" in g, db.session()))
        g.earlier = True
        return "ok"

    app.add_url_rule("/sitzung", view_func=look, methods=[method])
    with app.app_context():  # even when the test holds a context itself
        client.open("/sitzung", method=method)
        client.open("/sitzung", method=method)
    assert [earlier for earlier, _ in seen] == [False, False]
    assert seen[0][1] is not seen[1][1]
