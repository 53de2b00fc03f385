"""The exports opened by the real programs: LibreOffice recalculates the XLSX and converts the
DOCX to PDF, pdftotext reads it. What a user would look for must be there, to the cent."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from funding_matcher.domain.budget import BudgetReport, check_budget, de_minimis_declaration
from funding_matcher.domain.exports import export_docx, export_xlsx
from funding_matcher.domain.german import format_eur

from .conftest import (
    DEV_NAMES,
    H1,
    Office,
    build_document,
    dev_budget,
    dev_expected,
    letterhead,
    needs_pdftotext,
    needs_soffice,
    pdf_text,
)

pytestmark = needs_soffice


def _variant(name: str, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(dev_budget(name))
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    return data


# Budgets beyond the worked examples: every financing type, caps, unknown terms, lines whose
# exact amount ends in half a cent (where float arithmetic and half-up rounding part ways).
EXTRA: dict[str, dict[str, Any]] = {
    "rounding": _variant(
        "d1-anteil-other-funding",
        terms={"funding_rate_max_percent": 66.67, "overhead_max_percent": 10},
        costs=[
            {
                "category": "personal",
                "label": "Halbe Cent",
                "monthly_eur": 1000.01,
                "share": 0.5,
                "months": 1,
            },
            {
                "category": "personal",
                "label": "Teilzeit",
                "monthly_eur": 4321.99,
                "share": 0.3333,
                "months": 7,
            },
            {
                "category": "sach",
                "label": "Kleinteile",
                "unit_price_net_eur": 1.01,
                "quantity": 0.5,
                "vat_percent": 7,
            },
            {"category": "reise", "label": "Fahrten", "unit_price_net_eur": 0.33, "quantity": 1.5},
            {"category": "honorar", "label": "Workshop", "amount_eur": 100.2},
            {"category": "verwaltung", "label": "Verwaltung", "percent": 2.5},
        ],
    ),
    "festbetrag": _variant(
        "d4-fehlbedarf", terms={"financing_type": "festbetrag", "fixed_amount_eur": 5000}
    ),
    "voll-capped": _variant(
        "d4-fehlbedarf",
        terms={"financing_type": "voll", "amount_max_eur": 15000},
        financing={"income_eur": 1000},
    ),
    "anteil-annual": _variant("d1-anteil-other-funding", terms={"annual_max_eur": 40000}),
    "public-cap": _variant("d2-subsidiarity-lottery", terms={"public_funding_cap_percent": 70}),
    "unknown-terms": _variant(
        "d4-fehlbedarf",
        terms={"financing_type": None, "funding_rate_max_percent": None, "amount_max_eur": 12345},
    ),
    "mixed": _variant(
        "volunteer",
        costs=[
            *dev_budget("volunteer")["costs"],
            {"category": "sach", "label": "Bewirtung", "amount_eur": 450, "eligible": False},
        ],
        financing={
            "other_public": [
                {"programme": "nrw-2000x1000-engagement", "amount_eur": 1000, "status": "bewilligt"}
            ],
            "requested_eur": 5000,
        },
    ),
    "in-kind": _variant(
        "d3-own-share-donations",
        terms={"in_kind_accepted": True},
        financing={
            "sources": [
                *dev_budget("d3-own-share-donations")["financing"]["sources"],
                {"kind": "in_kind", "label": "Saal der Gemeinde", "amount_eur": 1200},
            ],
            "requested_eur": None,
        },
    ),
    "one-year": dev_budget("d3-own-share-donations"),
}
CASES = [*DEV_NAMES, *EXTRA]


def _report(name: str) -> BudgetReport:
    return check_budget(EXTRA[name] if name in EXTRA else dev_budget(name))


@pytest.fixture(scope="session")
def recalculated(office: Office, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every case exported and saved again by LibreOffice (which recalculates every formula)."""
    folder = tmp_path_factory.mktemp("xlsx")
    files = []
    for name in CASES:
        path = folder / f"{name}.xlsx"
        path.write_bytes(export_xlsx(build_document(budget=_report(name))))
        files.append(path)
    results = office.convert(files, "xlsx", folder / "recalculated")
    return dict(zip(CASES, results, strict=True))


