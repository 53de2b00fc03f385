"""Filters and globals for the templates (German formats, the organisation switcher)."""

from __future__ import annotations

from functools import partial

from flask import Flask
from flask_login import current_user

from funding_matcher.domain import german, taxonomy
from funding_matcher.domain.matching.amounts import rate_text
from funding_matcher.domain.matching.standing import UNCLEAR_NOTE
from funding_matcher.models import Role
from funding_matcher.web.access import all_access, current_membership
from funding_matcher.web.auth_forms import SwitchOrganisationForm
from funding_matcher.web.clients import own_consultancy

# The template filters are the domain's German formats; only the text for a missing value differs
# ("unbekannt" where the catalogue or the profile has no figure, "–" where none applies).
FILTERS = {
    "eur": partial(german.format_whole_eur, missing=german.UNKNOWN),
    "percent": partial(german.format_percent, missing=german.UNKNOWN),
    "de_date": partial(german.format_date, missing=german.UNKNOWN),
    "eur_cents": german.format_eur,
    "exact_percent": german.format_percent,
    "exact_number": german.format_number,
    "de_datetime": german.format_datetime,
    # A programme's rate as its card says it ("50 % in der Regel, bis 90 % als Ausnahme").
    "rate": lambda programme: rate_text(programme) or german.UNKNOWN,
}


def register(app: Flask) -> None:
    app.jinja_env.filters.update(FILTERS)
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
