"""A council calendar comes from the council information system without typing: OParl 1.1
(system -> body -> organization -> meeting, paginated) and ICS exports, from a real local HTTP
server; bad answers give a German message and import nothing half."""

from __future__ import annotations

import html
import re
import time
from datetime import date
from io import BytesIO

import pytest
import sqlalchemy as sa

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import Application, BodyMeeting, CouncilSource, Role
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.projects import save_profile
from tests.conftest import again, loaded, profile_data, running_app

from .council_server import ics_export, start_server


@pytest.fixture
def ris():
    httpd, state = start_server()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def stadt(app, client, make_org, make_user, login, write_programme, catalogue_dir):
    app.config["TODAY"] = "2026-12-01"
    app.config["COUNCIL_FETCH_TIMEOUT"] = 1
    organisation = make_org("Stadt Beispielstadt", "kommune")
    user = make_user(organisation, Role.owner, email="rat@beispielstadt.de")
    login(user)
    write_programme(
        slug="quartiersfonds",
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
    response = client.post(
        "/antraege/neu", data={"project_id": project.id, "programme": "quartiersfonds"}
    )
    return {
        "org": organisation,
        "application_id": int(response.headers["Location"].rsplit("/", 1)[1]),
    }


def meetings() -> list[BodyMeeting]:
    with running_app().app_context():
        return list(db.session.scalars(sa.select(BodyMeeting).order_by(BodyMeeting.day)))


def committees_on(page: str) -> dict[str, str]:
    """Committee name -> select name on the mapping page."""
    found = re.findall(
        r'<label class="visually-hidden" for="(committee-\d+)">(.*?) zählt als', page
    )
    return {html.unescape(name): field for field, name in found}


def read(client, url: str, kind: str = "oparl"):
    return client.post("/organisation/gremien/import", data={"kind": kind, "url": url})


def choose(client, response, roles: dict[str, str]):
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    fields = committees_on(page)
    data = {fields[name]: role for name, role in roles.items()}
    return client.post(response.headers["Location"], data=data), page


def test_oparl_council_calendar_of_40_meetings_in_one_step(app, client, ris, stadt):
    response = read(client, f"{ris.base}/oparl/system")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    names = committees_on(page)
    assert set(names) == {
        "Rat der Stadt",
        "Ausschuss für Soziales und Integration",
        "Haupt- und Finanzausschuss",
    }  # the Fraktion is no committee
    assert re.search(r'<option value="rat" selected>Rat</option>', page)  # guessed from the name
    assert meetings() == []  # reading the source imports nothing yet
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    started = time.perf_counter()
    done, _ = choose(
        client,
        response,
        {
            "Rat der Stadt": "rat",
            "Ausschuss für Soziales und Integration": "fachausschuss",
            "Haupt- und Finanzausschuss": "",
        },
    )
    seconds = time.perf_counter() - started
    sa.event.remove(engine, "before_cursor_execute", record)
    assert done.status_code == 303
    rows = meetings()
    figures = f"{seconds:.2f} s, {len(statements)} SQL-Anweisungen, {ris.requests} HTTP-Abrufe"
    print(f"40 Sitzungen: {figures}")
    assert len(rows) == 40  # 20 + 20, the cancelled one left out
    assert {r.body for r in rows} == {"rat", "fachausschuss"}
    assert all(r.source_id is not None for r in rows)
    flash = client.get("/organisation/gremien").get_data(as_text=True)
    assert "40 Sitzungen im Kalender" in flash
    # The plan follows at once: the committee before the council, the Vorlage before both.
    with app.app_context():
        application = loaded(db.session.get(Application, again(stadt["application_id"])))
    steps = {m.key: m.due for m in application.milestones}
    assert steps["ratsbeschluss"] == date(2027, 9, 16)  # the last one by 30.09. - 14
    assert steps["beratung_fachausschuss"] == date(2027, 9, 9)  # by 16.09. - 7
    assert steps["vorlage"] < steps["beratung_fachausschuss"] < steps["ratsbeschluss"]


def test_reimport_moves_a_moved_meeting_and_drops_a_cancelled_one(app, client, ris, stadt):
    response = read(client, f"{ris.base}/oparl/system")
    choose(
        client, response, {"Rat der Stadt": "rat", "Haupt- und Finanzausschuss": "hauptausschuss"}
    )
    before = {r.external_id: (r.id, r.day) for r in meetings()}
    assert len(before) == 26  # the Hauptausschuss from the body's meeting list
    rat = ris.committees[0]
    moved = rat.meetings[5]
    moved["start"] = "2027-04-29T17:00:00+01:00"
    rat.meetings[6]["cancelled"] = True
    rat.meetings.append(ris.meeting(rat, 21, date(2027, 12, 9)))
    with app.app_context():
        source = loaded(db.session.scalar(sa.select(CouncilSource)))
    refreshed = client.post(f"/organisation/gremien/import/{source.id}/aktualisieren")
    assert refreshed.status_code == 303
    after = {r.external_id: (r.id, r.day) for r in meetings()}
    assert len(after) == 26
    changed = {k for k in after if k in before and after[k] != before[k]}
    assert [after[k][1] for k in changed] == [date(2027, 4, 29)]
    assert after[next(iter(changed))][0] == before[next(iter(changed))][0]  # the same row
    message = client.get("/organisation/gremien").get_data(as_text=True)
    assert "1 neu" in message
    assert "1 verschoben oder geändert" in message
    assert "1 entfallen" in message


def test_a_system_with_several_bodies_asks_which_one(client, ris, stadt):
    ris.bodies = 3
    page = read(client, f"{ris.base}/oparl/system").get_data(as_text=True)
    assert "mehrere Körperschaften" in page
    assert "Stadt Beispielstadt 2" in page
    picked = read(client, f"{ris.base}/oparl/body/1")
    assert picked.status_code == 303


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("html", "Webseite (HTML), keine OParl-Daten"),
        ("slow", "antwortet nicht (nach 1 Sekunde abgebrochen)"),
        ("redirect-file", "Nur Adressen mit http:// oder https://"),
    ],
)
def test_a_bad_source_is_refused_with_a_german_message(app, client, ris, stadt, mode, words):
    ris.mode = mode
    response = read(client, f"{ris.base}/oparl/system")
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert words in page
    assert "Es wurde nichts übernommen." in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(CouncilSource.id))) == 0


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("loop", "verweisen im Kreis"),
        ("nodata", "hat kein „data“"),
        ("huge", "mehr als 2.000 Sitzungen"),
    ],
)
def test_a_broken_update_leaves_the_calendar_as_it_was(app, client, ris, stadt, mode, words):
    client.application.config["COUNCIL_FETCH_TIMEOUT"] = 10  # broken answers, not slow ones
    response = read(client, f"{ris.base}/oparl/system")
    choose(client, response, {"Rat der Stadt": "rat"})
    before = [(r.id, r.day, r.body) for r in meetings()]
    with app.app_context():
        plan_before = {
            m.key: m.due for m in db.session.get(Application, stadt["application_id"]).milestones
        }
    assert len(before) == 20
    ris.mode = mode
    with app.app_context():
        source = loaded(db.session.scalar(sa.select(CouncilSource)))
    refreshed = client.post(f"/organisation/gremien/import/{source.id}/aktualisieren")
    assert refreshed.status_code == 303
    page = html.unescape(client.get("/organisation/gremien").get_data(as_text=True))
    assert words in page
    assert [(r.id, r.day, r.body) for r in meetings()] == before
    with app.app_context():
        after = {
            m.key: m.due
            for m in db.session.get(Application, again(stadt["application_id"])).milestones
        }
    assert after == plan_before


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/rat.ics", "javascript:alert(1)"]
)
def test_only_http_addresses_are_fetched(client, stadt, url):
    response = read(client, url)
    assert response.status_code == 422
    assert "Nur Adressen mit http:// oder https:// sind erlaubt." in response.get_data(as_text=True)


