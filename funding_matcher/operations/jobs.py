"""The daily job's runs, and whether reminder e-mails can go out at all."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from funding_matcher.extensions import db
from funding_matcher.models import JobRun
from funding_matcher.models.base import utcnow

DAILY = "reminders"


def record_run(name: str, today: date) -> None:
    """Note that the job ran (flushes)."""
    row = db.session.get(JobRun, name)
    if row is None:
        row = JobRun(name=name, last_day=today)
        db.session.add(row)
    row.last_run_at = utcnow()
    row.last_day = today
    db.session.flush()


def last_run(name: str = DAILY) -> JobRun | None:
    """The job's last run (by default the daily reminders job), or None if it never ran."""
    return db.session.get(JobRun, name)


def reminders_missing(config: Mapping[str, Any]) -> list[str]:
    """What keeps reminder e-mails from going out, in German; empty when they can."""
    missing = []
    if not config.get("MAIL_SERVER") or not config.get("MAIL_FROM"):
        missing.append(
            "Auf diesem Server ist kein E-Mail-Versand eingerichtet "
            "(FUNDING_MATCHER_MAIL_SERVER und FUNDING_MATCHER_MAIL_FROM)."
        )
    if last_run() is None:
        missing.append(
            "Der tägliche Lauf (funding-matcher reminders send, z. B. als Cron-Job oder "
            "systemd-Timer) ist noch nie gelaufen."
        )
    return missing
