"""The JSON shapes of api-v1: a project, an application with sections, checklist, milestones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.profile import Profile
from funding_matcher.models import Application, ApplicationSection, ProjectProfile
from funding_matcher.operations.planning import application_deadline


def money(value: Decimal | None) -> float | int | None:
    """Cents as a JSON number: an int when whole, else a float with two decimals."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def project_json(row: ProjectProfile) -> dict[str, Any]:
    """The project as api-v1 shows it: a complete profile passes the same validation as an
    imported one; of a draft only the fields that are valid on their own are shown."""
    try:
        return {"id": row.id, "complete": True, "profile": Profile.from_dict(row.data).to_dict()}
    except InvalidData:
        return {"id": row.id, "complete": False, "profile": Profile.draft_fields(row.data)}


def section_json(section: ApplicationSection) -> dict[str, Any]:
    limit: dict[str, int] | None = None
    if section.limit_chars or section.limit_pages:
        limit = {}
        if section.limit_chars:
            limit["chars"] = section.limit_chars
        if section.limit_pages:
            limit["pages"] = section.limit_pages
    return {
        "key": section.key,
        "title": section.title,
        "text": section.text,
        "guidance": section.guidance,
        "limit": limit,
        "version": section.version,
        "prefilled": section.prefilled,
    }


def application_json(
    application: Application, today: date, milestones: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    deadline = application_deadline(application, today)
    return {
        "id": application.id,
        "project_id": application.project_id,
        "programme": application.programme_slug,
        "programme_title": application.programme_title,
        "status": application.status,
        "next_deadline": deadline.day.isoformat() if deadline else None,
        "requested_eur": money(application.requested_eur),
        "requested_source": application.requested_source
        if application.requested_source in ("plan", "eingereicht")
        else "profil",
        "approved_eur": money(application.approved_eur),
        "submitted_on": application.submitted_on.isoformat() if application.submitted_on else None,
        "decided_on": application.decided_on.isoformat() if application.decided_on else None,
        "sections": [section_json(s) for s in application.sections],
        "checklist": [
            {"key": i.key, "title": i.title, "required": i.required, "done": i.done, "note": i.note}
            for i in application.checklist
        ],
        "milestones": milestones or [],
        "status_log": [
            {
                "from": e.from_status,
                "to": e.to_status,
                "date": e.on.isoformat(),
                "amount_eur": money(e.amount_eur),
                "by": e.user.email if e.user else None,
                "at": e.changed_at.isoformat(),
            }
            for e in application.status_log
        ],
    }
