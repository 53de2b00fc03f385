"""Links that leave the browser (e-mails, calendar feeds): always from BASE_URL, never from the
request's Host header, which a client can set to any name it likes."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request, url_for


def absolute_url(endpoint: str, **values: Any) -> str:
    """``BASE_URL`` + the endpoint's path, e.g. https://foerdermittel.example.org/kalender/…"""
    base = str(current_app.config["BASE_URL"]).rstrip("/")
    path = url_for(endpoint, **values)
    root = request.script_root if has_request_context() else ""
    if root and path.startswith(root) and base.endswith(root):
        path = path[len(root) :]  # BASE_URL already names the prefix the app is served under
    return base + path
