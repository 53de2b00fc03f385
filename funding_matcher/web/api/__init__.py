"""The JSON API: open matching, and the token-authenticated resources of api-v1."""

from __future__ import annotations

# The route modules attach their views to ``bp`` (``blueprint``).
from funding_matcher.web.api import (
    applications,
    budget,
    match,
    me,
    organisations,
    projects,
)
from funding_matcher.web.api.blueprint import bp

__all__ = ["applications", "bp", "budget", "match", "me", "organisations", "projects"]
