"""Reminder e-mails through a real local SMTP server (aiosmtpd): due dates, watched programmes,
new matches; one digest per person, never the same reminder twice."""

from __future__ import annotations

import socket
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import Role, SentReminder
from funding_matcher.operations.applications import create_application
from funding_matcher.operations.catalogue import find_programme, sync_catalogue
from funding_matcher.operations.projects import save_profile
from funding_matcher.operations.watchlist import watch
from tests.conftest import again, loaded, profile_data


class Inbox:
    """Collects what the SMTP server receives."""

    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=default_policy))
        )
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(app):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    # The command runs in the test app's context: its configuration is what the command reads.
    app.config.update(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_FROM="fristen@example.org",
        BASE_URL="https://foerdermittel.example.org",
    )
    yield inbox
    controller.stop()


@pytest.fixture
def team(app, make_org, make_user, write_programme, catalogue_dir):
    organisation = make_org("Stadt Hagen", "kommune")
    petra = make_user(organisation, Role.editor, email="petra@hagen.de")
    write_programme(
        slug="quartiersfonds",
        title="Quartiersfonds",
        short_title="Quartiersfonds",
        deadline={"kind": "fixed", "dates": ["2026-12-15"]},
    )
    write_programme(
        slug="merkprogramm",
        title="Gemerktes Programm",
        deadline={"kind": "fixed", "dates": ["2026-03-31"]},
    )
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        project = save_profile(again(organisation), Profile.from_dict(profile_data()), again(petra))
        create_application(project, find_programme("quartiersfonds"), again(petra))
        watch(again(organisation), "merkprogramm", again(petra))
        db.session.commit()
        project = loaded(project)
    return {"org": organisation, "petra": petra}


def test_digest_arrives_once_and_not_again(app, cli, smtp, team):
    first = cli(["reminders", "send", "--today", "2026-12-01"])
    assert first.exit_code == 0, first.output
    assert len(smtp.messages) == 1
    recipients, message = smtp.messages[0]
    assert recipients == ["petra@hagen.de"]
    body = message.get_content()
    assert "Fristen und Meilensteine" in body
    assert "Quartiersfonds" in body
    assert "https://foerdermittel.example.org/antraege/" in body
    assert message["From"] == "fristen@example.org"
    again = cli(["reminders", "send", "--today", "2026-12-01"])
    assert again.exit_code == 0
    assert len(smtp.messages) == 1  # nothing new, nothing sent
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(SentReminder.id))) > 0


def test_watched_programme_change_and_new_matches_are_reported(
    cli, smtp, team, write_programme, catalogue_dir
):
    cli(["reminders", "send", "--today", "2026-11-01"])  # remembers the top ten, sends due dates
    smtp.messages.clear()
    write_programme(
        slug="merkprogramm",
        title="Gemerktes Programm",
        deadline={"kind": "fixed", "dates": ["2027-03-31"]},
    )
    write_programme(
        slug="ganz-neu",
        title="Ganz neues Nachbarschaftsprogramm",
        description="Nachbarschaftstreff, Sprachcafé und Ehrenamtsbörse im Quartier.",
    )
    assert cli(["catalogue", "load"]).exit_code == 0
    result = cli(["reminders", "send", "--today", "2026-11-02"])
    assert result.exit_code == 0, result.output
    body = smtp.messages[0][1].get_content()
    assert "Geänderte Programme auf der Merkliste" in body
    assert "merkprogramm" in body
    assert "Neue Treffer" in body
    assert "Ganz neues Nachbarschaftsprogramm" in body
    smtp.messages.clear()
    cli(["reminders", "send", "--today", "2026-11-02"])
    assert smtp.messages == []


def test_dry_run_sends_and_records_nothing(app, cli, smtp, team):
    result = cli(["reminders", "send", "--today", "2026-12-01", "--dry-run"])
    assert result.exit_code == 0
    assert "An: petra@hagen.de" in result.output
    assert smtp.messages == []
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(SentReminder.id))) == 0


def test_switched_off_person_gets_nothing(cli, smtp, team, client, login):
    login(team["petra"])
    assert client.post("/konto/erinnerungen", data={"offsets": "14, 3"}).status_code == 303
    assert (
        client.post("/konto/erinnerungen", data={"enabled": "y", "offsets": "zwei"}).status_code
        == 422
    )
    cli(["reminders", "send", "--today", "2026-12-01"])
    assert smtp.messages == []


def test_unreachable_server_is_an_error_and_nothing_is_recorded(app, cli, team):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_FROM="f@example.org")
    result = cli(["reminders", "send", "--today", "2026-12-01"])
    assert result.exit_code == 1
    assert "nicht gesendet" in result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(SentReminder.id))) == 0


def test_missing_mail_configuration_is_named(cli, team):
    result = cli(["reminders", "send", "--today", "2026-12-01"])
    assert result.exit_code == 2
    assert "FUNDING_MATCHER_MAIL_SERVER" in result.output
