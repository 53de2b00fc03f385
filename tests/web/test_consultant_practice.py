"""A consultant runs a practice (review of 2026-12-07): switching lands where it was asked to,
the consultancy's dashboard is its clients' overview, overdue items come first (on the page and
in the reminder mail), a client sees and ends its consultancy's access, drafts are discarded in
the wizard, a deleted application comes back from its 410 page with the typed text."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.german import format_eur
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import (
    Application,
    Organisation,
    ProjectProfile,
    Role,
    TrashEntry,
)
from funding_matcher.operations.applications import create_application
from funding_matcher.operations.catalogue import find_programme, sync_catalogue
from funding_matcher.operations.planning import refresh_organisation_plans
from funding_matcher.operations.projects import save_profile
from tests.conftest import again, loaded, profile_data, running_app, sign_in_directly
from tests.web.test_clients import create_client
from tests.web.test_reminders import smtp  # noqa: F401  (the local SMTP server fixture)

SOON = {"kind": "fixed", "dates": ["2026-12-15"]}


@pytest.fixture
def practice(client, login, make_org, make_user):
    """Petra's consultancy with two clients created in the browser; Murat is her colleague."""
    consultancy = make_org("Rheinland Fördermittelberatung", "beratung")
    petra = make_user(consultancy, Role.owner, email="petra@rheinland-beratung.de")
    murat = make_user(consultancy, Role.editor, email="murat@rheinland-beratung.de")
    login(petra)
    kalk = create_client(client, "Bürgerverein Köln-Kalk e. V.", "verein", "NW", consultancy.id)
    caritas = create_client(client, "Caritas-Ortsverband Porz", "verband", "NW", consultancy.id)
    return {
        "consultancy": consultancy,
        "petra": petra,
        "murat": murat,
        "kalk": kalk,
        "caritas": caritas,
    }


def active_organisation(client) -> int:
    with client.session_transaction() as session:
        return session["organisation_id"]


def with_alternative(make_application, write_programme, catalogue_dir, organisation, user):
    """One project with two applications to different funders (alternatives)."""
    first = make_application(organisation, user, slug="quartiersfonds", deadline=SOON)
    write_programme(slug="lotterie", title="Lotterie für Nachbarschaften", deadline=SOON)
    with running_app().app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        second = create_application(again(first).project, find_programme("lotterie"), again(user))
        db.session.commit()
        second = loaded(second)
    return first, second


# 1 ---------------------------------------------------------------------------------------------


def test_switching_on_a_clients_application_goes_to_the_chosen_organisation(
    client, practice, make_application
):
    kalk, caritas = practice["kalk"], practice["caritas"]
    application = make_application(caritas, practice["petra"])
    assert client.get(f"/antraege/{application.id}").status_code == 200  # works for Caritas
    switched = client.post(
        "/organisation/wechseln",
        data={"organisation_id": kalk.id, "next": f"/antraege/{application.id}"},
    )
    # Not back to Caritas' application (which would switch straight back): Kalk's dashboard.
    assert switched.status_code == 302
    assert switched.headers["Location"].split("?")[0] == "/"
    dashboard = client.get(switched.headers["Location"]).get_data(as_text=True)
    assert active_organisation(client) == kalk.id
    assert "Sie arbeiten jetzt für „Bürgerverein Köln-Kalk e. V.“" in dashboard
    assert "Sie arbeiten für <strong>Bürgerverein Köln-Kalk e. V.</strong>" in dashboard
    assert "(vorher:" not in dashboard  # no second switch
    # On a list page the switch stays on that page, now for the chosen organisation.
    listed = client.post(
        "/organisation/wechseln", data={"organisation_id": caritas.id, "next": "/antraege/"}
    )
    assert listed.headers["Location"] == "/antraege/"
    assert active_organisation(client) == caritas.id


# 2 ---------------------------------------------------------------------------------------------


