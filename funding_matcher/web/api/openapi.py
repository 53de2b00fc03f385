"""The OpenAPI 3.1 description of the JSON API (every route and every status it can give)."""

from __future__ import annotations

from typing import Any

from funding_matcher.domain import taxonomy
from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.domain.profile import Profile

JSON = "application/json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}}


ERRORS = {
    "400": _json(_ref("Error"), "Ungültige Anfrage: Felder mit Meldungen"),
    "401": _json(_ref("Message"), "Kein oder ungültiges API-Token"),
    "403": _json(_ref("Message"), "Die Rolle erlaubt diese Aktion nicht"),
    "404": _json(_ref("Message"), "Nicht vorhanden oder gehört einer anderen Organisation"),
    "405": _json(_ref("Message"), "Methode nicht erlaubt"),
    "413": _json(_ref("Message"), "Anfrage zu groß"),
    "422": _json(_ref("Error"), "Fachlich nicht möglich (z. B. Statuswechsel)"),
}


def _errors(*codes: str) -> dict[str, Any]:
    return {code: ERRORS[code] for code in codes}


def _operation(
    summary: str,
    op_id: str,
    ok: dict[str, Any],
    errors: tuple[str, ...],
    body: dict[str, Any] | None = None,
    parameters: list[dict[str, Any]] | None = None,
    secured: bool = True,
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "operationId": op_id,
        "responses": {**ok, **_errors(*errors)},
    }
    if parameters:
        operation["parameters"] = parameters
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {JSON: {"schema": body}}}
    operation["security"] = [{"bearer": []}] if secured else []
    return operation


def _path_id(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


def _profile_schema() -> dict[str, Any]:
    schema = Profile.model_json_schema()
    props = schema["properties"]
    props["applicant_type"]["enum"] = list(taxonomy.APPLICANT_TYPES)
    props["state"]["enum"] = list(taxonomy.STATES)
    for name, vocabulary in (
        ("themes", "themes"),
        ("target_groups", "target_groups"),
        ("cost_types", "cost_types"),
    ):
        props[name]["items"] = {"type": "string", "enum": list(taxonomy.VOCABULARIES[vocabulary])}
        props[name]["uniqueItems"] = True
    props["area_type"] = {"anyOf": [{"enum": list(taxonomy.AREA_TYPES)}, {"type": "null"}]}
    schema["additionalProperties"] = True
    return schema


def _schemas() -> dict[str, Any]:
    string_list = {"type": "array", "items": {"type": "string"}}
    match = {
        "type": "object",
        "required": ["program", "title", "score", "reasons", "missing", "next_deadline"],
        "properties": {
            "program": {"type": "string", "description": "slug of the programme"},
            "title": {"type": "string"},
            "score": {"type": "number", "minimum": 0, "maximum": 100},
            "reasons": string_list,
            "missing": string_list,
            "next_deadline": {"type": ["string", "null"], "format": "date"},
            "currently_closed": {"type": "boolean"},
            "round": {
                "enum": ["open", "next", "ended"],
                "description": "open: Antrag möglich; next: zwischen zwei Runden; ended: beendet",
            },
            "access": {
                "type": "object",
                "properties": {
                    "direct": {"type": "boolean"},
                    "via": {"type": ["string", "null"], "description": "intermediary"},
                },
            },
            "warnings": string_list,
            "successor": {"type": ["string", "null"], "description": "slug of the successor"},
            "source_url": {"type": "string"},
            "checked_on": {"type": "string", "format": "date"},
        },
    }
    section = {
        "type": "object",
        "required": ["key", "title", "text", "guidance", "limit", "version"],
        "properties": {
            "key": {"type": "string"},
            "title": {"type": "string"},
            "text": {"type": "string"},
            "guidance": {"type": "string"},
            "limit": {
                "type": ["object", "null"],
                "properties": {"chars": {"type": "integer"}, "pages": {"type": "integer"}},
            },
            "version": {"type": "integer", "minimum": 1},
            "prefilled": {"type": "boolean"},
        },
    }
    money = {"type": ["number", "null"], "minimum": 0}
    return {
        "Profile": _profile_schema(),
        "Match": match,
        "Ranking": {
            "type": "object",
            "required": ["results", "excluded"],
            "properties": {
                "results": {"type": "array", "items": match},
                "indirect": {
                    "type": "array",
                    "items": match,
                    "description": "reachable only through an intermediary (Weiterleitung)",
                },
                "excluded": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["program", "reasons"],
                        "properties": {
                            "program": {"type": "string"},
                            "title": {"type": "string"},
                            "reasons": string_list,
                        },
                    },
                },
            },
        },
        "Project": {
            "type": "object",
            "required": ["id", "profile"],
            "properties": {"id": {"type": "integer"}, "profile": _ref("Profile")},
        },
        "Section": section,
        "Application": {
            "type": "object",
            "required": ["id", "project_id", "programme", "status", "sections", "checklist"],
            "properties": {
                "id": {"type": "integer"},
                "project_id": {"type": "integer"},
                "programme": {"type": "string"},
                "programme_title": {"type": "string"},
                "status": {"enum": list(STATUSES)},
                "next_deadline": {"type": ["string", "null"], "format": "date"},
                "requested_eur": money,
                "approved_eur": money,
                "submitted_on": {"type": ["string", "null"], "format": "date"},
                "decided_on": {"type": ["string", "null"], "format": "date"},
                "sections": {"type": "array", "items": section},
                "checklist": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["key", "title", "required", "done"],
                        "properties": {
                            "key": {"type": "string"},
                            "title": {"type": "string"},
                            "required": {"type": "boolean"},
                            "done": {"type": "boolean"},
                            "note": {"type": "string"},
                        },
                    },
                },
                "milestones": {"type": "array", "items": {"type": "object"}},
                "status_log": {"type": "array", "items": {"type": "object"}},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error", "fields"],
            "properties": {
                "error": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": string_list,
                    "description": "German messages per field path; '_' for the whole request",
                },
            },
        },
        "Message": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
        },
    }


