"""Per-organisation access: the current organisation, roles, and owned objects.

Every object that belongs to an organisation is fetched through ``owned_or_404``: an id of
another organisation answers 404 (its existence is not revealed); a role too weak answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, TypeVar

from flask import abort, g, session
from flask_login import current_user, login_required

from funding_matcher.extensions import db
from funding_matcher.models import Membership, Organisation, Role
from funding_matcher.operations.accounts import membership_of, memberships

SESSION_KEY = "organisation_id"


class OwnedByOrganisation(Protocol):
    organisation_id: Any


T = TypeVar("T", bound=OwnedByOrganisation)


def current_membership() -> Membership | None:
    """The signed-in user's membership in the organisation they work in now."""
    if not current_user.is_authenticated:
        return None
    key = (current_user.id, session.get(SESSION_KEY))
    cached = g.get("membership_cache")
    if cached is not None and cached[0] == key:
        return cached[1]
    own = memberships(current_user)
    chosen = next((m for m in own if m.organisation_id == session.get(SESSION_KEY)), None)
    if chosen is None and own:
        chosen = own[0]
        session[SESSION_KEY] = chosen.organisation_id
    g.membership_cache = ((current_user.id, session.get(SESSION_KEY)), chosen)
    return chosen


def current_organisation() -> Organisation | None:
    membership = current_membership()
    return membership.organisation if membership else None


def switch_organisation(organisation_id: int) -> bool:
    """Work in another organisation; only one the user belongs to."""
    if membership_of(current_user, organisation_id) is None:
        return False
    session[SESSION_KEY] = organisation_id
    g.pop("membership_cache", None)
    return True


def require_role(role: Role) -> None:
    """Abort with 403 unless the user has at least ``role`` in the current organisation."""
    membership = current_membership()
    if membership is None or not membership.role.at_least(role):
        abort(403)


def owned_or_404(model: type[T], object_id: int, role: Role = Role.viewer) -> T:
    """The object if it belongs to the current organisation, else 404; 403 if role too weak."""
    obj = db.session.get(model, object_id)
    membership = current_membership()
    if obj is None or membership is None or obj.organisation_id != membership.organisation_id:
        abort(404)
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
