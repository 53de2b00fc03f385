"""The API blueprint, shared by the route modules; exempt from CSRF (tokens, no cookies)."""

from flask import Blueprint

from funding_matcher.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)
