"""Invitations: an owner invites an e-mail address; the person accepts by link or at sign-in.

The link goes only to the invited address (by e-mail), works once and expires: whoever holds
it has shown they read that mailbox, so only they may set the password of a new account. An
address that has an account accepts by signing in. The owner learns nothing about whether the
address has an account; nobody is added to an organisation without accepting. Flushes, never
commits.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from funding_matcher.domain.accounts.passwords import normalise_email
from funding_matcher.domain.accounts.tokens import new_token, token_hash
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import Invitation, Membership, Organisation, Role, User
from funding_matcher.operations.accounts import add_member, create_user, find_user, membership_of

VALID_FOR = timedelta(days=14)


def invite(
    organisation: Organisation, email: str, role: Role, by: User | None
) -> tuple[Invitation, str]:
    """A new invitation and its link token (shown once; only its hash is stored)."""
    email = normalise_email(email)
    token = new_token()
    invitation = Invitation(
        organisation_id=organisation.id,
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by_id=by.id if by else None,
        expires_at=datetime.now(UTC) + VALID_FOR,
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation, token


def _live(invitation: Invitation | None) -> Invitation | None:
    if invitation is None or invitation.accepted_at is not None:
        return None
    expires = invitation.expires_at
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    return invitation if expires > datetime.now(UTC) else None


def find_invitation(token: str) -> Invitation | None:
    """The open invitation behind a link token, or None (unknown, used or expired)."""
    found = db.session.scalar(select(Invitation).where(Invitation.token_hash == token_hash(token)))
    return _live(found)


def open_invitations_for(user: User) -> list[Invitation]:
    """Open invitations addressed to the user's e-mail (shown after sign-in)."""
    rows = db.session.scalars(
        select(Invitation).where(Invitation.email == user.email, Invitation.accepted_at.is_(None))
    )
    return [row for row in rows if _live(row) is not None]


def pending_invitations(organisation: Organisation) -> list[Invitation]:
    """The organisation's invitations not accepted yet (for its owners)."""
    rows = db.session.scalars(
        select(Invitation)
        .where(Invitation.organisation_id == organisation.id, Invitation.accepted_at.is_(None))
        .order_by(Invitation.created_at.desc())
    )
    return [row for row in rows if _live(row) is not None]


def accept(invitation: Invitation, user: User) -> Membership:
    """Join the organisation with the invited role; only the invited address may accept."""
    if user.email != invitation.email:
        raise InvalidData([FieldProblem("email", f"Diese Einladung gilt für {invitation.email}.")])
    invitation.accepted_at = datetime.now(UTC)
    membership = membership_of(user, invitation.organisation_id)
    if membership is None:
        membership = add_member(user, invitation.organisation, invitation.role)
    db.session.flush()
    return membership


def join_with_new_account(invitation: Invitation, password: str, name: str = "") -> User:
    """Create the invited address's account with the password its owner chose, and accept.

    Only for an address without an account: an existing account is never touched through an
    invitation link (its owner signs in and accepts)."""
    if find_user(invitation.email) is not None:
        raise InvalidData(
            [
                FieldProblem(
                    "email",
                    "Für diese E-Mail-Adresse gibt es bereits ein Konto. Bitte melden Sie sich "
                    "an; die Einladung können Sie danach annehmen.",
                )
            ]
        )
    user = create_user(invitation.email, password, name, [invitation.organisation.name])
    accept(invitation, user)
    return user


def withdraw(invitation: Invitation) -> None:
    """Take back an invitation (the owner does): the row goes, so its link finds nothing."""
    db.session.delete(invitation)
    db.session.flush()
