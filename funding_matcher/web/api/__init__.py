"""The JSON API: open matching, and the token-authenticated resources of api-v1."""

from __future__ import annotations

from flask import Blueprint

from funding_matcher.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)

# The route modules attach their views to ``bp``.
from funding_matcher.web.api import (  # noqa: E402, F401
    applications,
    budget,
    match,
    me,
    organisations,
    projects,
)
