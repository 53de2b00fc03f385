"""Field proposals for a programme record from a guideline's text (Förderrichtlinie, Merkblatt)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from funding_matcher.domain.german import format_long_date
from funding_matcher.domain.pdf_import import rules
from funding_matcher.domain.pdf_import.document import PdfText, read_pdf
from funding_matcher.domain.pdf_import.fit import find_issuer, find_title
from funding_matcher.domain.pdf_import.results import (
    GUIDELINE_FIELDS,
    HIGH,
    LOW,
    GuidelineImport,
    Proposal,
)
from funding_matcher.domain.pdf_import.sandbox import Limits
from funding_matcher.domain.pdf_import.sections import (
    Version,
    current_version,
    find_headings,
    find_versions,
)
from funding_matcher.domain.pdf_import.sentences import split_sentences

MAX_CANDIDATES = 5
# For a maximum, candidates scored almost as well as the best are ordered by value: the highest
# rate or cap in the amount section is the maximum, the others are rates for smaller cases.
NEAR_BEST = 2.0
LARGEST_FIRST = ("funding_rate_max_percent", "amount_max_eur")
PER_PAGE = ("de_minimis",)
# The score from which the best candidate is a value to accept; below it, a hint.
CONFIDENT_SCORE = {
    "funding_rate_max_percent": 5.0,
    "amount_min_eur": 5.0,
    "amount_max_eur": 5.0,
    "financing_type": 3.0,
    "valid_from": 3.0,
    "valid_until": 3.5,
    "deadline": 2.5,
    "applicant_types": 4.0,
    "de_minimis": 4.0,
    "page_limit": 4.0,
}


def import_guideline(
    source: bytes | str | Path,
    *,
    password: str | None = None,
    limits: Limits | None = None,
    name: str | None = None,
) -> GuidelineImport:
    """Read a guideline PDF safely and propose fields; PdfImportError for a bad file."""
    return propose_guideline(read_pdf(source, password=password, limits=limits, name=name))


def propose_guideline(document: PdfText) -> GuidelineImport:
    """Proposals for every field the text states, best candidate first, with warnings."""
    pages = [page.lines for page in document.pages]
    emphasis = [page.emphasis for page in document.pages]
    footnotes = [page.footnotes for page in document.pages]
    headings = find_headings(pages, emphasis)
    versions = find_versions(headings, pages)
    current = current_version(versions, pages)
    sentences = split_sentences(pages, headings, versions, current, footnotes)
    candidates = [
        *rules.money.propose_rates(sentences),
        *rules.amounts.propose_amounts(sentences),
        *rules.money.propose_financing(sentences),
        *rules.dates.propose_validity(sentences),
        *rules.dates.propose_deadlines(sentences),
        *rules.terms.merge_applicants(rules.terms.propose_applicants(sentences)),
        *rules.terms.propose_de_minimis(sentences),
        *rules.terms.propose_page_limits(sentences),
    ]
    proposals = [p for name in GUIDELINE_FIELDS for p in rank(candidates, name)]
    warnings = [*document.warnings, *_version_warnings(versions, current)]
    issuer = find_issuer(document)
    return GuidelineImport(
        file=document.file,
        pages=document.page_count,
        pages_with_text=document.pages_with_text,
        seconds=document.seconds,
        proposals=tuple(proposals),
        warnings=tuple(warnings),
        title=find_title(document),
        issuer=issuer.to_dict() if issuer else None,
    )


def rank(candidates: list[Proposal], field_name: str) -> list[Proposal]:
    """The field's candidates, best first: one per value (its best sentence), at most five.

    The best candidate is a value to accept when its score reaches the field's threshold and
    nothing casts doubt on it; every other candidate is a hint ("Hinweis") only: a second rate
    of a rate table is a rate for a smaller case, not the maximum.
    """
    best: dict[str, Proposal] = {}
    for proposal in candidates:
        if proposal.field != field_name:
            continue
        # A yes/no field keeps each page that says so; other fields one sentence per value.
        key = repr((proposal.value, proposal.page) if field_name in PER_PAGE else proposal.value)
        held = best.get(key)
        if held is None or (proposal.score, -proposal.page) > (held.score, -held.page):
            best[key] = proposal
    ordered = sorted(best.values(), key=lambda p: (p.doubtful, -p.score, p.page))
    threshold = CONFIDENT_SCORE[field_name]
    if field_name in LARGEST_FIRST and ordered:
        floor = ordered[0].score - NEAR_BEST
        if ordered[0].score >= threshold:
            floor = max(floor, threshold)
        near = sorted(
            (p for p in ordered if p.score >= floor and not p.doubtful),
            key=lambda p: (-p.value, -p.score, p.page),
        )
        ordered = near + [p for p in ordered if p not in near]
    ranked = []
    for position, proposal in enumerate(ordered[:MAX_CANDIDATES]):
        confident = not proposal.doubtful and proposal.score >= threshold
        if position > 0 and field_name not in PER_PAGE:
            confident = False
        ranked.append(replace(proposal, confidence=HIGH if confident else LOW))
    return sorted(ranked, key=lambda p: p.is_hint)


def _version_warnings(versions: list[Version], current: int) -> list[str]:
    """One sentence per further set of the rules: where it starts and which set is used."""
    warnings = []
    for number, version in enumerate(versions, start=1):
        stand = f" (Stand {format_long_date(version.stand)})" if version.stand else ""
        if number == current:
            warnings.append(
                f"Seite {version.page} ff.: weitere, neuere Fassung der Richtlinie erkannt{stand}; "
                "die Vorschläge stammen aus dieser Fassung."
            )
            continue
        age = "ältere " if version.older else ""
        other = "älteren" if version.older else "zweiten"
        used = "der ersten Fassung" if current == 0 else "der neueren Fassung"
        warnings.append(
            f"Seite {version.page} ff.: zweite, {age}Fassung der Richtlinie erkannt{stand}; "
            f"die Vorschläge stammen aus {used}, Werte aus der {other} Fassung stehen mit "
            "Hinweis dahinter."
        )
    return warnings
