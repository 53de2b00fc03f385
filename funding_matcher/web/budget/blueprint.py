"""The budget blueprint, shared by ``views`` and ``register``."""

from flask import Blueprint

bp = Blueprint("budget", __name__)
