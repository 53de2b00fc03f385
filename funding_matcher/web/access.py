"""Per-organisation access: the organisation a request works in, roles, and owned objects.

Every object that belongs to an organisation is fetched through ``owned_or_404``: an id of
another organisation answers 404 (its existence is not revealed); a role too weak answers 403.

A request works in the organisation of the object it names (an application or project in the
URL), else in the one it carries (``?org=`` on every link and form of a person with several
organisations, or the ``X-Organisation`` header of a script), else in the session's. A page
(GET) of another organisation the person may work for switches the session there and says so;
a save (POST) acts in its own organisation and leaves the session alone, so a second tab that
switched elsewhere never makes the first tab's work fail or land in the wrong place.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, TypeVar

from flask import Flask, abort, g, has_request_context, request, session
from flask_login import current_user, login_required

from funding_matcher.extensions import db
from funding_matcher.models import Application, Organisation, ProjectProfile, Role
from funding_matcher.operations.clients import Access, access_list, access_to, organisation_holding

SESSION_KEY = "organisation_id"
# URL parts that name an object of an organisation: the object decides where the request works.
OBJECT_ARGS = {"application_id": Application, "project_id": ProjectProfile}
# Endpoints whose URLs never carry the organisation (sign-in, the switch itself, files).
UNSCOPED = ("static", "auth.", "api.", "feed.", "invitations.")


class OwnedByOrganisation(Protocol):
    organisation_id: Any


T = TypeVar("T", bound=OwnedByOrganisation)


def current_membership() -> Access | None:
    """The signed-in person's access to the organisation this request works in."""
    if not current_user.is_authenticated:
        return None
    wanted = _key()
    cached = g.get("membership_cache")
    if cached is not None and cached[0] == (current_user.id, wanted):
        return cached[1]
    chosen = access_to(current_user, wanted) if isinstance(wanted, int) else None
    if chosen is None:
        own = all_access()
        chosen = own[0] if own else None
        if chosen is not None:
            session[SESSION_KEY] = chosen.organisation_id
    g.membership_cache = ((current_user.id, wanted if chosen is None else _key()), chosen)
    return chosen


def _key() -> int | None:
    return g.get("acting_organisation_id") or session.get(SESSION_KEY)


def all_access() -> list[Access]:
    """Every organisation the signed-in person may work for (once per request)."""
    if "all_access" not in g:
        g.all_access = access_list(current_user) if current_user.is_authenticated else []
    return g.all_access


def current_organisation() -> Organisation | None:
    membership = current_membership()
    return membership.organisation if membership else None


def switch_organisation(organisation_id: int) -> bool:
    """Work in another organisation; only one the user may work for."""
    if access_to(current_user, organisation_id) is None:
        return False
    session[SESSION_KEY] = organisation_id
    g.pop("membership_cache", None)
    g.pop("acting_organisation_id", None)
    return True


def require_role(role: Role) -> None:
    """Abort with 403 unless the user has at least ``role`` in the current organisation."""
    membership = current_membership()
    if membership is None or not membership.role.at_least(role):
        abort(403)


def owned_or_404(model: type[T], object_id: int, role: Role = Role.viewer) -> T:
    """The object if it belongs to the current organisation, else 404; 403 if role too weak.
    An object in the Papierkorb answers 410 with where to restore it."""
    obj = db.session.get(model, object_id)
    membership = current_membership()
    if obj is None or membership is None or obj.organisation_id != membership.organisation_id:
        abort(404)
    if getattr(obj, "trashed_in_id", None) is not None:
        g.trashed = obj  # the 410 page offers to restore it
        abort(410)
    if not membership.role.at_least(role):
        abort(403)
    return obj


def member_required(role: Role = Role.viewer) -> Callable:
    """View decorator: signed in, member of an organisation, with at least ``role``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            require_role(role)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _as_id(value: object) -> int | None:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def _object_organisation() -> int | None:
    """The organisation of the application or project the URL names, if any."""
    for name, model in OBJECT_ARGS.items():
        object_id = (request.view_args or {}).get(name)
        if isinstance(object_id, int):
            return organisation_holding(model, object_id)
    return None


def _carried_organisation() -> int | None:
    """The organisation the request carries: ``?org=``, a form field or the header."""
    for value in (
        request.args.get("org"),
        request.form.get("organisation_id") if request.method == "POST" else None,
        request.headers.get("X-Organisation"),
    ):
        found = _as_id(value)
        if found is not None:
            return found
    return None


REQUEST_KEYS = ("acting_organisation_id", "membership_cache", "all_access", "switched", "trashed")


def resolve_organisation() -> None:
    """Before each page: work in the organisation of the object or the one carried."""
    # Nothing of an earlier request sharing the application context (tests, CLI) is kept.
    for key in REQUEST_KEYS:
        g.pop(key, None)
    if request.path.startswith(("/api/", "/static/")) or not current_user.is_authenticated:
        return
    target = _object_organisation() or _carried_organisation()
    if target is None or target == session.get(SESSION_KEY):
        return
    access = access_to(current_user, target)
    if access is None:
        return  # not theirs: owned_or_404 answers 404 as for any foreign id
    if request.method in ("GET", "HEAD"):
        before = current_organisation()
        session[SESSION_KEY] = target
        g.pop("membership_cache", None)
        if before is not None and before.id != target:
            g.switched = (before, access.organisation)
    else:
        g.acting_organisation_id = target
        g.pop("membership_cache", None)


def carry_organisation(endpoint: str, values: dict[str, Any]) -> None:
    """Links and forms of a person with several organisations name the one the page is for."""
    if not has_request_context() or endpoint.startswith(UNSCOPED) or "org" in values:
        return
    if not current_user.is_authenticated:
        return
    if any(name in values for name in OBJECT_ARGS):
        return  # the object names its organisation
    if len(all_access()) < 2:
        return
    membership = current_membership()
    if membership is not None:
        values["org"] = membership.organisation_id


def register(app: Flask) -> None:
    app.before_request(resolve_organisation)
    app.url_defaults(carry_organisation)
