"""Filters and globals for the templates (German formats, the organisation switcher)."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask_login import current_user

from funding_matcher.domain import taxonomy
from funding_matcher.models import Role
from funding_matcher.operations.accounts import memberships
from funding_matcher.web.access import current_membership
from funding_matcher.web.auth_forms import SwitchOrganisationForm


def format_eur(value: float | None) -> str:
    """1234567.5 -> '1.234.568 €'."""
    if value is None:
        return "unbekannt"
    return f"{value:,.0f} €".replace(",", ".")


def format_percent(value: float | None) -> str:
    """90.0 -> '90 %'."""
    return "unbekannt" if value is None else f"{value:g} %".replace(".", ",")


def format_date(value: date | str | None) -> str:
    if value is None:
        return "unbekannt"
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return value.strftime("%d.%m.%Y")


def register(app: Flask) -> None:
    app.jinja_env.filters["eur"] = format_eur
    app.jinja_env.filters["de_date"] = format_date
    app.jinja_env.filters["percent"] = format_percent
    app.jinja_env.globals["label"] = taxonomy.label
    app.jinja_env.globals["labels"] = taxonomy.labels
    app.jinja_env.globals["Role"] = Role

    @app.context_processor
    def account_context() -> dict:
        if not current_user.is_authenticated:
            return {"current_membership": None, "all_memberships": []}
        return {
            "current_membership": current_membership(),
            "all_memberships": memberships(current_user),
            "switch_form": SwitchOrganisationForm(formdata=None),
        }
