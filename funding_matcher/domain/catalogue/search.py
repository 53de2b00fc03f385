"""Filtering and facet counts for the catalogue browser."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.catalogue.status import status_on


@dataclass(frozen=True)
class CatalogueFilter:
    """What the user narrowed the catalogue to; empty values do not filter."""

    level: str = ""
    theme: str = ""
    applicant: str = ""
    state: str = ""
    open_only: bool = False

    def accepts(self, p: Programme, today: date) -> bool:
        if self.level and p.level != self.level:
            return False
        if self.theme and self.theme not in p.themes:
            return False
        if self.applicant and self.applicant not in p.applicant_types:
            return False
        if self.state and not (p.serves_all_states or self.state in p.states):
            return False
        if self.open_only:
            # Open on evidence younger than twelve months, with a date ahead or none needed.
            return status_on(p, today) == "open"
        return True


def filter_programmes(
    programmes: Iterable[Programme], chosen: CatalogueFilter, today: date
) -> list[Programme]:
    """The programmes that pass every chosen filter, in the given order."""
    return [p for p in programmes if chosen.accepts(p, today)]


def facet_counts(programmes: Iterable[Programme]) -> dict[str, Counter]:
    """How many of the programmes carry each level, theme, applicant type and Land."""
    counts: dict[str, Counter] = {
        "level": Counter(),
        "theme": Counter(),
        "applicant": Counter(),
        "state": Counter(),
    }
    for p in programmes:
        counts["level"][p.level] += 1
        counts["theme"].update(p.themes)
        counts["applicant"].update(p.applicant_types)
        if p.serves_all_states:
            counts["state"]["all"] += 1
        else:
            counts["state"].update(p.states)
    return counts
