"""Dates of the organisation: its calendar of bodies, award dates, the watch list, catalogue
changes, reminder settings and the log of reminders sent. An application's milestones live with
the application (models/applications.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from funding_matcher.extensions import db
from funding_matcher.models.base import utcnow


class CouncilSource(db.Model):
    """A council calendar imported from a Ratsinformationssystem (OParl) or an ICS export,
    with the organisation's choice of which committee counts as which body."""

    __tablename__ = "council_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))  # oparl | ics
    url: Mapped[str | None] = mapped_column(Text)  # None for an uploaded file
    label: Mapped[str] = mapped_column(String(300), default="")
    # [{"key", "name", "count", "meetings_url"}]: the committees found at the source.
    committees: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # committee key -> body code (fachausschuss, hauptausschuss, rat …); others are ignored.
    mapping: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # OParl: the Körperschaft's list of all meetings, for committees without their own list.
    meetings_url: Mapped[str | None] = mapped_column(Text)
    # ICS: the meetings read from the file (an address is read again on every update).
    meetings: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class BodyMeeting(db.Model):
    """A meeting of a council, committee or board in the organisation's calendar of bodies."""

    __tablename__ = "body_meetings"
    __table_args__ = (UniqueConstraint("source_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(String(30))
    day: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200), default="")
    # Set for imported meetings: a re-import finds the meeting again and moves it.
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("council_sources.id", ondelete="CASCADE"), index=True
    )
    external_id: Mapped[str | None] = mapped_column(String(500))


class PlanningSettings(db.Model):
    """An organisation's planning settings (planning.md § 8 without the meetings, which are
    rows): bodies of the Beratungsfolge, lead times, council, Haushalt, Mitgliederversammlung."""

    __tablename__ = "planning_settings"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AwardDates(db.Model):
    """Dates of an award that only the Bescheid or contract names (planning.md § 10.2)."""

    __tablename__ = "award_dates"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    vn_due: Mapped[date | None] = mapped_column(Date)
    purpose_fulfilled: Mapped[date | None] = mapped_column(Date)


class WatchedProgramme(db.Model):
    """A programme an organisation keeps an eye on (also a closed one, for its next round)."""

    __tablename__ = "watched_programmes"
    __table_args__ = (UniqueConstraint("organisation_id", "programme_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    programme_slug: Mapped[str] = mapped_column(String(120))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProgrammeChangeRow(db.Model):
    """A change of a programme's deadline or status found by ``catalogue load``."""

    __tablename__ = "programme_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_slug: Mapped[str] = mapped_column(String(120), index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    summary: Mapped[str] = mapped_column(Text)


class ReminderSettings(db.Model):
    """A person's reminder e-mails: on or off, and how many days before a date."""

    __tablename__ = "reminder_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    offsets: Mapped[list[int]] = mapped_column(JSON, default=lambda: [30, 14, 7, 1])
    # Organisations the person works for whose dates stay out of the e-mail (a consultant's
    # clients someone else looks after); an organisation reached later is in by default.
    muted_organisation_ids: Mapped[list[int] | None] = mapped_column(JSON, default=list)


class SentReminder(db.Model):
    """A reminder that went out, so that it never goes out twice."""

    __tablename__ = "sent_reminders"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(200))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
