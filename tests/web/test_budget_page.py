"""The Kosten- und Finanzierungsplan page: entering a plan, reading why a check fails, keeping
invalid input, the De-minimis register and Erklärung, roles and organisations."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import g
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from funding_matcher.domain.budget import report_to_json
from funding_matcher.domain.budget.money import format_eur
from funding_matcher.extensions import db
from funding_matcher.models import Application, DeMinimisAid, Role
from funding_matcher.operations.budget import add_register_aid, save_budget, stored_report
from funding_matcher.operations.budget_form import budget_from_form, form_values
from tests.conftest import PASSWORD, SHARED
from tests.web.test_browser import (  # noqa: F401
    check_accessibility,
    live_server,
    page,
    screenshot,
)

EXAMPLES = SHARED / "eval" / "budget-dev"
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json") if ".expected" not in p.name)


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.json").read_text("utf-8"))


def expected(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.expected.json").read_text("utf-8"))


class FormReader(HTMLParser):
    """The values a browser would send for the plan form (``form#plan``), button excluded."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._selected: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == "plan":
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "checkbox":
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "y")))
            elif kind not in ("submit", "button"):
                self.fields.append((a["name"], unescape(a.get("value", ""))))
        elif tag == "select":
            self._select, self._selected, self._first_option = a.get("name"), None, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self._selected = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a.get("name")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            self.fields.append((self._select, self._selected or self._first_option or ""))
            self._select = None


def plan_form(html: str) -> MultiDict:
    reader = FormReader()
    reader.feed(html)
    return MultiDict(reader.fields)


def figure(html: str, key: str) -> str:
    match = re.search(rf'data-figure="{key}">([^<]*)<', html)
    assert match, key
    return unescape(match.group(1))


def checks_on_page(html: str, level: str) -> list[str]:
    found = re.findall(r'class="check check-(\w+)" data-check="(\w+)"', html)
    return list(dict.fromkeys(check for lvl, check in found if lvl == level))


def field_error(html: str, field_id: str) -> str:
    match = re.search(rf'<p class="error" id="{re.escape(field_id)}-error">([^<]*)</p>', html)
    assert match, f"keine Meldung an {field_id}"
    assert re.search(rf'id="{re.escape(field_id)}"[^>]*aria-invalid="true"', html) or re.search(
        rf'aria-invalid="true"[^>]*id="{re.escape(field_id)}"', html
    )
    return unescape(match.group(1))


@pytest.fixture
def org(make_org):
    return make_org("Nachbarn e. V.", "verein")


@pytest.fixture
def editor(org, make_user, login):
    user = make_user(org, Role.editor)
    login(user)
    return user


@pytest.fixture
def application(app, org, editor, make_application) -> Application:
    app.config["TODAY"] = "2026-11-29"
    return make_application(org, editor, slug="quartiersfonds", de_minimis=True)


def page_url(application: Application) -> str:
    return f"/antraege/{application.id}/finanzplan"


def post(client, application, data: Any, **extra: str):
    form = MultiDict(data)
    for key, value in extra.items():
        form[key] = value
    return client.post(page_url(application), data=form)


