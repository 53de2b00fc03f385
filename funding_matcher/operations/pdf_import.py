"""PDF imports as rows: stored guideline proposals, the organisation's checked copy of a
programme, and a wizard draft from a concept. Flushes, never commits. The review logic (values,
comparison, which proposals may be taken over, the catalogue draft) is plain Python in
``domain/pdf_import/review.py``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from funding_matcher.domain.pdf_import import ConceptImport, GuidelineImport, Proposal
from funding_matcher.domain.pdf_import.results import to_json_value
from funding_matcher.domain.pdf_import.review import proposal_from_json
from funding_matcher.domain.wizard import STEP_FIELDS
from funding_matcher.extensions import db
from funding_matcher.models import (
    GuidelineImportRow,
    Organisation,
    ProgrammeCopy,
    ProjectProfile,
    User,
)
from funding_matcher.operations.projects import create_draft_profile, title_of

# -- rows ---------------------------------------------------------------------------------------


def save_guideline_import(
    organisation: Organisation,
    slug: str,
    result: GuidelineImport,
    user: User | None,
    fit_warning: str | None = None,
) -> GuidelineImportRow:
    """Keep an uploaded guideline's proposals (not the PDF) for the organisation; with
    ``fit_warning`` when the file does not fit the programme it was put on."""
    data = result.to_dict()
    if fit_warning:
        data["record_fit"] = {"warning": fit_warning}
    row = GuidelineImportRow(
        organisation_id=organisation.id,
        programme_slug=slug,
        file_name=result.file,
        result=data,
        created_by_id=user.id if user else None,
    )
    db.session.add(row)
    db.session.flush()
    return row


def stored_proposals(row: GuidelineImportRow) -> list[Proposal]:
    """The proposals of a stored import, in their stored order (best first per field)."""
    return [proposal_from_json(p) for p in row.result.get("proposals", [])]


def recent_imports(
    organisation: Organisation, slug: str, limit: int = 5
) -> list[GuidelineImportRow]:
    """The organisation's latest guideline uploads for a programme, newest first."""
    return list(
        db.session.scalars(
            select(GuidelineImportRow)
            .where(
                GuidelineImportRow.organisation_id == organisation.id,
                GuidelineImportRow.programme_slug == slug,
            )
            .order_by(GuidelineImportRow.created_at.desc(), GuidelineImportRow.id.desc())
            .limit(limit)
        )
    )


def programme_copy(organisation: Organisation, slug: str) -> ProgrammeCopy | None:
    """The organisation's checked copy of a programme record, if it made one."""
    return db.session.scalar(
        select(ProgrammeCopy).where(
            ProgrammeCopy.organisation_id == organisation.id, ProgrammeCopy.programme_slug == slug
        )
    )


def accept_proposals(
    organisation: Organisation,
    slug: str,
    source: GuidelineImportRow,
    accepted: Iterable[Proposal],
    user: User | None,
    today: date,
) -> ProgrammeCopy:
    """Merge accepted proposals into the organisation's copy, field by field, checked today."""
    copy = programme_copy(organisation, slug)
    if copy is None:
        copy = ProgrammeCopy(organisation_id=organisation.id, programme_slug=slug, fields={})
        db.session.add(copy)
    fields = dict(copy.fields or {})
    for proposal in accepted:
        fields[proposal.field] = {
            "value": to_json_value(proposal.value),
            "page": proposal.page,
            "quote": proposal.quote,
            "file": source.file_name,
        }
    copy.fields = fields
    copy.checked_on = today
    copy.updated_by_id = user.id if user else None
    db.session.flush()
    return copy


# -- a wizard draft from a concept --------------------------------------------------------------


def profile_from_concept(
    organisation: Organisation, concept: ConceptImport, user: User | None
) -> ProjectProfile:
    """A new draft profile filled from a concept PDF; each filled field keeps its source."""
    row = create_draft_profile(organisation, user)
    data = concept.to_dict()["profile"]
    row.data = data
    row.title = title_of(row)
    row.import_sources = {
        field: {"page": source.get("page"), "quote": source.get("quote", "")}
        for field, source in concept.sources.items()
        if field in data
    }
    db.session.flush()
    return row


def confirm_imported_fields(row: ProjectProfile, step: int) -> None:
    """The user saved a wizard step: its fields no longer count as taken from the concept."""
    if not row.import_sources:
        return
    remaining = {k: v for k, v in row.import_sources.items() if k not in STEP_FIELDS[step]}
    row.import_sources = remaining or None
    db.session.flush()