def test_an_ics_export_uploaded_and_then_updated_from_its_address(app, client, ris, stadt):
    events = [
        (f"rat-{n}@ris.example", f"{n}. Sitzung des Rates der Stadt", date(2027, 1 + n, 16), "")
        for n in range(8)
    ]
    events += [
        (
            f"soz-{n}@ris.example",
            "Sitzung des Sozialausschusses (öffentlich)",
            date(2027, 1 + n, 3),
            "",
        )
        for n in range(8)
    ]
    events.append(
        ("soz-x@ris.example", "Sitzung des Sozialausschusses", date(2027, 6, 24), "CANCELLED")
    )
    ris.ics = ics_export(events)
    uploaded = client.post(
        "/organisation/gremien/import",
        data={"kind": "ics", "url": "", "upload": (BytesIO(ris.ics), "sitzungen.ics")},
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 303
    page = client.get(uploaded.headers["Location"]).get_data(as_text=True)
    assert set(committees_on(page)) == {"Rates der Stadt", "Sozialausschusses"}
    fields = committees_on(page)
    client.post(
        uploaded.headers["Location"],
        data={fields["Rates der Stadt"]: "rat", fields["Sozialausschusses"]: "fachausschuss"},
    )
    assert len(meetings()) == 16
    # The same export by address: a moved council meeting is moved, not doubled.
    events[2] = (events[2][0], events[2][1], date(2027, 3, 30), "")
    ris.ics = ics_export(events)
    by_url = read(client, f"{ris.base}/export.ics", kind="ics")
    done, _ = choose(
        client, by_url, {"Rates der Stadt": "rat", "Sozialausschusses": "fachausschuss"}
    )
    assert done.status_code == 303
    with app.app_context():
        source = loaded(
            db.session.scalar(sa.select(CouncilSource).where(CouncilSource.url.is_not(None)))
        )
    events[3] = (events[3][0], events[3][1], date(2027, 4, 27), "")
    ris.ics = ics_export(events)
    client.post(f"/organisation/gremien/import/{source.id}/aktualisieren")
    days = {r.day for r in meetings() if r.source_id == source.id}
    assert date(2027, 4, 27) in days
    assert date(2027, 4, 16) not in days
    assert len([r for r in meetings() if r.source_id == source.id]) == 16


def test_broken_ics_and_html_instead_of_ics(client, ris, stadt):
    broken = client.post(
        "/organisation/gremien/import",
        data={"kind": "ics", "upload": (BytesIO(b"BEGIN:VCALENDAR\nDTSTART:kaputt"), "x.ics")},
        content_type="multipart/form-data",
    )
    assert broken.status_code == 422
    assert "keine lesbare Kalenderdatei" in broken.get_data(as_text=True)
    page = read(client, f"{ris.base}/seite.html", kind="ics")
    assert page.status_code == 422
    assert "keine Kalenderdatei (ICS)" in page.get_data(as_text=True)
    assert meetings() == []
