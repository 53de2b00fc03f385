"""Sign-in, sign-out, first start and organisation switching."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_url, login_user, logout_user
from werkzeug.exceptions import HTTPException

from funding_matcher.domain.accounts.throttle import retry_after, wait_message
from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db, login_manager
from funding_matcher.models import User
from funding_matcher.operations.accounts import (
    authenticate,
    end_all_sessions,
    has_any_user,
    setup_first_owner,
)
from funding_matcher.operations.throttle import sign_in_failed, sign_in_succeeded, sign_in_wait
from funding_matcher.web.access import current_organisation, switch_organisation
from funding_matcher.web.auth_forms import LoginForm, SetupForm, SwitchOrganisationForm
from funding_matcher.web.devices import known_device, remember_device
from funding_matcher.web.forms import apply_problems
from funding_matcher.web.transaction import commit_now, discard_changes, keep_changes

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user of a session, if its session version is still current (else signed out)."""
    user_id, _, version = session_id.partition(".")
    if not (user_id.isascii() and user_id.isdigit() and version.isascii() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return user


@login_manager.unauthorized_handler
def unauthorised():
    """Signed out: the pages' scripts get 401 JSON (their text stays in the page), a page the
    sign-in form with the way back."""
    if request.headers.get("X-Requested-With") == "fetch":
        return jsonify(
            error="Nicht angemeldet",
            message="Sie sind abgemeldet; melden Sie sich an, dann wird erneut gespeichert.",
        ), 401
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, request.url))


def sign_in(user: User) -> None:
    """A fresh session for the user (nothing of an earlier session is carried over)."""
    session.clear()
    login_user(user)


def safe_next(target: str | None) -> str:
    """Only redirect inside this site after sign-in."""
    # A backslash counts as a slash in browsers ("/\\evil.example" is another site).
    if (
        target
        and not urlsplit(target).netloc
        and target.startswith("/")
        and "//" not in target
        and "\\" not in target
    ):
        return target
    return url_for("main.index")


@bp.route("/anmelden", methods=["GET", "POST"])
def login():
    if not has_any_user():
        return redirect(url_for("auth.setup"))
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        address = request.remote_addr or "unbekannt"
        email = form.email.data.strip()
        device = known_device(email)
        # The attempt is counted before the password is checked, in its own transaction: a
        # burst of parallel guesses cannot all pass the check before any of them is counted.
        wait = sign_in_wait(email, address, device)
        commit_now()  # also kept on a 429
        if wait:
            form.password.errors.append(wait_message(wait))
            headers = {"Retry-After": str(retry_after(wait))}
            return render_template("auth/login.html", form=form), 429, headers
        user = authenticate(email, form.password.data)
        if user is None:
            sign_in_failed(address, device)
            keep_changes()  # the failure counts although the answer is 401
            form.password.errors.append("E-Mail-Adresse oder Passwort ist falsch.")
        else:
            sign_in_succeeded(email, device)
            sign_in(user)
            flash("Sie sind angemeldet.", "success")
            response = redirect(safe_next(request.args.get("next")))
            remember_device(response, user.email)
            return response
    status = 401 if form.password.errors else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/abmelden", methods=["POST"])
@login_required
def logout():
    end_all_sessions(current_user)  # a copied session cookie stops working, too
    logout_user()
    session.clear()
    flash("Sie sind abgemeldet.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/einrichten", methods=["GET", "POST"])
def setup():
    """On an empty database: create the first organisation and its owner."""
    if has_any_user():
        return redirect(url_for("auth.login"))
    form = SetupForm()
    if form.validate_on_submit():
        try:
            user = setup_first_owner(
                form.organisation.data,
                form.kind.data,
                form.email.data,
                form.password.data,
                form.name.data or "",
            )
        except InvalidData as exc:
            discard_changes()
            apply_problems(form, exc, {"name": "organisation"})
        else:
            user.memberships[0].organisation.state = form.state.data or None
            sign_in(user)
            flash("Willkommen! Ihre Organisation ist eingerichtet.", "success")
            return redirect(url_for("main.index"))
    return render_template("auth/setup.html", form=form)


@bp.route("/organisation/wechseln", methods=["POST"])
@login_required
def switch():
    form = SwitchOrganisationForm()
    if not form.validate_on_submit() or not form.organisation_id.data.isdigit():
        abort(400)
    if not switch_organisation(int(form.organisation_id.data)):
        abort(404)
    flash(
        f"Organisation gewechselt: Sie arbeiten jetzt für „{current_organisation().name}“.", "info"
    )
    return redirect(page_after_switch(safe_next(request.form.get("next"))))


def page_after_switch(path: str) -> str:
    """The same page when it lists the organisation's things (Anträge, Kalender, …), else the
    dashboard: a page of one application or project belongs to the previous organisation and
    would switch straight back to it."""
    try:
        _, args = current_app.url_map.bind("").match(urlsplit(path).path, method="GET")
    except HTTPException:
        return url_for("main.index")
    return url_for("main.index") if args else path
