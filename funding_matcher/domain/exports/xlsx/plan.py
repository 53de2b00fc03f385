"""The "Gesamtplan" sheet: lines with their formulas, totals, financing by kind, caps, grant."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from funding_matcher.domain.budget import BudgetReport
from funding_matcher.domain.budget.arithmetic import LineAmount, counts_as_own, grant_max_unknown
from funding_matcher.domain.budget.model import CATEGORIES, CUSTOM, MONTHLY, SOURCE_KINDS, WITH_BASE
from funding_matcher.domain.german import format_date, format_numeric_month

from ..document import ApplicationDocument
from .style import (
    EUR,
    NOTE,
    PERCENT_NUMBER,
    RULE_ABOVE,
    SECTION,
    SHARE,
    TITLE,
    TOTAL_ABOVE,
    WRAP,
    Formula,
    header_row,
    landscape,
    name_cell,
    page_marks,
    put,
    widths,
)

PLAN = "Gesamtplan"
YEARS = "Haushaltsjahre"
FIRST_LINE_ROW = 4
YEAR_FIRST_ROW = 5  # the years sheet lists the lines from this row, in print order
HEADERS = (
    "Nr.",
    "Kategorie",
    "Bezeichnung",
    "zuwendungsfähig",
    "Monatsbetrag",
    "Anteil",
    "Monate",
    "Stückpreis netto",
    "Menge",
    "USt. %",
    "Prozent",
    "Betrag",
    "Zahlung",
)
AMOUNT = "L"
LAST = "M"


@dataclass
class PlanLayout:
    """Where the plan's rows are, for the years sheet; lines numbered in print order."""

    line_rows: dict[int, int] = field(default_factory=dict)
    numbers: dict[int, int] = field(default_factory=dict)  # line index -> number in print
    source_rows: list[tuple[int, int]] = field(default_factory=list)  # (source index, row)
    label_width: int = 46

    def year_row(self, index: int) -> int:
        """The row of a line on the years sheet (same order and number as on the plan)."""
        return YEAR_FIRST_ROW + self.numbers[index] - 1


def print_order(report: BudgetReport) -> list[LineAmount]:
    """The lines grouped by category, as every export prints and numbers them."""
    return [
        i for category in CATEGORIES for i in report.figures.lines if i.line.category == category
    ]


def _schedule_text(item: LineAmount) -> str:
    line = item.line
    if line.schedule == MONTHLY:
        start = f" ab {format_numeric_month(*line.first_month)}" if line.first_month else ""
        return f"monatlich{start}"
    if line.schedule == CUSTOM:
        return "je Haushaltsjahr (siehe Haushaltsjahre)"
    if line.schedule == WITH_BASE:
        return "mit der Bemessungsgrundlage"
    if line.paid_on is None:
        return "einmalig, Zahlungsjahr angenommen"
    return f"einmalig am {format_date(line.paid_on)}"


def _line(
    ws: Worksheet, row: int, item: LineAmount, report: BudgetReport, layout: PlanLayout
) -> None:
    line = item.line
    put(ws, f"A{row}", layout.numbers[item.index])
    put(ws, f"B{row}", line.category_label)
    put(ws, f"C{row}", line.label, entry=True)
    ws[f"C{row}"].alignment = WRAP
    put(ws, f"D{row}", "ja" if item.eligible else "nein", entry=True)
    put(ws, f"{LAST}{row}", _schedule_text(item))
    if line.schedule == WITH_BASE:
        put(ws, f"K{row}", line.percent, PERCENT_NUMBER, entry=True)
        put(ws, f"L{row}", Formula(f"=ROUND(K{row}/100*Bemessung_Verwaltung,2)"), EUR)
    elif line.schedule == MONTHLY:
        put(ws, f"E{row}", line.monthly_eur, EUR, entry=True)
        put(ws, f"F{row}", line.share, SHARE, entry=True)
        put(ws, f"G{row}", line.months, "0", entry=True)
        put(ws, f"L{row}", Formula(f"=ROUND(E{row}*F{row}*G{row},2)"), EUR)
    elif line.unit_price_net_eur is not None:
        vat = 0 if report.budget.vat_deductible else (line.vat_percent or 19)
        put(ws, f"H{row}", line.unit_price_net_eur, EUR, entry=True)
        put(ws, f"I{row}", line.quantity, "#,##0.##", entry=True)
        put(ws, f"J{row}", vat, "0", entry=True)
        put(ws, f"L{row}", Formula(f"=ROUND(H{row}*I{row}*(1+J{row}/100),2)"), EUR)
    elif line.schedule == CUSTOM:
        year_row = layout.year_row(item.index)
        last_column = get_column_letter(2 + len(report.figures.years))
        put(ws, f"L{row}", Formula(f"=SUM('{YEARS}'!C{year_row}:{last_column}{year_row})"), EUR)
    else:
        put(ws, f"L{row}", item.amount, EUR, entry=True)


