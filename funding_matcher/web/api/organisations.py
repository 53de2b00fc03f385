"""api-v1 organisations: the ones the caller may work for, and new ones (a consultancy's token
makes a client of the consultancy)."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.limits import SINGLE_LINE_PATTERN
from funding_matcher.domain.taxonomy import STATES
from funding_matcher.models import ORGANISATION_KINDS, Role
from funding_matcher.operations.clients import (
    CONSULTANCY,
    Access,
    access_list,
    clients_of,
    create_client_or_organisation,
)
from funding_matcher.web.api.auth import api_member, api_user, token_required
from funding_matcher.web.api.blueprint import bp
from funding_matcher.web.api.body import json_object, problem_response
from funding_matcher.web.transaction import discard_changes

FIELDS = ("name", "kind", "state")


def organisation_json(access: Access) -> dict[str, Any]:
    """An organisation as the caller sees it: their role, and the client relation (a client's
    consultancy; a consultancy's clients only for its own members)."""
    organisation = access.organisation
    consultancy = organisation.consultancy
    data: dict[str, Any] = {
        "id": organisation.id,
        "name": organisation.name,
        "kind": organisation.kind,
        "state": organisation.state,
        "role": access.role.value,
        "access": "consultancy" if access.via is not None else "member",
        "consultancy": {"id": consultancy.id, "name": consultancy.name} if consultancy else None,
    }
    if organisation.kind == CONSULTANCY and access.via is None:
        data["clients"] = [c.id for c in clients_of(organisation)]
    return data


def _new_organisation_fields() -> tuple[str, str, str]:
    data = json_object()
    problems = [
        FieldProblem(key[:60], "unbekanntes Feld (erlaubt: name, kind, state)")
        for key in data
        if key not in FIELDS
    ]
    values = []
    for key in FIELDS:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(FieldProblem(key, "Pflichtfeld: ein Text"))
        values.append(value if isinstance(value, str) else "")
    if problems:
        raise InvalidData(problems)
    return values[0], values[1], values[2]


@bp.post("/v1/organisations")
@token_required()
def create_organisation():
    """201 and the organisation; the token's user is its owner; a consultancy's token makes it
    a client of the consultancy (editors and owners only)."""
    caller = api_member()
    consultancy = caller.organisation if caller.organisation.kind == CONSULTANCY else None
    if consultancy is not None and not caller.role.at_least(Role.editor):
        return jsonify(
            error="Keine Berechtigung",
            message="Mandanten der Beratung legen nur Bearbeitende an.",
        ), 403
    try:
        name, kind, state = _new_organisation_fields()
        organisation = create_client_or_organisation(api_user(), name, kind, state, consultancy)
    except InvalidData as exc:
        discard_changes()
        return problem_response(exc.problems)
    return jsonify(organisation_json(Access(api_user(), organisation, Role.owner))), 201


@bp.get("/v1/organisations")
@token_required()
def list_organisations():
    """The organisations the token's user may work for, with the client relation."""
    return jsonify(organisations=[organisation_json(a) for a in access_list(api_user())])


def organisation_schemas() -> dict[str, Any]:
    """The components of the OpenAPI document for these routes."""
    reference = {
        "anyOf": [
            {
                "type": "object",
                "required": ["id", "name"],
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
            },
            {"type": "null"},
        ]
    }
    return {
        "NewOrganisation": {
            "type": "object",
            "required": list(FIELDS),
            "additionalProperties": False,
            "properties": {
                "name": {
                    "type": "string",
                    "minLength": 2,
                    "maxLength": 200,
                    "pattern": SINGLE_LINE_PATTERN,
                },
                "kind": {"enum": list(ORGANISATION_KINDS)},
                "state": {"enum": list(STATES)},
            },
        },
        "Organisation": {
            "type": "object",
            "required": ["id", "name", "kind", "state", "role", "access", "consultancy"],
            "properties": {
                "id": {"type": "integer", "minimum": 1},
                "name": {"type": "string"},
                "kind": {"enum": list(ORGANISATION_KINDS)},
                "state": {"anyOf": [{"enum": list(STATES)}, {"type": "null"}]},
                "role": {"enum": [r.value for r in Role]},
                "access": {"enum": ["member", "consultancy"]},
                "consultancy": reference,
                "clients": {"type": "array", "items": {"type": "integer"}},
            },
        },
        "Organisations": {
            "type": "object",
            "required": ["organisations"],
            "properties": {
                "organisations": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Organisation"},
                }
            },
        },
    }
