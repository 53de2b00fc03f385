"""A local council information system for the import tests: an OParl 1.1 interface (objects
shaped as in the specification's examples: System, Body, Organization, Meeting, with paginated
external lists) and ICS exports, served by a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from icalendar import Calendar, Event

SCHEMA = "https://schema.oparl.org/1.1/"
PAGE_SIZE = 10


@dataclass
class Committee:
    """An OParl Organization with its meetings (None: no own list, the body's list has them)."""

    id: str
    name: str
    kind: str = "Gremium"
    classification: str = "Ausschuss"
    own_list: bool = True
    meetings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class CouncilServer:
    """The state the handler serves; tests change it between imports."""

    base: str = ""
    committees: list[Committee] = field(default_factory=list)
    ics: bytes = b""
    mode: str = "ok"  # ok | html | slow | loop | nodata | huge | redirect-file
    bodies: int = 1
    requests: int = 0
    archive: list[dict[str, Any]] = field(default_factory=list)

    def meeting(self, committee: Committee, number: int, day: date, **extra: Any) -> dict:
        item = {
            "id": f"{self.base}/oparl/meeting/{committee.id}-{number}",
            "type": SCHEMA + "Meeting",
            "name": f"{number}. Sitzung: {committee.name}",
            "start": datetime(day.year, day.month, day.day, 17, 0).isoformat() + "+01:00",
            "organization": [f"{self.base}/oparl/organization/{committee.id}"],
            "created": "2026-01-05T10:00:00+01:00",
            "modified": "2026-01-05T10:00:00+01:00",
        }
        item.update(extra)
        return item


def default_calendar(server: CouncilServer) -> None:
    """Rat and Sozialausschuss with 20 meetings each in 2027, a Haupt- und Finanzausschuss in
    the body's list only, and a Fraktion that is no committee."""
    rat = Committee("rat", "Rat der Stadt", classification="Rat")
    social = Committee("soziales", "Ausschuss für Soziales und Integration")
    main = Committee("hfa", "Haupt- und Finanzausschuss", own_list=False)
    party = Committee(
        "fraktion", "Fraktion Bürgerliste", kind="Fraktion", classification="Fraktion"
    )
    start = date(2027, 1, 14)
    for n in range(20):
        rat.meetings.append(server.meeting(rat, n + 1, start + timedelta(days=17 * n + 7)))
        social.meetings.append(server.meeting(social, n + 1, start + timedelta(days=17 * n)))
    social.meetings.append(server.meeting(social, 99, date(2027, 5, 5), cancelled=True))
    for n in range(6):
        main.meetings.append(server.meeting(main, n + 1, date(2027, 2 * n + 1, 20)))
    server.committees = [rat, social, main, party]


class _Handler(BaseHTTPRequestHandler):
    server_version = "TestRIS/1.0"

    def log_message(self, *args: Any) -> None:  # keep the test output clean
        return

    @property
    def state(self) -> CouncilServer:
        return self.server.state  # type: ignore[attr-defined]

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        state = self.state
        state.requests += 1
        parts = urlsplit(self.path)
        page = int(parse_qs(parts.query).get("page", ["1"])[0])
        path = parts.path.rstrip("/")
        if state.mode == "slow":
            time.sleep(3)
        if state.mode == "html" and path.startswith("/oparl"):
            return self.send(b"<!DOCTYPE html><html><body>Anmeldung</body></html>", "text/html")
        if state.mode == "redirect-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return None
        if path == "/export.ics":
            return self.send(state.ics, "text/calendar")
        if path == "/seite.html":
            return self.send(b"<html><body>Kalender</body></html>", "text/html")
        found = self.route(path)
        if found is None:
            return self.send(b'{"error": "not found"}', "application/json", 404)
        if isinstance(found, list):
            return self.send(
                json.dumps(self.paginate(path, found, page)).encode(), "application/json"
            )
        return self.send(json.dumps(found).encode(), "application/json")

    def route(self, path: str) -> Any:
        s = self.state
        b = s.base + "/oparl"
        bodies = [
            {
                "id": f"{b}/body/{i}",
                "type": SCHEMA + "Body",
                "system": f"{b}/system",
                "shortName": f"Beispielstadt {i}",
                "name": f"Stadt Beispielstadt {i}" if s.bodies > 1 else "Stadt Beispielstadt",
                "organization": f"{b}/body/{i}/organizations",
                "meeting": f"{b}/body/{i}/meetings",
                "created": "2014-01-08T14:28:31+01:00",
                "modified": "2014-01-08T14:28:31+01:00",
            }
            for i in range(1, s.bodies + 1)
        ]
        if path == "/oparl/system":
            return {
                "id": f"{b}/system",
                "type": SCHEMA + "System",
                "oparlVersion": SCHEMA,
                "body": f"{b}/bodies",
                "name": "Ratsinformationssystem Beispielstadt",
            }
        if path == "/oparl/bodies":
            return bodies
        if path == "/oparl/body/1":
            return bodies[0]
        if path == "/oparl/body/1/organizations":
            return [self.organization(c) for c in s.committees]
        if path == "/oparl/body/1/meetings":
            return [m for c in s.committees if not c.own_list for m in c.meetings]
        for c in s.committees:
            if path == f"/oparl/organization/{c.id}/meetings":
                if s.mode == "huge":
                    if not s.archive:  # built once: a page must answer quickly under load
                        s.archive = [
                            s.meeting(c, n, date(2027, 1, 1) + timedelta(days=n % 365))
                            for n in range(10_000)
                        ]
                    return s.archive
                return c.meetings
        return None

    def organization(self, c: Committee) -> dict[str, Any]:
        b = self.state.base + "/oparl"
        org = {
            "id": f"{b}/organization/{c.id}",
            "type": SCHEMA + "Organization",
            "body": f"{b}/body/1",
            "name": c.name,
            "organizationType": c.kind,
            "classification": c.classification,
            "created": "2012-07-16T00:00:00+02:00",
            "modified": "2012-08-16T12:34:56+02:00",
        }
        if c.own_list:
            org["meeting"] = f"{b}/organization/{c.id}/meetings"
        return org

    def paginate(self, path: str, items: list[Any], page: int) -> dict[str, Any]:
        size = 100 if self.state.mode == "huge" else PAGE_SIZE
        pages = max(1, -(-len(items) // size))
        url = f"{self.state.base}{path}"
        links: dict[str, str] = {"first": url, "self": f"{url}?page={page}"}
        if page < pages:
            links["next"] = f"{url}?page={page + 1}"
        if self.state.mode == "loop" and "meetings" in path:
            links["next"] = f"{url}?page={page}"  # points back to itself
        body: dict[str, Any] = {
            "data": items[(page - 1) * size : page * size],
            "pagination": {
                "totalElements": len(items),
                "elementsPerPage": size,
                "currentPage": page,
                "totalPages": pages,
            },
            "links": links,
        }
        if self.state.mode == "nodata" and "meetings" in path:
            del body["data"]
        return body

    def send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def ics_export(events: list[tuple[str, str, date, str]]) -> bytes:
    """An ICS file as a Ratsinformationssystem exports it: (uid, summary, day, status)."""
    cal = Calendar()
    cal.add("prodid", "-//Beispiel RIS//Sitzungskalender//DE")
    cal.add("version", "2.0")
    for uid, summary, day, status in events:
        event = Event()
        event.add("uid", uid)
        event.add("summary", summary)
        event.add("dtstart", datetime(day.year, day.month, day.day, 17, 0))
        event.add("dtend", datetime(day.year, day.month, day.day, 19, 0))
        event.add("dtstamp", datetime(2026, 11, 1, 8, 0))
        if status:
            event.add("status", status)
        cal.add_component(event)
    return cal.to_ical()


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # The "slow" answer is written after the client gave up: a broken pipe is expected.
        return


def start_server() -> tuple[ThreadingHTTPServer, CouncilServer]:
    """A running server on a free port and its state."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    state = CouncilServer(base=f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.state = state  # type: ignore[attr-defined]
    default_calendar(state)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, state
