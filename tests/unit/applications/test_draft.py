"""The two versions, one source for figures, the fixed blocks and the short form (§§ 4-6)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.draft import (
    DraftNotReady,
    StoredItem,
    StoredSection,
)
from funding_matcher.domain.applications.draft_checks import amounts_in, plan_amounts
from funding_matcher.domain.applications.finance import Figure, figure_mismatches
from funding_matcher.domain.exports import export_markdown, export_portal
from funding_matcher.domain.german import format_eur

from .conftest import DETAILS, draft, plan, profile, programme, texts

OUTLINE = (
    ["Kurzbeschreibung", "Ausgangslage", "Maßnahmen", "Finanzierung"],
    [["zusammenfassung"], ["ausgangslage"], ["massnahmen"], ["finanzierung"]],
)


def record(**overrides):
    return programme(*OUTLINE, **overrides)


def refusal(**kwargs) -> list[str]:
    with pytest.raises(DraftNotReady) as caught:
        draft(version="einreichung", **kwargs)
    return caught.value.missing


def test_without_a_plan_einreichung_is_refused_naming_the_plan():
    missing = refusal(programme=record(), profile=profile())
    assert len(missing) == 1
    assert "Kosten- und Finanzierungsplan" in missing[0]


def test_a_plan_with_errors_counts_as_no_plan():
    prog = record()
    bad = plan(prog, financing={"sources": [{"kind": "own_cash", "label": "E", "amount_eur": 0}]})
    assert bad.verdict == "errors"
    missing = refusal(programme=prog, profile=profile(), report=bad)
    assert "Kosten- und Finanzierungsplan hat noch" in missing[0]
    working = draft(prog, profile(), report=bad)
    # The working version gets the profile's amounts, marked as provisional, and says why.
    assert "vorläufig (ohne Finanzplan)" in texts(working)["Finanzierung"]
    assert working.plan is None
    assert "hat noch 2 Fehler" in working.plan_problem


def test_empty_sections_are_named_each():
    prog = record()
    missing = refusal(programme=prog, profile=profile(details=None), report=plan(prog))
    # The description's one sentence is about the work; nothing says what the situation is.
    assert missing == [
        "Abschnitt „Ausgangslage“ ist leer (Angaben zu: Ausgangslage und Bedarf).",
    ]


def test_einreichung_is_clean_and_every_amount_is_the_plans():
    prog = record()
    report = plan(prog)
    doc = draft(prog, profile(), report=report, version="einreichung")
    text = export_markdown(doc)
    for internal in ("ARBEITSFASSUNG", "Entwurf", "Hinweis:", "Noch leer", "Vor dem Einreichen"):
        assert internal not in text
    assert "[" not in text.replace("[x]", "").replace("[ ]", "")
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text)  # no internal field key
    plan_values = {
        format_eur(v) for v in (report.figures.total, report.figures.grant, report.figures.own_cash)
    }
    assert plan_values <= set(re.findall(r"\d{1,3}(?:\.\d{3})*,\d{2} €", text))
    written = "\n".join([*(s.text for s in doc.sections), *doc.plan_text])
    for shown, value in amounts_in(written):
        assert value in _plan_numbers(report), shown
    assert "## Antragsteller" in text
    assert "## Erklärungen" in text
    assert "## Anlagenverzeichnis" in text


def _plan_numbers(report):

    return plan_amounts(report)


def test_a_figure_that_differs_from_the_plan_is_reported():
    report = plan(record())
    assert figure_mismatches([Figure("grant_eur", report.figures.grant)], report) == []
    wrong = figure_mismatches([Figure("grant_eur", Decimal("1.00"))], report)
    assert wrong == [
        "Der Betrag „beantragte Zuwendung“ im Entwurf (1,00 €) weicht vom Kosten- und "
        "Finanzierungsplan ab; bitte den Plan erneut speichern."
    ]


def test_the_working_version_marks_amounts_in_the_users_words():
    prog = record()
    details = dict(DETAILS, need="Die Miete von 500 € im Monat und 9.999 € Rücklage fehlen.")
    doc = draft(prog, profile(details=details), report=plan(prog))
    warned = [c.text for c in doc.checks if c.text.startswith("Betrag im Text prüfen")]
    # 500 € is the plan's monthly rent; 9.999 € is in no line of the plan.
    assert warned == [
        "Betrag im Text prüfen: „9.999 €“ im Abschnitt „Ausgangslage“ steht so nicht im "
        "Kosten- und Finanzierungsplan."
    ]


def test_edited_sections_are_kept_and_the_plans_figures_added_fresh():
    prog = record()
    stored = [
        StoredSection("k", "Kurzbeschreibung", "", True),
        StoredSection("a", "Ausgangslage", "Unser eigener Text.", False),
        StoredSection("m", "Maßnahmen", "alt", True),
        StoredSection("f", "Finanzierung", "Eigene Erläuterung.", False),
    ]
    doc = draft(prog, profile(), report=plan(prog), sections=stored)
    found = texts(doc)
    assert found["Ausgangslage"] == "Unser eigener Text."
    assert "Treff eröffnen" in found["Maßnahmen"]  # still the tool's: redrafted from the facts
    assert found["Finanzierung"].startswith("Eigene Erläuterung.\n\nDie Gesamtausgaben")


@pytest.mark.parametrize(
    ("overrides", "present"),
    [
        ({}, False),
        ({"declarations": ["subventionserheblich"]}, True),
        ({"level": "eu"}, True),
        ({"level": "land"}, False),
    ],
)
def test_subsidy_declaration_only_where_listed_or_eu(overrides, present):
    prog = record(**overrides)
    doc = draft(prog, profile(), report=plan(prog))
    assert any("§ 264 des Strafgesetzbuchs" in d for d in doc.declarations) is present


def test_vat_from_the_plan_wins_over_the_applicant_block():
    prog = record()
    applicant = Applicant(name="Nachbarn e. V.", vat_deductible=True)
    with_plan = draft(prog, profile(), report=plan(prog), applicant=applicant)
    assert any("nicht zum Vorsteuerabzug" in d for d in with_plan.declarations)
    without = draft(prog, profile(), applicant=applicant)
    assert any("zum Vorsteuerabzug nach § 15 UStG berechtigt" in d for d in without.declarations)


def test_start_rule_and_early_start_in_the_declaration():
    prog = record()
    after_bescheid = draft(prog, profile(), report=plan(prog))
    assert (
        "vor Bekanntgabe des Zuwendungsbescheids nicht begonnen" in after_bescheid.declarations[0]
    )
    early = draft(prog, profile(), report=plan(prog, early_start_approved=True))
    assert "mit Zustimmung zum vorzeitigen Maßnahmebeginn" in early.declarations[0]


def test_documents_and_conditions_are_listed_apart():
    prog = record(requirements=["Beginn erst nach Bewilligung", "Führungszeugnis des Personals"])
    items = [
        StoredItem("projektbeschreibung", "Projektbeschreibung", True, False),
        StoredItem("nicht-begonnen", "Erklärung: Vorhaben noch nicht begonnen", True, False),
        StoredItem("satzung", "Satzung", True, True),
        StoredItem("jahresabschluss", "Jahresabschluss", False, False),
        StoredItem("programm-beginn", "Beginn erst nach Bewilligung", True, False),
        StoredItem("programm-fz", "Führungszeugnis des Personals", True, False),
    ]
    report = plan(prog)
    working = export_markdown(draft(prog, profile(), report=report, checklist=items))
    annexes = working.split("## Anlagenverzeichnis", 1)[1].split("\n## ", 1)[0]
    assert "Satzung" in annexes
    assert "Führungszeugnis" in annexes
    assert "Beginn erst nach Bewilligung" not in annexes
    assert "Projektbeschreibung" not in annexes  # this very document is no missing Anlage
    conditions = working.split("## Fördervoraussetzungen", 1)[1].split("\n## ", 1)[0]
    assert "**offen:** Beginn erst nach Bewilligung" in conditions
    assert "Pflichtunterlage fehlt: Projektbeschreibung" not in working
    clean = export_markdown(
        draft(prog, profile(), report=report, checklist=items, version="einreichung")
    )
    annexes = clean.split("## Anlagenverzeichnis", 1)[1]
    assert "- **Anlage 1:** Satzung" in annexes
    assert "- **Anlage 2:** Führungszeugnis des Personals" in annexes
    assert "Jahresabschluss" not in annexes  # optional and not at hand
    assert "Fördervoraussetzungen" not in clean


def test_short_form_keeps_the_outline_without_year_tables_and_cover_page():
    prog = record()
    small = plan(
        prog,
        period={"start": "2027-04-01", "end": "2028-03-31"},
        costs=[
            {"category": "sach", "label": "Material", "amount_eur": 4800, "paid_on": "2027-05-01"}
        ],
    )
    doc = draft(prog, profile(), report=small, version="einreichung")
    assert doc.short_form
    text = export_markdown(doc)
    assert "## Maßnahmen" in text
    assert "Haushaltsjahre" not in text
    assert small.figures.grant <= Decimal("10000")


def test_short_form_without_outline_is_four_blocks_and_needs_who_when_where():
    prog = programme([], None, short_form=True)
    doc = draft(prog, profile(), report=plan(prog), version="einreichung")
    headings = re.findall(r"^## (.+)$", export_markdown(doc), flags=re.MULTILINE)
    assert headings == [
        "Antragsteller",
        "Projektbeschreibung",
        "Kostenplan (Einzelansätze)",
        "Erklärungen",
        "Anlagenverzeichnis",
    ]
    missing = refusal(
        programme=prog,
        profile=profile(municipality=None, target_groups=[], details={}),
        report=plan(prog),
    )
    assert "Projektbeschreibung: Wer (die Zielgruppe) fehlt." in missing
    assert "Projektbeschreibung: Wo (die Kommune) fehlt." in missing


def test_portal_text_counts_characters_against_the_limits():
    prog = programme(
        ["Ausgangslage", "Maßnahmen"], [["ausgangslage"], ["massnahmen"]], outline_limits=[40, None]
    )
    text = export_portal(draft(prog, profile(), report=plan(prog)))
    assert "1. Ausgangslage\n[ZU LANG:" in text
    assert "2. Maßnahmen\n[" in text
    assert "keine Höchstlänge bekannt" in text
    assert DETAILS["need"] in text
