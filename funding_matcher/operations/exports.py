"""An application as an export document: its rows handed to the one domain builder."""

from __future__ import annotations

from datetime import date

from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.draft import (
    DraftNotReady,
    DraftRequest,
    StoredItem,
    StoredSection,
    build_draft,
)
from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.exports import ApplicationDocument
from funding_matcher.domain.profile import Profile
from funding_matcher.models import Application, Organisation
from funding_matcher.operations.budget import stored_report
from funding_matcher.operations.catalogue import find_programme
from funding_matcher.operations.planning import application_deadline


def organisation_applicant(organisation: Organisation) -> Applicant:
    """The organisation's applicant block (its name where the block has none)."""
    try:
        block = Applicant.from_dict(organisation.applicant or {})
    except InvalidData:
        # A block stored by an older rule that no longer validates: the name still prints.
        block = Applicant()
    return block.with_name(organisation.name)


def application_profile(application: Application) -> Profile:
    """The application's project profile; InvalidData when it is not complete."""
    try:
        return Profile.from_dict(application.project.data)
    except InvalidData:
        raise InvalidData(
            [FieldProblem("project", "Das Projektprofil ist nicht vollständig; bitte ergänzen.")]
        ) from None


def application_programme(application: Application) -> Programme:
    """The catalogue record, or a stand-in with the stored sections when it was dropped."""
    programme = find_programme(application.programme_slug)
    if programme is not None:
        return programme
    return Programme.model_construct(
        slug=application.programme_slug,
        title=application.programme_title,
        funder="",
        level="",
        outline_sections=[s.title for s in application.sections],
        outline_topics=None,
        outline_limits=None,
        declarations=[],
        short_form=None,
        start_rule=None,
        requirements=[],
        de_minimis=None,
        requires_designated_area=None,
        source_url="",
        checked_on=None,
    )


def application_document(
    application: Application, today: date, version: str = "arbeitsfassung"
) -> ApplicationDocument:
    """Everything an export shows of one application, in one version (DraftNotReady when the
    version for the grantor is not ready)."""
    found = application_deadline(application, today)
    deadline = found.day if found else None
    request = DraftRequest(
        profile=application_profile(application),
        programme=application_programme(application),
        today=today,
        applicant=organisation_applicant(application.organisation),
        report=stored_report(application),
        version=version,
        created_on=application.created_at.date(),
        status_label=STATUSES[application.status],
        deadline=deadline,
        sections=[StoredSection(s.key, s.title, s.text, s.prefilled) for s in application.sections],
        checklist=[
            StoredItem(i.key, i.title, i.required, i.done, i.note) for i in application.checklist
        ],
        submitted_eur=application.requested_eur
        if application.requested_source == "eingereicht"
        else None,
    )
    return build_draft(request)


def grantor_version_missing(application: Application, today: date) -> list[str]:
    """What still stops the version for the grantor, in German (empty: it can be exported)."""
    try:
        application_document(application, today, "einreichung")
    except DraftNotReady as exc:
        return exc.missing
    except InvalidData as exc:
        return [problem.message for problem in exc.problems]
    return []
