"""The only code that turns domain objects into rows and back. Flushes, never commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from funding_matcher.domain.accounts import (
    check_password,
    hash_password,
    normalise_email,
    verify_password,
)
from funding_matcher.domain.catalogue import SLUG_RE, Programme
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.profile import Profile
from funding_matcher.domain.wizard import merge_step
from funding_matcher.extensions import db
from funding_matcher.models import (
    ORGANISATION_KINDS,
    Membership,
    Organisation,
    ProgrammeRow,
    ProjectProfile,
    Role,
    User,
)

# -- organisations and accounts ---------------------------------------------------------------


def create_organisation(name: str, kind: str = "sonstige") -> Organisation:
    """A new organisation; its name must be unique."""
    name = name.strip()
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
    if db.session.scalar(select(Organisation).where(func.lower(Organisation.name) == name.lower())):
        raise InvalidData(
            [FieldProblem("name", "Eine Organisation mit diesem Namen gibt es schon.")]
        )
    organisation = Organisation(name=name, kind=kind)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def create_user(email: str, password: str, name: str = "") -> User:
    """A new account with an argon2-hashed password."""
    email = normalise_email(email)
    check_password(password)
    if find_user(email):
        raise InvalidData(
            [FieldProblem("email", "Für diese E-Mail-Adresse gibt es schon ein Konto.")]
        )
    user = User(email=email, name=name.strip(), password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    return user


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """The user with this email and password, or None (same answer for either mistake)."""
    user = find_user(email)
    if user is None or not verify_password(user.password_hash, password):
        return None
    return user


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
    return db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organisation_id == organisation_id
        )
    )


def memberships(user: User) -> list[Membership]:
    return list(
        db.session.scalars(
            select(Membership)
            .join(Organisation)
            .where(Membership.user_id == user.id)
            .order_by(Organisation.name)
        )
    )


def find_programme(slug: str) -> Programme | None:
    """One stored programme (any status), or None; text that is no slug is never queried."""
    if not SLUG_RE.match(slug):
        return None
    row = db.session.scalar(select(ProgrammeRow).where(ProgrammeRow.slug == slug))
    return Programme.model_validate(row.record) if row else None


def find_organisation(name: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.name == name.strip()))


def has_any_user() -> bool:
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
        user = create_user(email, password, name)
    except InvalidData as exc:
        problems.extend(exc.problems)
    if problems or organisation is None or user is None:
        raise InvalidData(problems)
    add_member(user, organisation, Role.owner)
    return user


# -- catalogue --------------------------------------------------------------------------------


@dataclass
class CatalogueSync:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def sync_catalogue(programmes: Iterable[Programme]) -> CatalogueSync:
    """Make the programmes table equal to the given records: add, update, remove."""
    result = CatalogueSync()
    rows = {row.slug: row for row in db.session.scalars(select(ProgrammeRow))}
    seen = set()
    for programme in programmes:
        seen.add(programme.slug)
        record = programme.to_dict()
        row = rows.get(programme.slug)
        if row is None:
            db.session.add(_programme_row(ProgrammeRow(slug=programme.slug), programme, record))
            result.added.append(programme.slug)
        elif row.record != record:
            _programme_row(row, programme, record)
            result.updated.append(programme.slug)
        else:
            result.unchanged += 1
    for slug, row in rows.items():
        if slug not in seen:
            db.session.delete(row)
            result.removed.append(slug)
    db.session.flush()
    return result


def _programme_row(row: ProgrammeRow, programme: Programme, record: dict) -> ProgrammeRow:
    row.title = programme.title
    row.level = programme.level
    row.status = programme.status
    row.checked_on = programme.checked_on
    row.record = record
    return row


def catalogue_programmes() -> list[Programme]:
    """Every programme stored in the database, as domain records."""
    rows = db.session.scalars(select(ProgrammeRow).order_by(ProgrammeRow.slug))
    return [Programme.model_validate(row.record) for row in rows]


def count_matchable_programmes() -> int:
    """How many stored programmes count in matching (reviewed, not drafts)."""
    return db.session.scalar(
        select(func.count(ProgrammeRow.id)).where(ProgrammeRow.status != "draft")
    )


def catalogue_version() -> tuple[int, str | None]:
    """A cheap fingerprint of the stored catalogue, to know when the matcher must refit."""
    count, latest = db.session.execute(
        select(func.count(ProgrammeRow.id), func.max(ProgrammeRow.updated_at))
    ).one()
    return count, latest.isoformat() if latest else None


# -- project profiles -------------------------------------------------------------------------


DRAFT_TITLE = "Neues Projekt (Entwurf)"


def _new_profile_row(
    organisation: Organisation, data: dict, wizard_step: int, user: User | None
) -> ProjectProfile:
    row = ProjectProfile(
        organisation_id=organisation.id,
        title=data.get("title") or DRAFT_TITLE,
        data=data,
        pending={},
        wizard_step=wizard_step,
        created_by_id=user.id if user else None,
    )
    db.session.add(row)
    db.session.flush()
    return row


def save_profile(
    organisation: Organisation, profile: Profile, user: User | None = None
) -> ProjectProfile:
    """Store a validated profile for the organisation (ready for review and results)."""
    return _new_profile_row(organisation, profile.to_dict(), 4, user)


def create_draft_profile(organisation: Organisation, user: User | None = None) -> ProjectProfile:
    """An empty project profile that the wizard fills step by step."""
    return _new_profile_row(organisation, {}, 1, user)


def save_wizard_step(row: ProjectProfile, step: int, values: dict) -> None:
    """Store one valid wizard step and forget its pending raw input."""
    row.data = merge_step(dict(row.data), step, values)
    row.title = row.data.get("title") or DRAFT_TITLE
    row.pending = {k: v for k, v in (row.pending or {}).items() if k != str(step)}
    row.wizard_step = max(row.wizard_step, step + 1)
    db.session.flush()


def save_pending_input(row: ProjectProfile, step: int, raw: dict) -> None:
    """Keep a step's input that did not validate, so that nothing typed is lost."""
    row.pending = {**(row.pending or {}), str(step): raw}
    db.session.flush()


def duplicate_profile(row: ProjectProfile, user: User | None = None) -> ProjectProfile:
    """A copy of a project profile in the same organisation."""
    data = dict(row.data)
    if data.get("title"):
        data["title"] = f"{data['title']} (Kopie)"[:300]
    copy = _new_profile_row(row.organisation, data, row.wizard_step, user)
    copy.pending = dict(row.pending or {})
    db.session.flush()
    return copy


def organisation_members(organisation: Organisation) -> list[Membership]:
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
