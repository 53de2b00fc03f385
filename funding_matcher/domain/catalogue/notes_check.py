"""Curator notes that contradict the record they explain (``programs validate``).

A user reads the notes beside the facts: a note that still says a field is null while the record
states it ("daher guideline_valid_until null" beside a guideline valid to 2028), or that still
calls the programme "Status active, weil ..." while the record says unclear, tells them the
opposite of the record. Both are leftovers of an earlier round and are rejected; a remark on the
past ("blieb damals null", "Status active bis 2025") is not a claim about the record and passes.
"""

from __future__ import annotations

import re
from typing import Any

# A run of record field names ("financing_type, overhead_max_percent und volunteer_work") that the
# note says are null now: "... null", "... bleiben null", "daher ... null".
_FIELD = r"[a-z]+(?:_[a-z]+)+"
_FIELD_RUN = rf"{_FIELD}(?:(?:,\s*|\s+und\s+|\s+sowie\s+){_FIELD})*"
_NOW = r"(?:(?:bleibt|bleiben|weiter|daher|deshalb|somit|also|jeweils|bewusst)\s+)*"
_CLAIMS_NULL = re.compile(rf"({_FIELD_RUN})\s+{_NOW}null\b")
_RUN_SPLIT = re.compile(r",\s*|\s+und\s+|\s+sowie\s+")
# The status codes of the first two rounds given as the record's status ("Status active, weil",
# "Status paused:"); a dated remark on the past ("Status active bis 2025") is history and passes.
_OLD_STATUS = re.compile(r"\b[Ss]tatus (active|paused)(?=\s*[,:;]|\s+(?:weil|wegen|da)\b)")


def _stated(value: Any) -> bool:
    """The record states something for the field (a value or "none"), not null or empty."""
    return value is not None and value != [] and value != {}


def note_problems(data: dict[str, Any], fields: set[str] | frozenset[str]) -> list[str]:
    """What the record's notes claim against its own fields; ``data`` is the complete record."""
    notes = data.get("notes")
    if not isinstance(notes, str) or not notes.strip():
        return []
    problems: list[str] = []
    said_null: list[str] = []
    for match in _CLAIMS_NULL.finditer(notes):
        for name in _RUN_SPLIT.split(match.group(1)):
            if name in fields and _stated(data.get(name)) and name not in said_null:
                said_null.append(name)
    for name in said_null:
        problems.append(
            f"notes: sagt „{name} null“, der Eintrag gibt aber {data[name]!r} an – "
            "Hinweis oder Feld berichtigen"
        )
    old = sorted({m.group(1) for m in _OLD_STATUS.finditer(notes)})
    if old:
        problems.append(
            f"notes: spricht vom alten Status „{', '.join(old)}“, der Eintrag hat status "
            f"{data.get('status')} – den Hinweis auf den heutigen Status und seinen Beleg bringen"
        )
    return problems
