"""Throttle counters as rows, shared by every server process (SQLite and PostgreSQL alike).

Every change is one UPDATE whose WHERE clause holds the rule, so two requests at the same
moment can never both pass where only one may: ``reserve`` counts an attempt before the password
is checked (a success clears it again), ``record_failure`` counts one afterwards.
"""

from __future__ import annotations

import hashlib
import time

from sqlalchemy import ColumnElement, case, delete, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite

from funding_matcher.domain.accounts.throttle import (
    ACCOUNT,
    ADDRESS,
    DEVICE,
    RESET_AFTER_SECONDS,
    TOKEN,
    TOKEN_ADDRESS,
    Policy,
)
from funding_matcher.extensions import db
from funding_matcher.models import ThrottleCounter

KEY_CHARS = 300


def account_key(email: str) -> str:
    """The key counting sign-in attempts on one account (by e-mail address)."""
    return f"account:{email.strip().lower()[:254]}"


def address_key(address: str, kind: str = "ip") -> str:
    """The key counting one client address; ``kind`` keeps sign-ins and token use apart."""
    return f"{kind}:{address[:45]}"


def device_key(device_id: str) -> str:
    """The key counting one device the account has signed in on before."""
    return f"device:{device_id[:64]}"


def token_key(token: str) -> str:
    """The key counting the failures of one API token."""
    # The token itself is a secret: only a hash of it names the counter.
    return f"token:{hashlib.sha256(token.encode('utf-8', 'replace')).hexdigest()[:32]}"


def _ensure_row(key: str) -> None:
    """The key's row, created if missing (a no-op when a parallel request just made it)."""
    values = {"key": key[:KEY_CHARS], "count": 0, "last_at": 0.0, "blocked_until": 0.0}
    name = db.session.get_bind().dialect.name
    dialect_insert = postgresql.insert if name == "postgresql" else sqlite.insert
    db.session.execute(
        dialect_insert(ThrottleCounter)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["key"])
    )


def _new_count(now: float) -> ColumnElement[int]:
    # After a quiet day the count starts again at one.
    return case(
        (ThrottleCounter.last_at < now - RESET_AFTER_SECONDS, literal(1)),
        else_=ThrottleCounter.count + 1,
    )


def _wait_for(count: ColumnElement[int], policy: Policy) -> ColumnElement[float]:
    """The policy's wait after ``count`` attempts, as SQL (a CASE over the doubling steps)."""
    steps = [(count < policy.free, literal(0.0))]
    steps += [(count == attempts, literal(wait)) for attempts, wait in policy.steps()]
    return case(*steps, else_=literal(policy.max_wait))


def _remaining(key: str, now: float) -> float:
    blocked = db.session.scalar(
        select(ThrottleCounter.blocked_until).where(ThrottleCounter.key == key[:KEY_CHARS])
    )
    return max((blocked or 0.0) - now, 0.0)


def reserve(key: str, policy: Policy, now: float | None = None) -> float:
    """Count one attempt now if the key may make one: 0.0, else the seconds left to wait."""
    now = time.time() if now is None else now
    _ensure_row(key)
    count = _new_count(now)
    result = db.session.execute(
        update(ThrottleCounter)
        .where(ThrottleCounter.key == key[:KEY_CHARS], ThrottleCounter.blocked_until <= now)
        .values(count=count, last_at=now, blocked_until=now + _wait_for(count, policy))
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 1:
        return 0.0
    return max(_remaining(key, now), 0.001)


def wait_for(key: str, now: float | None = None) -> float:
    """Seconds the key must still wait before its next attempt (0.0 when it may go now)."""
    return _remaining(key, time.time() if now is None else now)


def record_failure(key: str, policy: Policy, now: float | None = None) -> None:
    """Count one failed attempt after the fact (addresses, tokens); forget long-quiet keys."""
    now = time.time() if now is None else now
    forget_old(now)
    _ensure_row(key)
    count = _new_count(now)
    db.session.execute(
        update(ThrottleCounter)
        .where(ThrottleCounter.key == key[:KEY_CHARS])
        .values(count=count, last_at=now, blocked_until=now + _wait_for(count, policy))
        .execution_options(synchronize_session=False)
    )


def clear(key: str) -> None:
    """Forget the key's attempts (after a correct password)."""
    db.session.execute(
        delete(ThrottleCounter)
        .where(ThrottleCounter.key == key[:KEY_CHARS])
        .execution_options(synchronize_session=False)
    )


def forget_old(now: float | None = None) -> None:
    """Drop counters quiet for longer than the reset period (the table stays small)."""
    now = time.time() if now is None else now
    db.session.execute(
        delete(ThrottleCounter)
        .where(ThrottleCounter.last_at < now - 2 * RESET_AFTER_SECONDS)
        .execution_options(synchronize_session=False)
    )


# -- the rules of sign-in and tokens, in terms of keys and policies ------------------------------


def sign_in_wait(email: str, address: str, device_id: str | None) -> float:
    """Reserve an attempt to sign in: 0.0 when it may proceed, else the seconds to wait.

    A device the account signed in on before is counted on its own; everything else counts
    against the account (reserved, so parallel guesses cannot pass) and its address.
    """
    if device_id:
        return reserve(device_key(device_id), DEVICE)
    waiting = wait_for(address_key(address))
    if waiting:
        return waiting
    return reserve(account_key(email), ACCOUNT)


def sign_in_failed(address: str, device_id: str | None) -> None:
    """After a wrong password: the address counts it too (the account already has)."""
    if not device_id:
        record_failure(address_key(address), ADDRESS)


def sign_in_succeeded(email: str, device_id: str | None) -> None:
    """A correct password clears the count it was made under: the device's, or the account's
    (never the address's; and the owner signing in on their own computer does not give a
    stranger guessing the account a fresh start)."""
    clear(device_key(device_id) if device_id else account_key(email))


def token_wait(token: str, address: str) -> float:
    """The wait for a token that did not work (per token; scanning per address)."""
    return max(wait_for(token_key(token)), wait_for(address_key(address, "token-ip")))


def token_failed(token: str, address: str) -> None:
    """After a token that did not work: the token and the address each count it."""
    record_failure(token_key(token), TOKEN)
    record_failure(address_key(address, "token-ip"), TOKEN_ADDRESS)
