"""``funding-matcher org`` and ``user``: organisations, accounts, memberships."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from funding_matcher.cli.common import fail
from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import ORGANISATION_KINDS, Role
from funding_matcher.operations.accounts import (
    add_member,
    create_organisation,
    create_user,
    find_organisation,
    find_user,
)


@click.group("org")
def org_group() -> None:
    """Organisationen verwalten."""


@org_group.command("create")
@click.argument("name")
@click.option(
    "--kind", type=click.Choice(list(ORGANISATION_KINDS)), default="sonstige", show_default=True
)
@with_appcontext
def org_create(name: str, kind: str) -> None:
    """Eine Organisation anlegen."""
    try:
        organisation = create_organisation(name, kind)
    except InvalidData as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"Organisation „{organisation.name}“ angelegt (id {organisation.id}).")


@click.group("user")
def user_group() -> None:
    """Konten verwalten."""


@user_group.command("create")
@click.argument("email")
@click.option("--name", default="")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    envvar="FUNDING_MATCHER_NEW_PASSWORD",
    help="sonst wird interaktiv gefragt",
)
@with_appcontext
def user_create(email: str, name: str, password: str) -> None:
    """Ein Konto anlegen (Passwort wird mit argon2 gespeichert)."""
    try:
        user = create_user(email, password, name)
    except InvalidData as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"Konto {user.email} angelegt.")


@user_group.command("add-to-org")
@click.argument("email")
@click.argument("organisation")
@click.option(
    "--role", type=click.Choice([r.value for r in Role]), default="editor", show_default=True
)
@with_appcontext
def user_add_to_org(email: str, organisation: str, role: str) -> None:
    """Ein Konto einer Organisation mit einer Rolle zuordnen."""
    user = find_user(email)
    org = find_organisation(organisation)
    if user is None:
        click.echo(f"FEHLER email: kein Konto für {email}", err=True)
        sys.exit(2)
    if org is None:
        click.echo(f"FEHLER organisation: keine Organisation „{organisation}“", err=True)
        sys.exit(2)
    add_member(user, org, Role(role))
    db.session.commit()
    click.echo(f"{user.email} ist jetzt „{Role(role).label}“ in {org.name}.")
