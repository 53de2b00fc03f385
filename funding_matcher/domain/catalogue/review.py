"""Curator review: which records are due for re-checking."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from funding_matcher.domain.catalogue.records import Programme


def stale(programmes: Iterable[Programme], today: date, older_than_days: int) -> list[Programme]:
    """Records whose facts were last checked more than ``older_than_days`` ago, oldest first."""
    due = [p for p in programmes if (today - p.checked_on).days > older_than_days]
    return sorted(due, key=lambda p: (p.checked_on, p.slug))
