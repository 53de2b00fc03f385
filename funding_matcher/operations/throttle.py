"""Failed sign-ins as rows, shared by every server process (SQLite and PostgreSQL alike)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from funding_matcher.domain.accounts.throttle import ACCOUNT, ADDRESS, WINDOW, wait_needed
from funding_matcher.extensions import db
from funding_matcher.models import LoginFailure


def _keys(email: str, address: str) -> tuple[str, str]:
    return f"account:{email.strip().lower()[:254]}", f"ip:{address[:45]}"


def _failures(key: str, now: datetime) -> list[datetime]:
    rows = db.session.scalars(
        select(LoginFailure.at).where(LoginFailure.key == key, LoginFailure.at > now - WINDOW)
    )
    # SQLite hands back naive datetimes (stored as UTC).
    return [at if at.tzinfo else at.replace(tzinfo=UTC) for at in rows]


def sign_in_wait(email: str, address: str, now: datetime | None = None) -> timedelta:
    """How long this account or address must wait before the next attempt."""
    now = now or datetime.now(UTC)
    account, ip = _keys(email, address)
    return max(
        wait_needed(_failures(account, now), now, ACCOUNT),
        wait_needed(_failures(ip, now), now, ADDRESS),
    )


def record_failure(email: str, address: str, now: datetime | None = None) -> None:
    """Count a failed attempt for the account and the address; forget old ones."""
    now = now or datetime.now(UTC)
    for key in _keys(email, address):
        db.session.add(LoginFailure(key=key, at=now))
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < now - WINDOW - WINDOW))
    db.session.flush()


def record_success(email: str) -> None:
    """A correct sign-in clears the account's count (not the address's)."""
    account, _ = _keys(email, "")
    db.session.execute(delete(LoginFailure).where(LoginFailure.key == account))
    db.session.flush()


def token_failure_wait(address: str, now: datetime | None = None) -> timedelta:
    """The wait for an address that keeps sending unknown API tokens."""
    now = now or datetime.now(UTC)
    return wait_needed(_failures(f"token-ip:{address[:45]}", now), now, ADDRESS)


def record_token_failure(address: str, now: datetime | None = None) -> None:
    db.session.add(LoginFailure(key=f"token-ip:{address[:45]}", at=now or datetime.now(UTC)))
    db.session.flush()


def waited(seconds: timedelta) -> int:
    """Retry-After in whole seconds (at least 1)."""
    return max(int(seconds / timedelta(seconds=1)) + 1, 1)
