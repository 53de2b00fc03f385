"""A consultant in a real browser (Debian's Chromium via Playwright), with axe-core.

Two client organisations created in the browser, two tabs on two clients' applications, a
calendar link of the other client, an application deleted and restored, a wizard step that
keeps what was typed; nothing typed is lost and no page answers 404. A colleague of the
consultancy sees both clients' work. Every page on the way passes axe-core at 1280 and 390 px
and fits 390 px without horizontal scrolling.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from funding_matcher.extensions import db
from funding_matcher.models import Application, Organisation, Role
from tests.conftest import again, loaded, running_app
from tests.web import test_browser as journey
from tests.web.test_browser import SCREENSHOTS, check_accessibility, sign_in

# The browser and the served app of the main journey.
live_server = journey.live_server
page = journey.page

pytestmark = pytest.mark.browser

WIDE, NARROW = 1280, 390


def at_both_widths(tab, name: str, tmp_path: Path) -> None:
    """axe at 1280 and 390 px; at 390 px nothing wider than the screen; screenshots."""
    review = os.environ.get("FM_REVIEW_SHOTS")  # full-page shots for a reviewer, when asked
    for width in (WIDE, NARROW):
        tab.set_viewport_size({"width": width, "height": 900})
        check_accessibility(tab)
        if width == NARROW:
            scroll = tab.evaluate("document.documentElement.scrollWidth")
            assert scroll <= NARROW, f"{tab.url}: {scroll} px breit bei 390 px: {too_wide(tab)}"
        if review:
            Path(review).mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(Path(review) / f"{name}-{width}.png"), full_page=True)
    tab.set_viewport_size({"width": WIDE, "height": 900})
    if os.environ.get("FM_SCREENSHOTS"):
        tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def too_wide(tab) -> list[str]:
    """The outermost elements that reach past the right edge (for the failure message)."""
    return tab.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
          .filter(e => !(e.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
          .map(e => `${e.tagName.toLowerCase()}.${e.className}#${e.id} in ` +
               `${e.parentElement.tagName.toLowerCase()}.${e.parentElement.className} ` +
               getComputedStyle(e.parentElement).display + "/" +
               getComputedStyle(e.parentElement).overflowX).slice(0, 4)"""
    )


def application_for(organisation: Organisation, title: str, slug: str, user) -> Application:
    from funding_matcher.domain.profile import Profile
    from funding_matcher.operations.applications import create_application
    from funding_matcher.operations.catalogue import find_programme
    from funding_matcher.operations.projects import save_profile
    from tests.conftest import again, loaded, profile_data

    with running_app().app_context():
        project = save_profile(
            again(organisation),
            Profile.from_dict(profile_data(title=title, state="NI")),
            again(user),
        )
        application = create_application(project, find_programme(slug), again(user))
        db.session.commit()
        return loaded(application)


def type_and_wait_saved(tab, text: str) -> None:
    editor = tab.get_by_label("Text des Abschnitts")
    editor.fill(text)
    tab.get_by_text("Automatisch gespeichert", exact=False).wait_for()


def section_text(application_id: int) -> str:
    with running_app().app_context():
        return loaded(db.session.get(Application, again(application_id)).sections[0].text)


