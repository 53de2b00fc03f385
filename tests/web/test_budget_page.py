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
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from funding_matcher.domain.budget import parse_budget, report_to_json
from funding_matcher.domain.german import format_eur
from funding_matcher.extensions import db
from funding_matcher.models import Application, DeMinimisAidRow, Role
from funding_matcher.operations.budget import add_register_aid, save_budget, stored_report
from funding_matcher.web.budget.mapping import budget_from_form, form_values
from tests.conftest import SHARED, again, loaded, sign_in_directly
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


def signed_in(app, user) -> FlaskClient:
    """A second browser, signed in as ``user``."""
    browser = app.test_client()
    sign_in_directly(browser, user)
    return browser


def filled(form: MultiDict, values: dict[str, str]) -> MultiDict:
    """The form as shown with some inputs typed over."""
    form = form.copy()
    for key, value in values.items():
        form[key] = value
    return form


# A Verein's plan typed as a user would (German notation): 80 % Anteilfinanzierung of the
# zuwendungsfähige Ausgaben, own cash nach Bedarf, a donation, a Stadt grant dated by year.
TYPED = {
    "start": "01.04.2027",
    "end": "2028-12-31",
    "applied_on": "2026-12-01",
    "vat_deductible": "nein",
    "monthly-0-category": "personal",
    "monthly-0-label": "Koordination",
    "monthly-0-monthly_eur": "4.000,00",
    "monthly-0-share": "50 %",
    "monthly-0-months": "21",
    "one_off-0-category": "sach",
    "one_off-0-label": "Bewirtung Fest",
    "one_off-0-amount_eur": "1.000",
    "one_off-0-paid_on": "15.06.2028",
    "one_off-0-ineligible": "y",
    "items-0-category": "investition",
    "items-0-label": "Lastenrad",
    "items-0-unit_price_net_eur": "3.000",
    "items-0-quantity": "1",
    "items-0-paid_on": "2027-05-02",
    "sources-0-kind": "own_cash",
    "sources-0-label": "Rücklagen",
    "sources-1-kind": "donation",
    "sources-1-label": "Spendenaktion",
    "sources-1-amount_eur": "2.000",
    "sources-2-kind": "public_grant",
    "sources-2-label": "Stadt",
    "sources-2-by_year": "2027: 1.500; 2028: 1.500",
    "sources-2-status": "bewilligt",
    "term_funding_rate_max_percent": "80",
    "term_rate_base": "eligible",
    "term_own_contribution_min_percent": "10",
    "term_own_contribution_base": "eligible",
    "term_own_contribution_counts": "donation",
    "term_de_minimis": "none",
}


def with_every_term_known(values: dict[str, str]) -> dict[str, str]:
    """The typed plan with every remaining term stated (so the verdict can be "ok")."""
    known = {
        "term_funding_type": "zuschuss",
        "term_financing_type": "anteil",
        "term_subsidiarity": "none",
        "term_overhead_base": "direct",
        "term_start_rule": "after_bescheid",
        "term_in_kind_accepted": "nein",
        "term_own_staff_eligible": "ja",
        "term_fixed_amount_eur": "keine",
        "term_amount_max_eur": "100.000",
        "term_amount_min_eur": "keine",
        "term_annual_max_eur": "keine",
        "term_public_funding_cap_percent": "keine",
        "term_overhead_max_percent": "keine",
        "term_overhead_fixed_eur_per_year": "keine",
        "term_investment_max_percent": "keine",
        "term_sach_max_percent": "keine",
        "term_volunteer_work": "none",
    }
    return {**values, **known}


def saved(client, application, values: dict[str, str]) -> str:
    response = post(client, application, values)
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    return client.get(page_url(application)).get_data(as_text=True)


# ---------------------------------------------------------------------------------------------
# A new user enters a plan


