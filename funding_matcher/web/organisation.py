"""The organisation page: members and their roles; only owners change anything."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import Invitation, Membership, Role
from funding_matcher.operations import accounts as account_ops
from funding_matcher.operations.invitations import invite, pending_invitations, withdraw
from funding_matcher.web.access import current_organisation, member_required, owned_or_404
from funding_matcher.web.forms import apply_problems
from funding_matcher.web.invitations import send_invitation
from funding_matcher.web.organisation_forms import AddMemberForm, RoleForm
from funding_matcher.web.projects_forms import ConfirmForm

bp = Blueprint("organisation", __name__, url_prefix="/organisation")


def _page(form: AddMemberForm, status: int = 200, sent: tuple[str, str] | None = None):
    organisation = current_organisation()
    members = account_ops.organisation_members(organisation)
    role_forms = {m.id: RoleForm(formdata=None, role=m.role.value) for m in members}
    return render_template(
        "organisation/index.html",
        organisation=organisation,
        members=members,
        form=form,
        role_forms=role_forms,
        confirm_form=ConfirmForm(formdata=None),
        invitations=pending_invitations(organisation),
        sent=sent,
    ), status


@bp.route("/")
@member_required()
def index():
    return _page(AddMemberForm(formdata=None))


@bp.route("/mitglieder", methods=["POST"])
@member_required(Role.owner)
def add_member():
    form = AddMemberForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        invitation, token = invite(
            current_organisation(), form.email.data, Role(form.role.data), current_user
        )
    except InvalidData as exc:
        db.session.rollback()
        apply_problems(form, exc)
        return _page(form, 422)
    db.session.commit()
    # The link goes by e-mail only: shown here, the inviter could use it to create the
    # invitee's account with a password of their choosing (and so take over the address).
    outcome = send_invitation(invitation, token)
    # The same answer whether or not the address has an account: nothing is revealed.
    return _page(AddMemberForm(formdata=None), 201, sent=(invitation.email, outcome))


def _owner_action(change, done: str):
    """Run a membership change; a broken rule (last owner) becomes a message, not an error."""
    try:
        change()
    except InvalidData as exc:
        db.session.rollback()
        flash(exc.problems[0].message, "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("organisation.index"))


@bp.route("/mitglieder/<int:membership_id>/rolle", methods=["POST"])
@member_required(Role.owner)
def change_role(membership_id: int):
    membership = owned_or_404(Membership, membership_id, Role.owner)
    form = RoleForm()
    if not form.validate_on_submit():
        return redirect(url_for("organisation.index"))
    return _owner_action(
        lambda: account_ops.change_role(membership, Role(form.role.data)), "Rolle geändert."
    )


@bp.route("/mitglieder/<int:membership_id>/entfernen", methods=["POST"])
@member_required(Role.owner)
def remove(membership_id: int):
    membership = owned_or_404(Membership, membership_id, Role.owner)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("organisation.index"))
    return _owner_action(lambda: account_ops.remove_member(membership), "Mitglied entfernt.")


@bp.route("/einladungen/<int:invitation_id>/zurueckziehen", methods=["POST"])
@member_required(Role.owner)
def withdraw_invitation(invitation_id: int):
    invitation = owned_or_404(Invitation, invitation_id, Role.owner)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    withdraw(invitation)
    db.session.commit()
    flash("Einladung zurückgezogen.", "success")
    return redirect(url_for("organisation.index")), 303
