"""No two modules of funding_matcher import each other, directly or round a longer loop.

The graph is read from the source (ast), so imports under ``if TYPE_CHECKING:`` and inside
functions count too: a circle that only a type checker sees is still two files that cannot be
understood one without the other. Run ``python tests/unit/test_no_import_circles.py`` to print
the circles.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = "funding_matcher"
ROOT = Path(__file__).resolve().parents[2] / PACKAGE


def module_names() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    names = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (``from pkg import mod`` points at mod)."""
    modules = module_names()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".")
                    anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    child = f"{base}.{alias.name}"
                    targets.append(child if child in modules else base)
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_graph_sees_the_package():
    graph = import_graph()
    assert "funding_matcher.models.applications" in graph
    assert "funding_matcher.extensions" in graph["funding_matcher.models.applications"]


def test_no_module_imports_itself_round_a_circle():
    assert circles(import_graph()) == []


if __name__ == "__main__":
    graph = import_graph()
    found = circles(graph)
    print(f"{len(graph)} modules, {sum(map(len, graph.values()))} import arrows")
    print(f"{len(found)} circle(s)")
    for group in found:
        print("  " + " <-> ".join(group))