def test_consultant_with_two_clients_loses_nothing(
    app,  # noqa: F811  (the fixtures above)
    live_server,
    page,
    make_org,
    make_user,
    tmp_path,
):
    consultancy = make_org("Lange Fördermittelberatung", "beratung")
    petra = make_user(consultancy, Role.owner, email="petra@foerderberatung.de")
    make_user(consultancy, Role.editor, email="murat@foerderberatung.de")
    statuses: list[tuple[int, str]] = []
    page.on("response", lambda r: statuses.append((r.status, r.url)))

    sign_in(page, live_server, petra.email)
    at_both_widths(page, "consult-dashboard", tmp_path)

    # Two clients, created in the browser from the organisation page.
    for name, kind in (
        ("Diakonisches Werk Hannover e. V.", "verband"),
        ("Landeshauptstadt Hannover", "kommune"),
    ):
        page.goto(f"{live_server}/organisation/")
        page.get_by_role("link", name="Neue Organisation", exact=False).click()
        page.get_by_label("Name der Organisation").fill(name)
        page.get_by_label("Art der Organisation").select_option(kind)
        page.get_by_label("Bundesland").select_option("NI")
        page.get_by_label("Betreut von").select_option(str(consultancy.id))
        if kind == "verband":
            at_both_widths(page, "consult-new-client", tmp_path)
        page.get_by_role("button", name="Organisation anlegen").click()
        page.get_by_text(f"„{name}“ ist angelegt").wait_for()
    with app.app_context():
        diakonie = loaded(db.session.scalar(db.select(Organisation).filter_by(kind="verband")))
        stadt = loaded(db.session.scalar(db.select(Organisation).filter_by(kind="kommune")))
    assert diakonie.consultancy_id == stadt.consultancy_id == consultancy.id

    # The consultancy's dashboard is the clients' overview; a new project asks for the client.
    page.goto(f"{live_server}/?org={consultancy.id}")
    expect(page.get_by_role("heading", name="Mandanten (2)")).to_be_visible()
    at_both_widths(page, "consult-dashboard-clients", tmp_path)
    page.get_by_label("Neues Projekt für").select_option(label="Landeshauptstadt Hannover")
    page.get_by_role("button", name="Projekt anlegen").click()

    # The wizard starts from the client and keeps what is typed; a draft can be discarded.
    # Reached by a click, not goto: wait until its scripts ran, or typing may come before the
    # autosave listens (a clean-clone CI run under load typed too early once).
    page.wait_for_load_state()
    assert page.get_by_label("Name des Trägers").input_value() == "Landeshauptstadt Hannover"
    page.get_by_label("Kommune").fill("Hannover")
    page.get_by_text("Automatisch gespeichert", exact=False).wait_for()
    expect(page.get_by_role("link", name="Entwurf verwerfen …")).to_be_visible()
    page.reload()
    assert page.get_by_label("Kommune").input_value() == "Hannover"
    assert "/schritt/1" in page.url
    draft_title = page.locator("h1").inner_text()
    assert draft_title.startswith("Entwurf vom ")
    page.get_by_role("link", name="Entwurf verwerfen …").click()
    page.get_by_role("button", name="Ja, Entwurf verwerfen").click()
    page.get_by_text("verworfen; er liegt 30 Tage lang im Papierkorb").wait_for()

    sahlkamp = application_for(diakonie, "Nachbarschaftstreff Sahlkamp", _slug(), petra)
    vahrenheide = application_for(stadt, "Quartierszentrum Vahrenheide", _slug(), petra)

    # Tab A: the Diakonie's section. Tab B: the Stadt's, which switches the session there.
    tab_a = page
    tab_a.goto(f"{live_server}/antraege/{sahlkamp.id}/abschnitte/{sahlkamp.sections[0].key}")
    tab_b = page.context.new_page()
    tab_b.goto(f"{live_server}/antraege/{vahrenheide.id}/abschnitte/{vahrenheide.sections[0].key}")
    expect(tab_b.get_by_text("Organisation gewechselt")).to_be_visible()
    at_both_widths(tab_b, "consult-switch-note", tmp_path)

    text_a = "Sahlkamp: Treff für Alt und Jung, geschrieben in Tab A."
    text_b = "Vahrenheide: Quartierszentrum, geschrieben in Tab B."
    type_and_wait_saved(tab_a, text_a)
    type_and_wait_saved(tab_b, text_b)
    assert "Keine Verbindung" not in tab_a.content()
    # "Speichern" in tab A, whose organisation is no longer the session's: saved, no 404.
    tab_a.get_by_label("Text des Abschnitts").fill(text_a + " Ergänzt.")
    tab_a.get_by_role("button", name="Speichern", exact=True).click()
    tab_a.get_by_text("gespeichert (Version", exact=False).first.wait_for()
    assert section_text(sahlkamp.id) == text_a + " Ergänzt."
    assert section_text(vahrenheide.id) == text_b

    # A calendar link of the other client while tab B works for the Stadt: switches, no 404.
    tab_b.goto(f"{live_server}/antraege/{vahrenheide.id}")
    tab_b.goto(f"{live_server}/antraege/{sahlkamp.id}/plan")
    expect(tab_b.get_by_text("Organisation gewechselt")).to_be_visible()
    expect(tab_b.locator("h1")).to_have_count(1)
    at_both_widths(tab_b, "consult-plan", tmp_path)

    # "Wechseln" in the header on the Diakonie's page: the Stadt's dashboard, and it stays so.
    tab_b.locator("#org-switch").select_option(str(stadt.id))
    tab_b.get_by_role("button", name="Wechseln").click()
    tab_b.get_by_text("Sie arbeiten jetzt für „Landeshauptstadt Hannover“").wait_for()
    expect(tab_b.locator("h1")).to_have_text("Übersicht")
    assert tab_b.locator("#org-switch").input_value() == str(stadt.id)
    assert "(vorher:" not in tab_b.inner_text("main")

    # At 390 px the header names the active organisation in full and stays small; the switch
    # opens from the name.
    tab_b.set_viewport_size({"width": NARROW, "height": 844})
    tab_b.goto(f"{live_server}/antraege/{sahlkamp.id}")
    name = tab_b.locator(".org-switch-narrow .org-active")
    expect(name).to_have_text("Diakonisches Werk Hannover e. V.")
    assert name.evaluate(
        "e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= 390"
    )
    header = tab_b.evaluate("document.querySelector('header').getBoundingClientRect().height")
    assert header < 145, header  # 180 px in the review of 2026-12-07
    tab_b.locator(".org-switch-narrow summary").click()
    tab_b.get_by_label("Organisation wählen").select_option(str(stadt.id))
    tab_b.locator(".org-switch-narrow").get_by_role("button", name="Wechseln").click()
    tab_b.get_by_text("Sie arbeiten jetzt für „Landeshauptstadt Hannover“").wait_for()
    expect(tab_b.locator(".org-switch-narrow .org-active")).to_have_text(
        "Landeshauptstadt Hannover"
    )
    tab_b.set_viewport_size({"width": WIDE, "height": 900})

    # Delete the Diakonie's application (asked once), then restore it from the Papierkorb.
    tab_a.goto(f"{live_server}/antraege/{sahlkamp.id}")
    at_both_widths(tab_a, "consult-application", tmp_path)
    tab_a.get_by_role("link", name="Antrag löschen …").click()
    tab_a.get_by_role("heading", name="Wirklich löschen?").wait_for()
    at_both_widths(tab_a, "consult-confirm", tmp_path)
    tab_a.get_by_role("button", name="Ja, in den Papierkorb legen").click()
    tab_a.goto(f"{live_server}/organisation/papierkorb/")
    at_both_widths(tab_a, "consult-papierkorb", tmp_path)
    # The old address says where it went and brings it back with one click.
    tab_a.goto(f"{live_server}/antraege/{sahlkamp.id}")
    tab_a.get_by_role("heading", name="Im Papierkorb").wait_for()
    at_both_widths(tab_a, "consult-im-papierkorb", tmp_path)
    tab_a.get_by_role("button", name="wiederherstellen", exact=False).click()
    tab_a.get_by_text("wiederhergestellt").wait_for()
    assert tab_a.url.endswith(f"/antraege/{sahlkamp.id}")
    assert section_text(sahlkamp.id) == text_a + " Ergänzt."

    tab_a.goto(f"{live_server}/mandanten/")
    at_both_widths(tab_a, "consult-clients", tmp_path)
    for path in ("/projekte/", "/antraege/", "/kalender/", "/programme/", "/konto/"):
        tab_a.goto(live_server + path)
        at_both_widths(tab_a, "consult" + path.strip("/").replace("/", "-"), tmp_path)

    # The colleague sees both clients' work.
    colleague = page.context.browser.new_context(locale="de-DE")
    murat = colleague.new_page()
    sign_in(murat, live_server, "murat@foerderberatung.de")
    murat.get_by_role("link", name="Mandanten").click()
    expect(murat.get_by_role("heading", name="Diakonisches Werk Hannover e. V.")).to_be_visible()
    expect(murat.get_by_role("heading", name="Landeshauptstadt Hannover")).to_be_visible()
    murat.goto(f"{live_server}/antraege/{vahrenheide.id}/abschnitte/{vahrenheide.sections[0].key}")
    assert murat.get_by_label("Text des Abschnitts").input_value() == text_b
    murat.goto(f"{live_server}/antraege/{sahlkamp.id}/abschnitte/{sahlkamp.sections[0].key}")
    assert murat.get_by_label("Text des Abschnitts").input_value() == text_a + " Ergänzt."
    colleague.close()

    not_found = [url for status, url in statuses if status == 404]
    assert not_found == []


