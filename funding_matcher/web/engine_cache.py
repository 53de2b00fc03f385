"""One MatchingEngine per process, fitted from the stored catalogue and refitted when it changes."""

from __future__ import annotations

import threading

from flask import current_app

from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.operations.catalogue import catalogue_programmes, catalogue_version

_lock = threading.Lock()
EXTENSION_KEY = "funding_matcher.engine"


def matching_engine() -> MatchingEngine:
    """The engine for the current catalogue; fitted on first use and after every change."""
    version = catalogue_version()
    cached = current_app.extensions.get(EXTENSION_KEY)
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        cached = current_app.extensions.get(EXTENSION_KEY)
        if cached is None or cached[0] != version:
            engine = MatchingEngine(catalogue_programmes())
            current_app.extensions[EXTENSION_KEY] = cached = (version, engine)
    return cached[1]
