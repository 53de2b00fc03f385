"""Applications: one project profile x one programme, with sections, checklist, status log and
milestones."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from funding_matcher.domain.applications.status import BEFORE_SUBMISSION
from funding_matcher.extensions import db
from funding_matcher.models.accounts import Organisation, User
from funding_matcher.models.base import utcnow
from funding_matcher.models.projects import ProjectProfile

Money = Numeric(14, 2)


class Application(db.Model):
    """An application of an organisation for one programme with one project."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project_profiles.id", ondelete="CASCADE"), index=True
    )
    programme_slug: Mapped[str] = mapped_column(String(120), index=True)
    # The programme's title when the application was made: the catalogue may drop the record.
    programme_title: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="idee")
    # One requested amount everywhere: the saved plan's grant ("plan"); before a plan without
    # errors exists, the profile's need within the programme's cap ("profil", vorläufig); the
    # amount entered on submission without a plan ("eingereicht": what was applied for).
    requested_eur: Mapped[Decimal | None] = mapped_column(Money)
    requested_source: Mapped[str | None] = mapped_column(String(20), default="profil")
    approved_eur: Mapped[Decimal | None] = mapped_column(Money)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    # The submission deadline the team works towards; None = the programme's next deadline.
    deadline: Mapped[date | None] = mapped_column(Date)
    # The project period of the Bewilligung, for the award dates (Verwendungsnachweis ...).
    project_start: Mapped[date | None] = mapped_column(Date)
    project_end: Mapped[date | None] = mapped_column(Date)
    eu_funded: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The budget (budget contract, rules v2; v1 still read) and input that did not validate yet.
    budget: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    budget_pending: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Other funding planned from the matcher's funding mix, as budget v2 financing sources
    # ({kind, label, programme, amount_eur, status}); the budget draft takes them over.
    planned_financing: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    # Set while it lies in the Papierkorb: hidden everywhere, restorable; purging the entry
    # deletes the row with everything that hangs on it.
    trashed_in_id: Mapped[int | None] = mapped_column(
        ForeignKey("trash_entries.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    organisation: Mapped[Organisation] = relationship()
    project: Mapped[ProjectProfile] = relationship()
    sections: Mapped[list[ApplicationSection]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="ApplicationSection.position",
    )
    checklist: Mapped[list[ChecklistItemRow]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="ChecklistItemRow.position",
    )
    status_log: Mapped[list[StatusLogEntry]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="StatusLogEntry.id",
    )
    milestones: Mapped[list[MilestoneRow]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="(MilestoneRow.phase.desc(), MilestoneRow.position)",
    )

    @property
    def before_submission(self) -> bool:
        """Not yet submitted (idee, in Vorbereitung): the team still works towards submission."""
        return self.status in BEFORE_SUBMISSION

    @property
    def requested_provisional(self) -> bool:
        """The requested amount is the profile's (no plan yet, not submitted): "vorläufig"."""
        return self.requested_eur is not None and self.requested_source in (None, "profil")


class ApplicationSection(db.Model):
    """One outline section; ``version`` rises with every save (optimistic locking)."""

    __tablename__ = "application_sections"
    __table_args__ = (UniqueConstraint("application_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    guidance: Mapped[str] = mapped_column(Text, default="")
    limit_chars: Mapped[int | None] = mapped_column(Integer)
    limit_pages: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # True while the text is still the suggestion drafted from the profile.
    prefilled: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    application: Mapped[Application] = relationship(back_populates="sections")
    versions: Mapped[list[SectionVersion]] = relationship(
        back_populates="section", cascade="all, delete-orphan", order_by="SectionVersion.version"
    )
    updated_by: Mapped[User | None] = relationship()


class SectionVersion(db.Model):
    """Every saved text of a section, for the history and restore."""

    __tablename__ = "section_versions"
    __table_args__ = (UniqueConstraint("section_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("application_sections.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str] = mapped_column(String(200), default="")

    section: Mapped[ApplicationSection] = relationship(back_populates="versions")
    saved_by: Mapped[User | None] = relationship()


class ChecklistItemRow(db.Model):
    """A document the application needs (required) or may include."""

    __tablename__ = "checklist_items"
    __table_args__ = (UniqueConstraint("application_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(Text)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer)

    application: Mapped[Application] = relationship(back_populates="checklist")


class MilestoneRow(db.Model):
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


class StatusLogEntry(db.Model):
    """Who changed the status when, to what, with which date and amount."""

    __tablename__ = "application_status_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    on: Mapped[date] = mapped_column(Date)
    amount_eur: Mapped[Decimal | None] = mapped_column(Money)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    application: Mapped[Application] = relationship(back_populates="status_log")
    user: Mapped[User | None] = relationship()
