"""The Papierkorb page, and the one confirmation every deletion asks for."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from wtforms import HiddenField
from wtforms.validators import AnyOf

from funding_matcher.domain.errors import InvalidData
from funding_matcher.models import Role, TrashEntry
from funding_matcher.operations.trash import (
    KINDS,
    RETENTION_DAYS,
    organisation_trash,
    restorable_until,
    restore,
)
from funding_matcher.web.access import current_membership, member_required, owned_or_404
from funding_matcher.web.day import today
from funding_matcher.web.forms import CsrfForm, GermanForm
from funding_matcher.web.transaction import discard_changes

bp = Blueprint("trash", __name__, url_prefix="/organisation/papierkorb")


class DeleteForm(GermanForm):
    """The confirmation of a deletion: only the confirmation page sends ``ja``."""

    confirmed = HiddenField(validators=[AnyOf(["ja"], message="Bitte die Löschung bestätigen.")])


def confirmed_or_page(what: str, details: list[str], cancel_url: str, button: str = ""):
    """None when this POST carries the confirmation; else the page that asks for it (a click
    on a delete button without it lands there, nothing is deleted yet)."""
    form = DeleteForm()
    if request.method == "POST" and form.validate_on_submit():
        return None
    return render_template(
        "trash/confirm.html",
        what=what,
        details=details,
        cancel_url=cancel_url,
        form=DeleteForm(formdata=None, confirmed="ja"),
        button=button or "Ja, in den Papierkorb legen",
        days=RETENTION_DAYS,
    )


def _role_for(entry: TrashEntry) -> Role:
    return Role.owner if entry.kind == "member" else Role.editor


@bp.route("/")
@member_required()
def index():
    membership = current_membership()
    entries = organisation_trash(membership.organisation)
    return render_template(
        "trash/index.html",
        entries=entries,
        kinds=KINDS,
        until=restorable_until,
        can_restore={e.id: membership.role.at_least(_role_for(e)) for e in entries},
        form=CsrfForm(),
        days=RETENTION_DAYS,
    )


@bp.route("/<int:entry_id>/wiederherstellen", methods=["POST"])
@member_required(Role.editor)
def restore_entry(entry_id: int):
    entry = owned_or_404(TrashEntry, entry_id)
    if not current_membership().role.at_least(_role_for(entry)):
        abort(403)
    if not CsrfForm().validate_on_submit():
        abort(400)
    label = f"{KINDS[entry.kind]} „{entry.label}“"
    try:
        where = restore(entry, today())
    except InvalidData as exc:
        discard_changes()
        flash(exc.problems[0].message, "error")
        return redirect(url_for("trash.index")), 303
    flash(f"{label} wiederhergestellt.", "success")
    return redirect(where), 303
