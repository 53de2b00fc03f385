"""Ranked programmes for a project profile: reasons, the funding mix, exclusions by reason."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import HiddenField
from wtforms.validators import DataRequired

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.matching.explain import route_label
from funding_matcher.domain.matching.kinds import KIND_LABELS
from funding_matcher.domain.matching.mix import planned_financing
from funding_matcher.domain.matching.output import EXCLUDED_PER_PAGE
from funding_matcher.domain.matching.ranking import Ranking
from funding_matcher.domain.profile import Profile
from funding_matcher.domain.wizard import step_for_missing
from funding_matcher.engine_cache import matching_engine
from funding_matcher.models import ProjectProfile, Role
from funding_matcher.operations.applications import create_application, find_application
from funding_matcher.web.access import member_required, owned_or_404
from funding_matcher.web.applications.forms import NewApplicationForm
from funding_matcher.web.clock import today
from funding_matcher.web.forms import GermanForm
from funding_matcher.web.transaction import discard_changes

bp = Blueprint("matches", __name__, url_prefix="/projekte")


class MixForm(GermanForm):
    """Open the application for the mix's main programme with the co-funders planned."""

    main = HiddenField(validators=[DataRequired("Programm fehlt.")])


def _ranking(row: ProjectProfile) -> Ranking | None:
    try:
        profile = Profile.from_dict(row.data)
    except InvalidData:
        return None
    return matching_engine().rank(profile, today(), include_closed=True)


def _page_number() -> int:
    text = request.args.get("seite", "1")
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 100_000 else 1


@bp.route("/<int:project_id>/treffer")
@member_required()
def show(project_id: int):
    row = owned_or_404(ProjectProfile, project_id)
    ranking = _ranking(row)
    if ranking is None:
        flash(
            "Das Profil ist noch unvollständig. Bitte ergänzen Sie die markierten Angaben.", "error"
        )
        return redirect(url_for("wizard.review", project_id=row.id))
    by_round: dict[str, list] = {"open": [], "next": [], "ended": []}
    for match in ranking.matches:
        by_round[match.round].append(match)
    # Between two rounds: the next window first, unannounced ones after them.
    by_round["next"].sort(key=lambda m: (m.next_deadline is None, m.next_deadline or 0))
    all_excluded = request.args.get("ausgeschlossen") == "alle"
    page = _page_number()
    return render_template(
        "matches/show.html",
        project=row,
        matches=by_round["open"],
        next_round=by_round["next"],
        ended=by_round["ended"],
        indirect=[m for m in ranking.indirect if m.round != "ended"],
        mix=ranking.mix,
        no_mix=ranking.no_mix_reason,
        excluded_counts=ranking.excluded_counts,
        excluded_total=ranking.excluded_total,
        excluded=ranking.excluded_page(page, EXCLUDED_PER_PAGE)
        if all_excluded
        else ranking.close_excluded,
        all_excluded=all_excluded,
        page=page,
        pages=max(1, -(-ranking.excluded_total // EXCLUDED_PER_PAGE)),
        step_for_missing=step_for_missing,
        kind_labels=KIND_LABELS,
        route_label=route_label,
        new_form=NewApplicationForm(formdata=None),
        mix_form=MixForm(
            formdata=None, main=ranking.mix.main.programme.slug if ranking.mix else ""
        ),
    )


@bp.route("/<int:project_id>/treffer/finanzierung", methods=["POST"])
@member_required(Role.editor)
def open_mix(project_id: int):
    """Create (or open) the application for the mix's main programme, co-funders planned."""
    row = owned_or_404(ProjectProfile, project_id, Role.editor)
    form = MixForm()
    if not form.validate_on_submit():
        abort(400)
    ranking = _ranking(row)
    mix = ranking.mix if ranking else None
    if mix is None or mix.main.programme.slug != form.main.data:
        flash(
            "Der Finanzierungsvorschlag hat sich inzwischen geändert. Bitte prüfen Sie ihn erneut.",
            "error",
        )
        return redirect(url_for("matches.show", project_id=row.id) + "#finanzierung"), 303
    programme = mix.main.programme
    application = find_application(row, programme.slug)
    if application is None:
        try:
            application = create_application(row, programme, current_user)
        except InvalidData as exc:
            discard_changes()
            for problem in exc.problems:
                flash(problem.message, "error")
            return redirect(url_for("matches.show", project_id=row.id)), 303
    application.planned_financing = planned_financing(mix)
    names = ", ".join(p.programme.short_title for p in mix.cofunders)
    flash(
        f"Antrag für {programme.short_title} geöffnet"
        + (f"; als weitere Förderung geplant: {names}." if names else "."),
        "success",
    )
    return redirect(url_for("applications.show", application_id=application.id)), 303
