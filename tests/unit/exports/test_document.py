"""The export input: validation with German field messages, open checks, file names."""

from __future__ import annotations

from datetime import date

import pytest

from funding_matcher.domain.budget import check_budget
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.exports import (
    ChecklistItem,
    Section,
    export,
    export_filename,
    open_checks,
)

from .conftest import MakeDocument, dev_budget, report_of


def clean_report():
    """d1 with the start rule met and every year dated: the budget check finds nothing."""
    data = dev_budget("d1-anteil-other-funding")
    data["terms"]["start_rule"] = "after_application"
    data["financing"]["sources"][1]["by_year"] = {"2027": 1500, "2028": 1500}
    report = check_budget(data)
    assert report.checks == ()
    return report


def test_open_checks_gather_budget_findings_missing_attachments_and_section_problems(
    make_document: MakeDocument,
) -> None:
    doc = make_document(
        budget=report_of("d8-ineligible-not-own-share"),
        sections=[
            Section("a", "Kurzbeschreibung", "x" * 120, 100),
            Section("b", "Ziele", "   \n  "),
            Section("c", "Zeitplan", "April bis Juni", 100),
        ],
    )
    checks = open_checks(doc)
    texts = [c.text for c in checks]
    assert [c.severity for c in checks] == sorted(
        (c.severity for c in checks), key=["error", "warning", "notice"].index
    )
    report = report_of("d8-ineligible-not-own-share")
    own_share = next(c for c in report.checks if c.id == "own_share")
    # A plan with errors is not used for the draft's figures, and the working version says so.
    assert checks[0].text.startswith("Der Kosten- und Finanzierungsplan hat Fehler")
    assert checks[1].text == f"Finanzplan: {own_share.message}"
    assert "Anlage fehlt noch: Freistellungsbescheid" in texts
    assert not any("Satzung" in t or "Empfehlungsschreiben" in t for t in texts)
    over = next(c for c in checks if "Kurzbeschreibung" in c.text)
    assert (over.severity, over.origin) == ("error", "section")
    assert "120 Zeichen" in over.text
    assert "20 Zeichen kürzen" in over.text
    empty = next(c for c in checks if "Ziele" in c.text)
    assert empty.severity == "warning"
    assert not any("Zeitplan" in t for t in texts)
    # Every budget finding is there, notices included: a user checks them in the guideline.
    assert [c.text for c in checks if c.text.startswith("Finanzplan:")] == [
        f"Finanzplan: {c.message}" for c in report.checks
    ]


def test_complete_application_has_no_open_checks(make_document: MakeDocument) -> None:
    doc = make_document(
        budget=clean_report(),
        checklist=[ChecklistItem("Satzung", True, True), ChecklistItem("Flyer", False, False)],
    )
    assert open_checks(doc) == ()


def test_missing_plan_is_an_open_point(make_document: MakeDocument) -> None:
    checks = open_checks(make_document(budget=None, checklist=[]))
    assert [c.text for c in checks] == ["Es ist noch kein Kosten- und Finanzierungsplan erfasst."]


def test_section_length_counts_a_windows_line_end_as_one_character() -> None:
    section = Section("a", "Ziele", "ab\r\ncd", 5)
    assert section.chars == 5
    assert not section.over_limit
    assert Section("a", "Ziele", "ab\r\ncde", 5).over_limit


def test_bad_input_names_every_field_in_german(make_document: MakeDocument) -> None:
    with pytest.raises(InvalidData) as caught:
        make_document(
            title="  ",
            created_on="2026-11-02",
            deadline=20270131,
            sections=[Section("a", "Ziele", "Text", 0), "Zeitplan"],
            checklist=[ChecklistItem("", True, "ja")],
            budget={"total_eur": 1},
        )
    problems = caught.value.as_dict()
    assert problems == {
        "title": ["darf nicht leer sein"],
        "created_on": ["muss ein Datum sein"],
        "deadline": ["muss ein Datum sein"],
        "sections[0].limit_chars": ["muss eine positive ganze Zahl oder leer sein"],
        "sections[1]": ["muss ein Abschnitt (Section) sein"],
        "checklist[0].title": ["darf nicht leer sein"],
        "checklist[0].done": ["muss true oder false sein"],
        "budget": ["muss ein geprüfter Finanzplan (BudgetReport) sein"],
    }


def test_overlong_section_text_is_refused(make_document: MakeDocument) -> None:
    with pytest.raises(InvalidData) as caught:
        make_document(sections=[Section("a", "Ziele", "x" * 200_001)])
    assert caught.value.as_dict() == {
        "sections[0].text": ["ist zu lang (höchstens 200.000 Zeichen)"]
    }


def test_lists_become_tuples_so_the_document_cannot_change_later(
    make_document: MakeDocument,
) -> None:
    sections = [Section("a", "Ziele", "Text")]
    doc = make_document(sections=sections)
    sections.append(Section("b", "Neu", "Text"))
    assert [s.title for s in doc.sections] == ["Ziele"]


def test_download_name_is_ascii_with_umlauts_spelled_out(make_document: MakeDocument) -> None:
    doc = make_document(
        title="Grüne Mitte: Begegnung für Jung & Alt – 2027/28", programme_slug="aktion-mensch"
    )
    assert export_filename(doc, "pdf") == (
        "antrag-gruene-mitte-begegnung-fuer-jung-alt-2027-28--aktion-mensch.pdf"
    )
    assert export_filename(make_document(title="???", programme_slug=""), "docx") == (
        "antrag-entwurf.docx"
    )


def test_two_applications_of_one_project_get_two_names(make_document: MakeDocument) -> None:
    """Before, both were antrag-<project>.pdf and one overwrote the other in Downloads."""
    first = export_filename(
        make_document(title="Treff", programme_slug="gute-nachbarschaft"), "pdf"
    )
    second = export_filename(
        make_document(title="Treff", programme_slug="postcode-lotterie"), "pdf"
    )
    assert first != second


def test_unknown_format_is_refused_with_the_allowed_ones(make_document: MakeDocument) -> None:
    with pytest.raises(InvalidData) as caught:
        export(make_document(), "odt")
    assert caught.value.as_dict() == {
        "format": ["unbekanntes Exportformat „odt“ (erlaubt: docx, pdf, xlsx, md, portal)"]
    }


def test_markdown_by_format_name_is_utf8(make_document: MakeDocument) -> None:
    data = export(make_document(created_on=date(2026, 11, 2)), "md")
    assert "Grüne Mitte" in data.decode("utf-8")


def test_control_characters_are_dropped_from_every_text(make_document: MakeDocument) -> None:
    doc = make_document(
        title="Grüne\x0b Mitte",
        applicant="Verein\x00 e.V.",
        sections=[Section("a\x01", "Ziele\x0c", "Text\x1f")],
        checklist=[ChecklistItem("Satzung\x08", True, False, "bald\x0e")],
    )
    assert (doc.title, doc.applicant) == ("Grüne Mitte", "Verein e.V.")
    assert (doc.sections[0].key, doc.sections[0].title, doc.sections[0].text) == (
        "a",
        "Ziele",
        "Text",
    )
    assert (doc.checklist[0].title, doc.checklist[0].note) == ("Satzung", "bald")
    for fmt in ("docx", "pdf", "xlsx", "md", "portal"):
        assert export(doc, fmt)
