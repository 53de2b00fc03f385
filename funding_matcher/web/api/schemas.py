"""The JSON schemas of the API's bodies and answers (components of the OpenAPI document)."""

from __future__ import annotations

import copy
from typing import Any

from funding_matcher.domain import taxonomy
from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.domain.limits import DATE_PATTERN, MAX_AMOUNT_EUR, SINGLE_LINE_PATTERN
from funding_matcher.domain.profile import MAX_EXTRA_CHARS, MAX_EXTRA_FIELDS, Profile
from funding_matcher.web.api.match_schemas import funding_mix_schema, match_schema, ranking_schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


MONEY = {"type": "number", "minimum": 0, "maximum": int(MAX_AMOUNT_EUR)}
PERCENT = {"type": "number", "minimum": 0, "maximum": 100}
DATE = {"type": "string", "format": "date"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _profile_schemas() -> dict[str, Any]:
    """The profile (format v1.1) and its detail objects, referenced as components."""
    schema = Profile.model_json_schema(ref_template="#/components/schemas/{model}")
    parts = schema.pop("$defs", {})
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
    amount = props["budget_total_eur"]["anyOf"][0]
    props["costs_by_type_eur"] = {
        "anyOf": [
            {
                "type": "object",
                "properties": {code: amount for code in taxonomy.COST_TYPES},
                "additionalProperties": False,
            },
            {"type": "null"},
        ],
        "description": "Kosten nach Art (Teil des Gesamtbudgets): zusammen auf den Cent gleich "
        "budget_total_eur; ohne budget_total_eur gilt ihre Summe. Jede Art mit Kosten zählt "
        "zu cost_types.",
    }
    # The limits the server enforces beyond types and lengths (domain.limits, profile.py).
    props["title"]["pattern"] = SINGLE_LINE_PATTERN
    for name in ("organisation", "municipality"):
        props[name]["anyOf"][0]["pattern"] = SINGLE_LINE_PATTERN
    props["partners"]["items"]["pattern"] = SINGLE_LINE_PATTERN
    props["start_date"]["anyOf"][0]["pattern"] = DATE_PATTERN
    props["start_date"]["description"] = "01.01.1990 bis 31.12.2100"
    schema["additionalProperties"] = True
    schema["maxProperties"] = len(props) + MAX_EXTRA_FIELDS
    schema["description"] = (
        f"{schema.get('description', '')} Eigenmittel höchstens Gesamtbudget; Kosten nach Art "
        "ergeben das Gesamtbudget; höchstens "
        f"{MAX_EXTRA_FIELDS} zusätzliche Felder mit zusammen höchstens {MAX_EXTRA_CHARS} Zeichen."
    ).strip()
    # A profile not complete yet: the same fields and limits, none of them required.
    draft = copy.deepcopy(schema)
    draft.pop("required", None)
    draft["description"] = "Entwurf: nur die Felder, die für sich gültig sind."
    return {"Profile": schema, "ProfileDraft": draft, **parts}


def schemas() -> dict[str, Any]:
    string_list = {"type": "array", "items": {"type": "string"}}
    match = match_schema()
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
        **_profile_schemas(),
        "Match": match,
        "FundingMix": funding_mix_schema(),
        "Ranking": ranking_schema(match, _ref("FundingMix")),
        "Project": {
            "type": "object",
            "required": ["id", "profile"],
            "properties": {
                "id": {"type": "integer", "minimum": 1},
                "complete": {
                    "type": "boolean",
                    "description": "false: Entwurf aus dem Assistenten (profile = ProfileDraft)",
                },
                "profile": {"anyOf": [_ref("Profile"), _ref("ProfileDraft")]},
            },
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
        "BudgetInput": {
            "type": "object",
            "additionalProperties": False,
            "required": ["version", "period", "applied_on", "costs", "financing"],
            "description": "Kosten- und Finanzierungsplan, Format v1 (budget.md). programme "
            "darf fehlen oder null sein (dann gilt das Programm des Antrags); sonst muss es das "
            "Programm des Antrags sein.",
            "properties": {
                "version": {"const": 1},
                "programme": _nullable({"type": "string"}),
                "terms": {
                    "type": "object",
                    "additionalProperties": False,
                    "description": "Jeder angegebene Schlüssel (auch null = unbekannt) ersetzt den "
                    "Katalogwert.",
                    "properties": {
                        "financing_type": _nullable(
                            {"enum": ["anteil", "fehlbedarf", "festbetrag", "voll"]}
                        ),
                        "funding_rate_max_percent": _nullable(PERCENT),
                        "amount_min_eur": _nullable(MONEY),
                        "amount_max_eur": _nullable(MONEY),
                        "own_contribution_min_percent": _nullable(PERCENT),
                        "overhead_max_percent": _nullable(PERCENT),
                        "volunteer_work": _nullable(
                            {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    "rate_eur_per_hour": _nullable(
                                        {"type": "number", "minimum": 0, "maximum": 1000}
                                    ),
                                    "max_percent": _nullable(PERCENT),
                                },
                            }
                        ),
                        "de_minimis": _nullable({"enum": ["none", "general", "dawi"]}),
                        "fixed_amount_eur": _nullable(MONEY),
                        "not_combinable_with": _nullable(
                            {"type": "array", "items": {"type": "string"}}
                        ),
                    },
                },
                "period": {
                    "type": "object",
                    "required": ["start", "end"],
                    "additionalProperties": False,
                    "properties": {"start": DATE, "end": DATE},
                },
                "applied_on": DATE,
                "early_start_approved": {"type": "boolean", "default": False},
                "costs": {
                    "type": "array",
                    "maxItems": 500,
                    "items": {
                        "type": "object",
                        "required": ["category", "label"],
                        "additionalProperties": False,
                        "description": "personal: monthly_eur, share, months; verwaltung: percent; "
                        "sonst amount_eur oder unit_price_net_eur mit quantity.",
                        "properties": {
                            "category": {
                                "enum": [
                                    "personal",
                                    "sach",
                                    "honorar",
                                    "reise",
                                    "investition",
                                    "verwaltung",
                                ]
                            },
                            "label": {"type": "string", "minLength": 1, "maxLength": 200},
                            "eligible": {"type": "boolean", "default": True},
                            "amount_eur": MONEY,
                            "monthly_eur": MONEY,
                            "share": {"type": "number", "minimum": 0, "maximum": 1},
                            "months": {"type": "integer", "minimum": 1, "maximum": 240},
                            "unit_price_net_eur": MONEY,
                            "quantity": {"type": "number", "exclusiveMinimum": 0},
                            "percent": PERCENT,
                        },
                    },
                },
                "financing": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "own_funds_eur": _nullable(MONEY),
                        "volunteer_hours": _nullable({"type": "number", "minimum": 0}),
                        "third_party_eur": _nullable(MONEY),
                        "income_eur": _nullable(MONEY),
                        "other_public": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["programme", "amount_eur"],
                                "additionalProperties": False,
                                "properties": {
                                    "programme": {"type": "string"},
                                    "amount_eur": MONEY,
                                    "status": {"enum": ["beantragt", "bewilligt"]},
                                },
                            },
                        },
                        "requested_eur": _nullable(MONEY),
                    },
                },
                "de_minimis_received": {
                    "type": "array",
                    "description": "Leer oder fehlend: das De-minimis-Register der "
                    "Organisation gilt.",
                    "items": {
                        "type": "object",
                        "required": ["date", "grantor", "amount_eur"],
                        "additionalProperties": False,
                        "properties": {
                            "date": DATE,
                            "grantor": {"type": "string"},
                            "amount_eur": MONEY,
                            "dawi": {"type": "boolean", "default": False},
                        },
                    },
                },
            },
        },
        "BudgetResult": {
            "type": "object",
            "description": "Ergebnis nach budget.md („Output“) und die Haushaltsjahre.",
            "required": [
                "total_eur",
                "ineligible_eur",
                "eligible_eur",
                "volunteer_value_eur",
                "other_financing_eur",
                "grant_max_eur",
                "grant_eur",
                "rate_effective_percent",
                "own_share_percent",
                "lines",
                "checks",
                "ok",
            ],
            "properties": {
                **{
                    key: {"type": "number"}
                    for key in (
                        "total_eur",
                        "ineligible_eur",
                        "eligible_eur",
                        "eligible_cash_eur",
                        "volunteer_value_eur",
                        "other_financing_eur",
                        "grant_max_eur",
                        "grant_eur",
                    )
                },
                "rate_effective_percent": _nullable({"type": "number"}),
                "own_share_percent": _nullable({"type": "number"}),
                "lines": {"type": "array", "items": {"type": "object"}},
                "checks": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "level", "message"],
                        "properties": {
                            "id": {"type": "string"},
                            "level": {"enum": ["error", "warning", "notice"]},
                            "message": {"type": "string"},
                            "line": {"type": "integer"},
                            "field": {"type": "string"},
                            "term": {"type": "string"},
                        },
                    },
                },
                "errors": {"type": "array", "items": {"type": "string"}},
                "warnings": {"type": "array", "items": {"type": "string"}},
                "notices": {"type": "array", "items": {"type": "string"}},
                "terms": {"type": "object"},
                "ok": {"type": "boolean"},
                "years": {
                    "type": "array",
                    "description": "Aufteilung auf Haushaltsjahre, ein Eintrag je Jahr",
                    "items": {
                        "type": "object",
                        "required": ["year", "expenses_eur", "grant_eur"],
                        "properties": {
                            "year": {"type": "integer"},
                            "expenses_eur": {"type": "number"},
                            "eligible_cash_eur": {"type": "number"},
                            "volunteer_eur": {"type": "number"},
                            "sources_eur": {"type": "object"},
                            "grant_eur": {"type": "number"},
                            "own_cash_required_eur": {"type": "number"},
                            "assumed": {"type": "boolean"},
                        },
                    },
                },
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
