"""The Papierkorb of an organisation, and the runs of the daily job."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from funding_matcher.extensions import db
from funding_matcher.models.accounts import User
from funding_matcher.models.base import utcnow


class TrashEntry(db.Model):
    """One deletion that can be undone until ``purge_after``: an application or a project
    (their rows stay, marked with this entry), or a member or meeting (kept here as data)."""

    __tablename__ = "trash_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # application|project|member|meeting|mandate
    label: Mapped[str] = mapped_column(Text)
    # For members, meetings and a consultancy's access: what restoring puts back
    # ({"user_id", "role"}, a meeting's row, {"consultancy_id", "members"}).
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    deleted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The first day on which the purge may remove it (deletion day + 30 days).
    purge_after: Mapped[date] = mapped_column(Date, index=True)

    deleted_by: Mapped[User | None] = relationship()


class JobRun(db.Model):
    """When a scheduled job last ran (the daily ``reminders send``): settings pages say whether
    what depends on it works."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_run_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_day: Mapped[date] = mapped_column(Date)
