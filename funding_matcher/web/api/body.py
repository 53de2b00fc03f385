"""Reading JSON bodies and answering errors the same way on every API route."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.json_input import load_json


def problem_response(problems: list[FieldProblem], status: int = 400, error: str = ""):
    """``{"error": ..., "fields": {path: [messages]}}`` with the given status."""
    return jsonify(
        error=error or "Ungültige Anfrage", fields=InvalidData(problems).as_dict()
    ), status


def json_object() -> dict[str, Any]:
    """The request body as a JSON object; InvalidData naming the problem otherwise."""
    if not request.is_json:
        raise InvalidData(
            [FieldProblem("", "Der Anfragetext muss JSON sein (Content-Type: application/json).")]
        )
    data = load_json(request.get_data(cache=True))
    if not isinstance(data, dict):
        raise InvalidData([FieldProblem("", "Der Anfragetext muss ein JSON-Objekt sein.")])
    return data
