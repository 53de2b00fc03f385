"""The ``funding-matcher`` command line: thin click commands, one module per command group."""

from __future__ import annotations

import click
from flask.cli import FlaskGroup

from funding_matcher import create_app
from funding_matcher.cli import (
    accounts,
    backup,
    budget,
    catalogue,
    draft,
    match,
    pdf,
    plan,
    programs,
    reminders,
    server,
    tokens,
)


def _create_app(*_args: object) -> object:
    return create_app()


@click.group(
    cls=FlaskGroup,
    create_app=_create_app,
    add_default_commands=False,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
)
def main() -> None:
    """Fördermittel-Matcher: Förderprogramme für Quartiersprojekte."""


main.add_command(programs.programs)
main.add_command(catalogue.catalogue_group)
main.add_command(server.serve)
main.add_command(accounts.org_group)
main.add_command(accounts.user_group)
main.add_command(match.match)
main.add_command(tokens.token_group)
main.add_command(budget.budget_group)
main.add_command(plan.plan_group)
main.add_command(reminders.reminders_group)
main.add_command(draft.draft)
main.add_command(pdf.pdf_group)
main.add_command(backup.backup)
main.add_command(backup.restore)