def test_the_consultancys_dashboard_is_its_clients_overview_and_asks_for_which_client(
    client, practice
):
    consultancy, kalk = practice["consultancy"], practice["kalk"]
    page = client.get(f"/?org={consultancy.id}").get_data(as_text=True)
    assert "Nächste Termine aller Mandanten" in page
    assert "Mandanten (2)" in page
    assert "Bürgerverein Köln-Kalk e. V." in page
    assert "Caritas-Ortsverband Porz" in page
    # "Neues Projekt" asks for which client; choosing one opens the wizard in the client.
    assert 'name="org"' in page
    assert "Neues Projekt für" in page
    assert 'href="/projekte/neu' not in page
    wizard = client.get(f"/projekte/neu?org={kalk.id}").get_data(as_text=True)
    assert active_organisation(client) == kalk.id
    assert 'value="Bürgerverein Köln-Kalk e. V."' in wizard  # prefilled from the client
    assert "für die Beratung" not in wizard
    # Opened while the consultancy itself is active, the wizard says so and offers the clients.
    warned = client.get(f"/projekte/neu?org={consultancy.id}").get_data(as_text=True)
    assert "Sie arbeiten gerade für die Beratung Rheinland Fördermittelberatung selbst" in warned
    assert "kein Mandant sieht es" in warned
    assert f'<option value="{kalk.id}">Bürgerverein Köln-Kalk e. V.</option>' in warned


# 3 ---------------------------------------------------------------------------------------------


def test_the_overview_puts_overdue_items_first_and_never_adds_up_alternatives(
    app, client, practice, make_application, write_programme, catalogue_dir
):
    kalk = practice["kalk"]
    first, second = with_alternative(
        make_application, write_programme, catalogue_dir, kalk, practice["petra"]
    )
    with app.app_context():
        refresh_organisation_plans(again(kalk), date(2026, 10, 1))
        db.session.commit()
    app.config["TODAY"] = "2026-12-10"
    page = client.get("/mandanten/").get_data(as_text=True)
    overdue = page.index("Überfällig (")
    assert overdue < page.index("Nächste Termine aller Mandanten")
    top = page[overdue : page.index("Nächste Termine aller Mandanten")]
    assert "Vorstandsbeschluss" in top
    assert "Bürgerverein Köln-Kalk e. V." in top
    assert "überfällig seit 16 Tagen" in top  # due 24.11.2026
    # A table of Kalk's applications: programme, status, deadline, each one's own amount.
    table = page[page.index("<caption>Anträge von Bürgerverein Köln-Kalk e. V.</caption>") :]
    table = table[: table.index("</table>")]
    for application in (first, second):
        assert application.programme_title in table
        assert f'href="/antraege/{application.id}"' in table
    assert "15.12.2026" in table
    each = format_eur(first.requested_eur)
    assert first.requested_eur == second.requested_eur
    assert table.count(each) == 2
    both = format_eur(first.requested_eur + second.requested_eur)
    assert both not in page  # one project's two alternatives are not a sum
    assert "Beantragt zusammen" not in page
    assert "werden nicht addiert" in page
    assert '<th scope="col" class="num">Bewilligt</th>' in table


def test_the_dashboard_counts_alternatives_of_one_project_once_per_status(
    app, client, practice, make_application, write_programme, catalogue_dir
):
    """A client's own dashboard: two applications of one project in one status count once
    with the larger amount ("mind."), the sum of both is named as the upper end; another
    project's application in the same status still adds up; no amount granted is "–"."""
    kalk, petra = practice["kalk"], practice["petra"]
    first, second = with_alternative(make_application, write_programme, catalogue_dir, kalk, petra)
    write_programme(slug="reparatur", title="Reparaturfonds", deadline=SOON)
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        other = save_profile(
            again(kalk), Profile.from_dict(profile_data(budget_total_eur=12000)), again(petra)
        )
        third = create_application(other, find_programme("reparatur"), again(petra))
        db.session.commit()
        third = loaded(third)
    page = client.get(f"/?org={kalk.id}").get_data(as_text=True)
    table = page[page.index('id="antraege"') : page.index("Erfolgsquote")]
    least = first.requested_eur + third.requested_eur  # one alternative, the other project
    # As parts of one financing the two ask at most the project's need (60.000 less 6.000 €).
    need = Decimal("54000.00")
    most = min(first.requested_eur + second.requested_eur, need) + third.requested_eur
    assert f"mind. {format_eur(least)}" in table
    assert f"bis {format_eur(most)}" in table
    assert "Gezählt ist je Projekt der größte Betrag" in table
    row = table[table.index("Idee") :]
    assert row[: row.index("</tr>")].endswith("–</td>")  # nothing granted yet

    with app.app_context():
        again(second).status = "eingereicht"  # now one application per project and status
        db.session.commit()
    page = client.get(f"/?org={kalk.id}").get_data(as_text=True)
    table = page[page.index('id="antraege"') : page.index("Erfolgsquote")]
    assert format_eur(first.requested_eur + third.requested_eur) in table
    assert "mind." not in table
    assert "Gezählt ist" not in page


