"""Organisations, users and their memberships with a role."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, DateTime, Enum, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from funding_matcher.extensions import db
from funding_matcher.models.base import utcnow


class Role(enum.StrEnum):
    """What a member may do in an organisation, weakest first."""

    viewer = "viewer"
    editor = "editor"
    owner = "owner"

    @property
    def label(self) -> str:
        return {"viewer": "Lesen", "editor": "Bearbeiten", "owner": "Verwalten"}[self.value]

    def at_least(self, other: Role) -> bool:
        order = list(Role)
        return order.index(self) >= order.index(other)


ORGANISATION_KINDS = {
    "kommune": "Kommune",
    "verband": "Wohlfahrtsverband oder Träger",
    "verein": "Verein oder Initiative",
    "beratung": "Beratung",
    "sonstige": "Sonstige",
}


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30), default="sonstige")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The applicant block every draft prints (drafting contract § 2), validated on save.
    applicant: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The Land (two-letter code of taxonomy.STATES): the catalogue filters by it, the wizard
    # starts with it. None where it was never said (organisations set up before it was asked).
    state: Mapped[str | None] = mapped_column(String(2))
    # A client organisation: the consultancy (kind "beratung") that looks after it. Members of
    # the consultancy work for it with their role there; the client's own people see only it.
    consultancy_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )

    consultancy: Mapped[Organisation | None] = relationship(remote_side="Organisation.id")

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    @property
    def kind_label(self) -> str:
        return ORGANISATION_KINDS.get(self.kind, self.kind)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Raised to revoke the personal calendar feed URL (its secret is derived, not stored).
    calendar_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Part of every session's identity: raising it (logout, new password) ends all sessions.
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    def get_id(self) -> str:
        """Flask-Login's session key: id and session version, e.g. '12.3'."""
        return f"{self.id}.{self.session_version}"

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(
        Enum(Role, name="role", native_enum=False, length=10), default=Role.viewer
    )

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")


class ApiToken(db.Model):
    """A personal API token of a user in one organisation; only its SHA-256 hash is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))  # shown in lists to tell tokens apart
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()


class Invitation(db.Model):
    """An invitation to join an organisation; the person accepts it by link or on next login."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[Role] = mapped_column(
        Enum(Role, name="role", native_enum=False, length=10), default=Role.viewer
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship()


class ThrottleCounter(db.Model):
    """Attempts per key ("account:<email>", "ip:<address>", "device:<id>", "token:<hash>"),
    changed only by single atomic UPDATE statements, so parallel requests cannot slip past it.

    Times are seconds since the epoch (floats): the back-off arithmetic then runs inside the
    UPDATE the same way on SQLite and PostgreSQL.
    """

    __tablename__ = "throttle_counters"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[float] = mapped_column(Float, default=0.0, index=True)
    blocked_until: Mapped[float] = mapped_column(Float, default=0.0)