def test_new_plan_page_explains_and_offers_rows(client, application):
    html = client.get(page_url(application)).get_data(as_text=True)
    assert "So erstellen Sie den Plan" in html
    assert html.count('name="weitere"') == 6
    form = plan_form(html)
    assert form["applied_on"] == "2026-11-29"
    # The profile's own funds start the financing (6.000 € declared Eigenmittel).
    assert form["sources-0-kind"] == "own_cash"
    assert form["sources-0-amount_eur"] == "6.000,00"


def test_a_new_plan_starts_with_the_co_funders_of_the_funding_mix(app, client, application):
    with app.app_context():
        again(application).planned_financing = [
            {"kind": "foundation_grant", "label": "Stiftung Mitarbeit", "programme":
             "stiftung-mitarbeit-starthilfe", "amount_eur": 500, "status": "geplant"},
            {"kind": "lotto", "label": "kaputt"},
        ]  # fmt: skip
        db.session.commit()
    form = plan_form(client.get(page_url(application)).get_data(as_text=True))
    assert form["sources-1-kind"] == "foundation_grant"
    assert form["sources-1-label"] == "Stiftung Mitarbeit"
    assert form["sources-1-amount_eur"] == "500,00"
    assert form["sources-1-status"] == "geplant"
    assert form["sources-2-label"] == ""  # the entry of an unknown kind is left out


def test_entering_a_plan_computes_the_grant_and_shows_what_each_year_needs(client, application):
    html = saved(client, application, with_every_term_known(TYPED))
    # G = 42.000 + 1.000 (not eligible) + 3.570 (gross); Zf = 45.570; 80 % = 36.456;
    # the gap: 46.570 - 5.000 - (4.557 - 2.000 + 1.000) = 37.987; so the rate binds.
    assert figure(html, "total_eur") == "46.570,00 €"
    assert figure(html, "grant_eur") == "36.456,00 €"
    assert figure(html, "own_cash_eur") == "5.114,00 €"
    assert html.count('data-figure="grant_eur"') == 1  # one grant figure on the page
    assert "Der Plan ist in Ordnung" in html
    years = html[html.index('id="haushaltsjahre"') :]
    # A Verein's own funds per year (a Kommune reads "Im Haushalt 2027 bereitzustellen").
    assert "Eigenmittel 2027:" in years
    assert "Eigenmittel 2028:" in years
    assert "Spenden und Sponsoring" in years
    assert "Andere öffentliche Förderung" in years
    for internal in ("overhead_max_percent", "volunteer_work", "own_contribution", "_eur"):
        assert internal not in re.sub(r"<[^>]+>", " ", html), internal


def test_a_kommune_reads_what_each_haushalt_must_provide(
    app, client, make_org, make_user, make_application, login
):
    app.config["TODAY"] = "2026-11-29"
    stadt = make_org("Stadt Hagen", "kommune")
    user = make_user(stadt, Role.editor)
    login(user)
    application = make_application(stadt, user, slug="stadtfonds", applicant_types=["kommune"])
    with app.app_context():
        save_budget(again(application), example("d5-one-off-years"))
        db.session.commit()
    html = client.get(page_url(application)).get_data(as_text=True)
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert "Im Haushalt 2028 bereitzustellen: 12.496,73 €" in text
    assert "Investitionen in diesem Jahr: 75.120,00 €" in text


def test_unknown_terms_are_named_and_linked_to_their_input(client, application):
    html = saved(client, application, TYPED)
    assert "Der Plan ist in Ordnung" not in html
    verdict = html[html.index('class="budget-verdict verdict-unchecked"') :][:3000]
    assert "nicht alles ist geprüft" in verdict
    # The record knows the Höchstbetrag but not the Höchstbetrag je Haushaltsjahr.
    assert "Höchstbetrag je Haushaltsjahr" in verdict
    assert 'href="#bedingung-annual_max_eur"' in verdict
    assert 'id="bedingung-annual_max_eur"' in html


