"""Matching without a token (it stores nothing), and the OpenAPI description."""

from __future__ import annotations

from datetime import date

from flask import jsonify, request

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.limits import read_iso_date
from funding_matcher.domain.matching.output import ranking_to_json
from funding_matcher.domain.profile import Profile
from funding_matcher.operations.catalogue import catalogue_programmes
from funding_matcher.web.api import bp
from funding_matcher.web.api.body import json_object, problem_response
from funding_matcher.web.api.openapi import openapi_document
from funding_matcher.web.day import today as current_day
from funding_matcher.web.engine_cache import matching_engine

MAX_TOP = 200


def _options() -> tuple[int, date, bool]:
    problems = []
    top = request.args.get("top", "10")
    # isdigit alone accepts "²" and other Unicode digits: ASCII digits only.
    if not (top.isascii() and top.isdigit()) or not 1 <= int(top) <= MAX_TOP:
        problems.append(FieldProblem("top", f"ganze Zahl von 1 bis {MAX_TOP} angeben"))
    today_text = request.args.get("today")
    today = current_day()
    if today_text is not None:
        try:
            today = read_iso_date(today_text, "today")
        except InvalidData as exc:
            problems += exc.problems
    flag = request.args.get("include_closed", "false").lower()
    if flag not in ("true", "false", "1", "0"):
        problems.append(FieldProblem("include_closed", "true oder false angeben"))
    if problems:
        raise InvalidData(problems)
    return int(top), today, flag in ("true", "1")


@bp.post("/v1/match")
def match():
    """Rank the catalogue for a profile v1 given as the JSON body."""
    try:
        top, today, include_closed = _options()
        profile = Profile.from_dict(json_object())
    except InvalidData as exc:
        return problem_response(exc.problems)
    ranking = matching_engine().rank(profile, today, include_closed=include_closed, top=top)
    return jsonify(ranking_to_json(ranking))


@bp.get("/openapi.json")
def openapi():
    slugs = [programme.slug for programme in catalogue_programmes()]
    return jsonify(openapi_document(slugs))
