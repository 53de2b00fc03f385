"""Reading a council calendar from an OParl 1.0/1.1 interface: system -> body ->
organization -> meeting, following the pages of each external list (spec "Objektlisten und
Paginierung"). Every answer is checked; any surprise stops the import with a German message."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from .http import Fetch, check_url
from .model import (
    MAX_COMMITTEES,
    MAX_MEETINGS,
    MAX_PAGES,
    BodyChoice,
    Committee,
    ImportedMeeting,
    SourceCalendar,
    source_problem,
    too_many,
)

ACCEPT = "application/json"
# Organisation types that are no committees (OParl: Fraktion, Partei, Verwaltungsbereich …).
_NOT_COMMITTEES = ("fraktion", "partei", "verwaltungsbereich", "externes gremium")


def read_source(fetch: Fetch, url: str) -> SourceCalendar:
    """The committees of the Körperschaft at ``url`` (a System or Body address); for a system
    with several Körperschaften, the choice of them instead."""
    obj = _object(fetch, url)
    kind = _type(obj)
    if kind == "System":
        bodies = list(_list(fetch, _url(obj, "body", url), "Body"))
        if not bodies:
            raise source_problem("Das OParl-System nennt keine Körperschaft.")
        if len(bodies) > 1:
            choices = [BodyChoice(_url(b, "id", url), _name(b)) for b in bodies]
            return SourceCalendar(_text(obj.get("name")) or url, bodies=choices)
        obj = bodies[0]
    elif kind != "Body":
        raise source_problem(
            f"Unter der Adresse steht ein OParl-Objekt vom Typ „{kind}“; gebraucht wird die "
            "Adresse des Systems oder der Körperschaft (Body)."
        )
    committees = []
    for org in _list(fetch, _url(obj, "organization", url), "Organization"):
        kind_text = " ".join(
            _text(org.get(k)).lower() for k in ("organizationType", "classification")
        )
        if any(word in kind_text for word in _NOT_COMMITTEES):
            continue
        meetings_url = org.get("meeting")
        committees.append(
            Committee(
                key=_url(org, "id", url),
                name=_name(org),
                meetings_url=meetings_url if isinstance(meetings_url, str) else None,
            )
        )
        if len(committees) > MAX_COMMITTEES:
            raise source_problem(f"Die Körperschaft nennt mehr als {MAX_COMMITTEES} Gremien.")
    if not committees:
        raise source_problem("Die Körperschaft nennt keine Gremien.")
    body_meetings = obj.get("meeting")
    return SourceCalendar(
        _name(obj),
        committees=sorted(committees, key=lambda c: c.name.lower()),
        meetings_url=body_meetings if isinstance(body_meetings, str) else None,
    )


def read_meetings(
    fetch: Fetch, committees: list[Committee], body_meetings_url: str | None
) -> list[ImportedMeeting]:
    """All meetings of these committees (each from its own list, else from the body's list)."""
    wanted = {c.key for c in committees}
    found: dict[str, ImportedMeeting] = {}
    read = 0

    def take(item: dict[str, Any], only: str | None) -> None:
        nonlocal read
        read += 1
        if read > MAX_MEETINGS:
            raise too_many(read)
        for meeting in _meetings_of(item, wanted, only):
            found[f"{meeting.external_id}|{meeting.committee}"] = meeting

    fallback = [c for c in committees if not c.meetings_url]
    for committee in committees:
        if committee.meetings_url:
            for item in _list(fetch, committee.meetings_url, "Meeting"):
                take(item, committee.key)
    if fallback:
        if not body_meetings_url:
            raise source_problem("Die Körperschaft nennt keine Liste ihrer Sitzungen.")
        for item in _list(fetch, body_meetings_url, "Meeting"):
            take(item, None)
    return sorted(found.values(), key=lambda m: (m.day, m.committee, m.external_id))


def _meetings_of(item: dict[str, Any], wanted: set[str], only: str | None) -> list[ImportedMeeting]:
    if item.get("deleted") is True or item.get("cancelled") is True:
        return []
    external = item.get("id")
    day = _day(item.get("start"))
    if not isinstance(external, str) or day is None:
        return []
    organisations = item.get("organization")
    members = (
        [o for o in organisations if isinstance(o, str)] if isinstance(organisations, list) else []
    )
    keys = [only] if only else [o for o in members if o in wanted]
    title = _text(item.get("name"))[:200]
    return [ImportedMeeting(external, key, day, title) for key in keys]


def _day(value: object) -> date | None:
    """The meeting's local day: the date part of the OParl date-time as written."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _object(fetch: Fetch, url: str) -> dict[str, Any]:
    data = _json(fetch, url)
    if not isinstance(data, dict):
        raise source_problem(f"Unter {url} steht kein OParl-Objekt.")
    return data


def _json(fetch: Fetch, url: str) -> Any:
    answer = fetch(url, ACCEPT)
    head = answer.body.lstrip()[:200].lower()
    if answer.content_type == "text/html" or head.startswith((b"<!doctype", b"<html", b"<")):
        raise source_problem(
            "Die Adresse liefert eine Webseite (HTML), keine OParl-Daten. Geben Sie die "
            "OParl-Schnittstelle des Ratsinformationssystems an (oft mit „/oparl“ im Pfad)."
        )
    try:
        return json.loads(answer.body)
    except (ValueError, RecursionError):
        raise source_problem(f"Die Antwort von {url} ist kein gültiges JSON.") from None


def _list(fetch: Fetch, url: str, expected: str) -> Iterator[dict[str, Any]]:
    """The objects of an external list, page by page; a loop or a page without ``data`` stops
    the import."""
    seen: set[str] = set()
    next_url: str | None = url
    pages = 0
    while next_url:
        if next_url in seen:
            raise source_problem("Die Seiten der OParl-Liste verweisen im Kreis (Paginierung).")
        seen.add(next_url)
        pages += 1
        if pages > MAX_PAGES:
            raise source_problem(f"Die OParl-Liste hat mehr als {MAX_PAGES} Seiten.")
        page = _json(fetch, next_url)
        data = page.get("data") if isinstance(page, dict) else None
        if not isinstance(data, list):
            raise source_problem(f"Die Listenseite {next_url} hat kein „data“ (keine OParl-Liste).")
        for item in data:
            if isinstance(item, dict) and _type(item) == expected:
                yield item
        links = page.get("links")
        following = links.get("next") if isinstance(links, dict) else None
        if following is not None and not isinstance(following, str):
            raise source_problem("Die OParl-Liste nennt eine ungültige nächste Seite.")
        next_url = check_url(following) if following else None


def _type(obj: dict[str, Any]) -> str:
    """The object's type without the schema prefix (``Body`` for …/1.1/Body)."""
    value = obj.get("type")
    return value.rstrip("/").rsplit("/", 1)[-1] if isinstance(value, str) else ""


def _url(obj: dict[str, Any], name: str, where: str) -> str:
    value = obj.get(name)
    if not isinstance(value, str) or not value:
        raise source_problem(f"Dem OParl-Objekt von {where} fehlt „{name}“.")
    return value


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _name(obj: dict[str, Any]) -> str:
    return (_text(obj.get("name")) or _text(obj.get("shortName")) or _text(obj.get("id")))[:300]
