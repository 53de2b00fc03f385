"""The main user journey in a real browser (Debian's Chromium via Playwright), plus axe-core.

Sign-in, the wizard with one invalid step (message shown, input kept), the results, a programme
page; axe-core checks the wizard, results and catalogue pages for serious or critical problems.
Set FM_SCREENSHOTS=1 to refresh the screenshots in docs/screenshots/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.extensions import db
from funding_matcher.models import Role
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.paths import PROJECT_ROOT
from tests.conftest import PASSWORD, again, loaded
from tests.web.waitress_thread import serving

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = PROJECT_ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
SERIOUS = ("serious", "critical")


def _require(condition: bool, reason: str) -> None:
    """Skip locally when a browser part is missing; in CI a missing part is a failure."""
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def live_server(app) -> Iterator[str]:
    from waitress.server import create_server

    app.config["TODAY"] = "2026-11-24"
    with app.app_context():
        sync_catalogue(load_catalogue(PROJECT_ROOT / "programs").programmes)
        db.session.commit()
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    with serving(server):
        yield f"http://127.0.0.1:{server.effective_port}"


@pytest.fixture
def page(tmp_path: Path):
    _require(Path(CHROMIUM).exists(), "Debian chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(locale="de-DE", viewport={"width": 1200, "height": 900})
        page = context.new_page()
        violations: list[str] = []
        page.on(
            "console",
            lambda msg: (
                violations.append(msg.text) if "Content Security Policy" in msg.text else None
            ),
        )
        yield page
        assert violations == [], violations
        context.close()
        browser.close()


def check_accessibility(page) -> None:
    _require(AXE.exists(), "axe-core is not installed (make install)")
    # Evaluated through the DevTools protocol, which the pages' Content-Security-Policy (no
    # inline script) does not block; the pages themselves are checked with the policy on.
    page.evaluate("source => { (0, eval)(source); }", AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]
    assert serious == [], f"{page.url}: {serious}"


def screenshot(page, name: str, tmp_path: Path) -> None:
    folder = SCREENSHOTS if os.environ.get("FM_SCREENSHOTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)


def sign_in(page, live_server: str, email: str) -> None:
    """Sign in through the real form, as a user does."""
    page.goto(f"{live_server}/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    # The next goto must not overtake the sign-in answer that sets the session cookie.
    page.wait_for_url(lambda url: "/anmelden" not in url)


def test_journey_from_login_to_programme_page(live_server, page, make_org, make_user, tmp_path):
    user = make_user(
        make_org("Caritasverband Hagen", "verband"), Role.owner, email="projekt@caritas-hagen.de"
    )

    sign_in(page, live_server, user.email)
    page.get_by_role("link", name="Projekte", exact=True).click()
    page.get_by_role("link", name="Neues Projekt anlegen").click()

    # Step 1
    page.get_by_label("Art des Antragstellers").select_option("freier_traeger")
    page.get_by_label("Name des Trägers").fill("Caritasverband Hagen e. V.")
    page.get_by_label("Bundesland").select_option("NW")
    page.get_by_label("Kommune").fill("Hagen")
    page.get_by_label("Gebietstyp").select_option("urban")
    screenshot(page, "wizard", tmp_path)
    check_accessibility(page)
    page.get_by_role("button", name="Speichern und weiter").click()

    # Step 2, first with a description that is too short
    page.get_by_label("Titel des Vorhabens").fill("Generationenbrücke Wehringhausen")
    page.get_by_label("Beschreibung").fill("Zu kurz")
    page.get_by_label("Soziale und kulturelle Teilhabe, Partizipation, Begegnung").check()
    page.get_by_label("Ältere Menschen").check()
    page.get_by_role("button", name="Speichern und weiter").click()
    expect(
        page.get_by_text("Die Beschreibung braucht mindestens 20 Zeichen.").first
    ).to_be_visible()
    assert page.get_by_label("Titel des Vorhabens").input_value() == (
        "Generationenbrücke Wehringhausen"
    )
    assert page.get_by_label("Ältere Menschen").is_checked()
    check_accessibility(page)
    page.get_by_label("Beschreibung").fill(
        "Kita-Kinder und Bewohnerinnen eines Seniorenzentrums treffen sich regelmäßig zum "
        "Kochen, Vorlesen und Gärtnern. Eine Fachkraft koordiniert, Ehrenamtliche helfen."
    )
    page.get_by_role("button", name="Speichern und weiter").click()

    # Step 3 and review
    page.get_by_label("Gesamtkosten in Euro").fill("120000")
    page.get_by_label("davon Personalkosten").fill("90.000")
    page.get_by_label("davon Sachkosten").fill("30.000,00")
    page.get_by_label("Eigenmittel in Euro").fill("12000")
    page.get_by_label("Personalkosten", exact=True).check()
    page.get_by_label("Sachkosten und Honorare").check()
    page.get_by_label("Laufzeit in Monaten").fill("36")
    page.get_by_role("button", name="Speichern und weiter").click()
    page.get_by_role("button", name="Fertigstellen und passende Programme anzeigen").click()

    # Results
    page.get_by_role("heading", name="Passende Förderprogramme").wait_for()
    assert page.locator(".result").count() > 3
    expect(
        page.get_by_text("Antragsberechtigt: Freier gemeinnütziger Träger").first
    ).to_be_visible()
    screenshot(page, "results", tmp_path)
    check_accessibility(page)

    # A programme page
    page.locator(".result h3 a").first.click()
    expect(page.get_by_text("Stand:").first).to_be_visible()
    expect(page.get_by_text("aktuelle Förderrichtlinie").first).to_be_visible()
    screenshot(page, "programme", tmp_path)

    # The catalogue browser
    page.goto(f"{live_server}/programme/?q=Quartiersmanagement")
    assert "Programme gefunden" in page.content()
    screenshot(page, "catalogue", tmp_path)
    check_accessibility(page)

    # The organisation page, reached from the navigation
    page.get_by_role("link", name="Organisation", exact=True).click()
    expect(page.get_by_role("heading", name="Caritasverband Hagen")).to_be_visible()
    check_accessibility(page)


def test_from_results_to_a_drafted_application(
    app, live_server, page, make_org, make_user, tmp_path
):
    from funding_matcher.domain.profile import Profile
    from funding_matcher.operations.projects import save_profile
    from tests.conftest import profile_data

    organisation = make_org("Nachbarschaftsverein Lirich", "verein")
    user = make_user(organisation, Role.editor, email="antrag@lirich.de")
    with app.app_context():
        project = save_profile(
            organisation,
            Profile.from_dict(
                profile_data(title="Nachbarschaftstreff Lirich", target_groups=["aeltere"])
            ),
            user,
        )
        db.session.commit()
        project = loaded(project)

    sign_in(page, live_server, user.email)
    page.goto(f"{live_server}/projekte/{project.id}/treffer")
    first = page.locator(".result").first
    title = first.locator("h3 a").inner_text()
    first.get_by_role("button", name="Antrag vorbereiten").click()

    # The outline follows the programme and is marked as drafted from the profile.
    page.get_by_role("heading", name=title).wait_for()
    assert page.locator("ol.sections li").count() >= 3
    screenshot(page, "application", tmp_path)
    check_accessibility(page)

    drafted = page.locator("ol.sections li", has_text="Entwurf aus Ihren Angaben").first
    drafted.locator("h3 a").click()
    page.wait_for_load_state()  # the autosave script listens before anything is typed
    editor = page.get_by_label("Text des Abschnitts")
    assert editor.input_value()  # drafted from the profile
    check_accessibility(page)
    editor.fill("Unser Treff liegt mitten in Lirich. Das schreiben wir selbst.")
    page.get_by_text("Automatisch gespeichert (Version 2).").wait_for()
    expect(page.locator("#char-count")).to_contain_text("61 Zeichen")
    screenshot(page, "section", tmp_path)
    page.reload()
    assert page.get_by_label("Text des Abschnitts").input_value() == (
        "Unser Treff liegt mitten in Lirich. Das schreiben wir selbst."
    )

    # A second tab with the same section: the first saves, the second gets the conflict page.
    url = page.url
    other = page.context.new_page()
    other.goto(url)
    page.get_by_label("Text des Abschnitts").fill("Fassung aus Tab eins.")
    page.get_by_text("Automatisch gespeichert (Version 3).").wait_for()
    other.evaluate("document.getElementById('text').value = 'Fassung aus Tab zwei.'")
    other.get_by_role("button", name="Speichern").click()
    other.get_by_role("heading", name="Konflikt beim Speichern", exact=False).wait_for()
    expect(other.get_by_text("Fassung aus Tab eins.")).to_be_visible()
    expect(other.get_by_text("Fassung aus Tab zwei.").first).to_be_visible()
    check_accessibility(other)
    page.reload()
    assert page.get_by_label("Text des Abschnitts").input_value() == "Fassung aus Tab eins."

    page.goto(f"{live_server}/konto/")
    check_accessibility(page)


def test_section_questions_autosave_applicant_block_and_versions(
    app, live_server, page, make_org, make_user, tmp_path
):
    from funding_matcher.domain.profile import Profile
    from funding_matcher.operations.applications import create_application
    from funding_matcher.operations.catalogue import find_programme
    from funding_matcher.operations.projects import save_profile
    from tests.conftest import profile_data

    organisation = make_org("AWO Kreisverband Hildesheim-Alfeld e.V.", "verband")
    user = make_user(organisation, Role.owner, email="antrag@awo.example")
    with app.app_context():
        project = save_profile(
            organisation,
            Profile.from_dict(
                profile_data(
                    title="Inklusiver Nachbarschaftstreff Nordstadt",
                    applicant_type="freier_traeger",
                    state="NI",
                    municipality="Hildesheim",
                    start_date="2027-06-01",
                    duration_months=36,
                )
            ),
            user,
        )
        application = create_application(
            project, find_programme("aktion-mensch-projektfoerderung"), user
        )
        db.session.commit()
        project = loaded(project)
        application = loaded(application)

    sign_in(page, live_server, user.email)
    page.goto(f"{live_server}/antraege/{application.id}#angaben")
    # Each section asks only what its topics need, with an example.
    accessibility = page.get_by_label("Barrierefreiheit", exact=True)
    accessibility.fill("Stufenloser Zugang über eine Rampe, Einladungen in Leichter Sprache.")
    page.get_by_text("Automatisch gespeichert; der Entwurf folgt Ihren Angaben.").wait_for()
    page.get_by_label("Wie viele Menschen insgesamt").fill("hundertachtzig")
    page.get_by_text("noch nicht gültig (markiert)", exact=False).wait_for()
    page.locator("#d-need").scroll_into_view_if_needed()
    page.get_by_label("Ausgangslage und Bedarf").fill(
        "In der Nordstadt gibt es keinen barrierefreien Treffpunkt."
    )
    page.get_by_text("noch nicht gültig (markiert)", exact=False).wait_for()
    page.evaluate(
        "document.querySelectorAll('ol.sections > li')[1].scrollIntoView({block: 'start'})"
    )
    screenshot(page, "application-questions", tmp_path)
    check_accessibility(page)
    page.reload()
    # Nothing typed is lost: the invalid number comes back with its message.
    assert page.get_by_label("Wie viele Menschen insgesamt").input_value() == "hundertachtzig"
    expect(page.get_by_text("Bitte eine ganze Zahl angeben.").first).to_be_visible()
    page.get_by_label("Wie viele Menschen insgesamt").fill("180")
    page.get_by_text("Automatisch gespeichert; der Entwurf folgt Ihren Angaben.").wait_for()
    page.goto(f"{live_server}/antraege/{application.id}/abschnitte/barrierefreiheit-des-vorhabens")
    assert page.get_by_label("Text des Abschnitts").input_value().startswith("Stufenloser Zugang")

    page.goto(f"{live_server}/organisation/antragsteller")
    page.get_by_label("IBAN").fill("DE89 3704 0044 0532 0130 01")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Prüfziffer stimmt nicht", exact=False).wait_for()
    check_accessibility(page)
    page.get_by_label("IBAN").fill("DE89 3704 0044 0532 0130 00")
    page.get_by_label("Straße und Hausnummer").fill("Steingrube 19")
    page.get_by_label("Postleitzahl").fill("31141")
    page.get_by_label("Ort", exact=True).fill("Hildesheim")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Antragsteller-Angaben gespeichert", exact=False).wait_for()
    screenshot(page, "applicant", tmp_path)

    page.goto(f"{live_server}/antraege/{application.id}/export/pdf?version=einreichung")
    page.get_by_role("heading", name="Einreichungsfassung noch nicht möglich").wait_for()
    expect(page.get_by_text("Kosten- und Finanzierungsplan", exact=False).first).to_be_visible()
    screenshot(page, "not-ready", tmp_path)
    check_accessibility(page)


def _committee_ics() -> bytes:
    """Five meetings of a Sozialausschuss as a council information system exports them."""
    from datetime import datetime

    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Test-RIS//DE")
    cal.add("version", "2.0")
    for n, day in enumerate((7, 14, 21, 28, 29), start=1):
        event = Event()
        event.add("uid", f"soz-{n}@ris.example")
        event.add("summary", f"{n}. Sitzung des Sozialausschusses")
        event.add("dtstart", datetime(2027, 4, day, 17, 0))
        event.add("dtstamp", datetime(2026, 11, 1, 8, 0))
        cal.add_component(event)
    return cal.to_ical()


def test_council_dates_plan_dashboard_and_calendar(
    app, live_server, page, make_org, make_user, tmp_path
):
    """A Kommune enters its council meetings, sets the deadline of an application, and finds the
    backward plan on the plan page, the dashboard and the calendar; every page passes axe-core,
    and so do the organisation's other pages (letterhead, De-minimis, import, invitation)."""
    from datetime import date

    from funding_matcher.domain.profile import Profile
    from funding_matcher.operations.applications import create_application
    from funding_matcher.operations.catalogue import find_programme
    from funding_matcher.operations.invitations import invite
    from funding_matcher.operations.projects import save_profile
    from tests.conftest import profile_data

    organisation = make_org("Stadt Hagen", "kommune")
    user = make_user(organisation, Role.owner, email="planung@hagen.de")
    with app.app_context():
        project = save_profile(
            organisation,
            Profile.from_dict(
                profile_data(applicant_type="kommune", title="Quartierszentrum Wehringhausen")
            ),
            user,
        )
        application = create_application(
            project, find_programme("stbauf-sozialer-zusammenhalt"), user
        )
        invite(again(organisation), "kollegin@hagen.de", Role.editor, again(user))
        db.session.commit()
        project = loaded(project)
        application = loaded(application)

    sign_in(page, live_server, user.email)

    page.goto(f"{live_server}/organisation/gremien")
    for day in ("2027-01-28", "2027-03-11", "2027-05-06"):
        page.get_by_label("Gremium", exact=True).select_option("rat")
        page.get_by_label("Sitzungstag").fill(day)
        page.get_by_role("button", name="Sitzung eintragen").click()
        page.wait_for_load_state()
    # expect() waits for the third answer to load; count() alone would not.
    expect(page.get_by_text("3 Sitzungen")).to_have_count(1)
    check_accessibility(page)
    # The committee's calendar comes as an ICS export: one upload, one choice, one step.
    ics = tmp_path / "ausschuss.ics"
    ics.write_bytes(_committee_ics())
    page.get_by_label("oder Kalenderdatei hochladen").set_input_files(str(ics))
    page.get_by_role("button", name="Kalender abrufen").click()
    page.get_by_role("heading", name="Gremien zuordnen").wait_for()
    check_accessibility(page)
    page.get_by_label("Sozialausschusses zählt als").select_option("fachausschuss")
    page.get_by_role("button", name="Sitzungen übernehmen").click()
    expect(page.get_by_text("5 Sitzungen im Kalender", exact=False)).to_have_count(1)

    page.goto(f"{live_server}/antraege/{application.id}/plan")
    page.get_by_label("Einreichungsfrist").fill("2027-05-31")
    page.get_by_role("button", name="Frist übernehmen").click()
    page.get_by_text("Ratsbeschluss", exact=False).first.wait_for()
    # The last council meeting two weeks before the deadline, the committee's last meeting a
    # Ladungsfrist before it, and the paper ready for the committee: 29.04. - 7 - 21 days.
    rows = page.locator("tbody tr").all_inner_texts()
    assert any(row.startswith("06.05.2027\tRatsbeschluss") for row in rows), rows
    assert any(row.startswith("29.04.2027\tBeratung Fachausschuss") for row in rows), rows
    expect(page.locator("tr", has_text="Sitzungsvorlage fertig").first).to_contain_text(
        "01.04.2027"
    )
    screenshot(page, "plan", tmp_path)
    check_accessibility(page)

    page.goto(f"{live_server}/")
    expect(page.get_by_text("Quartierszentrum Wehringhausen").first).to_be_attached()
    screenshot(page, "dashboard", tmp_path)
    check_accessibility(page)

    page.goto(f"{live_server}/kalender/")
    expect(page.get_by_text("31.05.2027").first).to_be_attached()
    check_accessibility(page)

    for path in (
        "/organisation/",
        "/organisation/briefkopf",
        "/organisation/de-minimis",
        "/projekte/neu/konzept",
        "/programme/stbauf-sozialer-zusammenhalt/richtlinie",
        f"/antraege/{application.id}/finanzplan",
    ):
        page.goto(live_server + path)
        expect(page.locator("h1"), path).to_have_count(1)
        check_accessibility(page)
    with app.app_context():
        assert again(application).deadline == date(2027, 5, 31)
