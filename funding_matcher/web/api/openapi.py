"""The OpenAPI 3.1 description of the JSON API (every route and every status it can give)."""

from __future__ import annotations

from typing import Any

from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.domain.exports import FORMATS as EXPORT_FORMATS
from funding_matcher.domain.exports import MEDIA_TYPES
from funding_matcher.domain.limits import DATE_PATTERN, MAX_AMOUNT_EUR
from funding_matcher.operations.applications import MAX_SECTION_CHARS
from funding_matcher.web.api.auth import MAX_ID
from funding_matcher.web.api.organisations import organisation_schemas
from funding_matcher.web.api.schemas import schemas

JSON = "application/json"
EXPORT_MEDIA_TYPES = sorted(set(MEDIA_TYPES.values()))


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
    "429": _json(_ref("Message"), "Zu viele ungültige Tokens von dieser Adresse; Retry-After"),
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
    if secured:
        operation["responses"].update(_errors("429"))
    operation["security"] = [{"bearer": []}] if secured else []
    return operation


ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
DATE_IN_WINDOW = {
    "type": "string",
    "format": "date",
    "pattern": DATE_PATTERN,
    "description": "01.01.1990 bis 31.12.2100",
}


def _path_id(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": ID}


def _links(application_id: str, key: str) -> dict[str, Any]:
    """OpenAPI links from an answer holding an application to what can be done with it
    (Schemathesis follows them in its stateful tests)."""
    ids = {"application_id": application_id}
    return {
        "GetApplication": {"operationId": "getApplication", "parameters": ids},
        "PatchSection": {"operationId": "patchSection", "parameters": {**ids, "key": key}},
        "PostStatus": {"operationId": "postStatus", "parameters": ids},
        "PutBudget": {"operationId": "putBudget", "parameters": ids},
        "GetBudget": {"operationId": "getBudget", "parameters": ids},
        "ExportApplication": {"operationId": "exportApplication", "parameters": ids},
    }


def _with_links(response: dict[str, Any], links: dict[str, Any]) -> dict[str, Any]:
    return {**response, "links": links}


def openapi_document(programmes: list[str] | None = None) -> dict[str, Any]:
    """Describe every route of /api: request bodies, answers and errors. ``programmes``: the
    slugs of the catalogue, the only ones an application may name."""
    programme: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": 120}
    if programmes:
        programme = {"enum": sorted(programmes)}
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
            "schemas": {**schemas(), **organisation_schemas()},
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
                        {"name": "today", "in": "query", "schema": DATE_IN_WINDOW},
                        {
                            "name": "include_closed",
                            "in": "query",
                            "schema": {"type": "boolean"},
                        },
                        {
                            "name": "include_excluded",
                            "in": "query",
                            "description": "alle Ausschlüsse mit Gründen, seitenweise (je 50)",
                            "schema": {"type": "boolean"},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 10000},
                        },
                    ],
                    secured=False,
                )
            },
            "/api/v1/organisations": {
                "get": _operation(
                    "Organisationen, für die die Person arbeiten darf (mit Mandantenbeziehung)",
                    "listOrganisations",
                    {"200": _json(_ref("Organisations"), "Organisationen")},
                    ("401",),
                ),
                "post": _operation(
                    "Organisation anlegen (mit dem Token einer Beratung: als ihr Mandant)",
                    "createOrganisation",
                    {"201": _json(_ref("Organisation"), "Angelegt; die Person ist Verwaltende")},
                    ("400", "401", "403", "413"),
                    body=_ref("NewOrganisation"),
                ),
            },
            "/api/v1/projects": {
                "post": _operation(
                    "Projektprofil speichern",
                    "createProject",
                    {
                        "201": _with_links(
                            _json(_ref("Project"), "Gespeichert"),
                            {
                                "GetProject": {
                                    "operationId": "getProject",
                                    "parameters": {"project_id": "$response.body#/id"},
                                },
                                "CreateApplication": {
                                    "operationId": "createApplication",
                                    "requestBody": {"project_id": "$response.body#/id"},
                                },
                            },
                        )
                    },
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
                        "201": _with_links(
                            _json(_ref("Application"), "Angelegt"),
                            _links("$response.body#/id", "$response.body#/sections/0/key"),
                        ),
                        "409": _json(_ref("Message"), "Antrag existiert bereits"),
                    },
                    ("400", "401", "403", "404", "413", "422"),
                    body={
                        "type": "object",
                        "required": ["project_id", "programme"],
                        "additionalProperties": False,
                        "properties": {"project_id": ID, "programme": programme},
                    },
                )
            },
            "/api/v1/applications/{application_id}": {
                "get": _operation(
                    "Antrag lesen",
                    "getApplication",
                    {
                        "200": _with_links(
                            _json(_ref("Application"), "Antrag"),
                            _links("$response.body#/id", "$response.body#/sections/0/key"),
                        )
                    },
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
                            "text": {"type": "string", "maxLength": MAX_SECTION_CHARS},
                            "version": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                        },
                    },
                    parameters=[
                        application_id,
                        {
                            "name": "key",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "minLength": 1, "maxLength": 80},
                        },
                    ],
                )
            },
            "/api/v1/applications/{application_id}/budget": {
                "put": _operation(
                    "Kosten- und Finanzierungsplan speichern und prüfen",
                    "putBudget",
                    {"200": _json(_ref("BudgetResult"), "Gespeichert; Ergebnis der Prüfung")},
                    ("400", "401", "403", "404", "413"),
                    body=_ref("BudgetInput"),
                    parameters=[application_id],
                ),
                "get": _operation(
                    "Gespeicherten Kosten- und Finanzierungsplan mit Ergebnis lesen",
                    "getBudget",
                    {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["budget", "result"],
                                "properties": {
                                    "budget": _ref("BudgetInput"),
                                    "result": _ref("BudgetResult"),
                                },
                            },
                            "Plan und Ergebnis",
                        )
                    },
                    ("401", "404"),
                    parameters=[application_id],
                ),
            },
            "/api/v1/applications/{application_id}/export": {
                "get": _operation(
                    "Antrag als Datei (docx, pdf, md, xlsx, portal) in einer Fassung",
                    "exportApplication",
                    {
                        "200": {
                            "description": "Die Datei mit Content-Type und Dateiname",
                            "content": {
                                media: {"schema": {"type": "string", "format": "binary"}}
                                for media in EXPORT_MEDIA_TYPES
                            },
                        }
                    },
                    ("400", "401", "404", "422"),
                    parameters=[
                        application_id,
                        {
                            "name": "format",
                            "in": "query",
                            "required": True,
                            "schema": {"enum": list(EXPORT_FORMATS)},
                        },
                        {
                            "name": "version",
                            "in": "query",
                            "required": False,
                            "description": "arbeitsfassung (Standard) oder einreichung; die "
                            "Einreichungsfassung antwortet mit 422 und der Liste dessen, was "
                            "noch fehlt (fields.version)",
                            "schema": {"enum": ["arbeitsfassung", "einreichung"]},
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
                            "date": DATE_IN_WINDOW,
                            "amount_eur": {
                                "type": "number",
                                "minimum": 0,
                                "maximum": int(MAX_AMOUNT_EUR),
                                "description": "Euro, höchstens zwei Nachkommastellen",
                            },
                        },
                    },
                    parameters=[application_id],
                )
            },
        },
    }
