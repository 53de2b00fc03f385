"""API tokens as rows: created for a member, found by hash, revoked. Flushes, never commits."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from funding_matcher.domain.accounts.tokens import (
    SHOWN_CHARS,
    new_token,
    token_hash,
    well_formed,
)
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.limits import check_single_line
from funding_matcher.extensions import db
from funding_matcher.models import ApiToken, Organisation, User
from funding_matcher.operations.clients import Access, access_to

MAX_LABEL = 100


def create_api_token(
    user: User, organisation: Organisation, label: str = ""
) -> tuple[ApiToken, str]:
    """A new token for the user in one of their organisations; returns the row and the token."""
    if access_to(user, organisation.id) is None:
        raise InvalidData(
            [
                FieldProblem(
                    "organisation", f"{user.email} ist nicht Mitglied von {organisation.name}."
                )
            ]
        )
    label = check_single_line(label, "label").strip()
    if len(label) > MAX_LABEL:
        raise InvalidData([FieldProblem("label", f"höchstens {MAX_LABEL} Zeichen")])
    token = new_token()
    row = ApiToken(
        user_id=user.id,
        organisation_id=organisation.id,
        label=label,
        token_hash=token_hash(token),
        prefix=token[:SHOWN_CHARS],
    )
    db.session.add(row)
    db.session.flush()
    return row, token


def token_membership(token: str) -> tuple[ApiToken, Access] | None:
    """The live token and its user's access to its organisation, or None (unknown, revoked, no
    longer member, no longer with the consultancy of a client)."""
    # Malformed or not, every token is hashed and looked up: the answer takes the same time.
    digest = token_hash(token if well_formed(token) else f"ungueltig:{token[:100]}")
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
    if row is None or row.revoked_at is not None:
        return None
    membership = access_to(row.user, row.organisation_id)
    if membership is None:
        return None
    row.last_used_at = datetime.now(UTC)
    return row, membership


def user_tokens(user: User) -> list[ApiToken]:
    """The user's tokens, newest first, revoked ones included."""
    return list(
        db.session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


def revoke_api_token(row: ApiToken) -> None:
    """End a token now; it answers 401 from then on."""
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
    db.session.flush()