def test_the_overview_lists_the_next_dates_across_clients_not_three_of_each(
    app, client, practice, make_application
):
    """The combined list is the earliest dates of all clients, not each client's first three."""
    app.config["TODAY"] = "2026-11-01"
    kalk, caritas = practice["kalk"], practice["caritas"]
    make_application(kalk, practice["petra"], slug="fruehe-frist", deadline=SOON)
    make_application(
        caritas,
        practice["petra"],
        slug="spaete-frist",
        deadline={"kind": "fixed", "dates": ["2027-06-30"]},
    )
    with app.app_context():
        for organisation in (kalk, caritas):
            refresh_organisation_plans(again(organisation), date(2026, 11, 1))
        db.session.commit()
    page = client.get("/mandanten/").get_data(as_text=True)
    across = page[page.index("Nächste Termine aller Mandanten") : page.index("Mandanten (2)")]
    days = [
        date(int(y), int(m), int(d)) for d, m, y in re.findall(r"(\d\d)\.(\d\d)\.(\d{4})", across)
    ]
    assert days == sorted(days)
    assert sum(1 for _ in re.finditer("Bürgerverein Köln-Kalk", across)) > 3


# 4 ---------------------------------------------------------------------------------------------


def test_the_reminder_mail_names_overdue_milestones_with_the_client_once_a_new_one_appears(
    cli,
    smtp,  # noqa: F811  (the fixture imported above)
    practice,
    make_application,
):
    make_application(practice["kalk"], practice["petra"], slug="quartiersfonds", deadline=SOON)
    first = cli(["reminders", "send", "--today", "2026-12-10"])
    assert first.exit_code == 0, first.output
    mails = {recipients[0]: message for recipients, message in smtp.messages}
    body = mails["petra@rheinland-beratung.de"].get_content()
    assert "Überfällig: noch nicht als erledigt markiert" in body
    overdue = body[body.index("Überfällig") : body.index("Fristen und Meilensteine")]
    assert "seit Di 24.11.2026 überfällig (16 Tage): Vorstandsbeschluss" in overdue
    assert "(Bürgerverein Köln-Kalk e. V.)" in overdue
    assert "überfällig" in mails["petra@rheinland-beratung.de"]["Subject"]
    assert "Vorstandsbeschluss" in mails["murat@rheinland-beratung.de"].get_content()
    # Named once: a rerun sends nothing; a later digest that goes out anyway lists it again.
    smtp.messages.clear()
    cli(["reminders", "send", "--today", "2026-12-10"])
    assert smtp.messages == []
    cli(["reminders", "send", "--today", "2026-12-14"])
    later = {recipients[0]: message for recipients, message in smtp.messages}
    body = later["petra@rheinland-beratung.de"].get_content()
    assert "seit Di 24.11.2026 überfällig (20 Tage): Vorstandsbeschluss" in body


def ticked(page: str) -> set[int]:
    """The organisations ticked in the reminder settings."""
    boxes = re.findall(r'<input ([^>]*)name="organisations" type="checkbox" value="(\d+)"', page)
    return {int(value) for attributes, value in boxes if "checked" in attributes}


