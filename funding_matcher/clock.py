"""The one place that reads the clock; everything else takes ``today`` as an argument."""

from __future__ import annotations

from datetime import date


def today() -> date:
    """The real current date."""
    return date.today()
