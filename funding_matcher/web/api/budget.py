"""api-v1 budget of an application: PUT and GET."""

from __future__ import annotations

from flask import jsonify

from funding_matcher.domain.errors import InvalidData
from funding_matcher.models import Application, Role
from funding_matcher.operations.budget import result_json, save_budget, stored_report
from funding_matcher.web.api.auth import owned_or_none, token_required
from funding_matcher.web.api.blueprint import bp
from funding_matcher.web.api.body import json_object, problem_response
from funding_matcher.web.api.projects import not_found
from funding_matcher.web.transaction import discard_changes


@bp.put("/v1/applications/<int:application_id>/budget")
@token_required(Role.editor)
def put_budget(application_id: int):
    application = owned_or_none(Application, application_id)
    if application is None:
        return not_found("Diesen Antrag")
    try:
        report = save_budget(application, json_object())
    except InvalidData as exc:
        discard_changes()
        return problem_response(exc.problems, error="Ungültiger Finanzierungsplan")
    return jsonify(result_json(report))


@bp.get("/v1/applications/<int:application_id>/budget")
@token_required()
def get_budget(application_id: int):
    application = owned_or_none(Application, application_id)
    if application is None:
        return not_found("Diesen Antrag")
    report = stored_report(application)
    if report is None:
        return jsonify(
            error="Nicht gefunden",
            message="Zu diesem Antrag ist noch kein Finanzierungsplan gespeichert "
            "(PUT /api/v1/applications/<id>/budget legt ihn an).",
        ), 404
    return jsonify(budget=application.budget, result=result_json(report))
