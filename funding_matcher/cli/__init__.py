"""The ``funding-matcher`` command line: thin click commands, one module per command group."""

from __future__ import annotations

import importlib

import click
from flask.cli import FlaskGroup

from funding_matcher import create_app

# Command name -> "module:attribute". A command's module (and what it needs: scikit-learn for
# matching, python-docx and reportlab for drafts, zxcvbn for accounts) is imported only when
# that command runs, so every call does not pay for all of them.
COMMANDS = {
    "programs": "programs:programs",
    "catalogue": "catalogue:catalogue_group",
    "serve": "server:serve",
    "org": "accounts:org_group",
    "user": "accounts:user_group",
    "match": "match:match",
    "token": "tokens:token_group",
    "budget": "budget:budget_group",
    "plan": "plan:plan_group",
    "reminders": "reminders:reminders_group",
    "draft": "draft:draft",
    "pdf": "pdf:pdf_group",
    "backup": "backup:backup",
    "restore": "backup:restore",
}


class LazyGroup(FlaskGroup):
    """Flask's group with the project's commands loaded on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | COMMANDS.keys())

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return super().get_command(ctx, name)
        module_name, attribute = COMMANDS[name].split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        return getattr(module, attribute)


def _create_app(*_args: object) -> object:
    return create_app()


@click.group(
    cls=LazyGroup,
    create_app=_create_app,
    add_default_commands=False,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
)
def main() -> None:
    """Fördermittel-Matcher: Förderprogramme für Quartiersprojekte."""
