"""An application as an export document: rows, the checked plan and the programme facts."""

from __future__ import annotations

from datetime import date

from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.domain.exports import ApplicationDocument, ChecklistItem, Section
from funding_matcher.models import Application
from funding_matcher.operations.budget import application_declaration, stored_report
from funding_matcher.operations.catalogue import find_programme
from funding_matcher.operations.planning import application_deadline


def application_document(application: Application, today: date) -> ApplicationDocument:
    """Everything an export shows of one application; the plan only when one is stored."""
    programme = find_programme(application.programme_slug)
    report = stored_report(application)
    declaration = None
    if report is not None:
        found = application_declaration(application, today)
        declaration = found.declaration if found.regime_known else None
    deadline = application_deadline(application, today)
    return ApplicationDocument(
        title=application.project.title,
        programme_title=application.programme_title,
        programme_slug=application.programme_slug,
        funder=programme.funder if programme else "",
        applicant=application.organisation.name,
        municipality=application.project.data.get("municipality"),
        created_on=application.created_at.date(),
        status_label=STATUSES[application.status],
        sections=[Section(s.key, s.title, s.text, s.limit_chars) for s in application.sections],
        checklist=[
            ChecklistItem(i.title, i.required, i.done, i.note) for i in application.checklist
        ],
        budget=report,
        de_minimis=declaration,
        source_url=programme.source_url if programme else "",
        checked_on=programme.checked_on if programme else None,
        deadline=deadline.day if deadline else None,
        exported_on=today,
    )
