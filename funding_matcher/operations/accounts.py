"""Organisations, accounts and memberships as rows. Flushes, never commits."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from funding_matcher.domain.accounts.passwords import (
    check_password,
    hash_password,
    normalise_email,
    verify_for_unknown_address,
    verify_password,
)
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.limits import check_single_line
from funding_matcher.extensions import db
from funding_matcher.models import ORGANISATION_KINDS, Membership, Organisation, Role, User


def create_organisation(name: str, kind: str = "sonstige") -> Organisation:
    """A new organisation; its name must be unique."""
    name = check_single_line(name, "name").strip()
    if len(name) < 2:
        raise InvalidData([FieldProblem("name", "Bitte einen Namen angeben (mind. 2 Zeichen).")])
    if kind not in ORGANISATION_KINDS:
        raise InvalidData(
            [
                FieldProblem(
                    "kind", f"unbekannte Art „{kind}“ (erlaubt: {', '.join(ORGANISATION_KINDS)})"
                )
            ]
        )
    taken = InvalidData([FieldProblem("name", "Eine Organisation mit diesem Namen gibt es schon.")])
    # The database's lower() may fold only ASCII letters: the exact name is compared as well.
    same_name = or_(Organisation.name == name, func.lower(Organisation.name) == name.lower())
    if db.session.scalar(select(Organisation.id).where(same_name)):
        raise taken
    organisation = Organisation(name=name, kind=kind)
    if not _stored_unless_taken(organisation):  # a parallel request stored the name first
        raise taken
    return organisation


def _stored_unless_taken(row: Organisation | User) -> bool:
    """Add and flush a new row; False when a unique column was taken meanwhile (two requests
    passed the check above at once). Then the whole transaction is rolled back, since the
    database refuses to go on with it: the request ends with the message, nothing half done.
    (No savepoint: on SQLite without an open transaction its release would commit.)"""
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def create_user(email: str, password: str, name: str = "", context: Iterable[str] = ()) -> User:
    """A new account with an argon2-hashed password; ``context``: names a guesser would try
    (the organisation's)."""
    email = normalise_email(email)
    check_single_line(name, "name")
    check_password(password, email, name, context)
    if find_user(email):
        raise InvalidData(
            [FieldProblem("email", "Für diese E-Mail-Adresse gibt es schon ein Konto.")]
        )
    user = User(email=email, name=name.strip(), password_hash=hash_password(password))
    if not _stored_unless_taken(user):  # a parallel request created the account first
        raise InvalidData(
            [FieldProblem("email", "Für diese E-Mail-Adresse gibt es schon ein Konto.")]
        )
    return user


def find_user(email: str) -> User | None:
    """The account with this e-mail address (trimmed and lower-cased first), or None."""
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """The user with this email and password, or None (same answer for either mistake)."""
    user = find_user(email)
    if user is None:
        verify_for_unknown_address(password)  # same time as for a known address
        return None
    if not verify_password(user.password_hash, password):
        return None
    return user


def end_all_sessions(user: User) -> None:
    """Every session of this person ends (logout everywhere, new password)."""
    user.session_version += 1
    db.session.flush()


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one; ends all other sessions."""
    if not verify_password(user.password_hash, current):
        raise InvalidData([FieldProblem("current_password", "Das bisherige Passwort ist falsch.")])
    organisations = [m.organisation.name for m in user.memberships]
    check_password(new, user.email, user.name, organisations)
    user.password_hash = hash_password(new)
    end_all_sessions(user)


def add_member(user: User, organisation: Organisation, role: Role) -> Membership:
    """Give the user a role in the organisation (updates an existing membership)."""
    membership = membership_of(user, organisation.id)
    if membership is None:
        membership = Membership(user=user, organisation=organisation, role=role)
        db.session.add(membership)
    else:
        membership.role = role
    db.session.flush()
    return membership


def membership_of(user: User, organisation_id: int) -> Membership | None:
    """The person's own membership in this organisation, or None (access through a
    consultancy is not a membership: see operations/clients.py)."""
    return db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organisation_id == organisation_id
        )
    )


def memberships(user: User) -> list[Membership]:
    """The person's own memberships, by organisation name."""
    return list(
        db.session.scalars(
            select(Membership)
            .join(Organisation)
            .where(Membership.user_id == user.id)
            .order_by(Organisation.name)
        )
    )


def find_organisation(name: str) -> Organisation | None:
    """The organisation with exactly this name (trimmed), or None."""
    return db.session.scalar(select(Organisation).where(Organisation.name == name.strip()))


def has_any_user() -> bool:
    """Whether any account exists yet; before the first one the app asks for the first owner."""
    return db.session.scalar(select(func.count(User.id))) > 0


def setup_first_owner(
    organisation_name: str, kind: str, email: str, password: str, name: str = ""
) -> User:
    """First start: the first organisation and its owner, in one go."""
    problems: list[FieldProblem] = []
    organisation = user = None
    try:
        organisation = create_organisation(organisation_name, kind)
    except InvalidData as exc:
        problems.extend(exc.problems)
    try:
        user = create_user(email, password, name, [organisation_name])
    except InvalidData as exc:
        problems.extend(exc.problems)
    if problems or organisation is None or user is None:
        raise InvalidData(problems)
    add_member(user, organisation, Role.owner)
    return user


def organisation_members(organisation: Organisation) -> list[Membership]:
    """Everyone with a membership in the organisation, by e-mail address."""
    return list(
        db.session.scalars(
            select(Membership)
            .join(User)
            .where(Membership.organisation_id == organisation.id)
            .order_by(User.email)
        )
    )


def change_role(membership: Membership, role: Role) -> None:
    """Set a member's role; an organisation never loses its last owner."""
    if membership.role is Role.owner and role is not Role.owner:
        _keep_an_owner(membership)
    membership.role = role
    db.session.flush()


def remove_member(membership: Membership) -> None:
    """Take a user out of an organisation (their account stays)."""
    if membership.role is Role.owner:
        _keep_an_owner(membership)
    db.session.delete(membership)
    db.session.flush()


def _keep_an_owner(membership: Membership) -> None:
    owners = db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.organisation_id == membership.organisation_id,
            Membership.role == Role.owner,
        )
    )
    if owners <= 1:
        raise InvalidData(
            [FieldProblem("role", "Die Organisation braucht mindestens eine verwaltende Person.")]
        )