class FreshUserClient(FlaskClient):
    """A second browser. The tests share one app context, so the signed-in user cached in
    ``g`` by the first browser's requests is dropped before each request of this one."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        g.pop("_login_user", None)
        g.pop("membership_cache", None)
        return super().open(*args, **kwargs)


def signed_in(app, user) -> FlaskClient:
    """A second browser, signed in as ``user``."""
    browser = FreshUserClient(app, app.response_class, use_cookies=True)
    response = browser.post("/anmelden", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def filled(form: MultiDict, values: dict[str, str]) -> MultiDict:
    """The form as shown with some inputs typed over."""
    form = form.copy()
    for key, value in values.items():
        form[key] = value
    return form


# The plan of worked example d1, typed as a user would (German notation), with its own terms.
D1_INPUT = {
    "start": "01.04.2027",
    "end": "2029-03-31",
    "applied_on": "2026-12-01",
    "personal-0-label": "Quartierskoordination",
    "personal-0-monthly_eur": "5.200,00",
    "personal-0-share": "75 %",
    "personal-0-months": "36",
    "amounts-0-category": "sach",
    "amounts-0-label": "Miete Ladenlokal",
    "amounts-0-amount_eur": "32.400",
    "overhead-0-label": "Verwaltungspauschale",
    "overhead-0-percent": "7",
    "own_funds_eur": "18.489,60",
    "financing_type": "anteil",
    "funding_rate_max_percent": "90",
    "own_contribution_min_percent": "10",
    "de_minimis": "none",
    "unknown_terms": "amount_max_eur",
}


# ---------------------------------------------------------------------------------------------
# A new user enters a plan


def test_new_plan_page_explains_and_offers_rows(client, application):
    html = client.get(page_url(application)).get_data(as_text=True)
    assert "So erstellen Sie den Plan" in html
    assert html.count('name="weitere"') == 5
    form = plan_form(html)
    assert form["applied_on"] == "2026-11-29"
    assert form["own_funds_eur"] == "6.000,00"  # from the project profile
    assert {"personal-1-monthly_eur", "amounts-3-amount_eur", "items-1-quantity"} <= set(form)
    assert "TVöD" in html
    assert "TV-L" in html
    assert "80 % – laut Katalog (Stand 01.11.2026)" in html
    assert 'for="personal-0-monthly_eur"' in html


def test_entering_a_plan_computes_grant_and_shows_sources(client, application):
    response = post(client, application, D1_INPUT)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert response.headers["Location"].endswith("/finanzplan#ergebnis")
    html = client.get(page_url(application)).get_data(as_text=True)
    assert figure(html, "grant_eur") == "166.406,40 €"
    assert figure(html, "rate_effective_percent") == "90 %"
    assert figure(html, "own_share_percent") == "10 %"
    assert figure(html, "total_eur") == "184.896,00 €"
    assert checks_on_page(html, "error") == []
    assert "Der Plan ist in Ordnung" in html
    assert "Plan gespeichert und geprüft." in html
    # Each term says where its value comes from.
    rate = html[html.index("<legend>Höchstförderquote</legend>") :][:1500]
    assert "von Ihnen eingegeben" in rate
    maximum = html[html.index("<legend>Höchstbetrag der Zuwendung</legend>") :][:1500]
    assert "von Ihnen als unbekannt angegeben" in maximum
    minimum = html[html.index("<legend>Mindestbetrag der Zuwendung</legend>") :][:1500]
    assert "5.000,00 € – laut Katalog (Stand 01.11.2026)" in minimum
    # Multi-year project: the split over Haushaltsjahre.
    assert "Aufteilung auf Haushaltsjahre" in html
    years = html[html.index("Aufteilung auf Haushaltsjahre") :]
    assert all(str(year) in years for year in (2027, 2028, 2029))
    stored = db.session.get(Application, application.id)
    assert stored.budget["costs"][0] == {
        "category": "personal",
        "label": "Quartierskoordination",
        "monthly_eur": 5200,
        "share": 0.75,
        "months": 36,
    }
    assert stored.budget_pending is None


def test_failing_check_links_to_the_line_to_fix(client, application):
    post(client, application, {**D1_INPUT, "overhead_max_percent": "5"})
    html = client.get(page_url(application)).get_data(as_text=True)
    assert checks_on_page(html, "error") == ["overhead"]
    item = re.search(r'data-check="overhead">(.*?)</li>', html, re.S).group(1)
    assert "Zeile 3 „Verwaltungspauschale“" in unescape(item)
    assert "übersteigt die zulässigen 5 %" in unescape(item)
    assert 'href="#zeile-3"' in item
    row = re.search(r'<tr id="zeile-3">(.*?)</tr>', html, re.S).group(1)
    assert 'name="overhead-0-percent"' in row


def test_unbalanced_plan_names_the_gap_and_links_to_the_financing(client, application):
    post(client, application, {**D1_INPUT, "own_funds_eur": "10.000"})
    html = client.get(page_url(application)).get_data(as_text=True)
    assert checks_on_page(html, "error") == ["balance", "own_share"]
    balance = unescape(re.search(r'data-check="balance">(.*?)</li>', html, re.S).group(1))
    assert "es fehlen 8.489,60 € (Finanzierungslücke)" in balance
    assert 'href="#finanzierung"' in balance
    own_share = re.search(r'data-check="own_share">(.*?)</li>', html, re.S).group(1)
    assert 'href="#own_funds_eur"' in own_share


def test_requested_grant_above_the_rate_links_to_its_field(client, application):
    data = {**D1_INPUT, "requested_eur": "170.000"}
    post(client, application, data)
    html = client.get(page_url(application)).get_data(as_text=True)
    assert "rate" in checks_on_page(html, "error")
    rate = unescape(re.search(r'data-check="rate">(.*?)</li>', html, re.S).group(1))
    assert "170.000,00 €" in rate
    assert 'href="#requested_eur"' in rate
    assert "Zum Feld „Beantragte Zuwendung in Euro“" in rate
    assert figure(html, "grant_eur") == "170.000,00 €"


def test_more_rows_button_keeps_input_and_adds_rows(client, application):
    shown = plan_form(client.get(page_url(application)).get_data(as_text=True))
    response = post(client, application, filled(shown, D1_INPUT), weitere="amounts")
    assert response.status_code == 303
    assert "weitere=amounts" in response.headers["Location"]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    form = plan_form(html)
    amount_rows = {k.split("-")[1] for k in form if k.startswith("amounts-")}
    assert len(amount_rows) == 4 + 3
    assert form["amounts-0-label"] == "Miete Ladenlokal"


def test_more_rows_with_invalid_input_shows_the_rows_and_the_message(client, application):
    shown = plan_form(client.get(page_url(application)).get_data(as_text=True))
    assert {k.split("-")[1] for k in shown if k.startswith("personal-")} == {"0", "1"}
    data = filled(shown, {**D1_INPUT, "personal-0-share": "1,5"})
    response = post(client, application, data, weitere="personal")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    form = plan_form(html)
    assert {k.split("-")[1] for k in form if k.startswith("personal-")} == {
        str(i) for i in range(5)
    }
    assert "zwischen 0 und 1" in field_error(html, "personal-0-share")


# ---------------------------------------------------------------------------------------------
# Invalid input is kept, with the message at its field


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("personal-0-share", "1,5", "muss zwischen 0 und 1 liegen"),
        ("amounts-0-amount_eur", "-100", "darf nicht negativ sein"),
        ("amounts-0-amount_eur", "100000000000000000000", "zu groß"),
        ("own_funds_eur", "viel", "Betrag in Euro"),
        ("personal-0-months", "sechs", "ganze Zahl"),
        ("personal-0-months", "300", "zwischen 1 und 240"),
        ("end", "2026-01-01", "liegt vor dem Beginn"),
        ("amounts-0-category", "catering", "Auswahl"),
        ("funding_rate_max_percent", "120", "zwischen 0 und 100"),
    ],
)
def test_invalid_input_is_kept_with_the_message_at_the_field(
    client, application, field, value, message
):
    post(client, application, D1_INPUT)  # a valid plan first
    response = post(client, application, {**D1_INPUT, field: value})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message.lower() in field_error(html, field).lower()
    assert plan_form(html).get(field) == value or field.endswith("category")
    assert 'href="#' + field + '"' in html  # the summary links to the input
    stored = db.session.get(Application, application.id)
    db.session.refresh(stored)
    assert stored.budget_pending[field] == [value]
    assert stored.budget["costs"][1]["amount_eur"] == 32400  # the valid plan is not lost
    # Coming back later: the same input and the same message.
    html = client.get(page_url(application)).get_data(as_text=True)
    assert message.lower() in field_error(html, field).lower()
    assert "als Entwurf gespeichert" in html
    assert 'data-check="' not in html  # no result of a plan that is not the one shown


def test_fixing_the_input_stores_the_plan_and_clears_the_draft(client, application):
    post(client, application, {**D1_INPUT, "personal-0-share": "1,5"})
    response = post(client, application, D1_INPUT)
    assert response.status_code == 303
    stored = db.session.get(Application, application.id)
    db.session.refresh(stored)
    assert stored.budget_pending is None
    assert stored.budget["costs"][0]["share"] == 0.75


def test_row_without_amount_or_label_is_named(client, application):
    data = {**D1_INPUT, "amounts-1-label": "Fahrtkosten", "items-0-unit_price_net_eur": "900"}
    response = post(client, application, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Betrag" in field_error(html, "amounts-1-amount_eur")
    assert "Bezeichnung" in field_error(html, "items-0-label")
    assert "Sach-, Honorar- und Reisekosten, Tabellenzeile 2" in html


def test_other_public_funding_from_the_catalogue_or_by_name(client, application):
    data = {
        **D1_INPUT,
        "own_funds_eur": "8.489,60",
        "other_public-0-programme": "quartiersfonds",
        "other_public-0-amount_eur": "5.000",
        "other_public-0-status": "bewilligt",
        "other_public-1-name": "Bürgerstiftung Musterstadt",
        "other_public-1-amount_eur": "5.000",
    }
    assert post(client, application, data).status_code == 303
    stored = db.session.get(Application, application.id)
    assert stored.budget["financing"]["other_public"] == [
        {"programme": "quartiersfonds", "amount_eur": 5000, "status": "bewilligt"},
        {"programme": "Bürgerstiftung Musterstadt", "amount_eur": 5000, "status": "beantragt"},
    ]
    response = post(client, application, {**data, "other_public-0-name": "Doppelt"})
    assert "nicht beides" in field_error(response.get_data(as_text=True), "other_public-0-name")


# ---------------------------------------------------------------------------------------------
# The worked examples through the page


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_worked_examples_on_the_page_and_saved_back_unchanged(client, application, name):
    save_budget(application, example(name))
    db.session.commit()
    want = expected(name)
    html = client.get(page_url(application)).get_data(as_text=True)
    for key in ("total_eur", "eligible_eur", "ineligible_eur", "grant_eur", "grant_max_eur"):
        assert figure(html, key) == format_eur(Decimal(str(want[key]))), key
    assert figure(html, "other_financing_eur") == format_eur(
        Decimal(str(want["other_financing_eur"]))
    )
    assert checks_on_page(html, "error") == want["errors"]
    assert checks_on_page(html, "warning") == want["warnings"]
    # Saving the page as shown keeps every figure and finding.
    response = post(client, application, plan_form(html))
    assert response.status_code == 303, response.get_data(as_text=True)
    db.session.expire_all()
    result = report_to_json(stored_report(db.session.get(Application, application.id)))
    assert {key: result[key] for key in want} == want


def test_aid_named_in_the_plan_itself_is_shown_and_linked(client, application):
    save_budget(application, example("d4-de-minimis"))
    db.session.commit()
    html = client.get(page_url(application)).get_data(as_text=True)
    item = re.search(r'data-check="de_minimis">(.*?)</li>', html, re.S).group(1)
    assert 'href="#de-minimis-plan"' in item
    section = html[html.index('id="de-minimis-plan"') :][:1200]
    assert "30.06.2025: Stadt, 250.000,00 €" in section


def test_plan_of_a_programme_that_left_the_catalogue(client, application, catalogue_dir):
    from funding_matcher.domain.catalogue.files import load_catalogue
    from funding_matcher.operations.catalogue import sync_catalogue

    save_budget(application, example("d3-fehlbedarf"))
    (catalogue_dir / "quartiersfonds.yaml").unlink()
    sync_catalogue(load_catalogue(catalogue_dir).programmes)
    db.session.commit()
    html = client.get(page_url(application)).get_data(as_text=True)
    assert figure(html, "grant_eur") == "10.000,00 €"
    assert "Das Programm steht nicht mehr im Katalog" in html
    assert post(client, application, plan_form(html)).status_code == 303


# ---------------------------------------------------------------------------------------------
# Form rows <-> budget v1 without HTTP


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_form_values_and_back_give_the_same_budget(name):
    data = {**example(name), "programme": "quartiersfonds"}
    shown = form_values(data, ["quartiersfonds"])
    built = budget_from_form(shown.values, "quartiersfonds", {}, data)
    assert built.data["costs"] == data["costs"]
    assert built.data["period"] == data["period"]
    assert built.data["terms"] == {k: v for k, v in data["terms"].items()}
    money = ("own_funds_eur", "third_party_eur", "income_eur", "requested_eur")
    assert all(built.data["financing"][k] == data["financing"][k] for k in money)
    assert built.lines == shown.lines


def test_budget_from_form_skips_empty_rows_and_maps_problems_to_inputs():
    values = {
        "personal": [{"label": "", "monthly_eur": None}, {"label": "Leitung", "months": 12}],
        "amounts": [{"category": "sach", "label": "Miete", "amount_eur": Decimal("100.5")}],
        "start": date(2027, 1, 1),
    }
    built = budget_from_form(values, "p", {}, None)
    assert [line["label"] for line in built.data["costs"]] == ["Leitung", "Miete"]
    assert built.data["costs"][1]["amount_eur"] == 100.5
    assert built.field_name("costs[0].monthly_eur") == "personal-1-monthly_eur"
    assert built.field_name("costs[1]") == "amounts-0-amount_eur"
    assert built.field_name("costs[1].eligible") == "amounts-0-ineligible"
    assert built.field_name("period.end") == "end"
    assert built.field_name("terms.volunteer_work.max_percent") == "volunteer_max_percent"
    assert built.field_name("costs[7].label") is None


def test_half_a_volunteer_term_takes_the_other_half_from_the_catalogue():
    values = {"volunteer_rate_eur_per_hour": Decimal("12")}
    catalogue = {"volunteer_work": {"rate_eur_per_hour": 15, "max_percent": 20}}
    built = budget_from_form(values, "p", catalogue, None)
    assert built.data["terms"]["volunteer_work"] == {"rate_eur_per_hour": 12, "max_percent": 20}


# ---------------------------------------------------------------------------------------------
# Roles and organisations


def test_viewer_reads_the_plan_but_cannot_save(app, org, make_user, application):
    save_budget(application, example("d2-rate-exceeded"))
    db.session.commit()
    client = signed_in(app, make_user(org, Role.viewer))
    response = client.get(page_url(application))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="plan"' not in html
    assert figure(html, "grant_eur") == "6.000,00 €"
    assert 'id="zeile-1"' in html
    assert post(client, application, D1_INPUT).status_code == 403
    assert client.get(f"/antraege/{application.id}/de-minimis-erklaerung").status_code == 200


def test_other_organisation_gets_404(app, make_org, make_user, application):
    client = signed_in(app, make_user(make_org("Andere Stadt", "kommune"), Role.owner))
    assert client.get(page_url(application)).status_code == 404
    assert post(client, application, D1_INPUT).status_code == 404
    assert client.get(f"/antraege/{application.id}/de-minimis-erklaerung").status_code == 404
    assert client.get("/antraege/999999/finanzplan").status_code == 404


def test_application_overview_shows_grant_and_open_checks(client, application):
    html = client.get(f"/antraege/{application.id}").get_data(as_text=True)
    assert "Noch kein Plan erfasst." in html
    save_budget(application, example("d5-volunteer"))
    db.session.commit()
    html = client.get(f"/antraege/{application.id}").get_data(as_text=True)
    section = html[html.index('id="finanzplan"') :][:800]
    assert "7.520,00 €" in section
    assert "1 offener Prüfpunkt (0 Fehler, 1 Warnung)" in section
    assert f"/antraege/{application.id}/finanzplan" in section


# ---------------------------------------------------------------------------------------------
# De-minimis register and Erklärung


def test_register_add_list_delete(client, org, application):
    html = client.get("/organisation/de-minimis").get_data(as_text=True)
    assert "Noch keine Beihilfen eingetragen." in html
    response = client.post(
        "/organisation/de-minimis",
        data={"granted_on": "30.06.2025", "grantor": "Stadt Hagen", "amount_eur": "250.000,00"},
    )
    assert response.status_code == 303
    html = client.get("/organisation/de-minimis").get_data(as_text=True)
    assert "Stadt Hagen" in html
    assert "250.000,00 €" in html
    assert "allgemeine De-minimis-Beihilfen 250.000,00 €" in html
    aid = db.session.scalars(db.select(DeMinimisAid)).one()
    response = client.post(f"/organisation/de-minimis/{aid.id}/loeschen")
    assert response.status_code == 303
    assert db.session.scalars(db.select(DeMinimisAid)).all() == []


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"grantor": "Land", "amount_eur": "10"}, "granted_on", "Datum"),
        ({"granted_on": "2025-01-01", "amount_eur": "10"}, "grantor", "Beihilfegeber"),
        ({"granted_on": "2025-01-01", "grantor": "Land", "amount_eur": "-5"}, "amount_eur", "0"),
        ({"granted_on": "2025-01-01", "grantor": "Land", "amount_eur": "1e20"}, "amount_eur", ""),
    ],
)
def test_register_bad_input_is_named(client, application, data, field, message):
    response = client.post("/organisation/de-minimis", data=data)
    assert response.status_code == 422
    assert message in field_error(response.get_data(as_text=True), field)
    assert db.session.scalars(db.select(DeMinimisAid)).all() == []


def test_register_feeds_the_check_of_every_plan(client, org, application):
    plan = {**D1_INPUT, "de_minimis": "general"}
    post(client, application, plan)
    html = client.get(page_url(application)).get_data(as_text=True)
    assert "de_minimis" not in checks_on_page(html, "error")
    client.post(
        "/organisation/de-minimis",
        data={"granted_on": "2025-03-01", "grantor": "Land NRW", "amount_eur": "150.000"},
    )
    html = client.get(page_url(application)).get_data(as_text=True)
    assert checks_on_page(html, "error") == ["de_minimis"]
    item = re.search(r'data-check="de_minimis">(.*?)</li>', html, re.S).group(1)
    assert "316.406,40 €" in unescape(item)  # 150.000 + 166.406,40
    assert 'href="/organisation/de-minimis"' in item
    assert "de_minimis" in checks_on_page(html, "notice")


def test_register_is_per_organisation_and_editors_only(
    app, client, org, make_org, make_user, application
):
    other = make_org("Andere Stadt", "kommune")
    foreign = add_register_aid(other, date(2025, 1, 1), "Fremd", Decimal("1000"))
    db.session.commit()
    assert "Fremd" not in client.get("/organisation/de-minimis").get_data(as_text=True)
    assert client.post(f"/organisation/de-minimis/{foreign.id}/loeschen").status_code == 404
    client = signed_in(app, make_user(org, Role.viewer))
    html = client.get("/organisation/de-minimis").get_data(as_text=True)
    assert "Beihilfe eintragen" not in html
    response = client.post(
        "/organisation/de-minimis",
        data={"granted_on": "2025-01-01", "grantor": "Land", "amount_eur": "10"},
    )
    assert response.status_code == 403
    own = add_register_aid(org, date(2025, 1, 1), "Eigen", Decimal("1000"))
    db.session.commit()
    assert client.post(f"/organisation/de-minimis/{own.id}/loeschen").status_code == 403


def test_declaration_lists_the_aid_and_the_grant(client, org, application):
    add_register_aid(org, date(2025, 3, 1), "Land NRW", Decimal("150000"))
    add_register_aid(org, date(2022, 3, 1), "Zu alt", Decimal("99"))
    db.session.commit()
    post(client, application, {**D1_INPUT, "de_minimis": "general"})
    response = client.get(f"/antraege/{application.id}/de-minimis-erklaerung")
    html = response.get_data(as_text=True)
    assert "De-minimis-Erklärung" in html
    assert "Nachbarn e. V." in html
    assert "Land NRW" in html
    assert "Zu alt" not in html
    assert "166.406,40 €" in html
    assert "316.406,40 €" in html
    assert "2023/2831" in html
    assert "budget.css" in html
    text = client.get(f"/antraege/{application.id}/de-minimis-erklaerung?format=txt")
    assert text.mimetype == "text/plain"
    assert "attachment" in text.headers["Content-Disposition"]
    body = text.get_data(as_text=True)
    assert "De-minimis-Erklärung (Entwurf)" in body
    assert "Land NRW" in body


def test_declaration_without_a_plan_uses_the_register_and_today(client, org, application):
    add_register_aid(org, date(2025, 3, 1), "Land NRW", Decimal("1500"))
    db.session.commit()
    html = client.get(f"/antraege/{application.id}/de-minimis-erklaerung").get_data(as_text=True)
    assert "29.11.2026" in html
    assert "noch kein Plan gespeichert" in html


# ---------------------------------------------------------------------------------------------
# In a real browser: enter a plan, follow a failing check to its line, fix it (and axe-core)


@pytest.mark.browser
def test_browser_plan_from_entry_to_fixed_check(
    live_server,  # noqa: F811
    page,  # noqa: F811
    make_org,
    make_user,
    make_application,
    tmp_path,
):
    organisation = make_org("Nachbarn e. V.", "verein")
    user = make_user(organisation, Role.editor)
    application = make_application(organisation, user, slug="quartiersfonds")
    page.goto(f"{live_server}/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(user.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(lambda url: "anmelden" not in url)
    page.goto(f"{live_server}/antraege/{application.id}")
    page.get_by_role("link", name="Kosten- und Finanzierungsplan bearbeiten").click()

    page.get_by_label("Beginn des Vorhabens").fill("2027-04-01")
    page.get_by_label("Ende des Vorhabens").fill("2029-03-31")
    page.get_by_label("Personal 1: Stelle / Funktion").fill("Quartierskoordination")
    page.get_by_label("Personal 1: Monatssatz (Arbeitgeberbrutto) in Euro").fill("5.200,00")
    page.get_by_label("Personal 1: Stellenanteil").fill("0,75")
    page.get_by_label("Personal 1: Monate").fill("36")
    page.get_by_label("Sachausgaben 1: Bezeichnung").fill("Miete Ladenlokal")
    page.get_by_label("Sachausgaben 1: Betrag in Euro").fill("32.400")
    page.get_by_label("Pauschale 1: Bezeichnung").fill("Verwaltungspauschale")
    page.get_by_label("Pauschale 1: Prozent der übrigen zuwendungsfähigen Ausgaben").fill("7")
    page.get_by_label("Eigenmittel in Euro").fill("18.489,60")
    page.get_by_label("Höchstförderquote in Prozent").fill("90")
    page.get_by_label("Mindesteigenanteil in Prozent").fill("10")
    page.get_by_label("Höchstbetrag der Zuwendung in Euro").fill("1.000.000")
    page.get_by_label("Höchstzulässige Verwaltungspauschale in Prozent").fill("5")
    page.get_by_role("button", name="Speichern und prüfen").first.click()

    assert page.locator('[data-figure="grant_eur"]').inner_text() == "166.406,40 €"
    overhead = page.locator('[data-check="overhead"]')
    assert "übersteigt die zulässigen 5 %" in overhead.inner_text()
    check_accessibility(page)
    overhead.get_by_role("link", name="Zur Zeile 3").click()
    assert page.url.endswith("#zeile-3")
    page.get_by_label("Pauschale 1: Prozent der übrigen zuwendungsfähigen Ausgaben").fill("5")
    page.get_by_label("Personal 1: Monate").fill("sechsunddreißig")
    page.get_by_role("button", name="Speichern und prüfen").first.click()

    # Invalid input stays where it was typed, with the message at the field.
    assert page.get_by_label("Personal 1: Monate").input_value() == "sechsunddreißig"
    assert page.locator("#personal-0-months-error").is_visible()
    check_accessibility(page)
    page.get_by_label("Personal 1: Monate").fill("36")
    page.get_by_role("button", name="Speichern und prüfen").first.click()
    assert page.locator('[data-check="overhead"]').count() == 0
    # A smaller Pauschale means a smaller plan: now the own funds are too high.
    balance = page.locator('[data-check="balance"]')
    assert "übersteigt die Ausgaben um 345,60 €" in balance.inner_text()
    balance.get_by_role("link", name="Zur Finanzierung").click()
    page.get_by_label("Eigenmittel in Euro").fill("18.144")
    page.get_by_role("button", name="Speichern und prüfen").first.click()
    assert "Der Plan ist in Ordnung" in page.locator("#ergebnis").inner_text()
    page.locator("#ergebnis").scroll_into_view_if_needed()
    screenshot(page, "budget", tmp_path)
