"""New organisations in the browser, and a consultancy's clients with an overview across them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import Organisation, Role
from funding_matcher.operations.accounts import membership_of
from funding_matcher.operations.client_overview import across_clients, client_summary
from funding_matcher.operations.clients import (
    CONSULTANCY,
    access_to,
    clients_of,
    create_client_or_organisation,
)
from funding_matcher.web.access import current_membership, switch_organisation
from funding_matcher.web.clients_forms import NewOrganisationForm
from funding_matcher.web.clock import today
from funding_matcher.web.forms import apply_problems
from funding_matcher.web.transaction import discard_changes

bp = Blueprint("clients", __name__)


def own_consultancy() -> Organisation | None:
    """The consultancy the person belongs to that the current organisation is or is a client
    of; None for a client's own people (they never see the other clients)."""
    membership = current_membership()
    if membership is None:
        return None
    organisation = membership.organisation
    if organisation.kind != CONSULTANCY and organisation.consultancy is not None:
        organisation = organisation.consultancy
    if organisation.kind != CONSULTANCY or membership_of(current_user, organisation.id) is None:
        return None
    return organisation


def _consultancy_choices(form: NewOrganisationForm) -> None:
    consultancy = own_consultancy()
    standing = access_to(current_user, consultancy.id) if consultancy else None
    options = []
    if standing is not None and standing.role.at_least(Role.editor):
        options.append((str(consultancy.id), f"{consultancy.name} (als Mandant)"))
    options.append(("", "niemand (eigenständige Organisation)"))
    form.consultancy.choices = options


@bp.route("/organisationen/neu", methods=["GET", "POST"])
@login_required
def new():
    form = NewOrganisationForm()
    _consultancy_choices(form)
    if form.validate_on_submit():
        consultancy = db.session.get(Organisation, int(form.consultancy.data or 0) or -1)
        try:
            organisation = create_client_or_organisation(
                current_user, form.name.data, form.kind.data, form.state.data, consultancy
            )
        except InvalidData as exc:
            discard_changes()
            apply_problems(form, exc)
        else:
            switch_organisation(organisation.id)
            flash(
                f"„{organisation.name}“ ist angelegt; Sie arbeiten jetzt für diese Organisation "
                "(Rolle Verwalten). Laden Sie hier die Personen der Organisation ein.",
                "success",
            )
            return redirect(url_for("organisation.index", org=organisation.id)), 303
    status = 422 if form.is_submitted() else 200
    return render_template("clients/new.html", form=form), status


def overview_context(consultancy: Organisation) -> dict:
    """What the Mandanten page and the consultancy's dashboard show of all clients."""
    day = today()
    summaries = [client_summary(c, day) for c in clients_of(consultancy)]
    return {
        "consultancy": consultancy,
        "summaries": summaries,
        "across": across_clients(summaries),
        "today": day,
        "can_create": access_to(current_user, consultancy.id).role.at_least(Role.editor),
    }


@bp.route("/mandanten/")
@login_required
def overview():
    consultancy = own_consultancy()
    if consultancy is None:
        abort(404)
    return render_template("clients/overview.html", **overview_context(consultancy))
