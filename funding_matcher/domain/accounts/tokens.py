"""Personal API tokens: random, shown once, stored only as a SHA-256 hash.

A token carries 256 bits of randomness, so a fast hash is enough to store it safely (there is
nothing to guess); looking it up by its hash makes the check independent of where a wrong token
differs.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable

PREFIX = "fm_"
TOKEN_RE = re.compile(r"^fm_[A-Za-z0-9_-]{43}$")
SHOWN_CHARS = 10  # the start of a token, shown in lists to tell tokens apart


def new_token() -> str:
    """A new random token, e.g. 'fm_3q1V...'; the caller shows it once and stores its hash."""
    return PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def well_formed(token: str) -> bool:
    """Whether a string has the shape of one of our tokens (cheap refusal of garbage)."""
    return bool(TOKEN_RE.match(token))


def calendar_token(key: str, user_id: int, version: int) -> str:
    """The secret part of a user's calendar feed URL, derived and never stored.

    Raising ``version`` revokes every earlier URL.
    """
    digest = hmac.new(key.encode(), f"calendar:{user_id}:{version}".encode(), hashlib.sha256)
    return f"{user_id}-{digest.hexdigest()[:40]}"


def calendar_user_id(token: str, key: str, version_of: Callable[[int], int | None]) -> int | None:
    """The user a feed token belongs to, if it is the current one; else None."""
    head, _, _ = token.partition("-")
    if not head.isascii() or not head.isdigit() or len(head) > 12:
        return None
    user_id = int(head)
    version = version_of(user_id)
    if version is None:
        return None
    expected = calendar_token(key, user_id, version)
    return user_id if hmac.compare_digest(expected, token) else None
