"""What the PDF import keeps: an uploaded guideline's proposals, and an organisation's checked
copy of a programme record built from the proposals a person accepted."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from funding_matcher.extensions import db
from funding_matcher.models.base import utcnow


class GuidelineImportRow(db.Model):
    """The proposals read from one uploaded guideline (the PDF itself is not kept)."""

    __tablename__ = "guideline_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    programme_slug: Mapped[str | None] = mapped_column(String(120))
    file_name: Mapped[str] = mapped_column(String(255))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProgrammeCopy(db.Model):
    """An organisation's own, checked version of a programme record (accepted proposals)."""

    __tablename__ = "programme_copies"
    __table_args__ = (UniqueConstraint("organisation_id", "programme_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    programme_slug: Mapped[str] = mapped_column(String(120))
    # Field -> {"value": ..., "page": 4, "quote": "...", "file": "richtlinie.pdf"}
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    checked_on: Mapped[date] = mapped_column(Date)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
