"""The organisation page: members and their roles; only owners change anything."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import Membership, Role
from funding_matcher.operations import accounts as account_ops
from funding_matcher.web.access import current_organisation, member_required, owned_or_404
from funding_matcher.web.forms import apply_problems
from funding_matcher.web.organisation_forms import AddMemberForm, RoleForm
from funding_matcher.web.projects_forms import ConfirmForm

bp = Blueprint("organisation", __name__, url_prefix="/organisation")


def _page(form: AddMemberForm, status: int = 200):
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
    user = account_ops.find_user(form.email.data)
    try:
        if user is None:
            user = account_ops.create_user(
                form.email.data, form.password.data or "", form.name.data or ""
            )
        account_ops.add_member(user, current_organisation(), Role(form.role.data))
    except InvalidData as exc:
        db.session.rollback()
        apply_problems(form, exc)
        return _page(form, 422)
    db.session.commit()
    flash(f"{user.email} gehört jetzt zur Organisation.", "success")
    return redirect(url_for("organisation.index"))


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
