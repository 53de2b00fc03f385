"""The planning blueprint, shared by ``views`` and ``bodies``."""

from flask import Blueprint

bp = Blueprint("planning", __name__)
