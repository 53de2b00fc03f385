"""Council calendars from a Ratsinformationssystem: OParl 1.0/1.1 or an ICS export."""

from .http import DEFAULT_TIMEOUT, MAX_BYTES, Fetch, Response, check_url, http_fetch
from .ics_import import committee_name, read_ics
from .model import (
    COUNCIL_BODIES,
    MAX_MEETINGS,
    BodyChoice,
    Committee,
    ImportedMeeting,
    SourceCalendar,
    guess_body,
    source_problem,
)
from .oparl import read_meetings, read_source

__all__ = [
    "COUNCIL_BODIES",
    "DEFAULT_TIMEOUT",
    "MAX_BYTES",
    "MAX_MEETINGS",
    "BodyChoice",
    "Committee",
    "Fetch",
    "ImportedMeeting",
    "Response",
    "SourceCalendar",
    "check_url",
    "committee_name",
    "guess_body",
    "http_fetch",
    "read_ics",
    "read_meetings",
    "read_source",
    "source_problem",
]
