"""Start page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from funding_matcher.operations.accounts import has_any_user
from funding_matcher.operations.catalogue import count_matchable_programmes
from funding_matcher.web.access import current_membership

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    if not current_user.is_authenticated:
        if not has_any_user():
            return redirect(url_for("auth.setup"))
        return render_template("main/welcome.html")
    return render_template(
        "main/index.html",
        membership=current_membership(),
        programme_count=count_matchable_programmes(),
    )
