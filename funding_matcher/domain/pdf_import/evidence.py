"""A candidate value with its evidence: the page it is printed on and the sentence it came from."""

from __future__ import annotations

from funding_matcher.domain.pdf_import.results import Proposal
from funding_matcher.domain.pdf_import.sentences import Sentence, quote, quoted_pages

OUTDATED_NOTE = "aus einer nicht mehr geltenden Fassung der Richtlinie"
OUTDATED_PENALTY = 6.0


def candidate(
    field: str,
    value: object,
    sentence: Sentence,
    start: int,
    end: int,
    score: float,
    doubt: str | None = None,
) -> Proposal:
    """A proposal for ``field`` from ``sentence[start:end]``: the value's own page, the quote
    around it and every page the quote stands on; ``doubt`` says why it is only a hint."""
    note = OUTDATED_NOTE if sentence.outdated else doubt
    pages = quoted_pages(sentence, start, end)
    return Proposal(
        field,
        value,
        sentence.page_at(start),
        quote(sentence.text, start, end),
        score,
        note,
        pages=pages if len(pages) > 1 else (),
        doubtful=note is not None,
    )


def section_bonus(sentence: Sentence, wanted: str, bonus: float = 3.0) -> float:
    """Points for standing in the section where guidelines put the field; old rules and
    annexed material (e.g. the EU aid rules attached to a guideline) lose."""
    points = bonus if sentence.kind == wanted else 0.0
    points -= 2.0 if sentence.in_annex else 0.0
    points -= 1.0 if sentence.is_footnote else 0.0
    return points - (OUTDATED_PENALTY if sentence.outdated else 0.0)


def kept(score: float, sentence: Sentence, threshold: float) -> bool:
    """Whether a candidate is good enough to list; old rules are listed (last) like current ones."""
    return score + (OUTDATED_PENALTY if sentence.outdated else 0.0) >= threshold
