"""Filters and globals for the templates (German formats, the organisation switcher)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask import Flask
from flask_login import current_user

from funding_matcher.domain import money, taxonomy
from funding_matcher.domain.matching.standing import UNCLEAR_NOTE
from funding_matcher.domain.moments import local_moment
from funding_matcher.models import Role
from funding_matcher.web.access import all_access, current_membership
from funding_matcher.web.auth_forms import SwitchOrganisationForm
from funding_matcher.web.clients import own_consultancy


def format_eur(value: float | None) -> str:
    """1234567.5 -> '1.234.568 €'."""
    if value is None:
        return "unbekannt"
    return f"{value:,.0f} €".replace(",", ".")


def format_percent(value: float | None) -> str:
    """90.0 -> '90 %'."""
    return "unbekannt" if value is None else f"{value:g} %".replace(".", ",")


def format_eur_cents(value: Decimal | float | None) -> str:
    """Decimal('12345.6') -> '12.345,60 €'; None -> '–' (the domain's one money format)."""
    return "–" if value is None else money.format_eur(Decimal(str(value)))


def format_exact_percent(value: Decimal | None) -> str:
    """A computed percentage as the domain prints it: 66,67 %; "–" when it has no value."""
    return "–" if value is None else money.format_percent(value)


def format_exact_number(value: Decimal | None) -> str:
    """A German number without trailing zeros: 1.200 or 7,5; "–" when it has no value."""
    return "–" if value is None else money.format_number(value)


def format_datetime(value: datetime | None) -> str:
    """A moment in German local time, e.g. 29.11.2026, 14:05 Uhr."""
    return "–" if value is None else f"{local_moment(value)} Uhr"


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
    app.jinja_env.filters["eur_cents"] = format_eur_cents
    app.jinja_env.filters["exact_percent"] = format_exact_percent
    app.jinja_env.filters["exact_number"] = format_exact_number
    app.jinja_env.filters["de_datetime"] = format_datetime
    app.jinja_env.globals["label"] = taxonomy.label
    app.jinja_env.globals["labels"] = taxonomy.labels
    app.jinja_env.globals["Role"] = Role
    app.jinja_env.globals["unclear_note"] = UNCLEAR_NOTE

    @app.context_processor
    def account_context() -> dict:
        if not current_user.is_authenticated:
            return {"current_membership": None, "all_memberships": []}
        return {
            "current_membership": current_membership(),
            "all_memberships": all_access(),
            "switch_form": SwitchOrganisationForm(formdata=None),
            "consultancy_nav": own_consultancy() is not None,
        }
