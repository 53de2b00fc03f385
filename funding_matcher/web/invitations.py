"""Accepting an invitation: by its link (signed in, or with a new account) or after sign-in.

The link is sent only to the invited address and never shown to the person who invited: only
the owner of the mailbox can set the password of a new account with it.
"""

from __future__ import annotations

import smtplib

from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user, login_required, login_user
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from funding_matcher.domain.errors import InvalidData
from funding_matcher.mailer import MailNotConfigured, send_mail
from funding_matcher.models import Invitation
from funding_matcher.operations.invitations import (
    VALID_FOR,
    accept,
    find_invitation,
    join_with_new_account,
    open_invitations_for,
)
from funding_matcher.web.access import switch_organisation
from funding_matcher.web.forms import CsrfForm, GermanForm, apply_problems
from funding_matcher.web.links import absolute_url
from funding_matcher.web.transaction import discard_changes

bp = Blueprint("invitations", __name__)


class RegisterForm(GermanForm):
    name = StringField("Ihr Name", validators=[Length(max=200)])
    password = PasswordField("Passwort", validators=[DataRequired("Bitte ein Passwort wählen.")])
    password_repeat = PasswordField(
        "Passwort wiederholen",
        validators=[EqualTo("password", "Die Passwörter stimmen nicht überein.")],
    )


def send_invitation(invitation: Invitation, token: str) -> str:
    """E-mail the link to the invited address: "sent", "not_configured" or "failed".

    The text is the same whether or not the address has an account (the page behind the link
    offers both ways), so neither the e-mail nor the owner's page tells them apart."""
    link = absolute_url("invitations.show", token=token)
    body = (
        f"Guten Tag,\n\nSie sind eingeladen, im Fördermittel-Matcher bei "
        f"„{invitation.organisation.name}“ mitzuarbeiten (Rolle: {invitation.role.label}).\n\n"
        f"Einladung annehmen: {link}\n\n"
        f"Der Link gilt {VALID_FOR.days} Tage und nur einmal. Haben Sie schon ein Konto, melden "
        f"Sie sich damit an; sonst legen Sie über den Link Ihr Passwort fest.\n\n"
        f"Erwarten Sie keine Einladung, können Sie diese E-Mail löschen.\n"
    )
    try:
        send_mail(current_app.config, invitation.email, "Einladung zum Fördermittel-Matcher", body)
    except MailNotConfigured:
        return "not_configured"
    except (OSError, smtplib.SMTPException):
        current_app.logger.warning("Einladung an %s nicht gesendet", invitation.email)
        return "failed"
    return "sent"


def _joined(invitation: Invitation):
    switch_organisation(invitation.organisation_id)
    flash(f"Willkommen bei „{invitation.organisation.name}“.", "success")
    return redirect(url_for("main.index")), 303


@bp.route("/einladung/<token>")
def show(token: str):
    invitation = find_invitation(token[:80])
    if invitation is None:
        abort(404)
    return render_template(
        "invitations/show.html",
        invitation=invitation,
        token=token,
        form=RegisterForm(formdata=None),
        csrf_form=CsrfForm(),
    )


@bp.route("/einladung/<token>/annehmen", methods=["POST"])
@login_required
def accept_link(token: str):
    invitation = find_invitation(token[:80])
    if invitation is None or not CsrfForm().validate_on_submit():
        abort(404)
    try:
        accept(invitation, current_user)
    except InvalidData as exc:
        discard_changes()
        flash(exc.problems[0].message, "error")
        return redirect(url_for("invitations.show", token=token)), 303
    return _joined(invitation)


@bp.route("/einladung/<token>/konto", methods=["POST"])
def register(token: str):
    invitation = find_invitation(token[:80])
    if invitation is None:
        abort(404)
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = join_with_new_account(invitation, form.password.data, form.name.data or "")
        except InvalidData as exc:
            discard_changes()
            apply_problems(form, exc, {"email": "password"})
        else:
            session.clear()
            login_user(user)
            return _joined(invitation)
    return render_template(
        "invitations/show.html",
        invitation=invitation,
        token=token,
        form=form,
        csrf_form=CsrfForm(),
    ), 422


@bp.route("/einladungen/<int:invitation_id>/annehmen", methods=["POST"])
@login_required
def accept_after_login(invitation_id: int):
    """Accept from the dashboard: the invitation must be addressed to the signed-in person."""
    invitation = next(
        (i for i in open_invitations_for(current_user) if i.id == invitation_id), None
    )
    if invitation is None or not CsrfForm().validate_on_submit():
        abort(404)
    accept(invitation, current_user)
    return _joined(invitation)
