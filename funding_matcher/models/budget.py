"""The organisation's De-minimis register: aid received, checked by every application's plan."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from funding_matcher.extensions import db
from funding_matcher.models.base import utcnow


class DeMinimisAidRow(db.Model):
    """One De-minimis aid the organisation received (date of the Bescheid, grantor, amount)."""

    __tablename__ = "de_minimis_aid"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    granted_on: Mapped[date] = mapped_column(Date)
    grantor: Mapped[str] = mapped_column(String(300))
    amount_eur: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    # DAWI: services of general economic interest (VO (EU) 2023/2832), else general de minimis.
    dawi: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
