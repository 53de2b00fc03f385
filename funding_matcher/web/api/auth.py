"""Bearer tokens for the API: who is calling, in which organisation, with which role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, jsonify, request

from funding_matcher.domain.accounts.throttle import retry_after, wait_message
from funding_matcher.extensions import db
from funding_matcher.models import Role, User
from funding_matcher.operations.clients import Access
from funding_matcher.operations.throttle import token_failed, token_wait
from funding_matcher.operations.tokens import token_membership
from funding_matcher.web.transaction import commit_now, keep_changes

T = TypeVar("T")


def _unauthorised():
    response = jsonify(
        error="Nicht angemeldet",
        message="Gültiges API-Token nötig: Authorization: Bearer <token>.",
    )
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Bearer realm="funding-matcher"'
    return response


def api_member() -> Access:
    """The calling token's access to its organisation (set by ``token_required``)."""
    return g.api_membership


def api_user() -> User:
    return g.api_membership.user


def token_required(role: Role = Role.viewer) -> Callable:
    """View decorator: a live token whose user has at least ``role`` (401 / 403 otherwise)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            token = token.strip()[:200]
            found = token_membership(token) if scheme.lower() == "bearer" else None
            if found is None:
                # Only a token that does not work is slowed down, per token (and, for scanning,
                # per address): a valid token is never refused because of someone else's.
                if token:
                    address = request.remote_addr or "unbekannt"
                    wait = token_wait(token, address)
                    if wait:
                        message = wait_message(wait, "Anfragen mit diesem Token")
                        response = jsonify(error="Zu viele Anfragen", message=message)
                        return response, 429, {"Retry-After": str(retry_after(wait))}
                    token_failed(token, address)
                    keep_changes()  # the failure counts although the answer is 401
                return _unauthorised()
            _, membership = found
            commit_now()  # the last use is remembered even if the view fails
            if not membership.role.at_least(role):
                return jsonify(
                    error="Keine Berechtigung",
                    message=f"Ihre Rolle „{membership.role.label}“ erlaubt diese Aktion nicht.",
                ), 403
            g.api_membership = membership
            return view(*args, **kwargs)

        return wrapped

    return decorator


MAX_ID = 999_999_999  # as the URL converter: a number the database always holds


def owned_or_none(model: type[T], object_id: int) -> T | None:
    """The object if it belongs to the token's organisation; None answers 404 in the view."""
    if not 1 <= object_id <= MAX_ID:
        return None
    obj = db.session.get(model, object_id)
    if obj is None or obj.organisation_id != api_member().organisation_id:
        return None
    if getattr(obj, "trashed_in_id", None) is not None:
        return None  # in the Papierkorb
    return obj
