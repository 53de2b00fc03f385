"""The OpenAPI 3.1 description of the JSON API."""

from __future__ import annotations

from typing import Any

from funding_matcher.domain import taxonomy
from funding_matcher.domain.profile import Profile


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
    props["area_type"] = {"anyOf": [{"enum": list(taxonomy.AREA_TYPES)}, {"type": "null"}]}
    schema["additionalProperties"] = True
    return schema


def openapi_document() -> dict[str, Any]:
    """Describe POST /api/v1/match: request profile, options, ranked answer and errors."""
    result = {
        "type": "object",
        "required": ["program", "title", "score", "reasons", "missing", "next_deadline"],
        "properties": {
            "program": {"type": "string", "description": "slug of the programme"},
            "title": {"type": "string"},
            "score": {"type": "number", "minimum": 0, "maximum": 100},
            "reasons": {"type": "array", "items": {"type": "string"}},
            "missing": {"type": "array", "items": {"type": "string"}},
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
            "warnings": {"type": "array", "items": {"type": "string"}},
            "successor": {"type": ["string", "null"], "description": "slug of the successor"},
            "source_url": {"type": "string"},
            "checked_on": {"type": "string", "format": "date"},
        },
    }
    excluded = {
        "type": "object",
        "required": ["program", "reasons"],
        "properties": {
            "program": {"type": "string"},
            "title": {"type": "string"},
            "reasons": {"type": "array", "items": {"type": "string"}},
        },
    }
    error = {
        "type": "object",
        "required": ["error", "fields"],
        "properties": {
            "error": {"type": "string"},
            "fields": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
                "description": "messages per field; '_' for the request as a whole",
            },
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Fördermittel-Matcher API",
            "version": "1.0.0",
            "description": "Förderprogramme für ein Quartiersprojekt finden und begründen.",
        },
        "paths": {
            "/api/v1/match": {
                "post": {
                    "summary": "Programme für ein Projektprofil (Format v1) ranken",
                    "operationId": "match",
                    "parameters": [
                        {
                            "name": "top",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": 200,
                                "default": 10,
                            },
                        },
                        {
                            "name": "today",
                            "in": "query",
                            "schema": {"type": "string", "format": "date"},
                        },
                        {
                            "name": "include_closed",
                            "in": "query",
                            "schema": {"type": "boolean", "default": False},
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "Ranking",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["results", "excluded"],
                                        "properties": {
                                            "results": {"type": "array", "items": result},
                                            "indirect": {
                                                "type": "array",
                                                "items": result,
                                                "description": "reachable only through an "
                                                "intermediary (Weiterleitung)",
                                            },
                                            "excluded": {"type": "array", "items": excluded},
                                        },
                                    }
                                }
                            },
                        },
                        "400": {
                            "description": "Ungültiges Profil oder ungültige Optionen",
                            "content": {"application/json": {"schema": error}},
                        },
                    },
                }
            }
        },
        "components": {"schemas": {"Profile": _profile_schema()}},
    }
