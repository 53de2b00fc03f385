"""The one answer to "by when must this application be in?", and where that date comes from.

Pages, the applications list, the API, exports, the calendar feed and the plan all ask here,
so a deadline a person set shows everywhere, not only on the plan page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .request import ASSUMED_LEAD_DAYS
from .terms import ProgrammeTerms

DeadlineSource = Literal["own", "catalogue", "rolling", "rolling_assumed"]
SOURCE_LABELS: dict[str, str] = {
    "own": "von Ihnen festgelegt",
    "catalogue": "nächste Frist laut Katalog",
    "rolling": "laufende Antragstellung: aus dem Projektbeginn zurückgerechnet",
    "rolling_assumed": (
        f"laufende Antragstellung: {ASSUMED_LEAD_DAYS} Tage vor dem Projektbeginn angenommen"
    ),
}


@dataclass(frozen=True)
class Deadline:
    """The submission deadline T0 of an application and its source."""

    day: date
    source: DeadlineSource

    @property
    def label(self) -> str:
        """Where the date comes from, in German (e.g. "von Ihnen festgelegt")."""
        return SOURCE_LABELS[self.source]

    @property
    def own(self) -> bool:
        """True when a person set this date for the application."""
        return self.source == "own"


def application_deadline(
    own: date | None, terms: ProgrammeTerms | None, project_start: date | None
) -> Deadline | None:
    """The own date first; else, for a rolling programme, the project start minus the
    programme's lead; else the programme's next deadline; None when nothing is known."""
    if own is not None:
        return Deadline(own, "own")
    if terms is None:
        return None
    if terms.rolling:
        if project_start is None:
            return None
        if terms.apply_lead_days is None:
            return Deadline(project_start - timedelta(days=ASSUMED_LEAD_DAYS), "rolling_assumed")
        return Deadline(project_start - timedelta(days=terms.apply_lead_days), "rolling")
    if terms.next_deadline is not None:
        return Deadline(terms.next_deadline, "catalogue")
    return None