def test_failing_check_links_to_the_line_to_fix(client, application):
    values = {**with_every_term_known(TYPED), "items-0-unit_price_net_eur": "3.000"}
    html = saved(client, application, values)
    item = re.search(r'data-check="inventory">(.*?)</li>', html, re.S).group(1)
    assert "„Lastenrad“ (3.000,00 € netto)" in unescape(item)
    assert 'href="#zeile-3"' in item
    assert 'id="zeile-3"' in html


def test_overfinanced_plan_names_the_excess_and_links_to_the_financing(client, application):
    values = {
        **with_every_term_known(TYPED),
        "sources-0-amount_eur": "9.000",
        "requested_eur": "36.456",
    }
    html = saved(client, application, values)
    assert checks_on_page(html, "error") == ["overfinancing"]
    item = re.search(r'data-check="overfinancing">(.*?)</li>', html, re.S).group(1)
    assert "3.886,00 €" in unescape(item)


def test_more_rows_button_keeps_input_and_adds_rows(client, application):
    response = post(client, application, TYPED, weitere="sources")
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    form = plan_form(html)
    assert form["sources-1-label"] == "Spendenaktion"
    assert "sources-5-kind" in form


@pytest.mark.parametrize(
    ("change", "field_id", "fragment"),
    [
        ({"items-0-paid_on": "01.01.2030"}, "items-0-paid_on", "außerhalb des Projektzeitraums"),
        ({"one_off-0-amount_eur": "-5"}, "one_off-0-amount_eur", "negativ"),
        ({"sources-2-by_year": "2027 1500"}, "sources-2-by_year", "Jahr: Betrag"),
        ({"sources-2-by_year": "2031: 10"}, "sources-2-by_year", "außerhalb"),
        ({"items-1-label": "Herd", "items-1-unit_price_net_eur": "100",
          "items-1-unit_group": "küche", "items-0-unit_group": "küche",
          "items-1-category": "sach"}, "items-0-unit_group", "einer Kategorie"),
        ({"monthly-0-months": "sechsunddreißig"}, "monthly-0-months", ""),
        ({"term_amount_max_eur": "viel"}, "term_amount_max_eur", "„keine“"),
    ],
)  # fmt: skip
def test_bad_input_is_kept_with_the_message_at_the_field(
    app, client, application, change, field_id, fragment
):
    response = post(client, application, {**TYPED, **change})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert fragment in field_error(html, field_id)
    form = plan_form(html)
    for key, value in change.items():
        assert form[key] == value
    with app.app_context():
        assert again(application).budget is None  # nothing stored
    # The input survives a reload (kept as a draft).
    reloaded = plan_form(client.get(page_url(application)).get_data(as_text=True))
    for key, value in change.items():
        assert reloaded[key] == value


def test_fixing_the_input_stores_the_plan_and_clears_the_draft(app, client, application):
    assert post(client, application, {**TYPED, "items-0-paid_on": "01.01.2030"}).status_code == 422
    html = saved(client, application, TYPED)
    assert "noch nicht gespeicherte Eingaben" not in html
    assert 'id="fehler"' not in html
    with app.app_context():
        stored = again(application)
        assert stored.budget_pending is None
        assert stored.budget["version"] == 2


def test_a_table_with_more_rows_than_allowed_is_refused_not_cut(client, application):
    rows = {f"one_off-{i}-label": f"Posten {i}" for i in range(501)}
    rows |= {f"one_off-{i}-amount_eur": "1" for i in range(501)}
    response = post(client, application, {**TYPED, **rows})
    assert response.status_code == 422
    assert "höchstens 500 Zeilen" in response.get_data(as_text=True)


def test_a_plan_of_three_hundred_lines_is_shown_whole(app, client, application):
    data = example("d5-one-off-years")
    data["costs"] = [
        {"category": "sach", "label": f"Posten {i}", "amount_eur": 10, "paid_on": "2027-08-01"}
        for i in range(300)
    ]
    with app.app_context():
        save_budget(again(application), data)
        db.session.commit()
    response = client.get(page_url(application))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="zeile-300"' in html
    assert plan_form(html)["one_off-299-label"] == "Posten 299"


