"""Applications as rows: created from a profile and a programme, sections saved with versions,
checklist ticked, status changed with a log. Flushes, never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.checklist import build_checklist
from funding_matcher.domain.applications.outline import (
    draft_outline,
    outline_of,
    stored_composition,
)
from funding_matcher.domain.applications.status import check_status_change
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_eur, format_number
from funding_matcher.domain.matching.amounts import provisional_request
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import (
    Application,
    ApplicationSection,
    ChecklistItemRow,
    Organisation,
    ProjectProfile,
    SectionVersion,
    StatusLogEntry,
    User,
)
from funding_matcher.models.base import utcnow
from funding_matcher.operations.catalogue import find_programme
from funding_matcher.operations.planning import refresh_plans

MAX_SECTION_CHARS = 200_000


@dataclass
class SectionConflict(Exception):
    """A save based on an older version than the stored one; nothing was written."""

    section: ApplicationSection


def organisation_applications(
    organisation: Organisation, with_milestones: bool = False
) -> list[Application]:
    """The organisation's applications, most recently changed first, with their projects (and
    milestones) loaded in one query each rather than one per application."""
    loads = [selectinload(Application.project)]
    if with_milestones:
        loads.append(selectinload(Application.milestones))
    return list(
        db.session.scalars(
            select(Application)
            .where(
                Application.organisation_id == organisation.id,
                Application.trashed_in_id.is_(None),
            )
            .options(*loads)
            .order_by(Application.updated_at.desc(), Application.id.desc())
        )
    )


def find_application(project: ProjectProfile, slug: str) -> Application | None:
    """The application of this project for this programme, if there is one."""
    return db.session.scalar(
        select(Application).where(
            Application.project_id == project.id,
            Application.programme_slug == slug,
            Application.trashed_in_id.is_(None),
        )
    )


def create_application(
    project: ProjectProfile, programme: Programme, user: User | None, today: date | None = None
) -> Application:
    """A new application (status idee) with the drafted outline and the checklist; with
    ``today``, its plan too."""
    try:
        profile = Profile.from_dict(project.data)
    except InvalidData:
        raise InvalidData(
            [FieldProblem("project_id", "Das Projektprofil ist noch nicht vollständig.")]
        ) from None
    if programme.status == "draft":
        raise InvalidData([FieldProblem("programme", "Ein ungeprüfter Entwurf hat keinen Antrag.")])
    application = Application(
        organisation_id=project.organisation_id,
        project_id=project.id,
        programme_slug=programme.slug,
        programme_title=programme.title,
        status="idee",
        requested_eur=provisional_request(programme, profile),
        requested_source="profil",
        created_by_id=user.id if user else None,
    )
    db.session.add(application)
    applicant = _applicant(project.organisation)
    for position, draft in enumerate(draft_outline(profile, programme, applicant)):
        section = ApplicationSection(
            key=draft.key,
            title=draft.title,
            position=position,
            text=draft.text,
            guidance=draft.guidance,
            limit_chars=draft.limit_chars,
            limit_pages=draft.limit_pages,
            version=1,
            # The tool's draft (empty or not) until the user saves: it follows the facts.
            prefilled=True,
            updated_by_id=user.id if user else None,
        )
        section.versions.append(
            SectionVersion(
                version=1,
                text=draft.text,
                saved_by_id=user.id if user else None,
                note="Vorschlag aus dem Projektprofil" if draft.prefilled else "leer angelegt",
            )
        )
        application.sections.append(section)
    for position, entry in enumerate(build_checklist(programme, profile)):
        application.checklist.append(
            ChecklistItemRow(
                key=entry.key,
                title=entry.title,
                required=entry.required,
                note=entry.note,
                position=position,
            )
        )
    db.session.flush()
    if today is not None:
        refresh_plans(application, today)
    return application


def _applicant(organisation: Organisation | None) -> Applicant:
    if organisation is None:
        return Applicant()
    try:
        block = Applicant.from_dict(organisation.applicant or {})
    except InvalidData:
        block = Applicant()
    return block.with_name(organisation.name)


def save_details(project: ProjectProfile, details: dict, pending: dict | None) -> None:
    """Store the project's details (format v1.1) and redraft every section still drafted.

    ``pending`` is the raw input of fields that did not validate yet: kept so that nothing
    typed is lost, shown again until it is valid.
    """
    data = {k: v for k, v in (project.data or {}).items() if k != "details"}
    if details:
        data["details"] = details
    Profile.from_dict(data)  # InvalidData names the field; nothing is stored then
    project.data = data
    others = {k: v for k, v in (project.pending or {}).items() if k != "details"}
    project.pending = {**others, "details": pending} if pending else others
    db.session.flush()
    for application in db.session.scalars(
        select(Application).where(Application.project_id == project.id)
    ):
        refresh_drafted_sections(application)


def refresh_drafted_sections(application: Application) -> None:
    """Recompose the sections the user has not edited yet from the current facts.

    Their text is the tool's draft, so it follows the facts; it is replaced in place (the
    version stays, the history gets no entry per keystroke). Edited sections are never touched.
    """
    _, composition = _composition(application)
    if composition is None:
        return
    by_title = {s.title: s for s in composition.sections}
    for section in application.sections:
        composed = by_title.get(section.title)
        if composed is None or not section.prefilled or section.text == composed.text:
            continue
        section.text = composed.text
        current = next((v for v in section.versions if v.version == section.version), None)
        if current is not None:
            current.text = composed.text
    db.session.flush()


def _composition(application: Application):
    programme = find_programme(application.programme_slug)
    try:
        profile = Profile.from_dict(application.project.data)
    except InvalidData:
        return None, None
    if programme is None:
        return None, None
    applicant = _applicant(application.organisation)
    return programme, stored_composition(profile, programme, applicant)


def drafted_text(application: Application, section: ApplicationSection) -> str:
    """The tool's draft of a section from today's facts (its stored text when none can be made)."""
    _, composition = _composition(application)
    if composition is None:
        return section.text
    composed = next((s for s in composition.sections if s.title == section.title), None)
    return composed.text if composed is not None else section.text


def drafted_topics(application: Application, section: ApplicationSection) -> tuple[str, ...]:
    """The topics the record gives a section (empty when the record or title is gone)."""
    programme = find_programme(application.programme_slug)
    if programme is None:
        return ()
    return next((s.topics for s in outline_of(programme) if s.title == section.title), ())


def section_by_key(application: Application, key: str) -> ApplicationSection | None:
    """The application's outline section with this key, or None."""
    return next((s for s in application.sections if s.key == key), None)


