"""Dates: milestones of applications, the organisation's calendar of bodies, the watch list,
catalogue changes, reminder settings and the log of reminders sent."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from funding_matcher.extensions import db
from funding_matcher.models.accounts import User
from funding_matcher.models.applications import Application
from funding_matcher.models.base import utcnow


class Milestone(db.Model):
    """A dated step of an application: before submission (backward plan) or after the award."""

    __tablename__ = "milestones"
    # One row per step: plans are recomputed when their inputs change, and two requests doing
    # so at once must not leave a step twice.
    __table_args__ = (UniqueConstraint("application_id", "phase", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    # The step's key, with the year for yearly steps (zwischennachweis-2027).
    key: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    phase: Mapped[str] = mapped_column(String(12), default="submission")  # or "award"
    # intern, sitzung, stichtag, frist, aufbewahrung (planning.md § 2)
    kind: Mapped[str] = mapped_column(String(16), default="intern", server_default="intern")
    due: Mapped[date | None] = mapped_column(Date)
    # The day the law or the funder holds the applicant to (None for own steps).
    legal_due: Mapped[date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Set when a person changed the due date: a recomputed plan keeps their date.
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # For calendar clients: SEQUENCE rises each time the date moves.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    application: Mapped[Application] = relationship(back_populates="milestones")
    owner: Mapped[User | None] = relationship()


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


class ProgrammeChange(db.Model):
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


class SentReminder(db.Model):
    """A reminder that went out, so that it never goes out twice."""

    __tablename__ = "sent_reminders"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(200))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
