"""Notes and evidence a user reads beside the facts must not contradict them."""

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from tests.unit.catalogue.test_status import line_of


def test_a_note_calling_a_stated_field_null_is_rejected_at_the_notes_line(
    write_programme, catalogue_dir
):
    # rückenwind³, found in review: the guideline's end was filled in, the note still said null.
    path = write_programme(
        guideline_valid_until="2028-12-31",
        notes="Geltungsdauer nur von Dritten genannt, daher guideline_valid_until null.",
    )
    result = load_catalogue(catalogue_dir)
    assert result.programmes == []
    problem = result.problems[0]
    assert "notes: sagt „guideline_valid_until null“" in problem.message
    assert "2028-12-31" in problem.message
    assert problem.line == line_of(path, "notes")


def test_every_field_of_a_listed_run_is_compared(write_programme, catalogue_dir):
    write_programme(
        financing_type="anteil",
        notes="Ohne Wortlaut: financing_type, overhead_max_percent und volunteer_work null.",
    )
    messages = [p.message for p in load_catalogue(catalogue_dir).problems]
    assert len(messages) == 1
    assert "financing_type null" in messages[0]


@pytest.mark.parametrize(
    "notes",
    [
        "Geltungsdauer nicht gefunden, daher guideline_valid_until null.",
        "Die Finanzierungsart blieb am 2026-11-29 offen und ist seit 2026-11-30 anteil.",
        "Eine Quote allein belegt keine Anteilfinanzierung; der Wert null heißt unbekannt.",
        "Status unklar: kein datierter Beleg aus den letzten zwölf Monaten.",
        "Status active bis 2025, seit 2026 unklar.",
        None,
    ],
)
def test_notes_that_agree_with_the_record_pass(write_programme, catalogue_dir, notes):
    write_programme(guideline_valid_until=None, notes=notes)
    result = load_catalogue(catalogue_dir)
    assert result.problems == []
    assert len(result.programmes) == 1


@pytest.mark.parametrize("old", ["active", "paused"])
def test_a_note_still_giving_an_old_status_code_is_rejected(write_programme, catalogue_dir, old):
    # The page would read "Status laufend" beside "Status unklar".
    path = write_programme(
        status="unclear", notes=f"Status {old}, weil das Programm jährlich neu aufgelegt wird."
    )
    result = load_catalogue(catalogue_dir)
    assert result.programmes == []
    problem = result.problems[0]
    assert f"alten Status „{old}“" in problem.message
    assert "status unclear" in problem.message
    assert problem.line == line_of(path, "notes")


@pytest.mark.parametrize(
    "quote", ["Sinngemäß: Anträge sind bis Ende 2026 möglich.", "(sinngemäss) Läuft."]
)
def test_a_quote_that_is_a_summary_is_not_evidence(write_programme, catalogue_dir, quote):
    evidence = {"url": "https://example.org/aufruf", "date": "2026-10-01", "quote": quote}
    path = write_programme(status_evidence=evidence)
    result = load_catalogue(catalogue_dir)
    assert result.programmes == []
    problem = result.problems[0]
    assert (
        "status_evidence.quote: muss die Worte der Quelle wörtlich wiedergeben" in problem.message
    )
    assert problem.line == line_of(path, "status_evidence")


def test_a_source_per_fact_must_quote_verbatim_too(write_programme, catalogue_dir):
    sources = {
        "amount_max_eur": {
            "url": "https://example.org/richtlinie",
            "date": "2026-01-01",
            "quote": "Sinngemäß: höchstens 10.000 Euro je Projekt.",
        }
    }
    write_programme(amount_max_eur=10000, sources=sources)
    result = load_catalogue(catalogue_dir)
    assert result.programmes == []
    assert "wörtlich" in result.problems[0].message
