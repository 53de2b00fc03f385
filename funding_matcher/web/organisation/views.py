"""The organisation page: members and their roles; only owners change anything."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from funding_matcher.domain.errors import InvalidData
from funding_matcher.models import Invitation, Membership, Role
from funding_matcher.operations import accounts as account_ops
from funding_matcher.operations.clients import consultancy_people
from funding_matcher.operations.invitations import invite, pending_invitations, withdraw
from funding_matcher.operations.trash import trash_mandate, trash_member
from funding_matcher.web.access import current_organisation, member_required, owned_or_404
from funding_matcher.web.clients_forms import OrganisationDetailsForm
from funding_matcher.web.clock import today
from funding_matcher.web.forms import CsrfForm, apply_problems
from funding_matcher.web.invitations import send_invitation
from funding_matcher.web.organisation.forms import AddMemberForm, RoleForm
from funding_matcher.web.transaction import commit_now, discard_changes
from funding_matcher.web.trash import confirmed_or_page

bp = Blueprint("organisation", __name__, url_prefix="/organisation")


def _page(
    form: AddMemberForm,
    status: int = 200,
    sent: tuple[str, str] | None = None,
    details_form: OrganisationDetailsForm | None = None,
):
    organisation = current_organisation()
    members = account_ops.organisation_members(organisation)
    role_forms = {m.id: RoleForm(formdata=None, role=m.role.value) for m in members}
    return render_template(
        "organisation/index.html",
        organisation=organisation,
        members=members,
        form=form,
        role_forms=role_forms,
        csrf_form=CsrfForm(formdata=None),
        details_form=details_form
        or OrganisationDetailsForm(
            formdata=None, kind=organisation.kind, state=organisation.state or ""
        ),
        invitations=pending_invitations(organisation),
        sent=sent,
        consultancy_people=consultancy_people(organisation),
        may_end_mandate=_may_end_mandate(),
    ), status


def _may_end_mandate() -> bool:
    """Only the client's own owners end its consultancy's access."""
    organisation = current_organisation()
    own = account_ops.membership_of(current_user, organisation.id)
    return organisation.consultancy is not None and own is not None and own.role is Role.owner


@bp.route("/")
@member_required()
def index():
    return _page(AddMemberForm(formdata=None))


@bp.route("/angaben", methods=["POST"])
@member_required(Role.owner)
def save_details():
    """Kind and Land of the organisation (the catalogue and the wizard start from the Land)."""
    form = OrganisationDetailsForm()
    if not form.validate_on_submit():
        return _page(AddMemberForm(formdata=None), 422, details_form=form)
    organisation = current_organisation()
    organisation.kind = form.kind.data
    organisation.state = form.state.data or None
    flash("Angaben der Organisation gespeichert.", "success")
    return redirect(url_for("organisation.index")), 303


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
        discard_changes()
        apply_problems(form, exc)
        return _page(form, 422)
    commit_now()  # the invitation is stored before its e-mail leaves
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
        discard_changes()
        flash(exc.problems[0].message, "error")
    else:
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


@bp.route("/mitglieder/<int:membership_id>/entfernen", methods=["GET", "POST"])
@member_required(Role.owner)
def remove(membership_id: int):
    """Asks once; the person loses access at once and can be put back from the Papierkorb."""
    membership = owned_or_404(Membership, membership_id, Role.owner)
    page = confirmed_or_page(
        f"Mitglied {membership.user.email} ({membership.role.label})",
        ["Die Person verliert sofort den Zugang zu dieser Organisation; ihr Konto bleibt."],
        url_for("organisation.index"),
        "Ja, Mitglied entfernen",
    )
    if page is not None:
        return page
    return _owner_action(
        lambda: trash_member(membership, current_user, today()),
        "Mitglied entfernt; im Papierkorb lässt es sich 30 Tage lang wieder aufnehmen.",
    )


@bp.route("/beratung/beenden", methods=["GET", "POST"])
@member_required(Role.owner)
def end_mandate():
    """A client's owner ends its consultancy's access: asks once, restorable for 30 days."""
    organisation = current_organisation()
    if not _may_end_mandate():
        abort(403 if organisation.consultancy is not None else 404)
    consultancy = organisation.consultancy
    people = [
        f"{m.user.name or m.user.email} ({m.role.label})"
        for m in consultancy_people(organisation)
        if m.user_id != current_user.id
    ]
    page = confirmed_or_page(
        f"Zugang der Beratung {consultancy.name} zu {organisation.name}",
        [
            "Diese Personen der Beratung verlieren sofort den Zugang: " + "; ".join(people) + "."
            if people
            else "Die Beratung hat zurzeit keine Mitglieder.",
            "Alle Daten bleiben hier: Projekte, Anträge, Termine und Ihre eigenen Mitglieder.",
        ],
        url_for("organisation.index"),
        "Ja, Zugang beenden",
        "Zugang der Beratung beenden?",
    )
    if page is not None:
        return page
    return _owner_action(
        lambda: trash_mandate(organisation, current_user, today()),
        f"Die Beratung {consultancy.name} hat keinen Zugang mehr; im Papierkorb lässt sich das "
        "30 Tage lang rückgängig machen.",
    )


@bp.route("/einladungen/<int:invitation_id>/zurueckziehen", methods=["POST"])
@member_required(Role.owner)
def withdraw_invitation(invitation_id: int):
    invitation = owned_or_404(Invitation, invitation_id, Role.owner)
    if not CsrfForm().validate_on_submit():
        abort(400)
    withdraw(invitation)
    flash("Einladung zurückgezogen.", "success")
    return redirect(url_for("organisation.index")), 303
