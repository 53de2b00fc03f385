"""One owner per fact (issue 23): page views never write, each plan step is stored once, and
an application's own deadline shows everywhere."""

from __future__ import annotations

import re
import threading
from collections import Counter
from datetime import date

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import Application, MilestoneRow, Role
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.planning import BudgetFigures, budget_figures, refresh_plans
from funding_matcher.operations.projects import save_profile
from tests.conftest import bearer, loaded, profile_data, running_app

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@pytest.fixture
def office(app, make_org, make_user, login, write_programme, catalogue_dir, client):
    app.config["TODAY"] = "2026-12-01"
    organisation = make_org("Stadt Hagen", "kommune")
    user = make_user(organisation, Role.owner, email="planung@hagen.de")
    login(user)
    write_programme(
        slug="quartiersfonds",
        short_title="Quartiersfonds",
        deadline={"kind": "fixed", "dates": ["2027-09-30"]},
        applicant_types=["kommune"],
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        project = save_profile(
            organisation, Profile.from_dict(profile_data(applicant_type="kommune")), user
        )
        db.session.commit()
        project = loaded(project)
    client.post("/organisation/gremien/sitzungen", data={"body": "rat", "day": "2027-06-17"})
    response = client.post(
        "/antraege/neu", data={"project_id": project.id, "programme": "quartiersfonds"}
    )
    application_id = int(response.headers["Location"].rsplit("/", 1)[1])
    client.post("/programme/quartiersfonds/merken")
    account = client.get("/konto/").get_data(as_text=True)
    feed = re.search(r'id="feed-url" value="([^"]+)"', account).group(1).split("localhost", 1)[1]
    return {"org": organisation, "user": user, "application_id": application_id, "feed": feed}


def statements_during(action) -> list[str]:
    found: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        found.append(statement)

    with running_app().app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return found


def steps_per_key(application_id: int) -> Counter:
    with running_app().app_context():
        rows = db.session.scalars(
            sa.select(MilestoneRow).where(MilestoneRow.application_id == application_id)
        )
        return Counter((m.phase, m.key) for m in rows)


def test_get_pages_issue_no_insert_update_or_delete(
    app, client, office, write_programme, catalogue_dir
):
    application_id = office["application_id"]
    # The catalogue moves the deadline without the plans being recomputed yet: a view must
    # still not write (it shows the stored plan and offers to recompute).
    write_programme(
        slug="quartiersfonds",
        short_title="Quartiersfonds",
        deadline={"kind": "fixed", "dates": ["2027-10-29"]},
        applicant_types=["kommune"],
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    headers = bearer(office["user"], office["org"])
    pages = [
        "/",
        "/kalender/",
        office["feed"],
        f"/antraege/{application_id}/plan",
        f"/antraege/{application_id}",
        "/antraege/",
        "/organisation/gremien",
    ]
    counts = {}
    for path in pages:

        def view(path=path) -> None:
            assert client.get(path).status_code == 200, path

        statements = statements_during(view)
        counts[path] = (len(statements), [s for s in statements if WRITES.match(s)])
    api = statements_during(
        lambda: client.get(f"/api/v1/applications/{application_id}", headers=headers)
    )
    # The token's last use is recorded on purpose (Konto shows it); planning writes nothing.
    counts["api"] = (len(api), [s for s in api if WRITES.match(s) and "api_tokens" not in s])
    print({path: n for path, (n, _) in counts.items()})  # the figures for the report
    assert {path: writes for path, (_, writes) in counts.items() if writes} == {}
    plan = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    assert "Plan neu berechnen" in plan


def test_two_views_at_once_leave_one_row_per_step(app, client, office):
    application_id = office["application_id"]
    before = steps_per_key(application_id)
    assert before
    assert set(before.values()) == {1}
    cookie = client.get_cookie("session")
    errors: list[BaseException] = []

    def view(path: str) -> None:
        try:
            other = app.test_client()
            if cookie is not None:
                other.set_cookie("session", cookie.value)
            for _ in range(3):
                assert other.get(path).status_code == 200
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    paths = ["/", office["feed"], f"/antraege/{application_id}/plan", "/kalender/"]
    threads = [threading.Thread(target=view, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert steps_per_key(application_id) == before


def test_a_racing_recompute_updates_the_rows_the_other_stored(app, office):
    """Two recomputes of one plan at once: the second finds the steps stored by the first
    (unique per application, phase and key) and updates them instead of adding twins."""
    application_id = office["application_id"]
    with app.app_context():  # this request's session
        db.session.execute(
            sa.delete(MilestoneRow).where(MilestoneRow.application_id == application_id)
        )
        db.session.commit()
        application = db.session.get(Application, application_id)
        assert application.milestones == []  # this session believes there are none
        with app.app_context():  # another request, with its own session, is quicker
            other = db.session.get(Application, application_id)
            refresh_plans(other, date(2026, 12, 1))
            db.session.commit()
        refresh_plans(application, date(2026, 12, 1))
        db.session.commit()
    counts = steps_per_key(application_id)
    assert counts
    assert set(counts.values()) == {1}
    with app.app_context():
        db.session.add(
            MilestoneRow(
                application_id=application_id, key="einreichung", phase="submission", title="x"
            )
        )
        with pytest.raises(sa.exc.IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_an_own_deadline_shows_on_every_page_the_api_export_and_feed(client, office):
    application_id = office["application_id"]
    response = client.post(
        f"/antraege/{application_id}/plan/frist", data={"deadline": "2027-01-15"}
    )
    assert response.status_code == 303
    show = client.get(f"/antraege/{application_id}").get_data(as_text=True)
    assert "15.01.2027" in show
    assert "von Ihnen festgelegt" in show
    assert "30.09.2027" not in show
    listing = client.get("/antraege/").get_data(as_text=True)
    assert "15.01.2027" in listing
    assert "von Ihnen festgelegt" in listing
    api = client.get(
        f"/api/v1/applications/{application_id}", headers=bearer(office["user"], office["org"])
    ).get_json()
    assert api["next_deadline"] == "2027-01-15"
    export = client.get(f"/antraege/{application_id}/export/md").get_data(as_text=True)
    assert "15.01.2027" in export
    assert "30.09.2027" not in export
    events = Calendar.from_ical(client.get(office["feed"]).get_data()).walk("VEVENT")
    frist = next(e for e in events if str(e["summary"]).startswith("Frist: Quartiersfonds"))
    assert frist["dtstart"].dt == date(2027, 1, 15)


def test_the_budget_adapter_reads_the_contracts_output(
    app,
):
    """budget.md "Output": per-year own funds and investments, grant and total; nothing from a
    plan with errors; a v1 report without per-year figures gives none."""
    v2 = {
        "version": 2,
        "total_eur": 120000,
        "grant_eur": 80000.5,
        "own_by_year": {"2027": 5000, "2028": 20000, "2029": 0},
        "investment_by_year": {"2027": 0, "2028": 40000},
        "verdict": "ok_unchecked",
        "ok": True,
    }
    with app.app_context():
        figures = loaded(budget_figures(v2))
    assert figures.own_by_year == {2027: 5000, 2028: 20000}
    assert figures.investment_by_year == {2028: 40000}
    assert str(figures.grant_eur) == "80000.5"
    assert figures.total_eur == 120000
    assert figures.has_errors is False
    assert budget_figures({**v2, "verdict": "errors", "ok": False}) == BudgetFigures(
        has_errors=True
    )
    v1 = {"total_eur": 60000, "grant_eur": 48000, "ok": True, "years": {"2027": {}}}
    with app.app_context():
        assert budget_figures(v1).own_by_year == {}
        assert budget_figures(v1).grant_eur == 48000
        assert budget_figures(None) == BudgetFigures()


def test_the_haushalt_step_reads_the_saved_budget(app, client, office, monkeypatch):
    monkeypatch.setattr(
        "funding_matcher.operations.planning.stored_budget_json",
        lambda application: {
            "total_eur": 120000,
            "grant_eur": 80000,
            "own_by_year": {"2027": 0, "2028": 20000},
            "investment_by_year": {"2028": 0},
            "verdict": "ok",
        },
    )
    application_id = office["application_id"]
    client.post(
        "/organisation/gremien/einstellungen",
        data={"council_required": "y", "budget_registration": "30.06.", "adopted_years": "2027"},
    )
    with app.app_context():
        rows = {m.key: m for m in db.session.get(Application, application_id).milestones}
    assert rows["haushalt_eigenanteil-2028"].due == date(2027, 6, 30)
    assert "haushalt_deckung-2027" not in rows  # no own funds in 2027
    monkeypatch.setattr(
        "funding_matcher.operations.planning.stored_budget_json",
        lambda application: {"grant_eur": 80000, "verdict": "errors", "ok": False},
    )
    plan = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    assert 'data-warning="budget_has_errors"' in plan
