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
    "trash": "reminders:trash_group",
    "draft": "draft:draft",
    "pdf": "pdf:pdf_group",
    "backup": "backup:backup",
    "restore": "backup:restore",
}
# What ``--help`` lists, without importing every command (the first line of each command's
# docstring; a test keeps them equal).
SHORT_HELP = {
    "programs": "Den Programmkatalog (programs/) prüfen, anzeigen und exportieren.",
    "catalogue": "Den Katalog in die Datenbank übernehmen.",
    "serve": "Die Anwendung mit waitress ausliefern.",
    "org": "Organisationen verwalten.",
    "user": "Konten verwalten.",
    "match": "Programme für ein Projektprofil (JSON, Format v1) finden und begründen.",
    "token": "API-Tokens verwalten.",
    "budget": "Kosten- und Finanzierungspläne prüfen.",
    "plan": "Meilensteine vor dem Einreichen und Termine nach der Bewilligung planen.",
    "reminders": "Erinnerungen per E-Mail.",
    "trash": "Papierkorb der Organisationen.",
    "draft": (
        "Antrag (Abschnitte, Finanzplan, Erklärungen, Anlagen) als md, docx, pdf, xlsx, Portaltext."
    ),
    "pdf": "PDF-Dateien lesen: Förderrichtlinien und Projektkonzepte.",
    "backup": "Die Datenbank in eine Datei sichern (SQLite-Kopie oder pg_dump-Format).",
    "restore": "Eine Sicherung in die (leere) Datenbank zurückspielen.",
}


class LazyGroup(FlaskGroup):
    """Flask's group with the project's commands loaded on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | COMMANDS.keys())

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from SHORT_HELP: ``--help`` imports no command module."""
        rows = []
        for name in self.list_commands(ctx):
            if name in SHORT_HELP:
                rows.append((name, SHORT_HELP[name]))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=formatter.width - 20)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return super().get_command(ctx, name)
        module_name, attribute = COMMANDS[name].split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        return getattr(module, attribute)


def _create_app(*_args: object) -> object:
    # Commands need the database and the settings, never the pages (serve builds its own).
    return create_app(web=False)


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