def test_a_consultant_chooses_the_clients_whose_dates_come_by_mail(
    client,
    cli,
    smtp,  # noqa: F811  (the fixture imported above)
    practice,
    make_application,
):
    """Murat looks after Kalk only: he unticks the Caritas and the consultancy itself; his
    e-mail then names Kalk's deadline and not the Caritas's, while Petra still gets both."""
    kalk, caritas, consultancy = practice["kalk"], practice["caritas"], practice["consultancy"]
    make_application(kalk, practice["petra"], slug="quartiersfonds", deadline=SOON)
    make_application(
        caritas,
        practice["petra"],
        slug="caritasfonds",
        title="Caritasfonds für Porz",
        short_title="Caritasfonds",
        deadline=SOON,
    )
    sign_in_directly(client, practice["murat"])
    page = client.get("/konto/").get_data(as_text=True)
    assert "Erinnerungen für diese Organisationen" in page
    assert ticked(page) == {kalk.id, caritas.id, consultancy.id}  # every one is in by default

    nothing = {"enabled": "y", "offsets": "30, 7"}
    answer = client.post("/konto/erinnerungen", data=nothing)
    assert answer.status_code == 422
    assert "Bitte mindestens eine Organisation wählen" in answer.get_data(as_text=True)
    assert "/konto/" in client.get("/konto/erinnerungen").headers["Location"]
    foreign = client.post("/konto/erinnerungen", data={**nothing, "organisations": ["999999"]})
    assert foreign.status_code == 422
    assert "Bitte nur Organisationen wählen, für die Sie arbeiten." in foreign.get_data(
        as_text=True
    )
    answer = client.post("/konto/erinnerungen", data={**nothing, "organisations": [kalk.id]})
    assert answer.status_code == 303
    page = client.get("/konto/").get_data(as_text=True)
    assert ticked(page) == {kalk.id}
    assert page.index("Rheinland Fördermittelberatung") < page.index(
        "Caritas-Ortsverband Porz (Mandant)"
    )
    # Switched off with nothing ticked: the choice is kept for when they are switched on again.
    assert client.post("/konto/erinnerungen", data={"offsets": "30, 7"}).status_code == 303
    assert ticked(client.get("/konto/").get_data(as_text=True)) == {kalk.id}
    client.post("/konto/erinnerungen", data={**nothing, "organisations": [kalk.id]})

    assert cli(["reminders", "send", "--today", "2026-12-08"]).exit_code == 0
    mails = {recipients[0]: message.get_content() for recipients, message in smtp.messages}
    assert "Caritasfonds" not in mails["murat@rheinland-beratung.de"]
    assert "(Bürgerverein Köln-Kalk e. V.)" in mails["murat@rheinland-beratung.de"]
    assert "Caritasfonds" in mails["petra@rheinland-beratung.de"]


# 5 ---------------------------------------------------------------------------------------------


def test_a_client_owner_sees_the_consultancy_people_and_ends_their_access(
    app, client, login, practice, make_user, make_application
):
    kalk, petra = practice["kalk"], practice["petra"]
    application = make_application(kalk, petra)
    project_id = application.project_id
    gisela = make_user(kalk, Role.owner, email="gisela@buergerverein-kalk.de")
    client.post("/abmelden")
    login(gisela)
    members = client.get("/organisation/").get_data(as_text=True)
    assert "Zugang über die Beratung Rheinland Fördermittelberatung" in members
    section = members[members.index('id="ueber-beratung"') :]
    for email, role in (("petra@", "Verwalten"), ("murat@", "Bearbeiten")):
        row = section[section.index(email) :].split("</tr>")[0]
        assert role in row
        assert "über Beratung Rheinland Fördermittelberatung" in row
    asked = client.get("/organisation/beratung/beenden").get_data(as_text=True)
    assert "Zugang der Beratung beenden?" in asked
    assert "murat@rheinland-beratung.de (Bearbeiten)" in asked
    assert client.post("/organisation/beratung/beenden").status_code == 200  # asks first
    with app.app_context():
        assert db.session.get(Organisation, kalk.id).consultancy_id is not None
    done = client.post("/organisation/beratung/beenden", data={"confirmed": "ja"})
    assert done.status_code == 302
    with app.app_context():
        assert db.session.get(Organisation, kalk.id).consultancy_id is None
    # The client's own data and people stay.
    with app.app_context():
        assert db.session.get(Application, application.id).trashed_in_id is None
    with app.app_context():
        assert db.session.get(ProjectProfile, project_id) is not None
    assert client.get(f"/antraege/{application.id}").status_code == 200
    # The consultancy's people get 404, also Petra who had created the client.
    for person in (practice["murat"], petra):
        client.post("/abmelden")
        login(person)
        assert client.get(f"/antraege/{application.id}").status_code == 404
        assert client.get(f"/projekte/{project_id}").status_code == 404
        assert "Bürgerverein Köln-Kalk" not in client.get("/mandanten/").get_data(as_text=True)
    # The Papierkorb of the client can give the access back (its owner decides).
    client.post("/abmelden")
    login(gisela)
    with app.app_context():
        entry = db.session.scalar(db.select(TrashEntry).where(TrashEntry.kind == "mandate"))
    client.post(f"/organisation/papierkorb/{entry.id}/wiederherstellen")
    with app.app_context():
        assert db.session.get(Organisation, kalk.id).consultancy_id == practice["consultancy"].id


