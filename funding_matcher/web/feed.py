"""The personal calendar feed (ICS): all dates of the user's organisations, by secret URL.
It only reads; a calendar client polling it never changes a plan."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, abort, current_app

from funding_matcher.domain.accounts.tokens import calendar_token, calendar_user_id
from funding_matcher.domain.limits import date_in_window
from funding_matcher.domain.planning import CalendarEvent, build_calendar, event_uid
from funding_matcher.extensions import db
from funding_matcher.models import User
from funding_matcher.operations.calendar import organisation_dates
from funding_matcher.operations.clients import access_list
from funding_matcher.web.clock import today
from funding_matcher.web.links import absolute_url

bp = Blueprint("feed", __name__)


def feed_url(user: User) -> str:
    """The user's current feed URL (a new one after every regeneration)."""
    token = calendar_token(current_app.config["SECRET_KEY"], user.id, user.calendar_version)
    return absolute_url("feed.ics", token=token)


def summary(title: str, programme: str, organisation: str) -> str:
    """An entry's title that tells applications and clients apart in Outlook's day view:
    "Ratsbeschluss – Quartiersfonds (Stadt Hagen)"."""
    if programme and programme not in title:
        title = f"{title} – {programme}"
    return f"{title} ({organisation})"


def _version(user_id: int) -> int | None:
    user = db.session.get(User, user_id)
    return user.calendar_version if user else None


@bp.route("/kalender/<token>.ics")
def ics(token: str):
    user_id = calendar_user_id(token[:80], current_app.config["SECRET_KEY"], _version)
    if user_id is None:
        abort(404)
    user = db.session.get(User, user_id)
    domain = current_app.config["CALENDAR_UID_DOMAIN"]
    events = []
    for membership in access_list(user):
        organisation = membership.organisation
        for item in organisation_dates(organisation, today()):
            if not date_in_window(item.day):
                continue  # a date the feed cannot write (logged where the rows are read)
            events.append(
                CalendarEvent(
                    uid=event_uid(item.key, organisation.id, domain),
                    day=item.day,
                    title=summary(item.title, item.programme, organisation.name),
                    description="\n".join(
                        text for text in (item.context, item.note, organisation.name) if text
                    ),
                    url=absolute_url("main.index").rstrip("/") + item.path,
                    sequence=item.sequence,
                )
            )
    body = build_calendar(events, name="Fördermittel-Fristen", dtstamp=datetime.now(UTC))
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'inline; filename="foerdermittel-fristen.ics"',
            "Cache-Control": "private, max-age=300",
        },
    )
