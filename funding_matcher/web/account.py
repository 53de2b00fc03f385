"""The signed-in person's account: API tokens, calendar feed, reminder settings."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import ApiToken
from funding_matcher.operations.accounts import change_password
from funding_matcher.operations.clients import access_list
from funding_matcher.operations.jobs import reminders_missing
from funding_matcher.operations.reminders import reminder_settings, set_reminder_settings
from funding_matcher.operations.tokens import create_api_token, revoke_api_token, user_tokens
from funding_matcher.web.access import current_organisation
from funding_matcher.web.account_forms import ReminderForm, TokenForm
from funding_matcher.web.auth import sign_in
from funding_matcher.web.auth_forms import PasswordChangeForm
from funding_matcher.web.feed import feed_url
from funding_matcher.web.forms import CsrfForm, apply_problems
from funding_matcher.web.transaction import discard_changes

bp = Blueprint("account", __name__, url_prefix="/konto")


def _page(
    form: TokenForm,
    new_token: str | None = None,
    code: int = 200,
    reminder_form: ReminderForm | None = None,
    password_form: PasswordChangeForm | None = None,
):
    settings = reminder_settings(current_user)
    missing = reminders_missing(current_app.config)
    return render_template(
        "account/index.html",
        tokens=user_tokens(current_user),
        form=form,
        new_token=new_token,
        csrf_form=CsrfForm(),
        organisation=current_organisation(),
        feed_url=feed_url(current_user),
        reminders_missing=missing,
        reminders_on=settings.enabled and not missing,
        password_form=password_form or PasswordChangeForm(formdata=None),
        reminder_form=reminder_form or _reminder_form(settings),
    ), code


def _reminder_form(settings=None) -> ReminderForm:
    """The reminder form: as stored (``settings``) or as posted; the organisations to choose
    from are those the person works for, offered when there are at least two."""
    reachable = access_list(current_user)
    if settings is None:
        form = ReminderForm()
    else:
        muted = set(settings.muted_organisation_ids or ())
        form = ReminderForm(
            formdata=None,
            enabled=settings.enabled,
            offsets=", ".join(str(d) for d in settings.offsets),
            organisations=[a.organisation_id for a in reachable if a.organisation_id not in muted],
        )

    # The consultancy first, then its clients (also those the person is a member of), by name.
    def client(access) -> bool:
        return access.organisation.consultancy_id is not None

    ordered = sorted(reachable, key=lambda a: (client(a), a.organisation.name.casefold()))
    form.organisations.choices = [
        (a.organisation_id, a.organisation.name + (" (Mandant)" if client(a) else ""))
        for a in ordered
    ]
    if len(ordered) < 2:  # nothing to choose: the field is neither shown nor read
        del form.organisations
    return form


@bp.route("/")
@login_required
def index():
    return _page(TokenForm(formdata=None))


@bp.route("/tokens", methods=["POST"])
@login_required
def create_token():
    form = TokenForm()
    organisation = current_organisation()
    if organisation is None:
        abort(403)
    if not form.validate_on_submit():
        return _page(form, code=422)
    try:
        _, token = create_api_token(current_user, organisation, form.label.data or "")
    except InvalidData as exc:
        discard_changes()
        apply_problems(form, exc)
        return _page(form, code=422)
    # The token is shown exactly once, on this response; only its hash is stored.
    return _page(TokenForm(formdata=None), new_token=token, code=201)


@bp.route("/tokens/<int:token_id>/widerrufen", methods=["POST"])
@login_required
def revoke_token(token_id: int):
    row = db.session.get(ApiToken, token_id)
    if row is None or row.user_id != current_user.id:
        abort(404)
    if not CsrfForm().validate_on_submit():
        abort(400)
    revoke_api_token(row)
    flash(f"Token „{row.label or row.prefix}“ widerrufen.", "success")
    return redirect(url_for("account.index")), 303


@bp.route("/kalender/neu", methods=["POST"])
@login_required
def regenerate_feed():
    """A new feed URL; the old one answers 404 from now on."""
    if not CsrfForm().validate_on_submit():
        abort(400)
    current_user.calendar_version += 1
    flash("Neue Kalender-Adresse erzeugt; die alte funktioniert nicht mehr.", "success")
    return redirect(url_for("account.index") + "#kalender"), 303


@bp.route("/erinnerungen", methods=["GET"])
@login_required
def reminders_section():
    """The address a refused save leaves in the browser: reloaded or bookmarked, the section."""
    return redirect(url_for("account.index") + "#erinnerungen")


@bp.route("/erinnerungen", methods=["POST"])
@login_required
def save_reminders():
    form = _reminder_form()
    if form.validate_on_submit():
        text = (form.offsets.data or "").replace(";", ",")
        raw = [part.strip() for part in text.split(",") if part.strip()]
        values = [int(part) if part.isascii() and part.isdigit() else part for part in raw]
        choosing = "organisations" in form
        try:
            set_reminder_settings(
                current_user,
                bool(form.enabled.data),
                values,
                included=list(form.organisations.data or []) if choosing else None,
            )
        except InvalidData as exc:
            discard_changes()
            apply_problems(form, exc)
        else:
            flash("Einstellungen für Erinnerungen gespeichert.", "success")
            return redirect(url_for("account.index") + "#erinnerungen"), 303
    return _page(TokenForm(formdata=None), code=422, reminder_form=form)


@bp.route("/passwort", methods=["POST"])
@login_required
def change_password_view():
    """A new password; every other session of this person ends."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current_password.data, form.new_password.data)
        except InvalidData as exc:
            discard_changes()
            apply_problems(form, exc, {"password": "new_password"})
        else:
            sign_in(current_user._get_current_object())
            flash("Passwort geändert; alle anderen Sitzungen sind beendet.", "success")
            return redirect(url_for("account.index")), 303
    return _page(TokenForm(formdata=None), code=422, password_form=form)