def test_only_the_clients_own_owners_end_the_consultancys_access(
    app, client, login, practice, make_user
):
    """A consultancy's owner without an own membership in the client, and the client's own
    editor, see who has access but cannot end it."""
    kalk = practice["kalk"]
    partner = make_user(practice["consultancy"], Role.owner, email="ute@rheinland-beratung.de")
    editor = make_user(kalk, Role.editor, email="vorstand@buergerverein-kalk.de")
    for person in (partner, editor):
        client.post("/abmelden")
        login(person)
        page = client.get(f"/organisation/?org={kalk.id}").get_data(as_text=True)
        assert "Zugang über die Beratung Rheinland Fördermittelberatung" in page
        assert "Zugang der Beratung beenden …" not in page
        ended = client.post("/organisation/beratung/beenden", data={"confirmed": "ja"})
        assert ended.status_code == 403
    with app.app_context():
        assert db.session.get(Organisation, kalk.id).consultancy_id == practice["consultancy"].id


# 7 ---------------------------------------------------------------------------------------------


def test_a_wizard_draft_is_named_by_its_time_and_discarded_into_the_papierkorb(
    app, client, login, make_org, make_user
):
    organisation = make_org("Bürgerverein Köln-Kalk e. V.", "verein")
    login(make_user(organisation, Role.editor))
    started = client.post(
        "/projekte/neu/autosave",
        data={"applicant_type": "verein", "municipality": "Köln"},
        headers={"X-Requested-With": "fetch"},
    ).get_json()
    with app.app_context():
        draft = db.session.get(ProjectProfile, started["project_id"])
    # When and by whom: two drafts begun in the same minute by two people stay apart.
    pattern = r"Entwurf vom \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr \(person\d+@example\.org\)"
    assert re.fullmatch(pattern, draft.title)
    assert started["discard_url"].startswith(f"/projekte/{draft.id}/verwerfen")
    step = client.get(f"/projekte/{draft.id}/schritt/1").get_data(as_text=True)
    assert "Entwurf verwerfen …" in step
    assert draft.title in client.get("/projekte/").get_data(as_text=True)
    asked = client.get(started["discard_url"]).get_data(as_text=True)
    assert f"Entwurf „{draft.title}“" in asked
    assert f'href="/projekte/{draft.id}/schritt/1"' in asked  # Abbrechen: back to the step
    done = client.post(started["discard_url"], data={"confirmed": "ja"})
    assert done.status_code == 303
    assert done.headers["Location"] == "/projekte/"
    assert "verworfen; er liegt 30 Tage lang im Papierkorb" in client.get("/projekte/").get_data(
        as_text=True
    )
    assert draft.title not in client.get("/projekte/").get_data(as_text=True)
    assert draft.title in client.get("/organisation/papierkorb/").get_data(as_text=True)


# 9, 11, 12 ---------------------------------------------------------------------------------------


def test_the_410_page_restores_the_application_and_saves_the_text_typed_meanwhile(
    app, client, login, make_org, make_user, make_application
):
    organisation = make_org("Bürgerverein Köln-Kalk e. V.", "verein")
    petra = make_user(organisation, Role.editor)
    application = make_application(organisation, petra)
    section = application.sections[0]
    login(petra)
    client.post(f"/antraege/{application.id}/loeschen", data={"confirmed": "ja"})
    typed = "Bedarf: 40 Gäste pro Woche.\nZweite Zeile."
    gone = client.post(
        f"/antraege/{application.id}/abschnitte/{section.key}",
        data={"text": typed, "version": section.version},
    )
    assert gone.status_code == 410
    page = gone.get_data(as_text=True)
    assert f"Ihr Text im Abschnitt „{section.title}“" in page
    assert "Ihre Eingabe „text“" not in page
    assert "wiederherstellen und Ihren Text speichern" in page
    with app.app_context():
        entry = db.session.scalar(db.select(TrashEntry))
    restored = client.post(
        f"/organisation/papierkorb/{entry.id}/wiederherstellen",
        data={
            "back": f"/antraege/{application.id}/abschnitte/{section.key}",
            "application_id": application.id,
            "section_key": section.key,
            "version": section.version,
            "text": typed,
        },
    )
    assert restored.headers["Location"] == f"/antraege/{application.id}/abschnitte/{section.key}"
    with app.app_context():
        kept = loaded(db.session.get(Application, application.id))
    assert kept.trashed_in_id is None
    assert kept.sections[0].text == typed
    # A viewer sees the 410 page without the button.
    viewer = make_user(organisation, Role.viewer)
    client.post(f"/antraege/{application.id}/loeschen", data={"confirmed": "ja"})
    client.post("/abmelden")
    login(viewer)
    seen = client.get(f"/antraege/{application.id}")
    assert seen.status_code == 410
    assert 'action="/organisation/papierkorb/' not in seen.get_data(as_text=True)


