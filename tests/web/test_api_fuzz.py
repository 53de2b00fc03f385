"""Schemathesis against /api/openapi.json: every operation with generated valid and invalid
input, with a token; no 5xx, and every answer as the document describes it."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from funding_matcher.domain.accounts.throttle import Policy
from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.extensions import db
from funding_matcher.models import Role
from funding_matcher.operations import throttle
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.tokens import create_api_token
from funding_matcher.web.api.openapi import openapi_document

EXAMPLES = 30
OPERATIONS = [
    (method.upper(), path)
    for path, methods in openapi_document()["paths"].items()
    for method in methods
]


@pytest.fixture
def token(app, make_org, make_user, make_application, catalogue_dir, monkeypatch) -> str:
    app.config["TODAY"] = "2026-11-29"
    # Schemathesis sends the same invalid token hundreds of times and expects 401 each time;
    # the per-token back-off (tested in test_throttle.py) would answer 429 after twenty.
    monkeypatch.setattr(throttle, "TOKEN", Policy(free=10**6, first_wait=1.0))
    organisation = make_org("Fuzz-Stadt", "kommune")
    user = make_user(organisation, Role.owner)
    make_application(organisation, user)
    sync_catalogue(load_catalogue(catalogue_dir).programmes)
    _, token = create_api_token(user, organisation)
    db.session.commit()
    return token


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_answers_as_documented(app, token, method, path):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operation = schema[path][method]
    headers = {"Authorization": f"Bearer {token}"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        # Schema-valid input may still break a rule of the domain (own funds above the budget,
        # a status change that is not allowed); the API refuses it with a documented 400 or
        # 422, so "valid data must be accepted" does not apply. Every other check does.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    run()
