"""The wizard's budget step with the costs by type: the form field by field, then the pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from werkzeug.datastructures import MultiDict

from funding_matcher.extensions import db
from funding_matcher.models import ProjectProfile, Role
from funding_matcher.web.wizard_forms import FinanceStep
from tests.conftest import loaded, running_app
from tests.web.test_wizard import STEP1, STEP2, STEP3

SPLIT = {"costs_personal_eur": "40.000", "costs_sach_eur": "12.500,50", "costs_investiv_eur": ""}


def finance_form(app, **values: str) -> FinanceStep:
    with app.test_request_context(method="POST"):
        form = FinanceStep(formdata=MultiDict(values), meta={"csrf": False})
        form.validate()
        return form


def test_the_costs_by_type_read_german_amounts(app):
    form = finance_form(app, budget_total_eur="52.500,50", **SPLIT)
    assert form.errors == {}
    assert form.cost_split() == {"personal": Decimal("40000"), "sach": Decimal("12500.50")}


def test_costs_by_type_that_miss_the_total_get_the_message_under_the_last_of_them(app):
    form = finance_form(app, budget_total_eur="60.000", **SPLIT)
    assert form.errors == {
        "costs_investiv_eur": [
            "Die Kosten nach Art ergeben 52.500,50 €, das Gesamtbudget ist 60.000,00 €."
        ]
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "Bitte einen Betrag ab 0 angeben."),
        ("1.2345", "Höchstens zwei Nachkommastellen (Cent)."),
        ("viel", "Bitte einen Betrag in Euro angeben, z. B. 12.500,00."),
    ],
)
def test_a_bad_amount_by_type_is_named_at_its_field(app, value, message):
    form = finance_form(app, costs_sach_eur=value)
    assert list(form.errors) == ["costs_sach_eur"]
    assert form.errors["costs_sach_eur"][0] == message


def test_without_a_total_the_own_funds_are_checked_against_the_costs_by_type(app):
    form = finance_form(app, own_funds_eur="60.000", **SPLIT)
    assert form.errors == {"own_funds_eur": ["Die Eigenmittel sind höher als die Gesamtkosten."]}
    assert finance_form(app, own_funds_eur="5.000", **SPLIT).errors == {}


@pytest.fixture
def editor(client, login, make_org, make_user):
    user = make_user(make_org("Verein Nachbarn"), Role.editor)
    login(user)
    return user


def only_project() -> ProjectProfile:
    with running_app().app_context():
        return loaded(db.session.scalars(db.select(ProjectProfile)).one())


def test_the_budget_step_stores_the_split_with_its_total_and_cost_types(client, editor):
    client.post("/projekte/neu", data=STEP1)
    project = only_project()
    client.post(f"/projekte/{project.id}/schritt/2", data=STEP2)
    step3 = {**STEP3, "budget_total_eur": "", "cost_types": ["sach"], **SPLIT}
    response = client.post(f"/projekte/{project.id}/schritt/3", data=step3)
    assert response.status_code == 302
    data = only_project().data
    assert data["costs_by_type_eur"] == {"personal": 40000.0, "sach": 12500.5}
    assert data["budget_total_eur"] == 52500.5
    assert data["cost_types"] == ["sach", "personal"]
    page = client.get(f"/projekte/{project.id}/schritt/3").get_data(as_text=True)
    assert 'value="12.500,50"' in page
    assert 'value="52.500,50"' in page
    review = client.get(f"/projekte/{project.id}/pruefen").get_data(as_text=True)
    assert "Noch nicht vollständig" not in review
    assert "Kosten nach Art" in review
    # Emptied again: the split is gone, the total stays as typed.
    cleared = {**STEP3, "costs_personal_eur": "", "costs_sach_eur": ""}
    client.post(f"/projekte/{project.id}/schritt/3", data=cleared)
    assert "costs_by_type_eur" not in only_project().data


def test_a_split_that_misses_the_total_is_shown_next_to_the_field_and_kept(client, editor):
    client.post("/projekte/neu", data=STEP1)
    project = only_project()
    response = client.post(f"/projekte/{project.id}/schritt/3", data={**STEP3, **SPLIT})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    message = "Die Kosten nach Art ergeben 52.500,50 €, das Gesamtbudget ist 60.000,00 €."
    assert f'<p class="error" id="costs_investiv_eur-error">{message}</p>' in page
    assert 'href="#costs_investiv_eur">davon Investitionen:' in page
    assert 'value="12.500,50"' in page
    assert "costs_by_type_eur" not in only_project().data
