"""The Kosten- und Finanzierungsplan as blocks: costs by category, Haushaltsjahre, financing,
key figures, and the De-minimis-Erklärung. Every figure comes from the budget package."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from funding_matcher.domain.budget import BudgetReport, DeMinimisDeclaration, YearSplit
from funding_matcher.domain.budget.model import CATEGORIES, FINANCING_TYPES
from funding_matcher.domain.budget.money import (
    ZERO,
    format_eur,
    format_number,
    format_percent,
    ratio_percent,
)

from .blocks import Block, Column, Heading, Paragraph, Row, RowKind, Table, clean

VOLUNTEER_LABEL = "Ehrenamtliche Arbeit (fiktive Ausgabe)"
YEARS_PER_TABLE = 4
NOT_ELIGIBLE = " (nicht zuwendungsfähig)"


def plan_blocks(report: BudgetReport) -> list[Block]:
    """The whole plan: intro, Ausgaben, Haushaltsjahre (if several), Finanzierung, Kennzahlen."""
    blocks: list[Block] = [Paragraph(_intro(report))]
    blocks += [Heading("Ausgaben", 2), cost_table(report)]
    split = report.years()
    if len(split.years) > 1:
        blocks += [
            Heading("Ausgaben nach Haushaltsjahren", 2),
            Paragraph(
                "Personalausgaben sind nach Beschäftigungsmonaten ab Projektbeginn verteilt, alle "
                "übrigen Ausgaben anteilig nach Projektmonaten im Haushaltsjahr.",
                "note",
            ),
            *year_tables(split),
            *(Paragraph(f"Hinweis: {note}", "note") for note in split.notes),
        ]
    blocks += [Heading("Finanzierung", 2), financing_table(report)]
    blocks += [Heading("Zuwendung und Kennzahlen", 2), key_figures(report)]
    return blocks


def _intro(report: BudgetReport) -> str:
    budget, terms = report.budget, report.terms
    kind = terms.financing_type.value
    kind_text = FINANCING_TYPES[kind] if kind else "Finanzierungsart unbekannt"
    return (
        f"Projektzeitraum {budget.period.start:%d.%m.%Y} bis {budget.period.end:%d.%m.%Y}, "
        f"Antrag am {budget.applied_on:%d.%m.%Y}, {kind_text}. Alle Beträge in Euro; "
        "nicht zuwendungsfähige Ausgaben sind gekennzeichnet."
    )


def _line_label(label: str, eligible: bool) -> str:
    return clean(label) + ("" if eligible else NOT_ELIGIBLE)


def cost_table(report: BudgetReport) -> Table:
    """Ausgaben grouped by category with subtotals, the volunteer value and the totals."""
    f = report.figures
    rows: list[Row] = []
    for category, label in CATEGORIES.items():
        items = [item for item in f.lines if item.line.category == category]
        if not items:
            continue
        rows.append(Row((label, "", "", ""), "group"))
        rows += [
            Row(
                (
                    str(item.index + 1),
                    _line_label(item.line.label, item.line.eligible),
                    item.formula or "",
                    format_eur(item.amount),
                )
            )
            for item in items
        ]
        subtotal = sum((item.amount for item in items), ZERO)
        rows.append(Row(("", f"Summe {label}", "", format_eur(subtotal)), "subtotal"))
    if f.volunteer_value:
        rows.append(Row((VOLUNTEER_LABEL, "", "", ""), "group"))
        volunteer = ("", "Bürgerschaftliches Engagement", _volunteer_formula(report))
        rows.append(Row((*volunteer, format_eur(f.volunteer_value))))
    rows += [
        Row(("", "Gesamtausgaben", "", format_eur(f.total)), "total"),
        Row(("", "davon nicht zuwendungsfähig", "", format_eur(f.ineligible))),
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
    volunteer = report.terms.volunteer_work.value
    rate = volunteer.rate_eur_per_hour if volunteer is not None else None
    return f"{hours} Stunden × {format_eur(rate)}" if rate is not None else f"{hours} Stunden"


def _months(value: Fraction) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return format_number(exact.quantize(Decimal("0.01")))


def year_tables(split: YearSplit) -> list[Block]:
    """One table per group of up to four Haushaltsjahre (a "Gesamt" column when one suffices)."""
    chunks = [
        split.years[i : i + YEARS_PER_TABLE] for i in range(0, len(split.years), YEARS_PER_TABLE)
    ]
    blocks: list[Block] = []
    for chunk in chunks:
        with_total = len(chunks) == 1 and len(chunk) < YEARS_PER_TABLE
        if len(chunks) > 1:
            blocks.append(Paragraph(f"Haushaltsjahre {chunk[0]} bis {chunk[-1]}", "note"))
        blocks.append(_year_table(split, chunk, with_total))
    return blocks


def _year_table(split: YearSplit, years: tuple[int, ...], with_total: bool) -> Table:
    def amounts(values: dict[int, Decimal], total: Decimal) -> tuple[str, ...]:
        cells = tuple(format_eur(values[year]) for year in years)
        return cells + ((format_eur(total),) if with_total else ())

    blank = ("",) * (len(years) + with_total)
    rows = [
        Row(
            ("", "Projektmonate", *(_months(split.months[y]) for y in years))
            + ((_months(sum(split.months.values(), Fraction(0))),) if with_total else ())
        )
    ]
    for category, values in split.by_category.items():
        label = CATEGORIES[category]
        rows.append(Row((label, "", *blank), "group"))
        rows += [
            Row(
                (
                    str(line.index + 1),
                    _line_label(line.label, line.eligible),
                    *amounts(line.by_year, line.amount),
                )
            )
            for line in split.lines
            if line.category == category
        ]
        subtotal = sum(values.values(), ZERO)
        rows.append(Row(("", f"Summe {label}", *amounts(values, subtotal)), "subtotal"))
    volunteer_total = sum(split.volunteer_value.values(), ZERO)
    if volunteer_total:
        rows.append(Row(("", VOLUNTEER_LABEL, *amounts(split.volunteer_value, volunteer_total))))
    grand_total = sum(split.totals.values(), ZERO)
    rows.append(Row(("", "Gesamtausgaben", *amounts(split.totals, grand_total)), "total"))
    amount_width = 0.16
    columns = [Column("Nr.", 0.06)]
    columns.append(Column("Bezeichnung", 0.94 - amount_width * (len(years) + with_total)))
    columns += [Column(str(year), amount_width, "right") for year in years]
    if with_total:
        columns.append(Column("Gesamt", amount_width, "right"))
    return Table(tuple(columns), tuple(rows))


def financing_table(report: BudgetReport) -> Table:
    """Finanzierungsplan: own funds, volunteer work, third parties, income, other public
    funding, the grant, the sum and (if the plan does not balance) the difference."""
    f, financing = report.figures, report.budget.financing

    def row(label: str, amount: Decimal, kind: RowKind = "body") -> Row:
        share = ratio_percent(amount, f.total)
        share_text = "" if share is None else format_percent(share)
        return Row((label, format_eur(amount), share_text), kind)

    rows = [row("Eigenmittel", financing.own_funds_eur)]
    if f.volunteer_value:
        rows.append(row("Ehrenamtliche Arbeit (unbare Eigenleistung)", f.volunteer_value))
    rows += [
        row("Leistungen Dritter (ohne öffentliche Förderung)", financing.third_party_eur),
        row("Einnahmen aus der Maßnahme", financing.income_eur),
    ]
    rows += [
        row(
            f"Andere öffentliche Förderung: {clean(entry.programme)} ({entry.status})",
            entry.amount_eur,
        )
        for entry in financing.other_public
    ]
    if not financing.other_public:
        rows.append(row("Andere öffentliche Förderung", ZERO))
    rows.append(row("Beantragte Zuwendung", f.grant, "subtotal"))
    funded = f.other_financing + f.grant
    rows.append(row("Gesamtfinanzierung", funded, "total"))
    if funded != f.total:
        gap = f.total - funded
        label = "Fehlbetrag (Ausgaben nicht gedeckt)" if gap > 0 else "Überfinanzierung"
        rows.append(row(label, abs(gap), "subtotal"))
    columns = (
        Column("Finanzierung", 0.62),
        Column("Betrag", 0.22, "right"),
        Column("Anteil", 0.16, "right"),
    )
    return Table(columns, tuple(rows))


def key_figures(report: BudgetReport) -> Table:
    """Terms and results: financing type, rate, maximum, grant, effective rate, own share."""
    f, terms = report.figures, report.terms
    kind = terms.financing_type.value
    rate = terms.funding_rate_max_percent.value
    cap = terms.amount_max_eur.value
    rows = [
        Row(
            (
                "Finanzierungsart",
                f"{FINANCING_TYPES[kind] if kind else 'unbekannt'} "
                f"({terms.source_text('financing_type')})",
            )
        ),
        Row(
            (
                "Höchstförderquote",
                f"{format_percent(rate)} ({terms.source_text('funding_rate_max_percent')})"
                if rate is not None
                else "unbekannt",
            )
        ),
        Row(
            (
                "Höchstbetrag der Zuwendung",
                f"{format_eur(cap)} ({terms.source_text('amount_max_eur')})"
                if cap is not None
                else "keiner bekannt",
            )
        ),
    ]
    if kind == "festbetrag":
        fixed = terms.fixed_amount_eur.value
        rows.append(Row(("Festbetrag", format_eur(fixed) if fixed is not None else "fehlt")))
    own_funds = report.budget.financing.own_funds_eur + f.volunteer_value
    rows += [
        Row(("Zuwendungsfähige Ausgaben", format_eur(f.eligible))),
        Row(("Höchstmögliche Zuwendung", format_eur(f.grant_max))),
        Row(("Beantragte Zuwendung", format_eur(f.grant)), "total"),
        Row(
            (
                "Förderquote (effektiv, von den zuwendungsfähigen Ausgaben)",
                _percent(f.rate_effective_percent),
            )
        ),
        Row(
            (
                "Eigenanteil (Eigenmittel und Ehrenamt)",
                f"{_percent(f.own_share_percent)} ({format_eur(own_funds)})",
            )
        ),
        Row(("Prüfung des Finanzplans", _verdict(report))),
    ]
    return Table((Column("Kennzahl", 0.55), Column("Wert", 0.45)), tuple(rows))


def _percent(value: Decimal | None) -> str:
    return "–" if value is None else format_percent(value)


def _verdict(report: BudgetReport) -> str:
    counts = [
        (sum(1 for c in report.checks if c.level == level), singular, plural)
        for level, singular, plural in (
            ("error", "Fehler", "Fehler"),
            ("warning", "Warnung", "Warnungen"),
            ("notice", "Hinweis", "Hinweise"),
        )
    ]
    parts = [f"{n} {singular if n == 1 else plural}" for n, singular, plural in counts if n]
    if not parts:
        return "in Ordnung"
    head = "in Ordnung" if report.ok else "nicht in Ordnung"
    return f"{head}: {', '.join(parts)} (siehe „Vor dem Einreichen prüfen“)"


def de_minimis_blocks(declaration: DeMinimisDeclaration) -> list[Block]:
    """The draft De-minimis-Erklärung: legal basis, aid in the window with sums, signature line."""
    d = declaration
    blocks: list[Block] = [
        Paragraph(
            f"Antragsteller: {clean(d.applicant)}\nAntragsdatum: {d.applied_on:%d.%m.%Y}\n"
            f"Rechtsgrundlage: {d.regulation.title}"
        ),
        Paragraph(
            "Der Antragsteller erklärt für sich und alle Unternehmen, mit denen er ein "
            "„einziges Unternehmen“ im Sinne der Verordnung bildet, die folgenden "
            f"De-minimis-Beihilfen seit dem {d.window_start:%d.%m.%Y} (drei Jahre vor dem "
            "Antragsdatum) erhalten zu haben:"
        ),
    ]
    if d.rows:
        rows = [
            Row((f"{r.date:%d.%m.%Y}", clean(r.grantor), r.regulation, format_eur(r.amount_eur)))
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
