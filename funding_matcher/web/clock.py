"""Today for the web app: the clock, unless the configuration pins TODAY (tests, demos)."""

from __future__ import annotations

from datetime import date

from flask import current_app

from funding_matcher import clock


def today() -> date:
    """Today's date for deadlines, plans and statuses."""
    configured = current_app.config.get("TODAY")
    return date.fromisoformat(configured) if configured else clock.today()
