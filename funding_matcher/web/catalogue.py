"""Catalogue browser: full-text search with facets, and one page per programme."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import login_required

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.coverage import term_coverage
from funding_matcher.domain.catalogue.deadlines import next_deadline
from funding_matcher.domain.catalogue.family import Family, family_of
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.catalogue.review import (
    EXPIRING_WITHIN_DAYS,
    STALE_AFTER_DAYS,
    financing_coverage,
    review_due,
)
from funding_matcher.domain.catalogue.rounds import guideline_expired
from funding_matcher.domain.catalogue.search import (
    CatalogueFilter,
    facet_counts,
    filter_programmes,
)
from funding_matcher.domain.catalogue.status import status_label, status_on
from funding_matcher.domain.catalogue.terms_text import (
    de_minimis_text,
    field_label,
    financing_facts,
    readable_notes,
)
from funding_matcher.domain.planning import term_rows
from funding_matcher.models import Role
from funding_matcher.operations.catalogue import (
    catalogue_programmes,
    find_programme,
    find_programmes,
)
from funding_matcher.operations.watchlist import is_watched
from funding_matcher.web.access import current_membership
from funding_matcher.web.applications import new_application_form
from funding_matcher.web.day import today
from funding_matcher.web.engine_cache import matching_engine
from funding_matcher.web.projects_forms import ConfirmForm

bp = Blueprint("catalogue", __name__, url_prefix="/programme")


@bp.app_template_global("programme_status_text")
def programme_status_text(programme: Programme) -> str:
    """The programme's status on the day in German (an old open turns unclear)."""
    return status_label(programme, today())


@bp.app_template_global("unclear_status_text")
def unclear_status_text(programme: Programme) -> str | None:
    """The warning for a programme whose status is unclear today (results and other pages)."""
    day = today()
    return status_label(programme, day) if status_on(programme, day) == "unclear" else None


FACETS = {
    "level": ("Ebene", taxonomy.LEVELS),
    "theme": ("Thema", taxonomy.THEMES),
    "applicant": ("Antragsberechtigt", taxonomy.APPLICANT_TYPES),
    "state": ("Bundesland", {"all": "bundesweit", **taxonomy.STATES}),
}


def _choice(name: str) -> str:
    value = request.args.get(name, "")
    return value if value in FACETS[name][1] else ""


@bp.route("/")
def index():
    query = request.args.get("q", "").strip()[:300]
    chosen = CatalogueFilter(
        level=_choice("level"),
        theme=_choice("theme"),
        applicant=_choice("applicant"),
        state="" if _choice("state") == "all" else _choice("state"),
        open_only=request.args.get("offen") == "1",
    )
    engine_programmes = matching_engine().programmes
    if query:
        programmes = [p for p, _ in matching_engine().search(query)]
    else:
        # The engine holds the ranked programmes already validated; the parents of families,
        # which it does not rank, are read in one query so that the list shows them too.
        ranked = {p.slug for p in engine_programmes}
        parents = find_programmes({p.parent for p in engine_programmes if p.parent} - ranked)
        programmes = sorted(
            [*engine_programmes, *parents.values()], key=lambda p: p.title.casefold()
        )
    shown = filter_programmes(programmes, chosen, today())
    return render_template(
        "catalogue/index.html",
        programmes=shown,
        query=query,
        chosen=chosen,
        facets=FACETS,
        counts=facet_counts(shown),
        args=request.args,
        today=today(),
        next_deadline=next_deadline,
        status_label=status_label,
    )


@bp.route("/pruefbedarf")
@login_required
def review():
    """Curator list: records to re-check (old check, past deadline, status evidence, guideline)."""
    # Every stored record, the parents of families included (the matcher does not rank them).
    programmes = catalogue_programmes()
    return render_template(
        "catalogue/review.html",
        items=review_due(programmes, today()),
        coverage=financing_coverage(programmes),
        terms=term_coverage(programmes),
        field_label=field_label,
        stale_days=STALE_AFTER_DAYS,
        expiring_days=EXPIRING_WITHIN_DAYS,
    )


@bp.route("/<slug>")
def show(slug: str):
    programme = find_programme(slug)
    if programme is None:
        abort(404)
    day = today()
    return render_template(
        "catalogue/show.html",
        p=programme,
        next=next_deadline(programme.deadline, day),
        status=status_on(programme, day),
        status_text=status_label(programme, day),
        family=_family(programme),
        financing=financing_facts(programme),
        de_minimis=de_minimis_text(programme.de_minimis),
        notes=readable_notes(programme.notes),
        field_label=field_label,
        expired=guideline_expired(programme, day),
        planning_terms=term_rows(programme),
        new_form=_new_application_form(programme.slug),
        **_watch_context(programme.slug),
    )


def _family(programme: Programme) -> Family | None:
    """The programme's parent and sub-lines, from the ranked records and the parent's row."""
    members = list(matching_engine().programmes)
    if programme.parent:
        members += find_programmes({programme.parent}).values()
    return family_of(programme, members)


def _watch_context(slug: str) -> dict:
    """The watch button for editors: its form and whether the programme is watched already."""
    membership = current_membership()
    if membership is None or not membership.role.at_least(Role.editor):
        return {"watch_form": None, "watching": False}
    return {"watch_form": ConfirmForm(), "watching": is_watched(membership.organisation, slug)}


def _new_application_form(slug: str):
    """'Antrag vorbereiten' for editors of an organisation with a complete project."""
    membership = current_membership()
    if membership is None or not membership.role.at_least(Role.editor):
        return None
    form = new_application_form(slug)
    return form if form.project_id.choices else None
