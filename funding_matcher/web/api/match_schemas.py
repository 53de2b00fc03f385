"""The JSON schemas of the match answer (components "Match", "FundingMix" and "Ranking")."""

from __future__ import annotations

from typing import Any

STRINGS = {"type": "array", "items": {"type": "string"}}
EUROS = {"type": "number", "minimum": 0}


def _exclusion() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["program", "reasons"],
        "properties": {
            "program": {"type": "string"},
            "title": {"type": "string"},
            "reasons": STRINGS,
        },
    }


def match_schema() -> dict[str, Any]:
    """One ranked programme."""
    return {
        "type": "object",
        "required": ["program", "title", "score", "reasons", "missing", "next_deadline"],
        "properties": {
            "program": {"type": "string", "description": "slug of the programme"},
            "title": {"type": "string"},
            "score": {"type": "number", "minimum": 0, "maximum": 100},
            "reasons": {**STRINGS, "description": "best reason first"},
            "missing": STRINGS,
            "next_deadline": {"type": ["string", "null"], "format": "date"},
            "currently_closed": {"type": "boolean"},
            "round": {
                "enum": ["open", "next", "ended"],
                "description": "open: Antrag möglich; next: zwischen zwei Runden; ended: beendet",
            },
            "status_unclear": {
                "type": "boolean",
                "description": "Status unklar – vor Antrag beim Fördergeber prüfen",
            },
            "kind": {"enum": ["grant", "loan", "prize", "personnel_subsidy"]},
            "kind_label": {"type": "string"},
            "cooperation": {
                "enum": ["cross_border", "transnational", None],
                "description": "needs partners abroad",
            },
            "access": {
                "type": "object",
                "properties": {
                    "direct": {"type": "boolean"},
                    "via": {"type": ["string", "null"], "description": "intermediary"},
                    "ordinary": {
                        "type": "boolean",
                        "description": "the intermediary is the ordinary way in (main list)",
                    },
                },
            },
            "amount": {
                "type": "object",
                "properties": {
                    "cap_eur": {"type": ["number", "null"]},
                    "coverage_percent": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
                },
            },
            "conflicts": {
                **STRINGS,
                "description": "programmes in this answer it may not be combined with",
            },
            "linked": {**STRINGS, "description": "Bund programme and Land procedure on one route"},
            "warnings": STRINGS,
            "successor": {"type": ["string", "null"], "description": "slug of the successor"},
            "source_url": {"type": "string"},
            "checked_on": {"type": "string", "format": "date"},
        },
    }


def funding_mix_schema() -> dict[str, Any]:
    """The proposed combination of a main programme and co-funders."""
    return {
        "type": ["object", "null"],
        "properties": {
            "total_eur": EUROS,
            "own_eur": EUROS,
            "need_eur": EUROS,
            "covered_eur": EUROS,
            "gap_eur": EUROS,
            "parts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["program", "role", "amount_eur", "source_kind"],
                    "properties": {
                        "program": {"type": "string"},
                        "title": {"type": "string"},
                        "role": {"enum": ["main", "cofunder"]},
                        "amount_eur": EUROS,
                        "basis": {"type": "string"},
                        "source_kind": {"enum": ["public_grant", "foundation_grant"]},
                    },
                },
            },
            "notes": STRINGS,
        },
    }


def ranking_schema(match: dict[str, Any], mix: dict[str, Any]) -> dict[str, Any]:
    """The whole answer: it grows with ``top`` and ``include_excluded``, not the catalogue."""
    return {
        "type": "object",
        "required": ["results", "excluded", "excluded_summary"],
        "properties": {
            "results": {"type": "array", "items": match},
            "indirect": {
                "type": "array",
                "items": match,
                "description": "reachable only through a third party's decision (Weiterleitung)",
            },
            "funding_mix": mix,
            "funding_mix_note": {
                "type": ["string", "null"],
                "description": "without a funding mix: why not, in one sentence",
            },
            "excluded_summary": {
                "type": "object",
                "properties": {
                    "total": {"type": "integer", "minimum": 0},
                    "by_reason": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "rule": {"type": "string"},
                                "reason": {"type": "string"},
                                "count": {"type": "integer", "minimum": 1},
                            },
                        },
                    },
                },
            },
            "excluded": {
                "type": "array",
                "items": _exclusion(),
                "description": "the close ones; with include_excluded one page of all",
            },
            "excluded_page": {
                "type": "object",
                "properties": {
                    "page": {"type": "integer"},
                    "per_page": {"type": "integer"},
                    "total": {"type": "integer"},
                },
            },
        },
    }
