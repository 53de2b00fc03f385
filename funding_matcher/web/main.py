"""Start page: the organisation's dashboard (Übersicht)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.operations.accounts import has_any_user
from funding_matcher.operations.calendar import organisation_dates, status_rows
from funding_matcher.operations.catalogue import count_matchable_programmes, find_programme
from funding_matcher.operations.invitations import open_invitations_for
from funding_matcher.operations.watchlist import changes_for, watched
from funding_matcher.web.access import current_membership
from funding_matcher.web.clients import overview_context, own_consultancy
from funding_matcher.web.clock import today
from funding_matcher.web.forms import CsrfForm

bp = Blueprint("main", __name__)

UPCOMING = 8


@bp.route("/")
def index():
    if not current_user.is_authenticated:
        if not has_any_user():
            return redirect(url_for("auth.setup"))
        return render_template("main/welcome.html")
    membership = current_membership()
    context = {
        "membership": membership,
        "programme_count": count_matchable_programmes(),
        "invitations": open_invitations_for(current_user),
        "csrf_form": CsrfForm(),
    }
    if membership is not None:
        context.update(_dashboard(membership.organisation))  # reads only
        consultancy = own_consultancy()
        if consultancy is not None and consultancy.id == membership.organisation_id:
            # A consultancy's work is its clients': their overview is its dashboard.
            context["clients"] = overview_context(consultancy)
    return render_template("main/index.html", **context)


def _dashboard(organisation) -> dict:
    day = today()
    dates = organisation_dates(organisation, day)
    rows = status_rows(organisation)
    counts = {row.status: row.count for row in rows}
    decided = counts.get("bewilligt", 0) + counts.get("abgelehnt", 0)
    watch_rows = watched(organisation)
    return {
        "upcoming": [d for d in dates if d.day >= day][:UPCOMING],
        "at_risk": [d for d in dates if d.at_risk and d.kind == "milestone"],
        "status_rows": [(STATUSES.get(row.status, row.status), row) for row in rows],
        "success_rate": (counts.get("bewilligt", 0) / decided * 100) if decided else None,
        "watched": [(row, find_programme(row.programme_slug)) for row in watch_rows],
        "changes": [
            change
            for row in watch_rows
            for change in changes_for([row.programme_slug], since=row.created_at)
        ][:10],
        "has_applications": bool(rows),
        "csrf_form": CsrfForm(),
    }
