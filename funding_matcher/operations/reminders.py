"""Reminder digests: what each person must hear today, and the log that keeps it from repeating.

A digest holds the dates due within the person's offsets, the watched programmes whose deadline
or status changed, and programmes that entered a saved project's top ten since the last run.
Flushes, never commits; the caller commits after each e-mail went out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.domain.planning import (
    DEFAULT_REMINDER_OFFSETS,
    NewMatch,
    ProgrammeChange,
    ReminderItem,
    check_reminder_offsets,
    compose_digest,
    due_reminders,
    overdue_reminders,
)
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import (
    ProgrammeChangeRow,
    ProjectProfile,
    ReminderSettings,
    SentReminder,
    User,
    WatchedProgramme,
)
from funding_matcher.operations.calendar import organisation_dates
from funding_matcher.operations.clients import access_list
from funding_matcher.operations.planning import refresh_all_plans

TOP = 10
log = logging.getLogger(__name__)


def reminder_settings(user: User) -> ReminderSettings:
    """The person's settings, or the defaults (on; 30, 14, 7, 1 days; every organisation) when
    none are stored."""
    row = db.session.get(ReminderSettings, user.id)
    return row or ReminderSettings(
        user_id=user.id,
        enabled=True,
        offsets=list(DEFAULT_REMINDER_OFFSETS),
        muted_organisation_ids=[],
    )


def set_reminder_settings(
    user: User, enabled: bool, offsets: list, included: list[int] | None = None
) -> ReminderSettings:
    """Store on/off and the offsets (validated: whole days, named in the message); with
    ``included``, the organisations whose dates the e-mail carries (the others of those the
    person works for are muted; at least one must stay when reminders are on)."""
    checked = check_reminder_offsets(offsets, "offsets")
    row = db.session.get(ReminderSettings, user.id)
    if row is None:
        row = ReminderSettings(user_id=user.id, muted_organisation_ids=[])
        db.session.add(row)
    if included is not None and (enabled or included):  # switched off, nothing ticked: kept
        reachable = [a.organisation_id for a in access_list(user)]
        if enabled and reachable and not set(included) & set(reachable):
            message = "Bitte mindestens eine Organisation wählen oder die Erinnerungen ausschalten."
            raise InvalidData([FieldProblem("organisations", message)])
        row.muted_organisation_ids = sorted(set(reachable) - set(included))
    row.enabled = enabled
    row.offsets = list(checked)
    db.session.flush()
    return row


@dataclass
class OutgoingDigest:
    """One e-mail to send, and the log keys to record once it went out."""

    user: User
    subject: str
    body: str
    keys: list[str] = field(default_factory=list)


def new_top_matches(engine: MatchingEngine, today: date) -> dict[int, list[tuple[str, str]]]:
    """Per project: (slug, title) of programmes new in its top ten since the last run.

    The first run only remembers each top ten; it reports nothing, because nothing is new yet.
    """
    found: dict[int, list[tuple[str, str]]] = {}
    for project in db.session.scalars(
        select(ProjectProfile).where(ProjectProfile.trashed_in_id.is_(None))
    ):
        try:
            profile = Profile.from_dict(project.data)
        except InvalidData:
            continue
        ranking = engine.rank(profile, today, top=TOP)
        top = [m.programme.slug for m in ranking.matches]
        if project.known_top is not None:
            titles = {m.programme.slug: m.programme.title for m in ranking.matches}
            found[project.id] = [(s, titles[s]) for s in top if s not in project.known_top]
        project.known_top = top
    db.session.flush()
    return found


def digests(
    today: date, base_url: str, engine: MatchingEngine | None = None
) -> list[OutgoingDigest]:
    """The digests due today for every person with reminders switched on. The daily run
    first recomputes every plan: a programme's next deadline moves on as days pass."""
    refresh_all_plans(today)
    matches = new_top_matches(engine, today) if engine is not None else {}
    out = []
    for user in db.session.scalars(select(User).order_by(User.id)):
        settings = reminder_settings(user)
        if not settings.enabled or not user.memberships:
            continue
        try:
            digest = _digest_for(user, settings, today, base_url, matches)
        except (ValueError, TypeError, AttributeError, OverflowError, KeyError):
            # One person's broken data must not stop the reminders of everyone else.
            log.exception("Erinnerung für Person %s übersprungen", user.id)
            continue
        if digest is not None:
            out.append(digest)
    return out


def _digest_for(
    user: User,
    settings: ReminderSettings,
    today: date,
    base_url: str,
    matches: dict[int, list[tuple[str, str]]],
) -> OutgoingDigest | None:
    sent = set(db.session.scalars(select(SentReminder.key).where(SentReminder.user_id == user.id)))
    items: dict[str, ReminderItem] = {}
    changes: list[ProgrammeChange] = []
    new: list[NewMatch] = []
    keys: list[str] = []
    muted = set(settings.muted_organisation_ids or ())
    for membership in access_list(user):
        organisation = membership.organisation
        if organisation.id in muted:
            continue
        for item in organisation_dates(organisation, today):
            items.setdefault(
                item.key,
                ReminderItem(
                    key=item.key,
                    kind=item.kind,
                    title=item.title,
                    due=item.day,
                    url=base_url + item.path,
                    context=f"{item.context} ({organisation.name})",
                ),
            )
        for watch in db.session.scalars(
            select(WatchedProgramme).where(WatchedProgramme.organisation_id == organisation.id)
        ):
            rows = db.session.scalars(
                select(ProgrammeChangeRow).where(
                    ProgrammeChangeRow.programme_slug == watch.programme_slug,
                    ProgrammeChangeRow.changed_at >= watch.created_at,
                )
            )
            for row in rows:
                key = f"change-{row.id}"
                if key in sent or key in keys:
                    continue
                keys.append(key)
                changes.append(
                    ProgrammeChange(
                        title=watch.programme_slug,
                        changes=(row.summary,),
                        url=f"{base_url}/programme/{watch.programme_slug}",
                    )
                )
        for project in db.session.scalars(
            select(ProjectProfile).where(
                ProjectProfile.organisation_id == organisation.id,
                ProjectProfile.trashed_in_id.is_(None),
            )
        ):
            for slug, title in matches.get(project.id, []):
                key = f"match-{project.id}-{slug}"
                if key in sent or key in keys:
                    continue
                keys.append(key)
                new.append(
                    NewMatch(
                        title=title,
                        reason=f"neu unter den besten {TOP} für „{project.title}“",
                        url=f"{base_url}/projekte/{project.id}/treffer",
                    )
                )
    reminders = due_reminders(list(items.values()), today, sent, tuple(settings.offsets))
    overdue = overdue_reminders(items.values(), today, sent)
    keys = [r.key for r in reminders] + [o.key for o in overdue if o.new] + keys
    digest = compose_digest(
        reminders,
        changes,
        new,
        today=today,
        recipient_name=user.name or None,
        settings_url=f"{base_url}/konto/#erinnerungen",
        overdue=overdue,
    )
    if digest is None:
        return None
    return OutgoingDigest(user, digest.subject, digest.body, keys)


def record_sent(digest: OutgoingDigest) -> None:
    """Remember the digest's reminders so that none goes out twice."""
    for key in digest.keys:
        db.session.add(SentReminder(user_id=digest.user.id, key=key))
    db.session.flush()
