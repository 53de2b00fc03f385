"""What changed in a programme that its watchers must hear about: deadline and status."""

from __future__ import annotations

from datetime import date
from typing import Any

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.deadlines import Deadline, next_deadline
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.german import format_date


def _deadline_text(deadline: Deadline, today: date) -> str:
    nxt = next_deadline(deadline, today)
    return f"{deadline.label}, nächste: {format_date(nxt)}" if nxt else deadline.label


def describe_change(old: dict[str, Any], new: Programme, today: date) -> str | None:
    """A German sentence on the changed deadline or status, or None when neither changed."""
    parts = []
    if old.get("status") != new.status:
        before = taxonomy.label("statuses", str(old.get("status")))
        parts.append(f"Status: {before} → {taxonomy.label('statuses', new.status)}")
    try:
        old_deadline = Deadline.model_validate(old.get("deadline") or {})
    except ValueError:
        old_deadline = None
    if old_deadline is None or old_deadline.model_dump() != new.deadline.model_dump():
        before = _deadline_text(old_deadline, today) if old_deadline else "unbekannt"
        parts.append(f"Frist: {before} → {_deadline_text(new.deadline, today)}")
    if new.successor and old.get("successor") != new.successor:
        parts.append(f"Nachfolgeprogramm: {new.successor}")
    return "; ".join(parts) or None
