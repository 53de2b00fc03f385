"""The Kosten- und Finanzierungsplan page of an application and the De-minimis register."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("budget", __name__)
