"""Moments (a date with a time) as German readers expect them: local time in Germany."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def local_moment(value: datetime) -> str:
    """German local time, e.g. ``29.11.2026, 14:05`` (a value without zone counts as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BERLIN).strftime("%d.%m.%Y, %H:%M")