def save_section(
    section: ApplicationSection, text: str, base_version: int, user: User | None, note: str = ""
) -> ApplicationSection:
    """Store a new text based on ``base_version``; a stale version raises SectionConflict."""
    if len(text) > MAX_SECTION_CHARS:
        raise InvalidData(
            [FieldProblem("text", f"höchstens {format_number(MAX_SECTION_CHARS)} Zeichen")]
        )
    if base_version == section.version and text == section.text and not section.prefilled:
        return section
    # Optimistic locking in one statement: the row changes only if nobody saved in between,
    # whichever database and however many server threads.
    changed = db.session.execute(
        update(ApplicationSection)
        .where(ApplicationSection.id == section.id, ApplicationSection.version == base_version)
        .values(
            version=base_version + 1,
            text=text,
            prefilled=False,
            updated_by_id=user.id if user else None,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(section)
    if changed != 1:
        raise SectionConflict(section)
    db.session.add(
        SectionVersion(
            section_id=section.id,
            version=section.version,
            text=text,
            saved_by_id=user.id if user else None,
            note=note,
        )
    )
    section.application.updated_at = utcnow()
    db.session.flush()
    db.session.refresh(section, ["versions"])
    return section


def restore_section(section: ApplicationSection, version: int, user: User | None) -> None:
    """Make an earlier text the current one again (as a new version; nothing is lost)."""
    old = next((v for v in section.versions if v.version == version), None)
    if old is None:
        raise InvalidData([FieldProblem("version", f"Version {version} gibt es nicht.")])
    save_section(
        section, old.text, section.version, user, note=f"wiederhergestellt aus Version {version}"
    )


def set_checklist_done(item: ChecklistItemRow, done: bool) -> None:
    """Tick a checklist item off, or untick it."""
    item.done = done
    db.session.flush()


def missing_required(application: Application) -> list[str]:
    """Titles of required checklist items not ticked off yet."""
    return [i.title for i in application.checklist if i.required and not i.done]


def change_status(
    application: Application,
    new: str,
    on: date | None,
    amount_eur: Decimal | None,
    user: User | None,
    today: date,
    despite_missing: bool = False,
) -> None:
    """Move the application to a new status (validated) and log who did it when.
    ``despite_missing``: record a submission although required documents are not ticked in
    the checklist (handed in on paper, or sent separately); they stay unticked."""
    missing = [] if despite_missing else missing_required(application)
    change = check_status_change(application.status, new, on, amount_eur, missing, today)
    planned = application.requested_source == "plan"
    if (
        change.status == "eingereicht"
        and planned
        and change.amount_eur
        not in (
            None,
            application.requested_eur,
        )
    ):
        raise InvalidData(
            [
                FieldProblem(
                    "amount_eur",
                    f"Der Betrag weicht von der Zuwendung laut Kosten- und "
                    f"Finanzierungsplan ab ({format_eur(application.requested_eur)}); "
                    "bitte den Plan anpassen oder den Betrag weglassen.",
                )
            ]
        )
    db.session.add(
        StatusLogEntry(
            application_id=application.id,
            from_status=application.status,
            to_status=change.status,
            on=change.on,
            amount_eur=change.amount_eur,
            user_id=user.id if user else None,
        )
    )
    if change.status == "eingereicht":
        application.submitted_on = change.on
        if change.amount_eur is not None:
            application.requested_eur = change.amount_eur
            if not planned:  # what was applied for, no longer the profile's estimate
                application.requested_source = "eingereicht"
    elif change.status in ("bewilligt", "abgelehnt"):
        application.decided_on = change.on
        if change.status == "bewilligt":
            application.approved_eur = change.amount_eur
    application.status = change.status
    db.session.flush()
    refresh_plans(application, today)  # a submitted plan stops, an award plan starts


def _cents(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))
