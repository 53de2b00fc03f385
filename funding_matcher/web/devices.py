"""Known devices: a signed cookie set at a successful sign-in, so that the right password from
a person's own computer is admitted even while strangers' guesses slow their account down."""

from __future__ import annotations

import secrets

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "fm_geraet"
MAX_AGE_SECONDS = 365 * 24 * 60 * 60
_SALT = "bekanntes-geraet"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _payload() -> dict | None:
    raw = request.cookies.get(COOKIE, "")
    if not raw or len(raw) > 1000:
        return None
    try:
        data = _serializer().loads(raw, max_age=MAX_AGE_SECONDS)
    except (BadSignature, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def known_device(email: str) -> str | None:
    """The device id when this browser signed in to ``email`` before; else None."""
    data = _payload()
    if not data or not isinstance(data.get("d"), str):
        return None
    accounts = data.get("a")
    if not isinstance(accounts, list) or email.strip().lower() not in accounts:
        return None
    return data["d"]


def remember_device(response: Response, email: str) -> None:
    """Mark this browser as a known device of the account (keeps its other accounts)."""
    data = _payload() or {}
    device = data.get("d") if isinstance(data.get("d"), str) else secrets.token_urlsafe(16)
    accounts = [a for a in data.get("a", []) if isinstance(a, str)] if data else []
    email = email.strip().lower()
    accounts = [email, *[a for a in accounts if a != email]][:5]
    response.set_cookie(
        COOKIE,
        _serializer().dumps({"d": device, "a": accounts}),
        max_age=MAX_AGE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("HTTPS")),
    )
