"""How long a sign-in must wait after failures: per account and per network address.

A few mistakes cost nothing; after that the wait doubles with every further failure within the
window, up to a ceiling, so guessing becomes impractically slow while a person who mistyped
waits seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=15)
MAX_WAIT = timedelta(minutes=15)


@dataclass(frozen=True)
class Policy:
    """Free failures within the window, then a doubling wait starting at ``first_wait``."""

    free_failures: int
    first_wait: timedelta


ACCOUNT = Policy(free_failures=5, first_wait=timedelta(seconds=30))
ADDRESS = Policy(free_failures=20, first_wait=timedelta(seconds=30))


def wait_needed(failures: Sequence[datetime], now: datetime, policy: Policy) -> timedelta:
    """How long from ``now`` until the next attempt is allowed (zero when it is allowed now)."""
    recent = sorted(at for at in failures if now - at < WINDOW)
    excess = len(recent) - policy.free_failures
    if excess < 0:
        return timedelta(0)
    wait = min(policy.first_wait * (2**excess), MAX_WAIT)
    return max(recent[-1] + wait - now, timedelta(0))


def wait_message(wait: timedelta) -> str:
    """The German sentence for a refused attempt."""
    seconds = max(int(wait.total_seconds()), 1)
    span = f"{seconds} Sekunden" if seconds < 90 else f"{(seconds + 59) // 60} Minuten"
    return f"Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in {span} erneut."
