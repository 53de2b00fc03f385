"""Personal API tokens: random, shown once, stored only as a SHA-256 hash.

A token carries 256 bits of randomness, so a fast hash is enough to store it safely (there is
nothing to guess); looking it up by its hash makes the check independent of where a wrong token
differs.
"""

from __future__ import annotations

import hashlib
import re
import secrets

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