def test_the_switch_note_is_one_line_and_the_wording_is_right(client, practice, make_application):
    kalk, caritas = practice["kalk"], practice["caritas"]
    application = make_application(caritas, practice["petra"])
    client.get(f"/?org={kalk.id}")
    page = client.get(f"/antraege/{application.id}").get_data(as_text=True)
    note = re.search(r'<p class="notice org-switched"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert "\n" not in note
    assert "jetzt <strong>Caritas-Ortsverband Porz</strong>" in note
    assert "(vorher: Bürgerverein Köln-Kalk e. V.)" in note
    # "1 Antrag", not "1 Anträge"; no ". ." after an organisation's name ending in a full stop.
    listed = client.get("/antraege/").get_data(as_text=True)
    assert "<caption>1 Antrag</caption>" in listed
    trash = client.get(f"/organisation/papierkorb/?org={kalk.id}").get_data(as_text=True)
    assert "e. V.." not in trash


def test_a_hit_with_an_unclear_status_says_so_once(
    app, client, login, make_org, make_user, write_programme, catalogue_dir
):
    from funding_matcher.domain.profile import Profile
    from funding_matcher.operations.projects import save_profile
    from tests.conftest import profile_data

    app.config["TODAY"] = "2026-11-24"
    write_programme(
        slug="unklar",
        title="Unklares Nachbarschaftsprogramm",
        description="Nachbarschaftstreffs mit Beratung, Sprachcafé und Ehrenamtsbörse.",
        status="unclear",
        status_evidence={
            "url": "https://example.org/alt",
            "date": "2024-05-02",
            "quote": "Anträge sind laufend möglich.",
        },
        deadline={"kind": "rolling"},
    )
    organisation = make_org("Bürgerverein Köln-Kalk e. V.", "verein")
    user = make_user(organisation, Role.editor)
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        project = save_profile(again(organisation), Profile.from_dict(profile_data()), again(user))
        db.session.commit()
        project = loaded(project)
    login(user)
    page = client.get(f"/projekte/{project.id}/treffer").get_data(as_text=True)
    assert "Unklares Nachbarschaftsprogramm" in page  # a hit
    assert page.count("Status unklar – vor Antrag beim Fördergeber prüfen") == 1


def test_restoring_never_leads_to_another_site(
    app, client, login, make_org, make_user, make_application
):
    organisation = make_org()
    user = make_user(organisation, Role.editor)
    application = make_application(organisation, user)
    login(user)
    client.post(f"/antraege/{application.id}/loeschen", data={"confirmed": "ja"})
    with app.app_context():
        entry = db.session.scalar(db.select(TrashEntry))
    restored = client.post(
        f"/organisation/papierkorb/{entry.id}/wiederherstellen", data={"back": "/\\evil.example"}
    )
    assert restored.headers["Location"] == f"/antraege/{application.id}"


def test_the_consultancys_calendar_lists_every_clients_dates_with_the_client(
    client, practice, make_application
):
    kalk, caritas, consultancy = practice["kalk"], practice["caritas"], practice["consultancy"]
    kalk_application = make_application(
        kalk, practice["petra"], slug="quartiersfonds", deadline=SOON
    )
    page = client.get(f"/kalender/?org={consultancy.id}").get_data(as_text=True)
    assert "Alle Termine Ihrer Organisation und ihrer Mandanten" in page
    assert "Bürgerverein Köln-Kalk e. V.: " in page
    assert f'href="/antraege/{kalk_application.id}?org={kalk.id}"' in page
    own = client.get(f"/kalender/?org={caritas.id}").get_data(as_text=True)
    assert "Bürgerverein Köln-Kalk" not in own.split("<main", 1)[1].split("</main>")[0]
