"""api-v1 projects: store a profile v1, read it back."""

from __future__ import annotations

from flask import jsonify

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.profile import Profile
from funding_matcher.models import ProjectProfile, Role
from funding_matcher.operations.projects import save_profile
from funding_matcher.web.api.auth import api_member, api_user, owned_or_none, token_required
from funding_matcher.web.api.blueprint import bp
from funding_matcher.web.api.body import json_object, problem_response
from funding_matcher.web.api.serialize import project_json


def not_found(what: str):
    return jsonify(
        error="Nicht gefunden", message=f"{what} gibt es in Ihrer Organisation nicht."
    ), 404


@bp.post("/v1/projects")
@token_required(Role.editor)
def create_project():
    try:
        profile = Profile.from_dict(json_object())
    except InvalidData as exc:
        return problem_response(exc.problems)
    row = save_profile(api_member().organisation, profile, api_user())
    return jsonify(project_json(row)), 201


@bp.get("/v1/projects/<int:project_id>")
@token_required()
def get_project(project_id: int):
    row = owned_or_none(ProjectProfile, project_id)
    if row is None:
        return not_found("Dieses Projekt")
    return jsonify(project_json(row))
