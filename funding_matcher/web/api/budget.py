"""api-v1 budget of an application: PUT and GET."""

from __future__ import annotations

from flask import jsonify

from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import Application, Role
from funding_matcher.operations.budget import result_json, save_budget, stored_report
from funding_matcher.web.api.auth import owned_or_none, token_required
from funding_matcher.web.api.blueprint import bp
from funding_matcher.web.api.body import json_object, problem_response
from funding_matcher.web.api.projects import not_found


@bp.put("/v1/applications/<int:application_id>/budget")
@token_required(Role.editor)
def put_budget(application_id: int):
    application = owned_or_none(Application, application_id)
    if application is None:
        return not_found("Diesen Antrag")
    try:
        report = save_budget(application, json_object())
    except InvalidData as exc:
        db.session.rollback()
        return problem_response(exc.problems, error="Ungültiger Finanzierungsplan")
    db.session.commit()
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
