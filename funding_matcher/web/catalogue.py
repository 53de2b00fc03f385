"""Catalogue browser: full-text search with facets, and one page per programme."""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import Blueprint, abort, current_app, render_template, request
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
from funding_matcher.engine_cache import matching_engine
from funding_matcher.models import Role
from funding_matcher.operations.catalogue import (
    catalogue_programmes,
    find_programme,
    find_programmes,
)
from funding_matcher.operations.watchlist import is_watched
from funding_matcher.web.access import current_membership
from funding_matcher.web.applications.views import new_application_form
from funding_matcher.web.clock import today
from funding_matcher.web.forms import CsrfForm
from funding_matcher.web.pdf_import import guideline_panel

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


PAGE_SIZE = 25
PAGE_ORDER_KEY = "funding_matcher.catalogue_order"
SEARCH_CACHE_KEY = "funding_matcher.catalogue_searches"


def _default_state() -> str:
    """The Land of the current organisation: the catalogue starts filtered by it."""
    membership = current_membership()
    state = membership.organisation.state if membership is not None else None
    return state if state in taxonomy.STATES else ""


def _page_number() -> int:
    raw = request.args.get("seite", "1")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < len(raw) <= 5 else 1


@bp.route("/")
def index():
    query = request.args.get("q", "").strip()[:300]
    # Without a choice of Land (the form always sends one), the organisation's own Land.
    state_default = "" if "state" in request.args else _default_state()
    state = _choice("state") if "state" in request.args else state_default
    chosen = CatalogueFilter(
        level=_choice("level"),
        theme=_choice("theme"),
        applicant=_choice("applicant"),
        state="" if state == "all" else state,
        open_only=request.args.get("offen") == "1",
    )
    shown, counts = _search(query, chosen)
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(_page_number(), pages)
    page_args = {k: v for k, v in request.args.items() if k != "seite"} | {"state": state}
    return render_template(
        "catalogue/index.html",
        programmes=shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(shown),
        page=page,
        pages=pages,
        page_args=page_args,
        all_states_args={**page_args, "state": ""},
        query=query,
        chosen=chosen,
        chosen_state=state,
        state_default=state_default,
        facets=FACETS,
        counts=counts,
        today=today(),
        next_deadline=next_deadline,
        status_label=status_label,
    )


SEARCH_CACHE_SIZE = 256
_search_lock = threading.Lock()


def _search(query: str, chosen: CatalogueFilter) -> tuple[list[Programme], dict]:
    """The programmes found and their facet counts; kept per catalogue and day for the last
    searches (counting the facets of thousands of records is most of the page's work)."""
    engine = matching_engine()
    key = (query, chosen, today())
    cache = current_app.extensions.get(SEARCH_CACHE_KEY)
    if cache is None or cache[0] is not engine:
        cache = (engine, OrderedDict())
        current_app.extensions[SEARCH_CACHE_KEY] = cache
    found = cache[1].get(key)
    if found is not None:
        return found
    ranked = [p for p, _ in engine.text.search(query)] if query else _catalogue_in_title_order()
    shown = filter_programmes(ranked, chosen, key[2])
    found = (shown, facet_counts(shown))
    with _search_lock:  # the server's threads share the cache
        cache[1][key] = found
        while len(cache[1]) > SEARCH_CACHE_SIZE:
            cache[1].popitem(last=False)
    return found


def _catalogue_in_title_order() -> list[Programme]:
    """The ranked programmes and the parents of families (which the engine does not rank),
    by title; built once per loaded catalogue, not per request."""
    engine = matching_engine()
    cached = current_app.extensions.get(PAGE_ORDER_KEY)
    if cached is not None and cached[0] is engine:
        return cached[1]
    ranked = {p.slug for p in engine.programmes}
    parents = find_programmes({p.parent for p in engine.programmes if p.parent} - ranked)
    ordered = sorted([*engine.programmes, *parents.values()], key=lambda p: p.title.casefold())
    current_app.extensions[PAGE_ORDER_KEY] = (engine, ordered)
    return ordered


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
        guideline_panel=guideline_panel(programme),
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
    return {"watch_form": CsrfForm(), "watching": is_watched(membership.organisation, slug)}


def _new_application_form(slug: str):
    """'Antrag vorbereiten' for editors of an organisation with a complete project."""
    membership = current_membership()
    if membership is None or not membership.role.at_least(Role.editor):
        return None
    form = new_application_form(slug)
    return form if form.project_id.choices else None