# ---------------------------------------------------------------------------------------------
# The worked examples through the page


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_worked_examples_on_the_page_and_saved_back_unchanged(app, client, application, name):
    with app.app_context():
        save_budget(again(application), example(name))
        db.session.commit()
    want = expected(name)
    html = client.get(page_url(application)).get_data(as_text=True)
    for key in ("total_eur", "eligible_eur", "ineligible_eur", "grant_eur", "own_cash_eur"):
        assert figure(html, key) == format_eur(Decimal(str(want[key]))), key
    assert checks_on_page(html, "error") == want["errors"]
    assert checks_on_page(html, "warning") == want["warnings"]
    assert ("Der Plan ist in Ordnung" in html) == (want["verdict"] == "ok")
    # Saving the page as shown keeps every figure and finding.
    response = post(client, application, plan_form(html))
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    with app.app_context():
        result = report_to_json(stored_report(again(application)))
    # The page lists lines by how they are paid, so their order may change; nothing else does.
    key = lambda line: line["label"]  # noqa: E731
    assert sorted(result.pop("lines"), key=key) == sorted(want.pop("lines"), key=key)
    for found in (result, want):  # the messages' wording is ours (budget-dev README)
        found["checks"] = [(c["id"], c["level"]) for c in found["checks"]]
    assert {key: result[key] for key in want} == want


def test_aid_named_in_the_plan_itself_is_shown_and_linked(app, client, application):
    data = example("d1-anteil-other-funding")
    data["terms"]["de_minimis"] = "general"
    data["de_minimis_received"] = [
        {"date": "2025-06-30", "grantor": "Stadt", "amount_eur": 250000, "dawi": False}
    ]
    with app.app_context():
        save_budget(again(application), data)
        db.session.commit()
    html = client.get(page_url(application)).get_data(as_text=True)
    item = re.search(r'data-check="de_minimis">(.*?)</li>', html, re.S).group(1)
    assert 'href="#de-minimis-plan"' in item
    section = html[html.index('id="de-minimis-plan"') :][:1200]
    assert "30.06.2025: Stadt, 250.000,00 €" in section


def test_plan_of_a_programme_that_left_the_catalogue(app, client, application, catalogue_dir):
    from funding_matcher.domain.catalogue.files import load_catalogue
    from funding_matcher.operations.catalogue import sync_catalogue

    with app.app_context():
        save_budget(again(application), example("d4-fehlbedarf"))
        (catalogue_dir / "quartiersfonds.yaml").unlink()
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        db.session.commit()
    html = client.get(page_url(application)).get_data(as_text=True)
    assert figure(html, "grant_eur") == "33.600,00 €"
    assert "Das Programm steht nicht mehr im Katalog" in html
    assert post(client, application, plan_form(html)).status_code == 303


# ---------------------------------------------------------------------------------------------
# Form rows <-> budget v2 without HTTP


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_form_values_and_back_give_the_same_plan(name):
    from funding_matcher.domain.budget import check_budget

    data = example(name)
    shown = form_values(parse_budget(data))
    built = budget_from_form(shown.values, None, data)
    assert set(built.lines) == set(shown.lines)
    assert built.sources == shown.sources
    back, want = report_to_json(check_budget(built.data)), report_to_json(check_budget(data))
    # The page lists lines by how they are paid, so their order may change; nothing else does.
    key = lambda line: line["label"]  # noqa: E731
    assert sorted(back.pop("lines"), key=key) == sorted(want.pop("lines"), key=key)
    for result in (back, want):
        result["checks"] = sorted(c["id"] for c in result["checks"])
        # An unknown list of own-share kinds reads the same whether entered or left out.
        result["terms"] = {key: term["value"] for key, term in result["terms"].items()}
    assert back == want


