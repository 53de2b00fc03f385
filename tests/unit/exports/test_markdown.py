"""Markdown: outline and plan as text a user pastes into a funder's web form."""

from __future__ import annotations

import re

from funding_matcher.domain.budget import check_budget
from funding_matcher.domain.exports import Section, export_markdown
from funding_matcher.domain.german import format_eur

from .conftest import H1, MakeDocument, dev_budget, report_of


def tables(text: str) -> list[list[list[str]]]:
    """Every GitHub table as rows of cells (header and alignment rows included)."""
    found: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in text.splitlines() + [""]:
        if line.startswith("| "):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            current.append([c.strip() for c in cells])
        elif current:
            found.append(current)
            current = []
    return found


def test_headings_and_section_texts_in_order(make_document: MakeDocument) -> None:
    text = export_markdown(make_document())
    headings = re.findall(r"^(#+) (.+)$", text, flags=re.MULTILINE)
    assert headings[0] == ("#", "Quartierszentrum Grüne Mitte")
    # Drafting contract § 7: the title level 1, each section and fixed block level 2.
    assert [h for level, h in headings if level == "##"] == H1
    assert ("###", "Ausgaben") in headings
    # Section text as written: paragraphs and the user's own bullet list.
    assert "Viele Ältere leben allein.\n\n- kaum Treffpunkte\n- lange Wege" in text
    summary = "Ein Treffpunkt für Jung und Alt im Quartier."
    assert f"_{len(summary)} von höchstens 1.000 Zeichen (mit Leerzeichen)._" in text


def test_plan_tables_are_well_formed_and_show_the_apps_figures(
    make_document: MakeDocument,
) -> None:
    report = report_of("d1-anteil-other-funding")
    text = export_markdown(make_document(budget=report))
    found = tables(text)
    for table in found:
        assert len({len(row) for row in table}) == 1, table[0]
        assert all(set(cell) <= set("-:") for cell in table[1])
    costs = next(t for t in found if t[0] == ["Nr.", "Bezeichnung", "Berechnung", "Betrag"])
    assert costs[1][3] == "---:"  # amounts right-aligned
    assert ["1", "Quartierskoordination", "5.000,00 € × 21 Monate", "105.000,00 €"] in costs
    assert ["", "**Zuwendungsfähige Ausgaben**", "", "**108.000,00 €**"] in costs
    years = next(t for t in found if t[0][0] == "Haushaltsjahr")
    assert years[0][1:] == ["2027*", "2028*", "Summe"]
    total_row = next(r for r in years if r[0] == "**Ausgaben**")
    assert total_row[1:3] == [f"**{format_eur(y.expenses)}**" for y in report.figures.years]
    assert total_row[3] == "**110.000,00 €**"
    grant = format_eur(report.figures.grant)
    assert grant == "79.200,00 €"
    assert any(row[:2] == ["**Beantragte Zuwendung**", f"**{grant}**"] for t in found for row in t)


def test_attachments_are_a_task_list(make_document: MakeDocument) -> None:
    text = export_markdown(make_document())
    assert "- [x] Satzung (Pflicht)" in text
    assert "- [ ] Freistellungsbescheid (Pflicht) – liegt beim Vorstand" in text
    assert "- [ ] Empfehlungsschreiben (optional)" in text


def test_open_checks_listed_with_severity(make_document: MakeDocument) -> None:
    text = export_markdown(make_document(budget=report_of("d8-ineligible-not-own-share")))
    section = text.split("## Vor dem Einreichen prüfen", 1)[1].split("\n## ", 1)[0]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    assert items[0].startswith("- **Fehler:** Der Kosten- und Finanzierungsplan hat Fehler")
    assert items[1].startswith("- **Fehler:** Finanzplan: Eigenanteil 0,00 € unterschreitet")
    assert "- **Warnung:** Anlage fehlt noch: Freistellungsbescheid" in items


def test_without_plan_the_outline_stays_and_a_note_says_so(make_document: MakeDocument) -> None:
    text = export_markdown(make_document(budget=None))
    assert "## Kurzbeschreibung" in text
    assert "noch kein Kosten- und Finanzierungsplan erfasst" in text
    assert tables(text) == []


def test_pipes_in_labels_do_not_break_the_table(make_document: MakeDocument) -> None:
    data = dev_budget("d4-fehlbedarf")
    data["costs"][2]["label"] = "Material | Werkzeug"
    text = export_markdown(make_document(budget=check_budget(data)))
    costs = next(t for t in tables(text) if t[0][0] == "Nr.")
    assert ["2", "Material \\| Werkzeug", "", "5.000,00 €"] in costs


def test_many_years_are_split_into_tables_of_four(make_document: MakeDocument) -> None:
    data = dev_budget("d4-fehlbedarf")
    data["period"] = {"start": "2027-01-01", "end": "2032-12-31"}
    text = export_markdown(make_document(budget=check_budget(data)))
    year_tables = [t for t in tables(text) if t[0][0] == "Haushaltsjahr"]
    assert [t[0][1:] for t in year_tables] == [["2027", "2028", "2029", "2030"], ["2031", "2032"]]
    assert "_Haushaltsjahre 2031 bis 2032_" in text


def test_control_characters_from_pasted_text_are_dropped(make_document: MakeDocument) -> None:
    doc = make_document(sections=[Section("a", "Ziele", "Begegnung\x0cund\x00 Teilhabe")])
    assert "Begegnungund Teilhabe" in export_markdown(doc)
