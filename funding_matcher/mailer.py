"""Sending e-mail over SMTP as configured (FUNDING_MATCHER_MAIL_SERVER, _PORT, _USERNAME,
_PASSWORD, _USE_TLS, _FROM)."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Any

TIMEOUT_SECONDS = 30


class MailNotConfigured(Exception):
    """No MAIL_SERVER or MAIL_FROM in the configuration."""


def send_mail(config: Mapping[str, Any], to: str, subject: str, body: str) -> None:
    """Send one plain-text message; raises OSError/SMTPException when the server refuses."""
    server, sender = config.get("MAIL_SERVER"), config.get("MAIL_FROM")
    if not server or not sender:
        raise MailNotConfigured(
            "E-Mail ist nicht eingerichtet: FUNDING_MATCHER_MAIL_SERVER und "
            "FUNDING_MATCHER_MAIL_FROM setzen."
        )
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    port = int(config.get("MAIL_PORT") or 25)
    with smtplib.SMTP(server, port, timeout=TIMEOUT_SECONDS) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)