def value(wb: Workbook, name: str) -> Any:
    [(sheet, cell)] = list(wb.defined_names[name].destinations)
    return wb[sheet][cell.replace("$", "")].value


def cent(number: Any) -> Decimal:
    """A recalculated amount as exact cents; fails if it is not a whole number of cents."""
    assert isinstance(number, int | float), number
    exact = Decimal(repr(number))
    rounded = exact.quantize(Decimal("0.01"))
    assert abs(exact - rounded) < Decimal("0.000001"), number
    return rounded


@pytest.mark.parametrize("name", CASES)
def test_recalculated_workbook_shows_the_apps_figures_to_the_cent(
    recalculated: dict[str, Path], name: str
) -> None:
    report = _report(name)
    f = report.figures
    wb = openpyxl.load_workbook(recalculated[name], data_only=True)
    assert cent(value(wb, "Zuwendung")) == f.grant
    assert cent(value(wb, "Hoechstmoegliche_Zuwendung")) == f.grant_max
    assert cent(value(wb, "Gesamtausgaben")) == f.total
    assert cent(value(wb, "Nicht_zuwendungsfaehig")) == f.ineligible
    assert cent(value(wb, "Zuwendungsfaehig")) == f.eligible
    assert cent(value(wb, "Ehrenamt_Wert")) == f.volunteer_value
    assert cent(value(wb, "Andere_Finanzierung")) == f.other_financing
    assert cent(value(wb, "Eigenmittel")) == f.own_cash
    assert cent(value(wb, "Eigenanteil")) == f.own_contribution
    assert cent(value(wb, "Differenz")) == f.delta
    if f.own_share_percent is not None:
        assert cent(value(wb, "Eigenanteil_Prozent")) == f.own_share_percent
    plan = wb["Gesamtplan"]
    amounts = {
        plan[f"A{row}"].value: cent(plan[f"L{row}"].value)
        for row in range(4, plan.max_row + 1)
        if isinstance(plan[f"A{row}"].value, int)
    }
    from funding_matcher.domain.exports.xlsx.plan import print_order

    # Lines are numbered in print order (by category), as in every other export.
    assert amounts == {n: item.amount for n, item in enumerate(print_order(report), start=1)}
    if name in DEV_NAMES:
        assert float(cent(value(wb, "Zuwendung"))) == dev_expected(name)["grant_eur"]


@pytest.mark.parametrize("name", CASES)
def test_recalculated_years_match_the_apps_years(recalculated: dict[str, Path], name: str) -> None:
    f = _report(name).figures
    wb = openpyxl.load_workbook(recalculated[name], data_only=True)
    sheet = wb["Haushaltsjahre"]
    rows = {r[1]: r for r in sheet.iter_rows(values_only=True) if isinstance(r[1], str)}
    for column, year in enumerate(f.years, start=2):
        assert cent(rows["Ausgaben insgesamt"][column]) == year.expenses, year.year
        assert cent(rows["Zuwendung"][column]) == year.grant, year.year
        own = rows["Eigenmittel je Jahr (im Haushalt bereitzustellen)"][column]
        assert cent(own) == year.own_cash_required, year.year
    check = rows["Prüfung: Eigenmittel der Jahre = Eigenmittel, die der Plan braucht"]
    assert "in Ordnung" in check


