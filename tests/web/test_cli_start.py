"""The command line starts without what a command does not need: ``--help`` imports no command
module, and commands run on an app without the pages (no matcher, no exports loaded)."""

from __future__ import annotations

import importlib
import subprocess
import sys

from funding_matcher.cli import COMMANDS, SHORT_HELP


def test_the_help_list_says_what_each_command_says_of_itself():
    for name, target in COMMANDS.items():
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(f"funding_matcher.cli.{module}"), attribute)
        assert SHORT_HELP[name] == command.get_short_help_str(limit=300), name


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    ).stdout
    return set(out.strip().splitlines()[-1].split())


def test_help_and_a_database_command_leave_the_heavy_libraries_alone(tmp_path):
    help_run = _modules_after(
        "from funding_matcher.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert "funding_matcher.cli.match" not in help_run
    assert not {"sklearn", "docx", "reportlab", "zxcvbn"} & help_run
    app_run = _modules_after(
        "import os\n"
        f"os.environ['FUNDING_MATCHER_INSTANCE'] = {str(tmp_path)!r}\n"
        "from funding_matcher import create_app\ncreate_app(web=False)"
    )
    assert not {"sklearn", "docx", "reportlab", "zxcvbn"} & app_run
    assert "funding_matcher.web.projects" not in app_run
