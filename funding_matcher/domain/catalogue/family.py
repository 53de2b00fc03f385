"""Programme families: a parent record (the programme) with child records (its sub-lines).

A programme whose Förderangebote, Säulen, Bausteine or calls have different terms is recorded as
a parent plus one child per sub-line (``parent: <slug>``). The matcher ranks the children, which
carry the terms a plan is checked against, and the parent only where it stands for a line of its
own; the page shows the family.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from funding_matcher.domain import taxonomy
from funding_matcher.domain.catalogue.records import Programme


def children_by_parent(programmes: Iterable[Programme]) -> dict[str, list[Programme]]:
    """Parent slug -> its child records (drafts left out), each list ordered by title."""
    families: dict[str, list[Programme]] = {}
    for programme in programmes:
        if programme.parent and programme.counts_in_matching:
            families.setdefault(programme.parent, []).append(programme)
    for children in families.values():
        children.sort(key=lambda p: p.title.casefold())
    return families


def is_line_of_its_own(parent: Programme, children: list[Programme]) -> bool:
    """The parent record also stands for a line of its own beside its children: only one
    sub-line was split off (the parent's terms are those of the rest of the programme), it
    funds a cost type none of its children funds (project costs beside building and equipment),
    or it is open to an applicant in a Land that none of its children serves (the DSEE's
    micro grants for Vereine everywhere beside a competition for East Germany and two
    programmes for private persons): without it, that applicant would not find the programme."""
    if len(children) == 1:
        return True
    funded_by_children = set().union(*(c.cost_types for c in children))
    if set(parent.cost_types) - funded_by_children:
        return True
    return any(
        not any(_serves(child, applicant, state) for child in children)
        for applicant in parent.applicant_types
        for state in _states(parent)
    )


def _states(programme: Programme) -> list[str]:
    if programme.serves_all_states:
        return list(taxonomy.VOCABULARIES["states"])
    return list(programme.states)


def _serves(programme: Programme, applicant: str, state: str) -> bool:
    return applicant in programme.applicant_types and (
        programme.serves_all_states or state in programme.states
    )


def rankable(programmes: Iterable[Programme]) -> list[Programme]:
    """The records the matcher ranks: reviewed records except parents whose children carry the
    whole programme (a parent that is a line of its own is ranked beside its children)."""
    programmes = list(programmes)
    families = children_by_parent(programmes)
    return [
        p
        for p in programmes
        if p.counts_in_matching
        and (p.slug not in families or is_line_of_its_own(p, families[p.slug]))
    ]


@dataclass(frozen=True)
class Family:
    """A programme's family as a page shows it: the parent and every sub-line."""

    parent: Programme
    children: tuple[Programme, ...]

    def others(self, programme: Programme) -> list[Programme]:
        """The family's records other than ``programme`` (parent first)."""
        members = [self.parent, *self.children]
        return [p for p in members if p.slug != programme.slug]


def family_root(programme: Programme, by_slug: dict[str, Programme]) -> str:
    """The slug at the top of the programme's family (itself when it stands alone): sub-lines of
    sub-lines (a Förderaktion of the Aktion Mensch's project funding) belong to the same family
    as their parent's siblings. A parent missing from ``by_slug`` still names the family."""
    slug, seen = programme.slug, {programme.slug}
    parent = programme.parent
    while parent and parent not in seen:
        slug = parent
        seen.add(parent)
        above = by_slug.get(parent)
        parent = above.parent if above is not None else None
    return slug


def family_of(programme: Programme, programmes: Iterable[Programme]) -> Family | None:
    """The family ``programme`` belongs to (as parent or child), or None when it stands alone.

    ``programmes`` must contain the parent record for a child.
    """
    by_slug = {p.slug: p for p in programmes}
    by_slug.setdefault(programme.slug, programme)
    parent = by_slug.get(programme.parent) if programme.parent else programme
    if parent is None:
        return None
    children = children_by_parent(by_slug.values()).get(parent.slug, [])
    if not children:
        return None
    return Family(parent, tuple(children))


class FamilyCycle(ValueError):
    """The parent references of some records form a cycle."""


def ancestors(slug: str, parent_of: dict[str, str | None]) -> list[str]:
    """The parent, grandparent ... of ``slug`` (stops at a slug not in ``parent_of``).

    Raises FamilyCycle when the chain comes back to a record it passed.
    """
    chain: list[str] = []
    step = parent_of.get(slug)
    while step is not None:
        if step == slug or step in chain:
            raise FamilyCycle(f"parent: Kreis über „{' → '.join([slug, *chain, step])}“")
        chain.append(step)
        if step not in parent_of:
            break
        step = parent_of[step]
    return chain


def family_problems(programmes: Iterable[Programme]) -> dict[str, str]:
    """Slug -> problem for children whose parent is missing, closed, or part of a cycle."""
    by_slug = {p.slug: p for p in programmes}
    parent_of = {slug: p.parent for slug, p in by_slug.items()}
    problems: dict[str, str] = {}
    for programme in by_slug.values():
        if not programme.parent:
            continue
        parent = by_slug.get(programme.parent)
        try:
            ancestors(programme.slug, parent_of)
        except FamilyCycle as exc:
            problems[programme.slug] = str(exc)
            continue
        if parent is None:
            problems[programme.slug] = f"parent: unbekanntes Programm „{programme.parent}“"
        elif parent.status == "closed" and programme.status not in ("closed", "draft"):
            problems[programme.slug] = (
                f"parent „{parent.slug}“ ist beendet (closed), die Förderlinie kann nicht "
                f"{programme.status} sein"
            )
    return problems