def test_changed_inputs_give_what_the_app_computes_for_them(office: Office, tmp_path: Path) -> None:
    """The workbook is live: edit amounts and terms, let LibreOffice recalculate, compare."""
    data = dev_budget("d1-anteil-other-funding")
    wb = openpyxl.load_workbook(
        _write(tmp_path / "d1.xlsx", export_xlsx(build_document(budget=check_budget(data))))
    )
    plan = wb["Gesamtplan"]
    rows = {plan[f"C{r}"].value: r for r in range(4, plan.max_row + 1)}
    plan[f"E{rows['Quartierskoordination']}"] = 6000
    plan[f"L{rows['Ausstattung Beratungsraum']}"] = 2500.5
    plan[f"D{rows['Ausstattung Beratungsraum']}"] = "nein"
    for name, new in (("Foerdersatz", 75), ("Hoechstbetrag", 90000)):
        [(sheet, cell)] = list(wb.defined_names[name].destinations)
        wb[sheet][cell.replace("$", "")] = new
    wb.save(tmp_path / "edited.xlsx")
    [result] = office.convert([tmp_path / "edited.xlsx"], "xlsx", tmp_path / "out")

    data["costs"][0]["monthly_eur"] = 6000
    data["costs"][1].update(amount_eur=2500.5, eligible=False)
    data["terms"].update(funding_rate_max_percent=75, amount_max_eur=90000)
    expected = check_budget(data).figures
    recalc = openpyxl.load_workbook(result, data_only=True)
    assert cent(value(recalc, "Gesamtausgaben")) == expected.total
    assert cent(value(recalc, "Zuwendungsfaehig")) == expected.eligible
    assert cent(value(recalc, "Zuwendung")) == expected.grant
    assert cent(value(recalc, "Eigenmittel")) == expected.own_cash
    assert cent(value(recalc, "Eigenanteil_Prozent")) == expected.own_share_percent


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture(scope="session")
def docx_as_pdf(office: Office, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """DOCX exports converted to PDF by LibreOffice, as a user's Word would print them."""
    folder = tmp_path_factory.mktemp("docx")
    d4 = check_budget(dev_budget("de-minimis"))
    declaration = de_minimis_declaration(
        "Nachbarschaftshilfe Süd e.V.",
        d4.budget.de_minimis_received,
        d4.budget.applied_on,
        "general",
        d4.figures.grant,
    )
    documents = {
        "d1": export_docx(
            build_document(budget=check_budget(dev_budget("d1-anteil-other-funding")))
        ),
        "d4": export_docx(build_document(budget=d4, de_minimis=declaration)),
        "ohne-plan": export_docx(build_document(budget=None)),
        "vorlage": export_docx(build_document(), template=letterhead()),
    }
    files = [_write(folder / f"{name}.docx", data) for name, data in documents.items()]
    return dict(zip(documents, office.convert(files, "pdf", folder / "pdf"), strict=True))


@needs_pdftotext
@pytest.mark.parametrize("name", ["d1", "d4", "vorlage"])
def test_converted_docx_reads_back_headings_applicant_and_grant(
    docx_as_pdf: dict[str, Path], name: str
) -> None:
    text = pdf_text(docx_as_pdf[name])
    for heading in H1:
        assert heading in text, heading
    assert "Nachbarschaftshilfe Süd e.V." in text
    assert "ARBEITSFASSUNG" in text
    if name == "d4":
        # Its De-minimis ceiling is exceeded: a plan with errors gives the draft no figures.
        assert "Der Kosten- und Finanzierungsplan hat Fehler" in text
        assert "Haushaltsjahre" not in text
        return
    grant = format_eur(check_budget(dev_budget("d1-anteil-other-funding")).figures.grant)
    assert f"Beantragte Zuwendung {grant}" in text
    assert "Haushaltsjahre" in text


@needs_pdftotext
def test_converted_docx_shows_the_de_minimis_declaration(docx_as_pdf: dict[str, Path]) -> None:
    text = pdf_text(docx_as_pdf["d4"])
    assert "De-minimis-Erklärung" in text
    assert "30.06.2025 Stadt VO (EU) 2023/2831 250.000,00 €" in text


@needs_pdftotext
def test_converted_docx_keeps_the_letterhead(docx_as_pdf: dict[str, Path]) -> None:
    assert "Musterverein e.V. · Briefkopf" in pdf_text(docx_as_pdf["vorlage"])


@needs_pdftotext
def test_converted_docx_without_plan_has_outline_and_note(docx_as_pdf: dict[str, Path]) -> None:
    text = pdf_text(docx_as_pdf["ohne-plan"])
    assert "Kurzbeschreibung" in text
    assert "noch kein Kosten- und Finanzierungsplan erfasst" in text
