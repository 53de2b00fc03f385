"""Who may work for which organisation: own memberships, and a consultancy's clients.

A consultancy (kind "beratung") looks after client organisations. Its members work for every
client with the role they have in the consultancy; the client's own people are members of the
client only and see nothing of the consultancy's other clients. Flushes, never commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.taxonomy import STATES
from funding_matcher.extensions import db
from funding_matcher.models import Membership, Organisation, Role, User
from funding_matcher.operations.accounts import (
    add_member,
    create_organisation,
    membership_of,
    memberships,
    organisation_members,
)

CONSULTANCY = "beratung"


def organisation_holding(model: type, object_id: int) -> int | None:
    """The id of the organisation an application or project belongs to (None: no such row)."""
    return db.session.scalar(select(model.organisation_id).where(model.id == object_id))


@dataclass(frozen=True)
class Access:
    """A person's standing in one organisation: the role, and the consultancy it comes through
    (None for an own membership)."""

    user: User
    organisation: Organisation
    role: Role
    via: Organisation | None = None

    @property
    def organisation_id(self) -> int:
        """The id of the organisation this access is to."""
        return self.organisation.id

    @property
    def client_group(self) -> str:
        """The heading a client is listed under ("Mandanten von …"); "" for the others."""
        consultancy = self.organisation.consultancy
        return f"Mandanten von {consultancy.name}" if consultancy is not None else ""


def _stronger(current: Access | None, candidate: Access) -> Access:
    if current is None or not current.role.at_least(candidate.role):
        return candidate
    return current


def access_list(user: User) -> list[Access]:
    """Every organisation the person may work for, by name: own memberships and the clients of
    the consultancies they belong to (the stronger role where both apply)."""
    found: dict[int, Access] = {}
    own = memberships(user)
    for membership in own:
        found[membership.organisation_id] = Access(user, membership.organisation, membership.role)
    roles = {m.organisation_id: m for m in own}
    if roles:
        clients = db.session.scalars(
            select(Organisation).where(Organisation.consultancy_id.in_(roles.keys()))
        )
        for client in clients:
            via = roles[client.consultancy_id]
            found[client.id] = _stronger(
                found.get(client.id), Access(user, client, via.role, via.organisation)
            )
    return sorted(found.values(), key=lambda a: a.organisation.name.casefold())


def access_to(user: User, organisation_id: int) -> Access | None:
    """The person's access to one organisation, or None when they may not work for it."""
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        return None
    own = membership_of(user, organisation_id)
    best = Access(user, organisation, own.role) if own is not None else None
    if organisation.consultancy_id is not None:
        through = membership_of(user, organisation.consultancy_id)
        if through is not None:
            best = _stronger(best, Access(user, organisation, through.role, through.organisation))
    return best


def clients_of(consultancy: Organisation) -> list[Organisation]:
    """The consultancy's client organisations, by name."""
    return list(
        db.session.scalars(
            select(Organisation)
            .where(Organisation.consultancy_id == consultancy.id)
            .order_by(func.lower(Organisation.name))
        )
    )


def consultancy_people(client: Organisation) -> list[Membership]:
    """The members of the client's consultancy: each works for the client with the role they
    have there (listed on the client's member page)."""
    if client.consultancy is None:
        return []
    return organisation_members(client.consultancy)


def check_state(state: str | None, required: bool = True) -> str | None:
    """A Land code of taxonomy.STATES (or None when it may be left open)."""
    if not state:
        if required:
            raise InvalidData([FieldProblem("state", "Bitte das Bundesland angeben.")])
        return None
    if state not in STATES:
        raise InvalidData(
            [FieldProblem("state", f"unbekanntes Bundesland „{state[:20]}“ (z. B. NW, NI, BY)")]
        )
    return state


def create_client_or_organisation(
    user: User,
    name: str,
    kind: str,
    state: str | None,
    consultancy: Organisation | None = None,
) -> Organisation:
    """A new organisation with ``user`` as its owner; with ``consultancy`` (of kind Beratung,
    where the person is at least an editor) it becomes that consultancy's client."""
    problems: list[FieldProblem] = []
    try:
        state = check_state(state)
    except InvalidData as exc:
        problems.extend(exc.problems)
    if consultancy is not None:
        standing = access_to(user, consultancy.id)
        if consultancy.kind != CONSULTANCY:
            problems.append(
                FieldProblem(
                    "consultancy",
                    f"„{consultancy.name}“ ist keine Beratung und kann keine Mandanten anlegen.",
                )
            )
        elif standing is None or not standing.role.at_least(Role.editor):
            problems.append(
                FieldProblem("consultancy", "Mandanten legen nur Bearbeitende der Beratung an.")
            )
    try:
        organisation = create_organisation(name, kind)
    except InvalidData as exc:
        problems = [*exc.problems, *problems]
    if problems:
        raise InvalidData(problems)
    organisation.state = state
    organisation.consultancy_id = consultancy.id if consultancy is not None else None
    add_member(user, organisation, Role.owner)
    db.session.flush()
    return organisation
