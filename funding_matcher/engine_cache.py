"""One MatchingEngine per process, fitted from the stored catalogue and refitted when it changes.

Whether the catalogue changed is asked of the database at most every few seconds, not on every
request: a ``catalogue load`` reaches the server within ``CHECK_SECONDS``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from flask import current_app

from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.operations.catalogue import catalogue_programmes, catalogue_version

_lock = threading.Lock()
EXTENSION_KEY = "funding_matcher.engine"
CHECK_SECONDS = 5.0


@dataclass(frozen=True)
class FittedEngine:
    """The engine kept in ``app.extensions``, with the catalogue version it was fitted from and
    when that version was last compared with the database (``time.monotonic()``)."""

    version: tuple[int, str | None]
    engine: MatchingEngine
    checked_at: float


def matching_engine() -> MatchingEngine:
    """The engine for the current catalogue; fitted on first use and after every change."""
    cached: FittedEngine | None = current_app.extensions.get(EXTENSION_KEY)
    now = time.monotonic()
    ttl = current_app.config.get("ENGINE_CHECK_SECONDS", CHECK_SECONDS)
    if cached is not None and now - cached.checked_at < ttl:
        return cached.engine
    version = catalogue_version()
    if cached is not None and cached.version == version:
        current_app.extensions[EXTENSION_KEY] = FittedEngine(version, cached.engine, now)
        return cached.engine
    with _lock:
        cached = current_app.extensions.get(EXTENSION_KEY)
        if cached is None or cached.version != version:
            cached = FittedEngine(version, MatchingEngine(catalogue_programmes()), now)
            current_app.extensions[EXTENSION_KEY] = cached
    return cached.engine
