"""``funding-matcher reminders send``: the reminder e-mails that are due (for cron or a timer)."""

from __future__ import annotations

import smtplib
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from funding_matcher.cli.common import parse_today
from funding_matcher.engine_cache import matching_engine
from funding_matcher.extensions import db
from funding_matcher.mailer import MailNotConfigured, send_mail
from funding_matcher.operations.jobs import DAILY, record_run
from funding_matcher.operations.reminders import digests, record_sent
from funding_matcher.operations.trash import purge


@click.group("reminders")
def reminders_group() -> None:
    """Erinnerungen per E-Mail."""


@reminders_group.command("send")
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute)")
@click.option("--dry-run", is_flag=True, help="nur zeigen, nichts senden und nichts vermerken")
@with_appcontext
def reminders_send(today: str | None, dry_run: bool) -> None:
    """Je Person eine Sammel-E-Mail: fällige Termine, geänderte Programme, neue Treffer."""
    day = parse_today(today)
    base_url = current_app.config["BASE_URL"].rstrip("/")
    due = digests(day, base_url, matching_engine())
    if dry_run:
        db.session.rollback()
        for digest in due:
            click.echo(f"An: {digest.user.email}\nBetreff: {digest.subject}\n\n{digest.body}\n")
        click.echo(f"{len(due)} E-Mail(s) wären fällig (Probelauf, nichts gesendet).", err=True)
        return
    purged = purge(day)  # the daily job also empties what lies in a Papierkorb > 30 days
    record_run(DAILY, day)
    db.session.commit()  # the remembered top tens, the purge, the run
    if purged:
        click.echo(f"{purged} Eintrag/Einträge aus Papierkörben endgültig gelöscht.", err=True)
    failed = 0
    for digest in due:
        try:
            send_mail(current_app.config, digest.user.email, digest.subject, digest.body)
        except MailNotConfigured as exc:
            click.echo(f"FEHLER {exc}", err=True)
            sys.exit(2)
        except (OSError, smtplib.SMTPException) as exc:
            failed += 1
            click.echo(f"FEHLER {digest.user.email}: nicht gesendet ({exc})", err=True)
            continue
        record_sent(digest)
        db.session.commit()
        click.echo(f"gesendet an {digest.user.email}: {digest.subject}")
    click.echo(f"{len(due) - failed} E-Mail(s) gesendet, {failed} fehlgeschlagen.", err=True)
    sys.exit(1 if failed else 0)


@click.group("trash")
def trash_group() -> None:
    """Papierkorb der Organisationen."""


@trash_group.command("purge")
@click.option("--today", default=None, help="Stichtag JJJJ-MM-TT (Standard: heute)")
@with_appcontext
def trash_purge(today: str | None) -> None:
    """Endgültig löschen, was länger als 30 Tage im Papierkorb liegt (läuft auch täglich mit
    ``reminders send``)."""
    count = purge(parse_today(today))
    db.session.commit()
    click.echo(f"{count} Eintrag/Einträge endgültig gelöscht.")