def openapi_document() -> dict[str, Any]:
    """Describe every route of /api: request bodies, answers and errors."""
    application_id = _path_id("application_id")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Fördermittel-Matcher API",
            "version": "1.0.0",
            "description": "Förderprogramme finden und Anträge vorbereiten. Alle Routen außer "
            "/api/v1/match brauchen ein persönliches API-Token (Authorization: Bearer).",
        },
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "paths": {
            "/api/v1/match": {
                "post": _operation(
                    "Programme für ein Projektprofil (Format v1) ranken",
                    "match",
                    {"200": _json(_ref("Ranking"), "Ranking")},
                    ("400", "405", "413"),
                    body=_ref("Profile"),
                    parameters=[
                        {
                            "name": "top",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 200},
                        },
                        {
                            "name": "today",
                            "in": "query",
                            "schema": {"type": "string", "format": "date"},
                        },
                        {
                            "name": "include_closed",
                            "in": "query",
                            "schema": {"type": "boolean"},
                        },
                    ],
                    secured=False,
                )
            },
            "/api/v1/projects": {
                "post": _operation(
                    "Projektprofil speichern",
                    "createProject",
                    {"201": _json(_ref("Project"), "Gespeichert")},
                    ("400", "401", "403", "413"),
                    body=_ref("Profile"),
                )
            },
            "/api/v1/projects/{project_id}": {
                "get": _operation(
                    "Projektprofil lesen",
                    "getProject",
                    {"200": _json(_ref("Project"), "Projekt")},
                    ("401", "404"),
                    parameters=[_path_id("project_id")],
                )
            },
            "/api/v1/applications": {
                "post": _operation(
                    "Antrag aus Projekt und Programm anlegen",
                    "createApplication",
                    {
                        "201": _json(_ref("Application"), "Angelegt"),
                        "409": _json(_ref("Message"), "Antrag existiert bereits"),
                    },
                    ("400", "401", "403", "404", "413", "422"),
                    body={
                        "type": "object",
                        "required": ["project_id", "programme"],
                        "additionalProperties": False,
                        "properties": {
                            "project_id": {"type": "integer"},
                            "programme": {"type": "string", "minLength": 1},
                        },
                    },
                )
            },
            "/api/v1/applications/{application_id}": {
                "get": _operation(
                    "Antrag lesen",
                    "getApplication",
                    {"200": _json(_ref("Application"), "Antrag")},
                    ("401", "404"),
                    parameters=[application_id],
                )
            },
            "/api/v1/applications/{application_id}/sections/{key}": {
                "patch": _operation(
                    "Abschnitt speichern (mit der Version, auf der die Änderung beruht)",
                    "patchSection",
                    {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["key", "text", "version"],
                                "properties": {
                                    "key": {"type": "string"},
                                    "text": {"type": "string"},
                                    "version": {"type": "integer"},
                                },
                            },
                            "Gespeichert",
                        ),
                        "409": _json(
                            {
                                "type": "object",
                                "required": ["error", "current"],
                                "properties": {
                                    "error": {"type": "string"},
                                    "current": {
                                        "type": "object",
                                        "properties": {
                                            "text": {"type": "string"},
                                            "version": {"type": "integer"},
                                        },
                                    },
                                },
                            },
                            "Versionskonflikt, nichts überschrieben",
                        ),
                    },
                    ("400", "401", "403", "404", "413"),
                    body={
                        "type": "object",
                        "required": ["text", "version"],
                        "additionalProperties": False,
                        "properties": {
                            "text": {"type": "string", "maxLength": 200000},
                            "version": {"type": "integer", "minimum": 1},
                        },
                    },
                    parameters=[
                        application_id,
                        {
                            "name": "key",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                    ],
                )
            },
            "/api/v1/me/calendar": {
                "get": _operation(
                    "Geheime Adresse des persönlichen Kalender-Abos (ICS)",
                    "myCalendar",
                    {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["ics_url"],
                                "properties": {"ics_url": {"type": "string", "format": "uri"}},
                            },
                            "Adresse des Abos",
                        )
                    },
                    ("401",),
                )
            },
            "/api/v1/applications/{application_id}/status": {
                "post": _operation(
                    "Status ändern (mit Datum und Betrag)",
                    "postStatus",
                    {"200": _json(_ref("Application"), "Antrag mit neuem Status")},
                    ("400", "401", "403", "404", "413", "422"),
                    body={
                        "type": "object",
                        "required": ["status"],
                        "additionalProperties": False,
                        "properties": {
                            "status": {"enum": list(STATUSES)},
                            "date": {"type": "string", "format": "date"},
                            "amount_eur": {"type": "number", "minimum": 0},
                        },
                    },
                    parameters=[application_id],
                )
            },
        },
    }
