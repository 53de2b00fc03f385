"""Imports point one way: web and cli -> operations -> models and domain.

The domain's own rule (no Flask, SQLAlchemy or WTForms) is ``test_domain_is_plain_python``.
Imports inside functions and under ``if TYPE_CHECKING:`` count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "funding_matcher"
WEB_FRAMEWORK = ("flask", "flask_login", "flask_wtf", "flask_sqlalchemy", "wtforms", "werkzeug")


def imports(folder: str, *, skip: str | None = None) -> list[tuple[str, str]]:
    """(file, imported module) for every absolute import in a folder of the package."""
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if skip and relative.startswith(skip):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(relative, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append((relative, node.module))
    return found


def starts(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_the_scan_reads_the_layers():
    assert ("operations/budget.py", "funding_matcher.models") in imports("operations")
    assert ("web/account.py", "flask") in imports("web")


def test_operations_know_nothing_of_flask_the_web_or_the_cli():
    # Operations are called from views, commands and jobs alike: they take plain arguments.
    offenders = [
        (path, module)
        for path, module in imports("operations")
        if starts(module, *WEB_FRAMEWORK, "funding_matcher.web", "funding_matcher.cli")
    ]
    assert offenders == []


def test_html_views_do_not_borrow_from_the_json_api():
    # A page and the API show the same facts through operations, not through the API's
    # serialiser (two deadlines once disagreed that way).
    offenders = [
        (path, module)
        for path, module in imports("web", skip="web/api/")
        if starts(module, "funding_matcher.web.api")
    ]
    assert offenders == []


def test_the_cli_does_not_import_the_web_layer():
    offenders = [
        (path, module) for path, module in imports("cli") if starts(module, "funding_matcher.web")
    ]
    assert offenders == []


ABOVE_ROWS = ("funding_matcher.operations", "funding_matcher.web", "funding_matcher.cli")


def test_rows_know_nothing_of_the_layers_above():
    offenders = [
        (path, module) for path, module in imports("models") if starts(module, *ABOVE_ROWS)
    ]
    assert offenders == []


def session_calls(folder: str, names: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """(file, line, method) for every ``….session.<name>(…)`` call in a folder of the package."""
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in names
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "session"
            ):
                found.append((path.relative_to(ROOT).as_posix(), node.lineno, node.func.attr))
    return found


def test_only_the_transaction_boundary_commits_in_the_web_layer():
    # One transaction per request: views flush through the operations; web/transaction.py
    # commits or rolls back (also the three deliberate mid-request commits, ``commit_now``).
    calls = session_calls("web", ("commit", "rollback"))
    assert calls, "the scan finds the boundary's own calls"
    assert {path for path, _, _ in calls} == {"web/transaction.py"}


def test_views_ask_the_operations_not_the_database():
    # Which rows a page lists (outside the Papierkorb, of this organisation) is decided once, in
    # the operations; a view that selects rows itself forgets such a rule sooner or later.
    assert session_calls("operations", ("scalars",)), "the scan finds queries where they are"
    assert session_calls("web", ("scalars", "scalar", "execute")) == []
