"""The worked examples of shared/eval/budget-dev give exactly their expected figures and ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from funding_matcher.domain.budget import check_budget, report_to_json

from .conftest import BUDGET_DEV

EXAMPLES = sorted(p for p in BUDGET_DEV.glob("*.json") if not p.name.endswith(".expected.json"))


def test_the_worked_examples_are_there() -> None:
    assert len(EXAMPLES) >= 5, f"keine Beispiele unter {BUDGET_DEV}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_worked_example_gives_expected_output(example: Path) -> None:
    expected = json.loads(example.with_suffix(".expected.json").read_text(encoding="utf-8"))
    output = report_to_json(check_budget(json.loads(example.read_text(encoding="utf-8"))))
    for key, value in expected.items():
        if key == "checks":
            # The messages' wording is ours (budget-dev/README.md); ids, levels and order are not.
            value = [(check["id"], check["level"]) for check in value]
            assert [(check["id"], check["level"]) for check in output[key]] == value
        else:
            assert output[key] == value, key


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_worked_example_messages_carry_german_figures(example: Path) -> None:
    output = report_to_json(check_budget(json.loads(example.read_text(encoding="utf-8"))))
    for check in output["checks"]:
        if check["level"] != "notice":
            assert "€" in check["message"] or "%" in check["message"], check
