"""Matching without a token (it stores nothing), and the OpenAPI description."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from flask import jsonify, request

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.limits import read_iso_date
from funding_matcher.domain.matching.output import ranking_to_json
from funding_matcher.domain.profile import Profile
from funding_matcher.engine_cache import matching_engine
from funding_matcher.operations.catalogue import catalogue_programmes
from funding_matcher.web import clock
from funding_matcher.web.api.blueprint import bp
from funding_matcher.web.api.body import json_object, problem_response
from funding_matcher.web.api.openapi import openapi_document

MAX_TOP = 200
MAX_PAGE = 10_000


def _flag(name: str, problems: list[FieldProblem]) -> bool:
    value = request.args.get(name, "false").lower()
    if value not in ("true", "false", "1", "0"):
        problems.append(FieldProblem(name, "true oder false angeben"))
    return value in ("true", "1")


def _count(name: str, default: str, highest: int, problems: list[FieldProblem]) -> int:
    text = request.args.get(name, default)
    # isdigit alone accepts "²" and other Unicode digits: ASCII digits only.
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= highest:
        problems.append(FieldProblem(name, f"ganze Zahl von 1 bis {highest} angeben"))
        return int(default)
    return int(text)


def _options() -> MatchOptions:
    problems: list[FieldProblem] = []
    top = _count("top", "10", MAX_TOP, problems)
    today_text = request.args.get("today")
    today = clock.today()
    if today_text is not None:
        try:
            today = read_iso_date(today_text, "today")
        except InvalidData as exc:
            problems += exc.problems
    include_closed = _flag("include_closed", problems)
    include_excluded = _flag("include_excluded", problems)
    page = _count("page", "1", MAX_PAGE, problems)
    if problems:
        raise InvalidData(problems)
    return MatchOptions(top, today, include_closed, include_excluded, page)


class MatchOptions(NamedTuple):
    top: int
    today: date
    include_closed: bool
    include_excluded: bool
    page: int


@bp.post("/v1/match")
def match():
    """Rank the catalogue for a profile (v1, v1.1) given as the JSON body."""
    try:
        options = _options()
        profile = Profile.from_dict(json_object())
    except InvalidData as exc:
        return problem_response(exc.problems)
    ranking = matching_engine().rank(
        profile, options.today, include_closed=options.include_closed, top=options.top
    )
    return jsonify(
        ranking_to_json(ranking, include_excluded=options.include_excluded, page=options.page)
    )


@bp.get("/openapi.json")
def openapi():
    slugs = [programme.slug for programme in catalogue_programmes()]
    return jsonify(openapi_document(slugs))
