"""What an imported council calendar holds: committees and their meetings, and the limits
that keep a bad source from importing half a calendar."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_number

# A council calendar for planning holds tens of meetings a year; a source with more than this
# is a whole archive or broken, and nothing is imported from it.
MAX_MEETINGS = 2000
MAX_PAGES = 100
MAX_COMMITTEES = 500
# Bodies a committee can stand for in a Kommune's Beratungsfolge (planning.md § 5).
COUNCIL_BODIES = (
    "fachausschuss",
    "hauptausschuss",
    "finanzausschuss",
    "ausschuss",
    "ortsbeirat",
    "bezirksvertretung",
    "rat",
    "kreistag",
)


@dataclass(frozen=True)
class ImportedMeeting:
    """One meeting at the source; ``external_id`` finds it again on the next import."""

    external_id: str
    committee: str  # the committee's key at the source
    day: date
    title: str = ""


@dataclass(frozen=True)
class Committee:
    """A body as the source names it; ``meetings_url`` is its own OParl meeting list."""

    key: str
    name: str
    count: int | None = None
    meetings_url: str | None = None


@dataclass(frozen=True)
class BodyChoice:
    """An OParl system hosts several Körperschaften: the user picks one."""

    url: str
    name: str


@dataclass
class SourceCalendar:
    """What a source offers: its committees, and (for ICS) already all meetings."""

    label: str
    committees: list[Committee] = field(default_factory=list)
    meetings: list[ImportedMeeting] | None = None
    meetings_url: str | None = None  # OParl: the Körperschaft's list of all meetings
    bodies: list[BodyChoice] = field(default_factory=list)


def source_problem(message: str, field_name: str = "url") -> InvalidData:
    """A German message about the source; nothing has been imported."""
    return InvalidData([FieldProblem(field_name, message + " Es wurde nichts übernommen.")])


def too_many(count: int) -> InvalidData:
    """The source lists more meetings than a council calendar can hold."""
    return source_problem(
        f"Die Quelle liefert mehr als {format_number(MAX_MEETINGS)} Sitzungen "
        f"({format_number(count)} gelesen); das ist ein ganzes Archiv, kein Sitzungskalender. "
        "Geben Sie die Adresse eines einzelnen Gremiums oder einen Export für die kommenden "
        "Monate an."
    )


_SPACES = re.compile(r"\s+")
_RAT = (
    "rat",
    "stadtrat",
    "gemeinderat",
    "marktgemeinderat",
    "stadtverordnetenversammlung",
    "gemeindevertretung",
    "stadtvertretung",
    "bürgerschaft",
)


def guess_body(*names: str) -> str | None:
    """A first guess which body a committee is, from its name; the user confirms it."""
    for raw in names:
        name = _SPACES.sub(" ", (raw or "").strip().lower())
        if not name:
            continue
        if "kreistag" in name:
            return "kreistag"
        if "haupt- und finanz" in name or name.startswith("hauptausschuss"):
            return "hauptausschuss"
        if name.startswith("finanzausschuss") or "ausschuss für haushalt und finanzen" in name:
            return "finanzausschuss"
        if name.startswith("bezirksvertretung"):
            return "bezirksvertretung"
        if name.startswith(("ortsbeirat", "ortschaftsrat")):
            return "ortsbeirat"
        first = name.split(" ")[0]
        if "ausschuss" not in name and (name in _RAT or first in _RAT):
            return "rat"
    return None


def committee_key(name: str) -> str:
    """A stable key for a committee named in an ICS export (lower case, single spaces)."""
    return _SPACES.sub(" ", name.strip().lower())[:200]
