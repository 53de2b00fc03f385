"""Default configuration. instance/config.py and FUNDING_MATCHER_* variables override it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SQLITE_FILE = "funding_matcher.db"
SECRET_KEY_FILE = "secret_key"  # noqa: S105 (a file name, not a secret)


class Defaults:
    """Settings every installation starts with."""

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024  # uploads (PDF, JSON) are capped at 10 MiB
    WTF_CSRF_ENABLED = True
    WTF_I18N_ENABLED = False  # use WTForms' built-in German messages (GermanForm), no Babel
    WTF_CSRF_TIME_LIMIT = None  # a long wizard session must not lose its form to an expired token
    SESSION_COOKIE_HTTPONLY = True
    # Behind a TLS proxy set FUNDING_MATCHER_HTTPS=true: Secure cookies and HSTS.
    HTTPS = False
    # Behind one reverse proxy set FUNDING_MATCHER_PROXY_FIX=1 (real client address, scheme).
    PROXY_FIX = False
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    JSON_SORT_KEYS = False
    TEMPLATES_AUTO_RELOAD = False
    # Calendar feed UIDs end in this domain; keep it stable so clients do not duplicate events.
    CALENDAR_UID_DOMAIN = "foerdermittel-matcher.invalid"
    # Links in reminder e-mails point here (the address users open the app at).
    BASE_URL = "http://127.0.0.1:5000"
    # SMTP for reminders (FUNDING_MATCHER_MAIL_SERVER, _PORT, _USERNAME, _PASSWORD, _USE_TLS, _FROM)
    MAIL_SERVER = None
    MAIL_PORT = 25
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_USE_TLS = False
    MAIL_FROM = None


def sqlite_url(instance_path: Path) -> str:
    """The default database: a SQLite file in the instance folder."""
    return f"sqlite:///{instance_path / SQLITE_FILE}"


def normalise_database_url(url: str) -> str:
    """Let users write plain postgresql:// URLs; we talk to PostgreSQL through psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_or_create_secret_key(instance_path: Path) -> str:
    """A random key stored in the instance folder on first start; never a fixed one. Server
    processes starting at once agree on one key: the file appears whole or not at all (written
    aside, then linked into place), and a process that finds it there reads that one."""
    path = instance_path / SECRET_KEY_FILE
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
    instance_path.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_hex(32)
    # Created 0600 from the start: the key is never readable by others, not even briefly.
    aside = instance_path / f".{SECRET_KEY_FILE}.{os.getpid()}"
    descriptor = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key)
    try:
        os.link(aside, path)
    except FileExistsError:
        found = path.read_text(encoding="utf-8").strip()
        if found:  # another process was first: its key counts
            key = found
        else:  # an empty file, left by a start that died before writing: replaced
            os.replace(aside, path)
    finally:
        aside.unlink(missing_ok=True)
    return key
