"""One MatchingEngine per process, fitted from the stored catalogue and refitted when it changes.

Whether the catalogue changed is asked of the database at most every few seconds, not on every
request: a ``catalogue load`` reaches the server within ``CHECK_SECONDS``.
"""

from __future__ import annotations

import threading
import time

from flask import current_app

from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.operations.catalogue import catalogue_programmes, catalogue_version

_lock = threading.Lock()
EXTENSION_KEY = "funding_matcher.engine"
CHECK_SECONDS = 5.0


def matching_engine() -> MatchingEngine:
    """The engine for the current catalogue; fitted on first use and after every change."""
    cached = current_app.extensions.get(EXTENSION_KEY)
    now = time.monotonic()
    ttl = current_app.config.get("ENGINE_CHECK_SECONDS", CHECK_SECONDS)
    if cached is not None and now - cached[2] < ttl:
        return cached[1]
    version = catalogue_version()
    if cached is not None and cached[0] == version:
        current_app.extensions[EXTENSION_KEY] = (version, cached[1], now)
        return cached[1]
    with _lock:
        cached = current_app.extensions.get(EXTENSION_KEY)
        if cached is None or cached[0] != version:
            engine = MatchingEngine(catalogue_programmes())
            cached = (version, engine, now)
            current_app.extensions[EXTENSION_KEY] = cached
    return cached[1]
