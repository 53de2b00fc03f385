"""The domain layer, every subpackage included, stays free of Flask, SQLAlchemy and WTForms."""

import ast
from pathlib import Path

import funding_matcher.domain

FORBIDDEN = (
    "flask",
    "flask_sqlalchemy",
    "flask_wtf",
    "flask_login",
    "sqlalchemy",
    "wtforms",
    "werkzeug",
)


def test_domain_modules_import_no_web_framework():
    root = Path(funding_matcher.domain.__file__).parent
    modules = sorted(root.rglob("*.py"))
    # The capability packages (catalogue/, matching/ ...) are read too, not only loose modules.
    assert {p.parent.name for p in modules} >= {"domain", "catalogue", "matching", "fdb"}
    offenders = []
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            names += (
                ["funding_matcher.extensions"]
                if any(
                    n.startswith("funding_matcher.") and not n.startswith("funding_matcher.domain")
                    for n in names
                )
                else []
            )
            offenders += [
                f"{path.relative_to(root)}: {n}"
                for n in names
                if n.split(".")[0] in FORBIDDEN or n == "funding_matcher.extensions"
            ]
    assert offenders == []
