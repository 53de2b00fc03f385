"""The worked examples of shared/eval/planning-dev and the check their compare files describe
(README there): used for the CLI here and for the plan page in the web tests."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

from tests.conftest import SHARED

PLANNING_DEV = SHARED / "eval" / "planning-dev"
EXAMPLES = sorted(PLANNING_DEV.glob("*.cmd"))
YEAR_KEYS = ("zwischennachweis", "haushalt_eigenanteil", "haushalt_deckung", "haushalt_ve")


def arguments(example: Path) -> list[str]:
    """The command line of an example without the program name."""
    words = shlex.split(example.read_text(encoding="utf-8"))
    assert words[0] == "funding-matcher", words
    return words[1:]


def compare_spec(example: Path) -> dict[str, Any]:
    """What the check compares for ``example``."""
    path = example.with_name(example.stem + ".compare.json")
    return json.loads(path.read_text(encoding="utf-8"))


def differences(output: dict[str, Any], spec: dict[str, Any]) -> list[str]:
    """Every way ``output`` differs from the compare file; empty when it passes."""
    found: list[str] = []
    got: dict[str, list[dict[str, Any]]] = {}
    for m in output["milestones"]:
        entry = {"due": m["due"], "legal_due": m["legal_due"], "kind": m["kind"]}
        if m["key"] in YEAR_KEYS:
            entry["year"] = m.get("year")
        got.setdefault(m["key"], []).append(entry)
    for entries in got.values():
        entries.sort(key=lambda e: (e.get("year") or 0, e["due"] or "9999-99-99"))
    for key in sorted(set(got) | set(spec["milestones"])):
        if got.get(key) != spec["milestones"].get(key):
            found.append(f"{key}: {got.get(key)} != {spec['milestones'].get(key)}")
    risky = sorted(m["key"] for m in output["milestones"] if m["at_risk"])
    if risky != sorted(spec["at_risk"]):
        found.append(f"at_risk: {risky} != {spec['at_risk']}")
    warnings = sorted(w["id"] for w in output["warnings"])
    if warnings != sorted(spec["warnings"]):
        found.append(f"warnings: {warnings} != {spec['warnings']}")
    for name in ("funder_term", "deadline", "rolling", "profile", "rules"):
        if name in spec and output.get(name) != spec[name]:
            found.append(f"{name}: {output.get(name)!r} != {spec[name]!r}")
    texts = [m["title"] for m in output["milestones"]] + [m["note"] for m in output["milestones"]]
    texts += [w["message"] for w in output["warnings"]]
    for word in spec.get("forbidden", []):
        if any(word in text for text in texts):
            found.append(f"forbidden word {word!r}")
    for word in spec.get("contains", []):
        if not any(word in text for text in texts):
            found.append(f"missing word {word!r}")
    return found
