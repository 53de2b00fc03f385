"""api-v1 applications: create from a project and a programme, read, edit sections, status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import jsonify, request

from funding_matcher.domain.applications.draft import VERSIONS
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.exports import FORMATS
from funding_matcher.domain.limits import read_amount, read_iso_date
from funding_matcher.models import Application, ProjectProfile, Role
from funding_matcher.operations.applications import (
    SectionConflict,
    change_status,
    create_application,
    find_application,
    save_section,
    section_by_key,
)
from funding_matcher.operations.catalogue import find_programme
from funding_matcher.web.api.auth import MAX_ID, api_user, owned_or_none, token_required
from funding_matcher.web.api.blueprint import bp
from funding_matcher.web.api.body import json_object, problem_response
from funding_matcher.web.api.projects import not_found
from funding_matcher.web.api.serialize import application_json
from funding_matcher.web.clock import today
from funding_matcher.web.exports import export_response
from funding_matcher.web.transaction import discard_changes


def _int_field(data: dict[str, Any], name: str, problems: list[FieldProblem]) -> int | None:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        problems.append(FieldProblem(name, f"ganze Zahl von 1 bis {MAX_ID} angeben"))
        return None
    return value


@bp.post("/v1/applications")
@token_required(Role.editor)
def create():
    try:
        data = json_object()
    except InvalidData as exc:
        return problem_response(exc.problems)
    problems: list[FieldProblem] = []
    project_id = _int_field(data, "project_id", problems)
    slug = data.get("programme")
    if not isinstance(slug, str) or not slug:
        problems.append(FieldProblem("programme", "Slug eines Programms angeben"))
    problems += _unknown_fields(data, {"project_id", "programme"})
    if problems:
        return problem_response(problems)
    project = owned_or_none(ProjectProfile, project_id)
    if project is None:
        return not_found("Dieses Projekt")
    programme = find_programme(slug)
    if programme is None:
        return problem_response([FieldProblem("programme", f"unbekanntes Programm „{slug}“")])
    existing = find_application(project, programme.slug)
    if existing is not None:
        return jsonify(
            error="Antrag existiert bereits",
            message="Für dieses Projekt und Programm gibt es schon einen Antrag.",
            id=existing.id,
        ), 409
    try:
        application = create_application(project, programme, api_user(), today())
    except InvalidData as exc:
        discard_changes()
        return problem_response(exc.problems, 422)
    return jsonify(application_json(application, today())), 201


@bp.get("/v1/applications/<int:application_id>")
@token_required()
def get(application_id: int):
    application = owned_or_none(Application, application_id)
    if application is None:
        return not_found("Diesen Antrag")
    return jsonify(application_json(application, today()))


@bp.patch("/v1/applications/<int:application_id>/sections/<key>")
@token_required(Role.editor)
def patch_section(application_id: int, key: str):
    application = owned_or_none(Application, application_id)
    if application is None:
        return not_found("Diesen Antrag")
    section = section_by_key(application, key)
    if section is None:
        return not_found(f"Den Abschnitt „{key[:80]}“")
    try:
        data = json_object()
    except InvalidData as exc:
        return problem_response(exc.problems)
    problems: list[FieldProblem] = []
    text = data.get("text")
    if not isinstance(text, str):
        problems.append(FieldProblem("text", "Text angeben"))
    version = _int_field(data, "version", problems)
    problems += [
        FieldProblem(k, "unbekanntes Feld") for k in sorted(set(data) - {"text", "version"})
    ]
    if problems:
        return problem_response(problems)
    try:
        save_section(section, text, version, api_user())
    except SectionConflict as conflict:
        discard_changes()
        current = conflict.section
        return jsonify(
            error="Versionskonflikt: Der Abschnitt wurde inzwischen geändert, "
            "nichts wurde überschrieben.",
            current={"text": current.text, "version": current.version},
        ), 409
    except InvalidData as exc:
        discard_changes()
        return problem_response(exc.problems)
    return jsonify(key=section.key, text=section.text, version=section.version)


def _date_field(data: dict[str, Any], problems: list[FieldProblem]) -> date | None:
    value = data.get("date")
    if value is None:
        return None
    try:
        return read_iso_date(value, "date")
    except InvalidData as exc:
        problems.extend(exc.problems)
        return None


def _unknown_fields(data: dict[str, Any], allowed: set[str]) -> list[FieldProblem]:
    return [FieldProblem(key, "unbekanntes Feld") for key in sorted(set(data) - allowed)]


def _amount_field(data: dict[str, Any], problems: list[FieldProblem]) -> Decimal | None:
    value = data.get("amount_eur")
    if value is None:
        return None
    try:
        return read_amount(value, "amount_eur")
    except InvalidData as exc:
        problems.extend(exc.problems)
        return None


@bp.post("/v1/applications/<int:application_id>/status")
@token_required(Role.editor)
def post_status(application_id: int):
    application = owned_or_none(Application, application_id)
    if application is None:
        return not_found("Diesen Antrag")
    try:
        data = json_object()
    except InvalidData as exc:
        return problem_response(exc.problems)
    problems: list[FieldProblem] = []
    status = data.get("status")
    if not isinstance(status, str):
        problems.append(FieldProblem("status", "Status angeben"))
    on = _date_field(data, problems)
    amount = _amount_field(data, problems)
    problems += _unknown_fields(data, {"status", "date", "amount_eur"})
    if problems:
        return problem_response(problems)
    try:
        change_status(application, status, on, amount, api_user(), today())
    except InvalidData as exc:
        discard_changes()
        return problem_response(exc.problems, 422)
    return jsonify(application_json(application, today()))


@bp.get("/v1/applications/<int:application_id>/export")
@token_required()
def export_file(application_id: int):
    application = owned_or_none(Application, application_id)
    if application is None:
        return not_found("Diesen Antrag")
    fmt = request.args.get("format", "")
    version = request.args.get("version", "arbeitsfassung")
    problems = []
    if fmt not in FORMATS:
        problems.append(FieldProblem("format", f"Format angeben: {', '.join(FORMATS)}"))
    if version not in VERSIONS:
        problems.append(FieldProblem("version", f"Fassung angeben: {', '.join(VERSIONS)}"))
    if problems:
        return problem_response(problems)
    try:
        return export_response(application, fmt, version)
    except InvalidData as exc:
        # DraftNotReady names what is missing under "version"; an incomplete profile its field.
        return problem_response(exc.problems, 422)
