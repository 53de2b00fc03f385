"""Reading a user-entered address: only http(s), with a timeout, a size limit and a bounded
number of redirects, each failure one German sentence."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Protocol

from funding_matcher.domain.german import format_seconds

from .model import source_problem

DEFAULT_TIMEOUT = 10.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "Foerdermittel-Matcher (Sitzungskalender-Import)"


@dataclass(frozen=True)
class Response:
    """A body and its content type, read in full (within the size limit)."""

    url: str
    content_type: str
    body: bytes


class Fetch(Protocol):
    """Reads one address; raises InvalidData with a German message on any failure."""

    def __call__(self, url: str, accept: str) -> Response: ...


def check_url(url: str) -> str:
    """The address stripped; InvalidData unless it is an http or https address with a host."""
    text = (url or "").strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise source_problem("Nur Adressen mit http:// oder https:// sind erlaubt.")
    if not parts.hostname:
        raise source_problem(f"„{text[:200]}“ ist keine vollständige Adresse.")
    return text


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        check_url(newurl)  # a redirect to file:// or ftp:// is refused like a typed one
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def http_fetch(timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_BYTES) -> Fetch:
    """A fetcher for user-entered addresses with these limits."""
    opener = urllib.request.build_opener(_Redirects())

    def fetch(url: str, accept: str) -> Response:
        target = check_url(url)
        request = urllib.request.Request(  # noqa: S310 - scheme checked above and on redirect
            target, headers={"Accept": accept, "User-Agent": USER_AGENT}
        )
        try:
            with opener.open(request, timeout=timeout) as answer:
                body = _read(answer, max_bytes, time.monotonic() + timeout)
                headers: Message = answer.headers
                final = answer.geturl()
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400:
                raise source_problem(
                    "Die Adresse leitet auf eine Adresse weiter, die nicht abgerufen wird. "
                    "Nur Adressen mit http:// oder https:// sind erlaubt."
                ) from None
            raise source_problem(
                f"Die Adresse antwortet mit einem Fehler (HTTP {exc.code}): {_short(target)}."
            ) from None
        except TimeoutError:
            raise source_problem(
                f"Die Adresse antwortet nicht (nach {format_seconds(timeout)} abgebrochen): "
                f"{_short(target)}."
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise source_problem(
                    f"Die Adresse antwortet nicht (nach {format_seconds(timeout)} abgebrochen): "
                    f"{_short(target)}."
                ) from None
            raise source_problem(f"Die Adresse ist nicht erreichbar: {_short(target)}.") from None
        except (OSError, ValueError):
            raise source_problem(f"Die Adresse ist nicht lesbar: {_short(target)}.") from None
        if len(body) > max_bytes:
            raise source_problem(
                f"Die Antwort ist größer als {max_bytes // (1024 * 1024)} MB: {_short(target)}."
            )
        return Response(final, headers.get_content_type(), body)

    return fetch


def _read(answer, max_bytes: int, deadline: float) -> bytes:  # noqa: ANN001
    """The body in chunks: a server dripping bytes is cut off at the deadline, a huge one at
    the size limit (one byte over is enough to know)."""
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = answer.read(64 * 1024)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "…"