def test_budget_from_form_skips_empty_rows_and_maps_problems_to_inputs():
    values = {
        "monthly": [{"label": "", "monthly_eur": None}, {"label": "Leitung", "months": 12}],
        "one_off": [{"category": "sach", "label": "Miete", "amount_eur": Decimal("100.5")}],
        "sources": [{"kind": "donation", "label": ""}, {"kind": "income", "label": "Beiträge"}],
        "start": date(2027, 1, 1),
    }
    built = budget_from_form(values, "p", None)
    assert [line["label"] for line in built.data["costs"]] == ["Leitung", "Miete"]
    assert built.data["costs"][1]["amount_eur"] == 100.5
    assert built.input_name("costs[0].monthly_eur") == "monthly-1-monthly_eur"
    assert built.input_name("costs[1]") == "one_off-0-amount_eur"
    assert built.input_name("costs[1].eligible") == "one_off-0-ineligible"
    assert built.input_name("financing.sources[0].by_year.2031") == "sources-1-by_year"
    assert built.input_name("period.end") == "end"
    assert built.input_name("terms.volunteer_work.max_percent") == "volunteer_max_percent"
    assert built.input_name("costs[7].label") is None


# ---------------------------------------------------------------------------------------------
# Roles, organisations, and the one requested amount


def test_viewer_reads_the_plan_but_cannot_save(app, org, make_user, application):
    with app.app_context():
        save_budget(again(application), example("d3-own-share-donations"))
        db.session.commit()
    client = signed_in(app, make_user(org, Role.viewer))
    response = client.get(page_url(application))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="plan"' not in html
    assert figure(html, "grant_eur") == "28.500,00 €"
    assert 'id="zeile-1"' in html
    assert post(client, application, TYPED).status_code == 403
    assert client.get(f"/antraege/{application.id}/de-minimis-erklaerung").status_code == 200


def test_other_organisation_gets_404(app, make_org, make_user, application):
    client = signed_in(app, make_user(make_org("Andere Stadt", "kommune"), Role.owner))
    assert client.get(page_url(application)).status_code == 404
    assert post(client, application, TYPED).status_code == 404
    assert client.get(f"/antraege/{application.id}/de-minimis-erklaerung").status_code == 404
    assert client.get("/antraege/999999/finanzplan").status_code == 404


def test_the_requested_amount_is_the_plans_grant_everywhere(app, client, application):
    html = client.get(f"/antraege/{application.id}").get_data(as_text=True)
    assert "Noch kein Plan erfasst." in html
    # Before a plan: the profile's 60.000 € minus 6.000 € Eigenmittel, at most the programme's
    # 80 % of the costs (48.000 €, as the results say "Höchstens für dieses Projekt"), labelled.
    assert "Beantragt: 48.000,00 € – vorläufig (ohne Finanzplan)" in html
    with app.app_context():
        save_budget(again(application), example("d3-own-share-donations"))
        db.session.commit()
    html = client.get(f"/antraege/{application.id}").get_data(as_text=True)
    section = html[html.index('id="finanzplan"') :][:800]
    assert "28.500,00 €" in section
    assert "Beantragt: 28.500,00 €" in html
    assert "vorläufig" not in html
    listing = client.get("/antraege/").get_data(as_text=True)
    assert "28.500,00 €" in listing
    dashboard = client.get("/").get_data(as_text=True)
    assert "28.500,00 €" in dashboard


def test_a_plan_with_errors_leaves_the_profile_figure(app, client, application):
    with app.app_context():
        save_budget(again(application), example("d8-ineligible-not-own-share"))
        db.session.commit()
        stored = again(application)
        assert stored.requested_source == "profil"
        assert stored.requested_eur == Decimal("48000.00")  # 54.000 € need, 80 % of 60.000 €


# ---------------------------------------------------------------------------------------------
# De-minimis register and Erklärung