class _Writer:
    """Writes label/amount rows below the lines and names the cells the formulas use."""

    def __init__(self, wb: Workbook, ws: Worksheet, row: int) -> None:
        self.wb, self.ws, self.row = wb, ws, row

    def section(self, title: str) -> None:
        for column in "ABCDEFGHIJKLM":
            self.ws[f"{column}{self.row}"].fill = SECTION
        put(self.ws, f"C{self.row}", title, bold=True)
        self.row += 1

    def line(
        self,
        label: str,
        value: object,
        fmt: str = EUR,
        *,
        name: str | None = None,
        entry: bool = False,
        strong: bool = False,
        kind: str | None = None,
        flag: str | None = None,
    ) -> int:
        row, border = self.row, TOTAL_ABOVE if strong else None
        if kind is not None:
            put(self.ws, f"B{row}", kind)
        if flag is not None:
            put(self.ws, f"D{row}", flag, entry=True)
        put(self.ws, f"C{row}", label, bold=strong, border=border)
        self.ws[f"C{row}"].alignment = WRAP
        put(self.ws, f"L{row}", value, fmt, entry=entry, bold=strong, border=border)
        if name:
            name_cell(self.wb, name, PLAN, "L", row)
        self.row += 1
        return row


def write_plan(
    wb: Workbook, ws: Worksheet, doc: ApplicationDocument, report: BudgetReport
) -> PlanLayout:
    """The Gesamtplan sheet; returns where its lines and sources are."""
    budget, f = report.budget, report.figures
    put(ws, "A1", f"Kosten- und Finanzierungsplan – {doc.title}")
    ws["A1"].font = TITLE
    put(
        ws,
        "A2",
        f"{doc.applicant} · {doc.programme_title} · Projektzeitraum "
        f"{format_date(budget.period.start)} bis {format_date(budget.period.end)} · Stand "
        f"{format_date(doc.stand)} · gelb = Eingabe, alles andere wird berechnet",
    )
    ws["A2"].font = NOTE
    header_row(ws, 3, HEADERS)
    ws.freeze_panes = "A4"
    layout = PlanLayout()
    layout.numbers = {item.index: n for n, item in enumerate(print_order(report), start=1)}
    row = FIRST_LINE_ROW
    subtotals: list[int] = []
    base_end = FIRST_LINE_ROW
    for category, label in CATEGORIES.items():
        items = [item for item in f.lines if item.line.category == category]
        if not items:
            continue
        first = row
        for item in items:
            _line(ws, row, item, report, layout)
            layout.line_rows[item.index] = row
            row += 1
        put(ws, f"C{row}", f"Summe {label}", bold=True, border=RULE_ABOVE)
        put(ws, f"L{row}", Formula(f"=SUM(L{first}:L{row - 1})"), EUR, bold=True, border=RULE_ABOVE)
        subtotals.append(row)
        if category != "verwaltung":
            base_end = row - 1
        row += 2
    last_line = max(row - 2, FIRST_LINE_ROW)
    eligible_flags = DataValidation(type="list", formula1='"ja,nein"', allow_blank=False)
    eligible_flags.error = "Bitte ja oder nein eingeben."
    ws.add_data_validation(eligible_flags)
    eligible_flags.add(f"D{FIRST_LINE_ROW}:D{last_line}")
    amounts, flags = f"L{FIRST_LINE_ROW}:L{last_line}", f"D{FIRST_LINE_ROW}:D{last_line}"
    cats = f"B{FIRST_LINE_ROW}:B{base_end}"
    # The overhead base covers only the rows above the Verwaltungsausgaben (no circular reference).
    base_rows = f"L{FIRST_LINE_ROW}:L{base_end}", f"D{FIRST_LINE_ROW}:D{base_end}"
    staff = CATEGORIES["personal"]
    overhead_base = (
        f'=IF(Bezug_Verwaltung="direct_staff",SUMIFS({base_rows[0]},{base_rows[1]},"ja",'
        f'{cats},"{staff}"),SUMIFS({base_rows[0]},{base_rows[1]},"ja"))'
    )
    w = _Writer(wb, ws, row)
    hours = w.row
    put(ws, f"I{hours}", budget.financing.volunteer_hours, "#,##0.0", entry=True)
    put(ws, f"H{hours}", Formula("=N(Stundensatz_Ehrenamt)"), EUR)
    w.line(
        "Ehrenamtliche Arbeit (fiktive Ausgabe): Stunden (Spalte I) × Stundensatz (Spalte H)",
        Formula(f"=ROUND(I{hours}*H{hours},2)"),
        name="Ehrenamt_Wert",
    )
    w.line(
        "Bewertete Sachleistungen (fiktive Ausgabe)", f.in_kind, name="Sachleistungen", entry=True
    )
    sums = ",".join(f"L{r}" for r in subtotals) or "0"
    w.line("Gesamtausgaben (G)", Formula(f"=SUM({sums})+Ehrenamt_Wert+Sachleistungen"),
           name="Gesamtausgaben", strong=True)  # fmt: skip
    w.line("davon nicht zuwendungsfähig (NZ)", Formula(f'=SUMIFS({amounts},{flags},"nein")'),
           name="Nicht_zuwendungsfaehig")  # fmt: skip
    w.line("Zuwendungsfähige Ausgaben (Zf)", Formula("=Gesamtausgaben-Nicht_zuwendungsfaehig"),
           name="Zuwendungsfaehig", strong=True)  # fmt: skip
    w.line("davon bar", Formula("=Zuwendungsfaehig-Ehrenamt_Wert-Sachleistungen"), name="Zf_bar")
    w.line("Bemessungsgrundlage der Verwaltungsausgaben", Formula(overhead_base),
           name="Bemessung_Verwaltung")  # fmt: skip
    w.row += 1
    lines_rng = (amounts, flags, f"B{FIRST_LINE_ROW}:B{last_line}")
    _financing(w, report, layout, lines_rng)
    widths(ws, (6, 30, layout.label_width, 14, 13, 9, 8, 14, 8, 7, 9, 17, 30))
    landscape(ws, "3:3")
    page_marks(ws, f"Kosten- und Finanzierungsplan – {doc.title}")
    return layout


