"""Guidelines of 44 programmes of six kinds of funders, as PDFs: every hand-checked fact is
proposed on its page, and no value to accept contradicts the text."""

from __future__ import annotations

import pytest

from funding_matcher.domain.pdf_import import import_guideline
from tests.unit.pdf_import.wording_set import KINDS, SET_FILE, build_pdf, load_set, score

ENTRIES = load_set()
_scores: dict[str, object] = {}


def scored(entry):
    if entry.id not in _scores:
        _scores[entry.id] = score(entry, import_guideline(build_pdf(entry), name="r.pdf"))
    return _scores[entry.id]


def test_the_set_covers_every_kind_of_funder_with_sources():
    assert len(ENTRIES) >= 30
    assert {entry.kind for entry in ENTRIES} == set(KINDS)
    assert len({entry.funder for entry in ENTRIES}) >= 30
    assert all(entry.source.startswith("http") for entry in ENTRIES)
    assert len({entry.id for entry in ENTRIES}) == len(ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.id for entry in ENTRIES])
def test_facts_are_proposed_on_their_page_and_nothing_contradicts_the_text(entry):
    outcome = scored(entry)
    assert outcome.missed == []
    assert outcome.hinted == []
    assert [(p.field, p.value, p.page) for p in outcome.wrong] == []


def test_wrong_confident_proposals_stay_below_five_percent():
    outcomes = [scored(entry) for entry in ENTRIES]
    proposals = sum(o.proposals for o in outcomes)
    wrong = sum(len(o.wrong) for o in outcomes)
    assert wrong < 0.05 * proposals


@pytest.mark.parametrize("name", ["holdout.yaml", "blind2.yaml"])
def test_the_later_sets_keep_wrong_values_to_accept_below_five_percent(name):
    # Collected after the rules were settled and run once blind (figures in their headers);
    # kept as a guard, the same target as the set the rules were developed on.
    outcomes = [
        score(entry, import_guideline(build_pdf(entry), name="r.pdf"))
        for entry in load_set(SET_FILE.with_name(name))
    ]
    proposals = sum(o.proposals for o in outcomes)
    wrong = [(o.entry.id, p.field, p.value) for o in outcomes for p in o.wrong]
    assert len(wrong) < 0.05 * proposals, wrong
    found = sum(len(o.found) + len(o.hinted) for o in outcomes)
    assert found >= 0.9 * sum(len(o.entry.facts) for o in outcomes)