def test_register_add_list_delete(app, client, org, application):
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
    with app.app_context():
        aid = loaded(db.session.scalars(db.select(DeMinimisAidRow)).one())
    response = client.post(f"/organisation/de-minimis/{aid.id}/loeschen")
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalars(db.select(DeMinimisAidRow)).all() == []


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"grantor": "Land", "amount_eur": "10"}, "granted_on", "Datum"),
        ({"granted_on": "2025-01-01", "amount_eur": "10"}, "grantor", "Beihilfegeber"),
        ({"granted_on": "2025-01-01", "grantor": "Land", "amount_eur": "-5"}, "amount_eur", "0"),
        ({"granted_on": "2025-01-01", "grantor": "Land", "amount_eur": "1e20"}, "amount_eur", ""),
    ],
)
def test_register_bad_input_is_named(app, client, application, data, field, message):
    response = client.post("/organisation/de-minimis", data=data)
    assert response.status_code == 422
    assert message in field_error(response.get_data(as_text=True), field)
    with app.app_context():
        assert db.session.scalars(db.select(DeMinimisAidRow)).all() == []


def test_register_feeds_the_check_of_every_plan(client, org, application):
    plan = {**TYPED, "term_de_minimis": "general"}
    post(client, application, plan)
    html = client.get(page_url(application)).get_data(as_text=True)
    assert "de_minimis" not in checks_on_page(html, "error")
    client.post(
        "/organisation/de-minimis",
        data={"granted_on": "2025-03-01", "grantor": "Land NRW", "amount_eur": "270.000"},
    )
    html = client.get(page_url(application)).get_data(as_text=True)
    assert checks_on_page(html, "error") == ["de_minimis"]
    item = re.search(r'data-check="de_minimis">(.*?)</li>', html, re.S).group(1)
    assert "306.456,00 €" in unescape(item)  # 270.000 + 36.456
    assert 'href="/organisation/de-minimis"' in item
    assert "de_minimis" in checks_on_page(html, "notice")


def test_register_is_per_organisation_and_editors_only(
    app, client, org, make_org, make_user, application
):
    other = make_org("Andere Stadt", "kommune")
    with app.app_context():
        foreign = add_register_aid(again(other), date(2025, 1, 1), "Fremd", Decimal("1000"))
        db.session.commit()
        foreign_id = foreign.id
    assert "Fremd" not in client.get("/organisation/de-minimis").get_data(as_text=True)
    assert client.post(f"/organisation/de-minimis/{foreign_id}/loeschen").status_code == 404
    client = signed_in(app, make_user(org, Role.viewer))
    html = client.get("/organisation/de-minimis").get_data(as_text=True)
    assert "Beihilfe eintragen" not in html
    response = client.post(
        "/organisation/de-minimis",
        data={"granted_on": "2025-01-01", "grantor": "Land", "amount_eur": "10"},
    )
    assert response.status_code == 403
    with app.app_context():
        own = add_register_aid(again(org), date(2025, 1, 1), "Eigen", Decimal("1000"))
        db.session.commit()
        own_id = own.id
    assert client.post(f"/organisation/de-minimis/{own_id}/loeschen").status_code == 403


def test_declaration_lists_the_aid_and_the_grant(app, client, org, application):
    with app.app_context():
        add_register_aid(again(org), date(2025, 3, 1), "Land NRW", Decimal("150000"))
        add_register_aid(again(org), date(2022, 3, 1), "Zu alt", Decimal("99"))
        db.session.commit()
    post(client, application, {**TYPED, "term_de_minimis": "general"})
    response = client.get(f"/antraege/{application.id}/de-minimis-erklaerung")
    html = response.get_data(as_text=True)
    assert "De-minimis-Erklärung" in html
    assert "Nachbarn e. V." in html
    assert "Land NRW" in html
    assert "Zu alt" not in html
    assert "36.456,00 €" in html
    assert "186.456,00 €" in html
    assert "2023/2831" in html
    assert "budget.css" in html
    text = client.get(f"/antraege/{application.id}/de-minimis-erklaerung?format=txt")
    assert text.mimetype == "text/plain"
    assert "attachment" in text.headers["Content-Disposition"]
    body = text.get_data(as_text=True)
    assert "De-minimis-Erklärung (Entwurf)" in body
    assert "Land NRW" in body


