"""Project profiles of an organisation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from funding_matcher.extensions import db
from funding_matcher.models.accounts import Organisation
from funding_matcher.models.base import utcnow


class ProjectProfile(db.Model):
    """A Quartier project profile of one organisation (``data`` is interchange format v1)."""

    __tablename__ = "project_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    wizard_step: Mapped[int] = mapped_column(default=1)
    # Raw input of wizard steps that did not validate yet, by step number: kept so that a
    # reload, a closed browser or a failed validation loses nothing.
    pending: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The slugs of the last reminder run's top ten, to tell the team about new matches.
    known_top: Mapped[list[str] | None] = mapped_column(JSON)
    # Fields filled from an uploaded project concept, with page and quote, until confirmed.
    import_sources: Mapped[dict[str, Any] | None] = mapped_column(JSON)
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