def _financing(
    w: _Writer, report: BudgetReport, layout: PlanLayout, rng_lines: tuple[str, str, str]
) -> None:
    f, terms = report.figures, report.terms
    sources = report.budget.financing.sources
    w.section("Finanzierung ohne Zuwendung (Spalte B: Art, Spalte D: zählt als Eigenanteil)")
    first = w.row
    own_declared = [s for s in sources if s.kind == "own_cash" and s.amount_eur is not None]
    for index, source in enumerate(sources):
        if source.kind in ("own_cash", "in_kind"):
            continue
        row = w.line(
            source.label,
            source.total,
            kind=SOURCE_KINDS[source.kind],
            flag="ja" if counts_as_own(source, terms) else "nein",
            entry=True,
        )
        layout.source_rows.append((index, row))
    last = max(w.row - 1, first)
    rng, kinds, own = f"L{first}:L{last}", f"B{first}:B{last}", f"D{first}:D{last}"
    if w.row == first:
        w.line("keine weiteren Finanzierungsquellen", 0)
        last, rng, kinds, own = (
            first,
            f"L{first}:L{first}",
            f"B{first}:B{first}",
            f"D{first}:D{first}",
        )

    def kind_sum(kind: str) -> str:
        return f'SUMIFS({rng},{kinds},"{SOURCE_KINDS[kind]}")'

    w.line("Spenden (S)", Formula(f"={kind_sum('donation')}"), name="Spenden")
    w.line("Einnahmen (I)", Formula(f"={kind_sum('income')}"), name="Einnahmen")
    w.line("Leistungen Dritter (T)", Formula(f"={kind_sum('private_third_party')}"), name="Dritte")
    w.line("Andere öffentliche Förderung (P)", Formula(f"={kind_sum('public_grant')}"),
           name="Oeffentlich")  # fmt: skip
    w.line("Stiftungs- und Lotteriemittel (L)", Formula(f"={kind_sum('foundation_grant')}"),
           name="Stiftungen")  # fmt: skip
    w.line("Summe der anderen Finanzierung (mit Ehrenamt und Sachleistungen)",
           Formula("=Spenden+Einnahmen+Dritte+Oeffentlich+Stiftungen+Ehrenamt_Wert+Sachleistungen"),
           name="Andere_Finanzierung", strong=True)  # fmt: skip
    w.line("Eigenmittel fest zugesagt (O)", sum((s.amount_eur for s in own_declared), 0) or 0,
           name="Eigenmittel_fest", entry=True)  # fmt: skip
    w.line("Eigenmittel nach Bedarf (ja/nein)", "ja" if f.own_on_demand else "nein",
           "General", name="Nach_Bedarf", entry=True)  # fmt: skip
    w.row += 1
    w.section("Eigenanteil nach den Regeln des Programms")
    w.line("Bezugsgröße des Eigenanteils",
           Formula('=IF(Bezug_Eigenanteil="total",Gesamtausgaben,Zuwendungsfaehig)'),
           name="Bezug_Eigen")  # fmt: skip
    w.line("Mindesteigenanteil in Euro (M)",
           Formula("=IF(ISNUMBER(Mindesteigenanteil),ROUND(Mindesteigenanteil/100*Bezug_Eigen,2),0)"),
           name="Mindest_Eigen")  # fmt: skip
    w.line("Nicht zuwendungsfähige Ausgaben, die kein Eigenanteil sind",
           Formula('=IF(Bezug_Eigenanteil="total",0,Nicht_zuwendungsfaehig)'),
           name="NZ_eigen")  # fmt: skip
    w.line("Als Eigenanteil zählende andere Mittel",
           Formula(f'=SUMIFS({rng},{own},"ja")+IF(Ehrenamt_zaehlt="ja",Ehrenamt_Wert,0)'),
           name="Eigen_andere")  # fmt: skip
    w.line("Eigenmittel, die mindestens bleiben müssen",
           Formula("=IF(Mindest_Eigen>0,MAX(0,Mindest_Eigen+NZ_eigen-Eigen_andere),0)"),
           name="Eigen_mindestens")  # fmt: skip
    w.row += 1
    w.section("Zuwendung: die kleinste der Obergrenzen")
    base = (
        '=MAX(0,IF(Bemessungsgrundlage="eligible",Zuwendungsfaehig,'
        'IF(Bemessungsgrundlage="eligible_minus_income",Zuwendungsfaehig-Einnahmen,'
        'IF(Bemessungsgrundlage="eligible_minus_all_other_funding",'
        "Zuwendungsfaehig-Einnahmen-Dritte-Spenden-Oeffentlich-Stiftungen,"
        'IF(Bemessungsgrundlage="total_cost",Gesamtausgaben,'
        "Zuwendungsfaehig-Einnahmen-Dritte-Stiftungen)))))"
    )
    w.line("Bemessungsgrundlage des Fördersatzes (B)", Formula(base), name="Bemessung")
    caps_first = w.row
    w.line("nach Fördersatz",
           Formula('=IF(ISNUMBER(Foerdersatz),ROUND(Foerdersatz/100*Bemessung,2),"")'))  # fmt: skip
    w.line("Festbetrag", Formula('=IF(Finanzierungsart="festbetrag",N(Festbetrag),"")'))
    w.line("Vollfinanzierung: Barausgaben abzüglich anderer Mittel",
           Formula('=IF(Finanzierungsart="voll",'
                   'Zf_bar-(Spenden+Einnahmen+Dritte+Oeffentlich+Stiftungen),"")'))  # fmt: skip
    w.line("Höchstbetrag", Formula('=IF(ISNUMBER(Hoechstbetrag),Hoechstbetrag,"")'))
    w.line("Höchstbetrag je Haushaltsjahr, auf den ganzen Zeitraum umgerechnet (Wert)",
           f.caps["annual"] if f.caps["annual"] is not None else "", entry=True)  # fmt: skip
    w.line("Keine Überfinanzierung; Mindesteigenanteil bleibt möglich",
           Formula('=Gesamtausgaben-Andere_Finanzierung-IF(Finanzierungsart="fehlbedarf",'
                   "MAX(Eigenmittel_fest,Eigen_mindestens),Eigen_mindestens)"))  # fmt: skip
    w.line("Obergrenze aller öffentlichen Mittel",
           Formula('=IF(ISNUMBER(Obergrenze_oeffentlich),ROUND(Obergrenze_oeffentlich/100'
                   '*Zuwendungsfaehig,2)-Oeffentlich,"")'))  # fmt: skip
    w.line("Keine Zuwendung für fiktive Ausgaben", Formula("=Zf_bar"))
    caps_last = w.row - 1
    possible = 0 if grant_max_unknown(terms) or not terms.is_grant else 1
    w.line("Zuwendung nach den Bedingungen möglich (1 ja; 0 nein: nötige Bedingung unbekannt "
           "oder kein Zuschuss)",
           possible, "0", name="Zuwendung_moeglich", entry=True)  # fmt: skip
    w.line("Höchstmögliche Zuwendung",
           Formula(f"=IF(Zuwendung_moeglich=1,MAX(0,MIN(L{caps_first}:L{caps_last})),0)"),
           name="Hoechstmoegliche_Zuwendung", strong=True)  # fmt: skip
    w.line("Beantragter Betrag (leer = höchstmögliche Zuwendung)",
           report.budget.financing.requested_eur, name="Beantragt", entry=True)  # fmt: skip
    w.line("Beantragte Zuwendung",
           Formula("=IF(ISNUMBER(Beantragt),Beantragt,Hoechstmoegliche_Zuwendung)"),
           name="Zuwendung", strong=True)  # fmt: skip
    w.row += 1
    w.section("Eigenmittel und Kennzahlen")
    w.line("Eigenmittel, die der Plan braucht (G − D − Zuwendung)",
           Formula("=ROUND(Gesamtausgaben-Andere_Finanzierung-Zuwendung,2)"),
           name="Eigenmittel_erforderlich")  # fmt: skip
    w.line("Eigenmittel (bar)",
           Formula('=IF(Nach_Bedarf="ja",MAX(Eigenmittel_fest,Eigenmittel_erforderlich),'
                   "Eigenmittel_fest)"),
           name="Eigenmittel", strong=True)  # fmt: skip
    w.line("Differenz Finanzierung − Ausgaben (0 = ausgeglichen)",
           Formula("=ROUND(Andere_Finanzierung+Eigenmittel+Zuwendung-Gesamtausgaben,2)"),
           name="Differenz")  # fmt: skip
    w.line("Eigenanteil nach den Regeln des Programms",
           Formula("=MAX(0,Eigenmittel+Eigen_andere-NZ_eigen)"), name="Eigenanteil")  # fmt: skip
    w.line("Eigenanteil in Prozent der Bezugsgröße",
           Formula('=IF(Bezug_Eigen=0,"",ROUND(Eigenanteil/Bezug_Eigen*100,2))'),
           PERCENT_NUMBER, name="Eigenanteil_Prozent")  # fmt: skip
    w.line("Fördersatz in Prozent der Bemessungsgrundlage",
           Formula('=IF(OR(Bemessung=0,NOT(ISNUMBER(Foerdersatz))),"",'
                   "ROUND(Zuwendung/Bemessung*100,2))"),
           PERCENT_NUMBER, name="Foerdersatz_erreicht")  # fmt: skip
    w.row += 1
    w.section("Prüfungen (vereinfacht; die vollständige Prüfung macht die Anwendung)")
    checks = (
        ("Ausgaben und Finanzierung ausgeglichen",
         '=IF(ROUND(Differenz,2)=0,"in Ordnung","nicht ausgeglichen")'),
        ("Zuwendung höchstens die kleinste Obergrenze",
         '=IF(Zuwendung<=Hoechstmoegliche_Zuwendung,"in Ordnung","überschritten")'),
        ("Mindesteigenanteil erreicht",
         '=IF(ISNUMBER(Mindesteigenanteil),IF(Eigenanteil>=Mindest_Eigen,"in Ordnung",'
         '"unterschritten"),"nicht geprüft: Mindesteigenanteil unbekannt")'),
        ("Verwaltungsausgaben höchstens der zulässige Anteil",
         f'=IF(ISNUMBER(Verwaltung_max),IF(SUMIFS({rng_lines[0]},{rng_lines[1]},"ja",'
         f'{rng_lines[2]},"{CATEGORIES["verwaltung"]}")<=ROUND(Verwaltung_max/100'
         '*Bemessung_Verwaltung,2),"in Ordnung","überschritten"),"nicht geprüft: Obergrenze '
         'unbekannt oder keine")'),
        ("Investitionen höchstens der zulässige Anteil der Gesamtausgaben",
         f'=IF(ISNUMBER(Investitionen_max),IF(SUMIFS({rng_lines[0]},{rng_lines[1]},"ja",'
         f'{rng_lines[2]},"{CATEGORIES["investition"]}")<=ROUND(Investitionen_max/100'
         '*Gesamtausgaben,2),"in Ordnung","überschritten"),"nicht geprüft: Obergrenze '
         'unbekannt oder keine")'),
    )  # fmt: skip
    for label, formula in checks:
        w.line(label, Formula(formula), "General")
    labels = [len(item.line.label) for item in f.lines] + [len(s.label) for s in sources]
    layout.label_width = max(46, min(70, max(labels, default=0) + 2))