def test_declaration_without_a_plan_uses_the_register_and_today(app, client, org, application):
    with app.app_context():
        add_register_aid(again(org), date(2025, 3, 1), "Land NRW", Decimal("1500"))
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
    from tests.web.test_browser import sign_in

    organisation = make_org("Nachbarn e. V.", "verein")
    user = make_user(organisation, Role.editor)
    application = make_application(organisation, user, slug="quartiersfonds")
    sign_in(page, live_server, user.email)
    page.goto(f"{live_server}/antraege/{application.id}")
    page.get_by_role("link", name="Kosten- und Finanzierungsplan bearbeiten").click()

    page.get_by_label("Beginn des Vorhabens").fill("2027-04-01")
    page.get_by_label("Ende des Vorhabens").fill("2028-12-31")
    page.get_by_label("Vorsteuerabzugsberechtigt").select_option("nein")
    page.get_by_label("Laufende Ausgabe 1: Stelle / Ausgabe").fill("Koordination")
    page.get_by_label("Laufende Ausgabe 1: Monatsbetrag in Euro").fill("4.000,00")
    page.get_by_label("Laufende Ausgabe 1: Stellenanteil").fill("50 %")
    page.get_by_label("Laufende Ausgabe 1: Monate").fill("21")
    page.get_by_label("Anschaffung 1: Gegenstand").fill("Lastenrad")
    page.get_by_label("Anschaffung 1: Stückpreis netto in Euro").fill("3.000")
    page.get_by_label("Anschaffung 1: Zahlung am").fill("2027-05-02")
    page.get_by_label("Finanzierungsquelle 1: Betrag in Euro").fill("")
    page.get_by_label("Finanzierungsquelle 2: Art").select_option("donation")
    page.get_by_label("Finanzierungsquelle 2: Geldgeber / Bezeichnung").fill("Spendenaktion")
    page.get_by_label("Finanzierungsquelle 2: Betrag in Euro").fill("2.000")
    page.get_by_label("Höchstfördersatz in Prozent").fill("80")
    page.get_by_role("button", name="Speichern und prüfen").first.click()

    # The record's 20 % Mindesteigenanteil (own cash only, 9.114 €) leaves 45.570 - 2.000 - 9.114.
    assert page.locator('[data-figure="grant_eur"]').inner_text() == "34.456,00 €"
    assert "nicht alles ist geprüft" in page.locator("#ergebnis").inner_text()
    check_accessibility(page)
    inventory = page.locator('[data-check="inventory"]')
    inventory.get_by_role("link", name="Zur Zeile 2").click()
    assert page.url.endswith("#zeile-2")
    page.get_by_label("Anschaffung 1: Zahlung am").fill("2030-01-01")
    page.get_by_role("button", name="Speichern und prüfen").first.click()

    # Invalid input stays where it was typed, with the message at the field.
    assert page.get_by_label("Anschaffung 1: Zahlung am").input_value() == "2030-01-01"
    assert page.locator("#items-0-paid_on-error").is_visible()
    check_accessibility(page)
    page.get_by_label("Anschaffung 1: Zahlung am").fill("2027-05-02")
    page.get_by_role("button", name="Speichern und prüfen").first.click()
    page.locator("#haushaltsjahre").wait_for()  # the answer to the post, not the page before it
    assert page.locator("#haushaltsjahre").is_visible()
    assert "Eigenmittel 2027:" in page.locator("#ergebnis").inner_text()
    page.locator("#ergebnis").scroll_into_view_if_needed()
    screenshot(page, "budget", tmp_path)
