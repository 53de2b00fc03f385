"""Which fact goes into which section: rules 1 and 2 of the drafting contract § 3.

A section carries exactly the topics of its ``outline_topics`` entry. A fact goes into the first
section carrying its topic, else into the fallback section, and nowhere else; the working
version lists every fact placed by fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from funding_matcher.domain.applications.facts import Piece
from funding_matcher.domain.applications.topics import FALLBACK, TOPICS, topic_title
from funding_matcher.domain.catalogue.records import OUTLINE_TOPICS


@dataclass(frozen=True)
class Target:
    """Where a topic's facts go: a section (by index, maybe by fallback), the Antragsteller
    block, the plan block after the sections, or nowhere (generated summary without section)."""

    kind: str  # "section" | "applicant" | "plan"
    index: int = -1
    fallback: bool = False


def placement(outline_topics: Sequence[Sequence[str]]) -> dict[str, Target]:
    """The target of every topic for an outline (rules 1 and 2)."""
    first: dict[str, int] = {}
    for i, topics in enumerate(outline_topics):
        for topic in topics:
            first.setdefault(topic, i)
    targets: dict[str, Target] = {}
    for topic in OUTLINE_TOPICS:
        if topic in first:
            targets[topic] = Target("section", first[topic])
        elif topic == "traeger":
            targets[topic] = Target("applicant")
        elif topic == "finanzierung":
            targets[topic] = Target("plan")
        else:
            chain = [first[c] for c in FALLBACK.get(topic, ()) if c in first]
            index = chain[0] if chain else 0
            targets[topic] = Target("section", index, fallback=True)
    return targets


@dataclass(frozen=True)
class ComposedSection:
    """One outline section with the pieces placed in it."""

    title: str
    topics: tuple[str, ...]
    pieces: tuple[Piece, ...]
    moved: tuple[Piece, ...] = ()  # placed here by fallback (rule 2)

    @property
    def text(self) -> str:
        """The section's text: its pieces separated by blank lines."""
        return "\n\n".join(p.text for p in self.pieces)

    @property
    def empty(self) -> bool:
        return not self.pieces

    def moved_notes(self) -> list[str]:
        """'Barrierefreiheit (Projektangaben)' for each fact placed here by fallback."""
        notes = []
        for p in self.moved:
            title = topic_title(p.topic)
            same = p.label.lower() in title.lower() or title.lower() in p.label.lower()
            notes.append(title if same else f"{title}: {p.label}")
        return notes


@dataclass(frozen=True)
class Composition:
    """The sections, and what goes to the Antragsteller and plan blocks instead."""

    sections: tuple[ComposedSection, ...]
    applicant: tuple[Piece, ...] = ()
    plan: tuple[Piece, ...] = ()
    placed: frozenset[str] = frozenset()  # topics with at least one piece placed
    targets: dict[str, Target] = field(default_factory=dict)

    def unfilled(self, index: int) -> list[str]:
        """Topics of section ``index`` with no content anywhere (nothing to say yet)."""
        return [t for t in self.sections[index].topics if t not in self.placed]

    def said_before(self, index: int) -> dict[str, int]:
        """Topics of section ``index`` whose content stands in an earlier section (rule 1:
        a fact goes only to the first section carrying its topic), with that section."""
        found = {}
        for topic in self.sections[index].topics:
            target = self.targets.get(topic)
            earlier = target is not None and target.kind == "section" and target.index < index
            if earlier and topic in self.placed:
                found[topic] = target.index  # type: ignore[union-attr]
        return found


def _variant_applies(piece: Piece, topic_targets: dict[str, Target], target: Target) -> bool:
    """A piece meant for when another topic shares (merged:) or not (alone:) the section, or
    stands (next:) or not (apart:) in the very next section."""
    if not piece.when or ":" not in piece.when:
        return True
    mode, other = piece.when.split(":", 1)
    there = topic_targets.get(other)
    in_section = there is not None and there.kind == target.kind == "section"
    if mode in ("next", "apart"):
        following = in_section and there is not None and there.index == target.index + 1
        return following if mode == "next" else not following
    shared = in_section and there is not None and there.index == target.index
    return shared if mode == "merged" else not shared


def _lead_target(piece: Piece, targets: dict[str, Target]) -> Target:
    """The sentence that says what the project is opens the summary where a section carries
    it, else the section of its own topic (drafting review 2026-12-07, change 1)."""
    summary = targets["zusammenfassung"]
    if summary.kind == "section" and not summary.fallback:
        return summary
    return targets[piece.topic]


# Lead-ins for the user's own words placed outside a section of their topic, so a reader sees
# what they answer; the words themselves stay as written.
LEAD_INS = {
    "ausgangslage": "Ausgangslage",
    "zielgruppen": "Zielgruppe",
    "beteiligung": "Beteiligung",
    "barrierefreiheit": "Barrierefreiheit",
    "verstetigung": "Nach dem Förderzeitraum",
    "oeffentlichkeitsarbeit": "Öffentlichkeitsarbeit",
    "notwendigkeit": "Notwendigkeit der Förderung",
}


def _led_in(piece: Piece) -> Piece:
    lead = LEAD_INS.get(piece.topic)
    if not piece.user or lead is None or piece.text.startswith(("- ", f"{lead}:")):
        return piece
    if piece.when == "lead":
        return piece
    return Piece(piece.topic, f"{lead}: {piece.text}", piece.label, piece.user, piece.when)


def compose(
    titles: Sequence[str],
    outline_topics: Sequence[Sequence[str]],
    pieces: dict[str, list[Piece]],
) -> Composition:
    """Place every piece: own topics in outline order, then the fallbacks, each once."""
    targets = placement(outline_topics)
    own: list[list[Piece]] = [[] for _ in titles]
    moved: list[list[Piece]] = [[] for _ in titles]
    leads: list[list[Piece]] = [[] for _ in titles]
    applicant: list[Piece] = []
    plan: list[Piece] = []
    order: list[str] = []
    for topic in [t for topics in outline_topics for t in topics] + list(OUTLINE_TOPICS):
        if topic not in order:
            order.append(topic)
    placed: set[str] = set()
    for topic in order:
        for piece in pieces.get(topic, []):
            target = _lead_target(piece, targets) if piece.when == "lead" else targets[topic]
            if not _variant_applies(piece, targets, target):
                continue
            if target.kind == "applicant":
                applicant.append(piece)
            elif target.kind == "plan":
                plan.append(piece)
            elif piece.when == "lead":
                leads[target.index].append(piece)
                if target.fallback:
                    moved[target.index].append(piece)
            elif target.fallback:
                if topic == "zusammenfassung" and not piece.user:
                    continue  # the generated summary needs a section of its own
                moved[target.index].append(_led_in(piece))
            else:
                own[target.index].append(piece)
            if piece.when != "lead":
                placed.add(topic)
    sections = tuple(
        ComposedSection(
            title,
            tuple(topics),
            tuple(leads[i] + own[i] + [m for m in moved[i] if m.when != "lead"]),
            tuple(moved[i]),
        )
        for i, (title, topics) in enumerate(zip(titles, outline_topics, strict=True))
    )
    return Composition(sections, tuple(applicant), tuple(plan), frozenset(placed), targets)


def guidance(topics: Sequence[str]) -> str:
    """What a section about these topics should say (working version only)."""
    return " ".join(TOPICS[t].guidance for t in topics)
