"""api-v1 for the calling person: the secret URL of their calendar feed."""

from __future__ import annotations

from flask import jsonify

from funding_matcher.web.api.auth import api_user, token_required
from funding_matcher.web.api.blueprint import bp
from funding_matcher.web.feed import feed_url


@bp.get("/v1/me/calendar")
@token_required()
def my_calendar():
    """The ICS feed URL; regenerate it on the account page to revoke the old one."""
    return jsonify(ics_url=feed_url(api_user()))
