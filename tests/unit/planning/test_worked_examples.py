"""The worked examples of shared/eval/planning-dev give their expected milestones, dates,
warnings and post-award rules through ``funding-matcher plan``, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from funding_matcher.cli import main

from .worked_examples import EXAMPLES, PLANNING_DEV, arguments, compare_spec, differences


def test_the_worked_examples_are_there() -> None:
    assert len(EXAMPLES) >= 6, f"keine Beispiele unter {PLANNING_DEV}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_worked_example_through_the_cli(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PLANNING_DEV)  # the command names its settings file relative to there
    result = CliRunner().invoke(main, arguments(example), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert differences(output, compare_spec(example)) == []
    expected = json.loads(example.with_name(example.stem + ".expected.json").read_text("utf-8"))
    assert [m["key"] for m in output["milestones"]] == [m["key"] for m in expected["milestones"]]
    assert output["version"] == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (["--rolling", "--project-start", "2027-06-01"], "deadline"),
        (["--own-funds", "2028=-5"], "own_funds"),
        (["--own-funds", "2028"], "own_funds"),
        (["--state", "XY"], "state"),
        (["--funder-level", "gemeinde"], "funder_level"),
        (["--meetings", "fehlt.json"], "meetings"),
        (["--today", "morgen"], "today"),
    ],
)
def test_bad_input_is_one_german_line_naming_the_field(
    change: list[str], field: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PLANNING_DEV)
    args = arguments(PLANNING_DEV / "d1-kommune-beratungsfolge.cmd")
    if change[0] == "--state":
        args[args.index("--state") + 1] = change[1]
    else:
        args += change
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"FEHLER {field}"), result.output


def test_a_bad_settings_file_names_the_path(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"bodies": [{"body": "rat", "ladungsfrist_days": -1}]}))
    result = CliRunner().invoke(
        main,
        [
            "plan",
            "submission",
            "--deadline",
            "2027-09-30",
            "--applicant-type",
            "kommune",
            "--state",
            "NW",
            "--meetings",
            str(settings),
        ],
    )
    assert result.exit_code == 2
    assert "bodies[0].ladungsfrist_days" in result.output


def test_rolling_without_project_start_names_it() -> None:
    result = CliRunner().invoke(
        main, ["plan", "submission", "--rolling", "--applicant-type", "verein", "--state", "NW"]
    )
    assert result.exit_code == 2
    assert "FEHLER project_start" in result.output
