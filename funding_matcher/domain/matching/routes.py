"""Routes and conflicts among the programmes of one answer.

- A Bund programme and the Land procedure through which a Kommune applies for it (the record's
  ``land_procedure_for``) are one route: the two stand next to each other in the list and each
  names the other.
- Every pair in the answer that the catalogue says may not be combined (either record's
  ``not_combinable_with``) is named on both programmes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from funding_matcher.domain.catalogue.records import Programme


class RouteIndex:
    """Which Land procedures carry which Bund programmes, built once per catalogue."""

    def __init__(self, programmes: Sequence[Programme]) -> None:
        by_slug = {p.slug: p for p in programmes}
        self._procedures: dict[str, list[Programme]] = defaultdict(list)
        self._carried: dict[str, list[Programme]] = {}
        for programme in programmes:
            carried = [by_slug[s] for s in programme.land_procedure_for if s in by_slug]
            if carried:
                self._carried[programme.slug] = carried
            for bund in carried:
                self._procedures[bund.slug].append(programme)

    def procedure(self, programme: Programme, state: str) -> Programme | None:
        """The Land procedure of ``state`` through which one applies for this Bund programme."""
        return next(
            (
                p
                for p in self._procedures.get(programme.slug, ())
                if p.serves_all_states or state in p.states
            ),
            None,
        )

    def carried(self, programme: Programme) -> tuple[Programme, ...]:
        """The Bund programmes this Land procedure carries."""
        return tuple(self._carried.get(programme.slug, ()))

    def linked(self, programme: Programme, state: str) -> set[str]:
        """Slugs on the same route as this programme for a project in ``state``."""
        procedure = self.procedure(programme, state)
        out = {procedure.slug} if procedure else set()
        return out | {p.slug for p in self.carried(programme)}


def keep_routes_together(order: list[Programme], index: RouteIndex, state: str) -> list[Programme]:
    """The list with each Bund programme and its Land procedure next to each other, at the
    place of the better ranked one."""
    out: list[Programme] = []
    placed: set[str] = set()
    present = {p.slug: p for p in order}
    for programme in order:
        if programme.slug in placed:
            continue
        out.append(programme)
        placed.add(programme.slug)
        for slug in sorted(index.linked(programme, state) & present.keys() - placed):
            out.append(present[slug])
            placed.add(slug)
    return out


def conflicts(programmes: Sequence[Programme]) -> dict[str, list[Programme]]:
    """For each programme, the others in the list it may not be combined with (both ways)."""
    out: dict[str, list[Programme]] = {p.slug: [] for p in programmes}
    for i, one in enumerate(programmes):
        for other in programmes[i + 1 :]:
            if other.slug in one.not_combinable_with or one.slug in other.not_combinable_with:
                out[one.slug].append(other)
                out[other.slug].append(one)
    return out