def _slug() -> str:
    """A programme of the real catalogue with an outline (for both applications)."""
    from funding_matcher.operations.catalogue import catalogue_programmes

    with running_app().app_context():
        return next(p.slug for p in catalogue_programmes() if p.outline_sections)


def test_every_page_passes_axe_and_fits_390_px(  # noqa: F811  (the fixtures above)
    live_server, page, make_org, make_user, tmp_path
):
    organisation = make_org("Stadt Hagen", "kommune")
    user = make_user(organisation, Role.owner, email="planung@hagen.de")
    application = application_for(organisation, "Quartierszentrum Wehringhausen", _slug(), user)
    project, key = application.project_id, application.sections[0].key
    sign_in(page, live_server, user.email)
    paths = [
        "/",
        "/projekte/",
        "/projekte/neu",
        f"/projekte/{project}",
        f"/projekte/{project}/schritt/1",
        f"/projekte/{project}/schritt/2",
        f"/projekte/{project}/schritt/3",
        f"/projekte/{project}/pruefen",
        f"/projekte/{project}/treffer",
        f"/projekte/{project}/loeschen",
        "/antraege/",
        f"/antraege/{application.id}",
        f"/antraege/{application.id}/abschnitte/{key}",
        f"/antraege/{application.id}/abschnitte/{key}/verlauf",
        f"/antraege/{application.id}/plan",
        f"/antraege/{application.id}/finanzplan",
        "/kalender/",
        "/programme/",
        f"/programme/{application.programme_slug}",
        "/programme/pruefbedarf",
        "/organisation/",
        "/organisation/gremien",
        "/organisation/briefkopf",
        "/organisation/de-minimis",
        "/organisation/papierkorb/",
        "/organisationen/neu",
        "/konto/",
    ]
    for path in paths:
        page.goto(live_server + path)
        expect(page.locator("h1"), path).to_have_count(1)
        at_both_widths(page, "page" + path.replace("/", "-").rstrip("-"), tmp_path)
