"""``funding-matcher token``: personal API tokens (created, listed, revoked)."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from funding_matcher.cli.common import fail
from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.operations.accounts import find_organisation, find_user
from funding_matcher.operations.tokens import create_api_token, revoke_api_token, user_tokens


@click.group("token")
def token_group() -> None:
    """API-Tokens verwalten."""


def _user(email: str):
    user = find_user(email)
    if user is None:
        click.echo(f"FEHLER email: kein Konto für {email}", err=True)
        sys.exit(2)
    return user


@token_group.command("create")
@click.argument("email")
@click.option("--org", "organisation", required=True, help="Name der Organisation")
@click.option("--label", default="", help="Bezeichnung, z. B. das nutzende System")
@with_appcontext
def token_create(email: str, organisation: str, label: str) -> None:
    """Ein Token erstellen; es steht allein in der letzten Zeile und wird nur einmal gezeigt."""
    user = _user(email)
    org = find_organisation(organisation)
    if org is None:
        click.echo(f"FEHLER organisation: keine Organisation „{organisation}“", err=True)
        sys.exit(2)
    try:
        row, token = create_api_token(user, org, label)
    except InvalidData as exc:
        fail(exc)
    db.session.commit()
    click.echo(f"Token {row.prefix}… für {user.email} in {org.name} (nur jetzt sichtbar):")
    click.echo(token)


@token_group.command("list")
@click.argument("email")
@with_appcontext
def token_list(email: str) -> None:
    """Die Tokens eines Kontos auflisten (ohne die Tokens selbst)."""
    for row in user_tokens(_user(email)):
        state = f"widerrufen {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "aktiv"
        name = row.organisation.name
        click.echo(f"{row.id:>5}  {row.prefix}…  {name:<30} {state:<22} {row.label}")


@token_group.command("revoke")
@click.argument("email")
@click.argument("token_id", type=int)
@with_appcontext
def token_revoke(email: str, token_id: int) -> None:
    """Ein Token widerrufen (es antwortet danach mit 401)."""
    row = next((t for t in user_tokens(_user(email)) if t.id == token_id), None)
    if row is None:
        click.echo(f"FEHLER token_id: kein Token {token_id} für {email}", err=True)
        sys.exit(2)
    revoke_api_token(row)
    db.session.commit()
    click.echo(f"Token {row.prefix}… widerrufen.")
