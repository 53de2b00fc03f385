"""How long an attempt must wait after earlier ones: per account, per address, per device and
per API token, each counted on its own.

A few attempts cost nothing; after that every further attempt must wait, and the wait doubles
each time up to a ceiling (exponential back-off, never a hard lock): guessing becomes slow while
a person who mistyped waits seconds. A quiet day resets the count.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_WAIT_SECONDS = 15 * 60.0
RESET_AFTER_SECONDS = 24 * 60 * 60.0


@dataclass(frozen=True)
class Policy:
    """``free`` attempts without waiting, then ``first_wait`` seconds, doubling up to the cap."""

    free: int
    first_wait: float
    max_wait: float = MAX_WAIT_SECONDS

    def wait_after(self, attempts: int) -> float:
        """The wait before the next attempt once ``attempts`` were made (0 while free)."""
        if attempts < self.free:
            return 0.0
        doublings = min(attempts - self.free, 30)  # 2**30 s is far beyond any ceiling
        return min(self.first_wait * 2**doublings, self.max_wait)

    def steps(self) -> list[tuple[int, float]]:
        """(attempts, wait) for every count whose wait is below the ceiling, for SQL CASE."""
        out: list[tuple[int, float]] = []
        attempts = self.free
        while self.wait_after(attempts) < self.max_wait:
            out.append((attempts, self.wait_after(attempts)))
            attempts += 1
        return out


# Sign-ins to one account (from devices it has not signed in on): 5 free, then 2 s, 4 s, ...
ACCOUNT = Policy(free=5, first_wait=2.0)
# A device that signed in to the account before: its own count, so a stranger's guessing never
# locks the person out on their own computer.
DEVICE = Policy(free=5, first_wait=2.0)
# Failed sign-ins from one network address (many accounts): generous, an office shares one.
ADDRESS = Policy(free=20, first_wait=2.0)
# Uses of one unknown or revoked API token; valid tokens are never slowed down.
TOKEN = Policy(free=20, first_wait=2.0)
# Unknown tokens from one address (scanning): only ever slows down tokens that do not work.
TOKEN_ADDRESS = Policy(free=200, first_wait=2.0)


def wait_message(seconds: float, what: str = "Anmeldeversuche") -> str:
    """The German sentence for a refused attempt."""
    whole = max(int(seconds + 0.999), 1)
    span = f"{whole} Sekunden" if whole < 90 else f"{(whole + 59) // 60} Minuten"
    if whole == 1:
        span = "einer Sekunde"
    return f"Zu viele fehlgeschlagene {what}. Bitte versuchen Sie es in {span} erneut."


def retry_after(seconds: float) -> int:
    """Retry-After in whole seconds (at least 1)."""
    return max(int(seconds + 0.999), 1)
