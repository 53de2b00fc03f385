"""Ranked programmes for a project profile, with reasons, hints and exclusions."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.profile import Profile
from funding_matcher.domain.wizard import step_for_missing
from funding_matcher.models import ProjectProfile
from funding_matcher.web.access import member_required, owned_or_404
from funding_matcher.web.applications_forms import NewApplicationForm
from funding_matcher.web.day import today
from funding_matcher.web.engine_cache import matching_engine

bp = Blueprint("matches", __name__, url_prefix="/projekte")


@bp.route("/<int:project_id>/treffer")
@member_required()
def show(project_id: int):
    row = owned_or_404(ProjectProfile, project_id)
    try:
        profile = Profile.from_dict(row.data)
    except InvalidData:
        flash(
            "Das Profil ist noch unvollständig. Bitte ergänzen Sie die markierten Angaben.", "error"
        )
        return redirect(url_for("wizard.review", project_id=row.id))
    ranking = matching_engine().rank(profile, today(), include_closed=True)
    by_round: dict[str, list] = {"open": [], "next": [], "ended": []}
    for match in ranking.matches:
        by_round[match.round].append(match)
    return render_template(
        "matches/show.html",
        project=row,
        matches=by_round["open"],
        next_round=by_round["next"],
        ended=by_round["ended"],
        indirect=[m for m in ranking.indirect if m.round != "ended"],
        excluded=ranking.excluded,
        step_for_missing=step_for_missing,
        new_form=NewApplicationForm(formdata=None),
    )
