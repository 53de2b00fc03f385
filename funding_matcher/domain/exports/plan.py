"""The Kosten- und Finanzierungsplan as blocks: costs by category, financing by kind, the grant
and the Eigenanteil with their bases, the Haushaltsjahre, and the De-minimis-Erklärung.

Every figure is the plan's own (budget rules v2 output; drafting contract § 4): nothing is
recomputed here, so page, exports and API cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from funding_matcher.domain.budget import BudgetReport, DeMinimisDeclaration
from funding_matcher.domain.budget.model import (
    CATEGORIES,
    FINANCING_TYPES,
    OTHER_KINDS,
    OWN_BASES,
    RATE_BASES,
)
from funding_matcher.domain.german import format_date, format_eur, format_number, format_percent
from funding_matcher.domain.money import ZERO

from .blocks import Block, Column, Heading, Paragraph, Row, Table, clean

VOLUNTEER_LABEL = "Ehrenamtliche Arbeit (fiktive Ausgabe)"
IN_KIND_LABEL = "Bewertete Sachleistungen (fiktive Ausgabe)"
YEARS_PER_TABLE = 4
NOT_ELIGIBLE = " (nicht zuwendungsfähig)"
# How the financing rows are named in a draft (drafting contract § 4: one row per kind).
SOURCE_ROWS: dict[str, str] = {
    "donation": "Spenden",
    "income": "Einnahmen",
    "private_third_party": "Leistungen Dritter",
    "public_grant": "Andere öffentliche Förderung",
    "foundation_grant": "Stiftungs- und Lotteriemittel",
    "in_kind": "Bewertete Sachleistungen",
}


def plan_blocks(report: BudgetReport, *, short: bool = False) -> list[Block]:
    """The whole plan: intro, Ausgaben, Finanzierung, Zuwendung and Eigenanteil, Haushaltsjahre.

    ``short`` (the short form, drafting contract § 6) leaves out the Haushaltsjahr tables.
    """
    blocks: list[Block] = [Paragraph(_intro(report))]
    blocks += [Heading("Ausgaben", 2), cost_table(report)]
    blocks += [Heading("Finanzierung", 2), financing_table(report)]
    blocks += [Heading("Zuwendung und Eigenanteil", 2), key_figures(report)]
    if not short and len(report.figures.years) > 1:
        blocks += [Heading("Haushaltsjahre", 2), *year_tables(report)]
    return blocks


def _intro(report: BudgetReport) -> str:
    budget, terms = report.budget, report.terms
    kind = terms.financing_type.value
    kind_text = FINANCING_TYPES[kind] if kind else "Finanzierungsart nicht angegeben"
    vat = (
        "Beträge netto (vorsteuerabzugsberechtigt)"
        if budget.vat_deductible
        else "Beträge brutto (einschließlich Umsatzsteuer)"
    )
    return (
        f"Projektzeitraum {format_date(budget.period.start)} bis {format_date(budget.period.end)}, "
        f"{kind_text}. Alle Beträge in Euro, {vat}; nicht zuwendungsfähige Ausgaben sind "
        "gekennzeichnet."
    )


def _line_label(label: str, eligible: bool) -> str:
    return clean(label) + ("" if eligible else NOT_ELIGIBLE)


def cost_table(report: BudgetReport) -> Table:
    """Ausgaben grouped by category, numbered in print order, with subtotals and the totals."""
    f = report.figures
    rows: list[Row] = []
    number = 0
    for category, label in CATEGORIES.items():
        items = [item for item in f.lines if item.line.category == category]
        if not items:
            continue
        rows.append(Row((label, "", "", ""), "group"))
        for item in items:
            number += 1
            rows.append(
                Row(
                    (
                        str(number),
                        _line_label(item.line.label, item.eligible),
                        item.formula or "",
                        format_eur(item.amount),
                    )
                )
            )
        subtotal = sum((item.amount for item in items), ZERO)
        rows.append(Row(("", f"Summe {label}", "", format_eur(subtotal)), "subtotal"))
    if f.volunteer_value:
        rows.append(
            Row(("", VOLUNTEER_LABEL, _volunteer_formula(report), format_eur(f.volunteer_value)))
        )
    if f.in_kind:
        rows.append(Row(("", IN_KIND_LABEL, "", format_eur(f.in_kind))))
    rows += [
        Row(("", "Gesamtausgaben", "", format_eur(f.total)), "total"),
        Row(("", "davon nicht zuwendungsfähige Ausgaben", "", format_eur(f.ineligible))),
        Row(("", "Zuwendungsfähige Ausgaben", "", format_eur(f.eligible)), "total"),
    ]
    columns = (
        Column("Nr.", 0.07),
        Column("Bezeichnung", 0.41),
        Column("Berechnung", 0.33),
        Column("Betrag", 0.19, "right"),
    )
    return Table(columns, tuple(rows))


def _volunteer_formula(report: BudgetReport) -> str:
    hours = format_number(report.budget.financing.volunteer_hours)
    volunteer = report.terms.volunteer
    if volunteer is None:
        return f"{hours} Stunden"
    return f"{hours} Stunden × {format_eur(volunteer.rate_eur_per_hour)}"


def financing_table(report: BudgetReport) -> Table:
    """Finanzierungsplan: Eigenmittel, one row per other kind, the grant, the sum."""
    f = report.figures

    def row(label: str, amount: Decimal, kind: str = "body") -> Row:
        return Row((label, format_eur(amount)), kind)  # type: ignore[arg-type]

    rows = [row("Eigenmittel (bar)", f.own_cash)]
    own = [s for s in report.budget.financing.sources if s.kind == "own_cash"]
    if len(own) == 1:
        rows[0] = row(f"Eigenmittel (bar): {clean(own[0].label)}", f.own_cash)
    included = [s for s in report.budget.financing.sources if s.kind != "own_cash"]
    for kind in OTHER_KINDS:
        if not f.sources[kind]:
            continue
        rows.append(row(SOURCE_ROWS[kind], f.sources[kind], "subtotal"))
        for source in (s for s in included if s.kind == kind):
            status = f" ({source.status})" if source.status else ""
            rows.append(row(f"    {clean(source.label)}{status}", source.total))
    if f.volunteer_value:
        rows.append(row("Ehrenamtliche Arbeit (bewertet)", f.volunteer_value))
    rows.append(row("Beantragte Zuwendung", f.grant, "subtotal"))
    rows.append(row("Gesamtfinanzierung", f.other_financing + f.own_cash + f.grant, "total"))
    columns = (Column("Finanzierung", 0.7), Column("Betrag", 0.3, "right"))
    return Table(columns, tuple(rows))


def own_base_words(report: BudgetReport) -> str:
    """The base of the Eigenanteil in words (as the plan read it)."""
    return OWN_BASES[report.terms.own_contribution_base.value or "eligible"]


def rate_base_words(report: BudgetReport) -> str:
    """The base of the Fördersatz in words (an unknown base as the plan read it)."""
    base = report.terms.rate_base.value
    return RATE_BASES.get(base or "", RATE_BASES["eligible_minus_private_third_party"])


def key_figures(report: BudgetReport) -> Table:
    """The grant with its Fördersatz and base, the Eigenanteil with its share and base."""
    f = report.figures
    rows = [Row(("Beantragte Zuwendung", format_eur(f.grant)), "total")]
    if f.rate_on_base_percent is not None:
        rows.append(
            Row(
                (
                    "Fördersatz",
                    f"{format_percent(f.rate_on_base_percent, 2)} {rate_base_words(report)}",
                )
            )
        )
    own = format_eur(f.own_contribution)
    if f.own_share_percent is not None:
        own += f" ({format_percent(f.own_share_percent, 2)} {own_base_words(report)})"
    rows.append(Row(("Eigenanteil nach den Regeln des Programms", own)))
    return Table((Column("Kennzahl", 0.45), Column("Wert", 0.55)), tuple(rows))


def year_tables(report: BudgetReport) -> list[Block]:
    """Zuwendung and Eigenmittel per Haushaltsjahr, up to four years per table."""
    years = report.figures.years
    chunks = [years[i : i + YEARS_PER_TABLE] for i in range(0, len(years), YEARS_PER_TABLE)]
    blocks: list[Block] = []
    for chunk in chunks:
        if len(chunks) > 1:
            blocks.append(Paragraph(f"Haushaltsjahre {chunk[0].year} bis {chunk[-1].year}", "note"))
        blocks.append(_year_table(report, chunk))
    if any(y.assumed for y in years):
        blocks.append(
            Paragraph(
                "* Jahr enthält angenommene Zahlungsjahre (Ausgaben ohne Zahlungsdatum oder "
                "Mittel ohne Jahresangabe).",
                "note",
            )
        )
    return blocks


def _year_table(report: BudgetReport, years: Sequence) -> Table:
    f = report.figures
    with_sum = len(f.years) <= 3  # the whole period fits one table: a column for the sum

    def row(label: str, values: Sequence[Decimal], kind: str = "body") -> Row:
        cells = [format_eur(v) for v in values]
        if with_sum:
            cells.append(format_eur(sum(values, ZERO)))
        return Row((label, *cells), kind)  # type: ignore[arg-type]

    rows = [row("Ausgaben", [y.expenses for y in years], "subtotal")]
    if f.ineligible:
        rows.append(row("davon nicht zuwendungsfähig", [y.ineligible for y in years]))
    if any(y.investment for y in years):
        rows.append(row("davon Investitionen", [y.investment for y in years]))
    for kind in OTHER_KINDS:
        if f.sources[kind]:
            rows.append(row(SOURCE_ROWS[kind], [y.sources[kind] for y in years]))
    if f.volunteer_value:
        rows.append(row("Ehrenamtliche Arbeit (bewertet)", [y.volunteer for y in years]))
    rows.append(row("Zuwendung", [y.grant for y in years], "subtotal"))
    rows.append(row("Eigenmittel", [y.own_cash_required for y in years], "total"))
    width = 0.17
    columns = [Column("Haushaltsjahr", 1 - width * (len(years) + with_sum))]
    columns += [Column(f"{y.year}{'*' if y.assumed else ''}", width, "right") for y in years]
    if with_sum:
        columns.append(Column("Summe", width, "right"))
    return Table(tuple(columns), tuple(rows))


def de_minimis_blocks(declaration: DeMinimisDeclaration) -> list[Block]:
    """The draft De-minimis-Erklärung: legal basis, aid in the window with sums, signature line."""
    d = declaration
    blocks: list[Block] = [
        Paragraph(
            f"Antragsteller: {clean(d.applicant)}\nAntragsdatum: {format_date(d.applied_on)}\n"
            f"Rechtsgrundlage: {d.regulation.title}"
        ),
        Paragraph(
            "Der Antragsteller erklärt für sich und alle Unternehmen, mit denen er ein "
            "„einziges Unternehmen“ im Sinne der Verordnung bildet, die folgenden "
            f"De-minimis-Beihilfen seit dem {format_date(d.window_start)} (drei Jahre vor dem "
            "Antragsdatum) erhalten zu haben:"
        ),
    ]
    if d.rows:
        rows = [
            Row((format_date(r.date), clean(r.grantor), r.regulation, format_eur(r.amount_eur)))
            for r in d.rows
        ]
        rows.append(Row(("", "Summe", "", format_eur(d.total_eur)), "total"))
        columns = (
            Column("Datum", 0.15),
            Column("Beihilfegeber", 0.4),
            Column("Rechtsgrundlage", 0.25),
            Column("Betrag", 0.2, "right"),
        )
        blocks.append(Table(columns, tuple(rows)))
    else:
        blocks.append(Paragraph("Keine De-minimis-Beihilfen in diesem Zeitraum."))
    if d.requested_eur is not None:
        blocks.append(
            Paragraph(
                f"Mit der beantragten Zuwendung von {format_eur(d.requested_eur)} ergeben sich "
                f"{format_eur(d.total_with_request_eur)}; der Höchstbetrag nach "
                f"{d.regulation.short} beträgt {format_eur(d.regulation.ceiling)}."
            )
        )
    blocks += [
        Paragraph(
            "Beantragte, aber noch nicht bewilligte De-minimis-Beihilfen und andere Beihilfen "
            "für dieselben förderfähigen Kosten sind zusätzlich anzugeben.",
            "note",
        ),
        Paragraph("Ort, Datum, rechtsverbindliche Unterschrift: ______________________________"),
    ]
    return blocks
