"""Forms of the budget area: the Kosten- und Finanzierungsplan page and the De-minimis register.

Amounts are typed in German notation (12.500,00) or plain (12500.00); numbers such as the
Stellenanteil take a comma or a point (0,75). Range checks are the domain's: its messages are
shown at the input they concern (``page.show_problems``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from wtforms import (
    BooleanField,
    DateField,
    Field,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from funding_matcher.domain.budget.model import (
    CATEGORIES,
    DE_MINIMIS_REGIMES,
    FINANCING_TYPES,
    FUNDING_TYPES,
    OVERHEAD_BASES,
    OWN_BASES,
    RATE_BASES,
    SOURCE_KINDS,
    SOURCE_STATUSES,
    START_RULES,
    SUBSIDIARITY,
)
from funding_matcher.domain.budget.parsing import MAX_LINES
from funding_matcher.domain.budget.terms import NONE, TERM_LABELS, Terms
from funding_matcher.domain.german import format_number
from funding_matcher.web.budget.mapping import (
    CHOICE_TERMS,
    FLAG_TERMS,
    TABLES,
    UNKNOWN,
    german_amount,
    parse_year_amounts,
    row_empty,
    year_amounts_text,
)
from funding_matcher.web.forms import GermanForm, choices
from funding_matcher.web.number_fields import EuroField, NumberField

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
MAX_ROWS = MAX_LINES  # as many rows as the plan may have lines: nothing is dropped silently
EMPTY_ROWS = 2  # empty rows below the filled ones, so a new line needs no extra click
MORE_ROWS = 3  # rows added by "Weitere Zeilen"
YES_NO = {"ja": "ja", "nein": "nein"}
_NO_RULE_WORDS = {"keine", "keine regel", "keine grenze", "none", "-", "–"}
_UNKNOWN_WORDS = {"unbekannt", "?", "unknown"}


class YearAmountsField(StringField):
    """Amounts per Haushaltsjahr typed as "2027: 3.000; 2028: 6.000"."""

    def process_formdata(self, valuelist: list) -> None:
        text = str(valuelist[0]).strip() if valuelist else ""
        self.data = None
        if text:
            self.data = parse_year_amounts(text)

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        if isinstance(self.data, Mapping):
            return year_amounts_text({int(y): Decimal(str(v)) for y, v in self.data.items()})
        return ""


class TermNumberField(StringField):
    """A programme term: a number, "keine" (no such rule), "unbekannt", or empty (catalogue)."""

    def __init__(self, label: str, percent: bool = False, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.percent = percent

    def process_formdata(self, valuelist: list) -> None:
        text = str(valuelist[0]).strip() if valuelist else ""
        self.data = None
        if not text:
            return
        lowered = text.lower()
        if lowered in _NO_RULE_WORDS:
            self.data = NONE
        elif lowered in _UNKNOWN_WORDS:
            self.data = UNKNOWN
        else:
            try:
                self.data = german_amount(text.rstrip("% "))
            except ValueError:
                raise ValueError(
                    "Bitte eine Zahl, „keine“ (keine solche Regel) oder „unbekannt“ angeben."
                ) from None
            if not self.data.is_finite():
                self.data = None
                raise ValueError("Bitte eine Zahl angeben.")

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        if self.data == NONE:
            return "keine"
        if self.data == UNKNOWN:
            return "unbekannt"
        if isinstance(self.data, Decimal):
            if self.percent:
                return format_number(self.data, grouped=False)
            return format_number(self.data, 2)
        return ""


class RowForm(Form):
    """One row of a table; empty rows are left out when the plan is built."""

    class Meta:
        locales = ("de_DE", "de")

    table = ""

    def is_empty(self) -> bool:
        """No value typed in any of the row's inputs."""
        return row_empty(self.table, {f.short_name: f.data for f in self})


def _category(default: str, allowed: Sequence[str] | None = None) -> SelectField:
    codes = allowed or [c for c in CATEGORIES if c != "verwaltung"]
    return SelectField("Art", choices=choices({c: CATEGORIES[c] for c in codes}), default=default)


def _label(text: str = "Bezeichnung") -> StringField:
    return StringField(text, validators=[Optional(), Length(max=200)])


def _paid_on() -> DateField:
    return DateField("Zahlung am", format=DATE_FORMATS, validators=[Optional()])


class MonthlyRow(RowForm):
    table = "monthly"
    category = _category("personal")
    label = _label("Stelle / Ausgabe")
    monthly_eur = EuroField("Monatsbetrag in Euro")
    share = NumberField("Stellenanteil", accept_percent=True)
    months = IntegerField("Monate", validators=[Optional()], widget=TextInput())
    from_month = StringField("ab Monat (MM.JJJJ)", validators=[Optional(), Length(max=7)])
    ineligible = BooleanField("nicht zuwendungsfähig")
    own_staff = BooleanField("eigenes Personal")


class OneOffRow(RowForm):
    table = "one_off"
    category = _category("sach")
    label = _label()
    amount_eur = EuroField("Betrag in Euro (brutto)")
    paid_on = _paid_on()
    ineligible = BooleanField("nicht zuwendungsfähig")
    own_staff = BooleanField("eigene Verwaltung")


class ItemRow(RowForm):
    table = "items"
    category = _category("investition", ("investition", "sach"))
    label = _label("Gegenstand")
    unit_price_net_eur = EuroField("Stückpreis netto in Euro")
    quantity = NumberField("Anzahl")
    vat_percent = SelectField(
        "Umsatzsteuer", choices=choices({"": "19 %", "7": "7 %", "0": "0 %"}), default=""
    )
    paid_on = _paid_on()
    unit_group = StringField("Einheit (zusammen gekauft)", validators=[Optional(), Length(max=80)])
    ineligible = BooleanField("nicht zuwendungsfähig")


class YearlyRow(RowForm):
    table = "yearly"
    category = _category("sach")
    label = _label()
    by_year = YearAmountsField("Beträge je Jahr (z. B. 2027: 3.000; 2028: 6.000)")
    ineligible = BooleanField("nicht zuwendungsfähig")
    own_staff = BooleanField("eigenes Personal")


class OverheadRow(RowForm):
    table = "overhead"
    label = _label()
    percent = NumberField("Prozent der direkten zuwendungsfähigen Ausgaben")
    ineligible = BooleanField("nicht zuwendungsfähig")


class SourceRow(RowForm):
    table = "sources"
    kind = SelectField("Art", choices=choices(SOURCE_KINDS), default="own_cash")
    label = _label("Geldgeber / Bezeichnung")
    amount_eur = EuroField("Betrag in Euro")
    by_year = YearAmountsField("je Jahr (z. B. 2027: 2.500; 2028: 5.000)")
    programme = SelectField("Programm aus dem Katalog", choices=choices({"": "–"}), default="")
    status = SelectField("Stand", choices=choices({"": "–", **SOURCE_STATUSES}), default="")
    counts_as_own = SelectField(
        "zählt als Eigenanteil",
        choices=choices({"": "nach Programmregel", **YES_NO}),
        default="",
    )


def _rows(form_class: type[RowForm]) -> FieldList:
    # One more than allowed, so an oversized table is refused instead of cut off silently.
    return FieldList(FormField(form_class), min_entries=0, max_entries=MAX_ROWS + 1)


def _term_select(key: str) -> SelectField:
    return SelectField(TERM_LABELS[key], choices=choices({"": "wie im Katalog"}), default="")


class BudgetForm(GermanForm):
    """The whole Kosten- und Finanzierungsplan of one application."""

    start = DateField("Beginn des Vorhabens", format=DATE_FORMATS, validators=[Optional()])
    end = DateField("Ende des Vorhabens", format=DATE_FORMATS, validators=[Optional()])
    applied_on = DateField(
        "Antragsdatum",
        format=DATE_FORMATS,
        validators=[Optional()],
        description="Tag, an dem der Antrag gestellt wird; maßgeblich für den vorzeitigen "
        "Maßnahmebeginn und die De-minimis-Frist.",
    )
    early_start_approved = BooleanField(
        "Der vorzeitige Maßnahmebeginn ist vom Fördergeber genehmigt",
        description="Nur ankreuzen, wenn eine schriftliche Zustimmung vorliegt.",
    )
    vat_deductible = SelectField(
        "Vorsteuerabzugsberechtigt",
        choices=choices({"": "nicht angegeben (Bruttobeträge)", "nein": "nein", "ja": "ja"}),
        default="",
        description="Wer Vorsteuer abziehen kann, wird nur mit Nettobeträgen gefördert; "
        "Vereine und Kommunen im hoheitlichen Bereich rechnen brutto.",
    )
    monthly = _rows(MonthlyRow)
    one_off = _rows(OneOffRow)
    items = _rows(ItemRow)
    yearly = _rows(YearlyRow)
    overhead = _rows(OverheadRow)
    sources = _rows(SourceRow)
    volunteer_hours = NumberField(
        "Ehrenamtliche Arbeit in Stunden",
        description="Wird nur bewertet, wenn das Programm Ehrenamt anerkennt (Förderbedingungen).",
    )
    requested_eur = EuroField(
        "Beantragte Zuwendung in Euro",
        description="Leer lassen, um die höchstmögliche Zuwendung zu beantragen.",
    )

    term_funding_type = _term_select("funding_type")
    term_financing_type = _term_select("financing_type")
    term_rate_base = _term_select("rate_base")
    term_subsidiarity = _term_select("subsidiarity")
    term_own_contribution_base = _term_select("own_contribution_base")
    term_overhead_base = _term_select("overhead_base")
    term_de_minimis = _term_select("de_minimis")
    term_start_rule = _term_select("start_rule")
    term_in_kind_accepted = _term_select("in_kind_accepted")
    term_own_staff_eligible = _term_select("own_staff_eligible")
    term_funding_rate_max_percent = TermNumberField("Höchstfördersatz in Prozent", percent=True)
    term_fixed_amount_eur = TermNumberField("Festbetrag in Euro")
    term_amount_max_eur = TermNumberField("Höchstbetrag in Euro")
    term_amount_min_eur = TermNumberField("Mindestbetrag in Euro")
    term_annual_max_eur = TermNumberField("Höchstbetrag je Haushaltsjahr in Euro")
    term_public_funding_cap_percent = TermNumberField(
        "Obergrenze aller öffentlichen Mittel in Prozent", percent=True
    )
    term_own_contribution_min_percent = TermNumberField(
        "Mindesteigenanteil in Prozent", percent=True
    )
    term_overhead_max_percent = TermNumberField(
        "Verwaltungsausgaben höchstens in Prozent", percent=True
    )
    term_overhead_fixed_eur_per_year = TermNumberField("Verwaltungspauschale in Euro je Jahr")
    term_investment_max_percent = TermNumberField(
        "Investitionen höchstens in Prozent der Gesamtausgaben", percent=True
    )
    term_sach_max_percent = TermNumberField(
        "Sachausgaben höchstens in Prozent der zuwendungsfähigen Ausgaben", percent=True
    )
    term_inventory_threshold_net_eur = TermNumberField("Wertgrenze netto in Euro")
    term_own_contribution_counts = SelectMultipleField(
        "Als Eigenanteil zählen",
        choices=choices(SOURCE_KINDS),
        default=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    term_volunteer_work = SelectField(
        "Ehrenamt",
        choices=choices(
            {
                "": "wie im Katalog",
                "yes": "anerkannt",
                NONE: "nicht anerkannt",
                UNKNOWN: "unbekannt",
            }
        ),
        default="",
    )
    volunteer_rate_eur_per_hour = EuroField("Stundensatz in Euro")
    volunteer_max_percent = TermNumberField(
        "höchstens in Prozent der zuwendungsfähigen Ausgaben", percent=True
    )
    volunteer_may_meet_own_min = SelectField(
        "zählt zum Mindesteigenanteil",
        choices=choices({"": "unbekannt", "ja": "ja", "nein": "nein"}),
        default="",
    )

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        ok = super().validate(extra_validators)
        for table in TABLES:
            rows: FieldList = self[table.name]
            if len(rows.entries) > MAX_ROWS:
                self.form_errors.append(
                    f"{table.title}: höchstens {MAX_ROWS} Zeilen; bitte Zeilen zusammenfassen."
                )
                ok = False
        return ok


_CODES: dict[str, Mapping[str, str]] = {
    "funding_type": FUNDING_TYPES,
    "financing_type": FINANCING_TYPES,
    "rate_base": RATE_BASES,
    "subsidiarity": SUBSIDIARITY,
    "own_contribution_base": OWN_BASES,
    "overhead_base": OVERHEAD_BASES,
    "de_minimis": DE_MINIMIS_REGIMES,
    "start_rule": START_RULES,
}


@dataclass(frozen=True)
class MoreRows:
    """A "Weitere Zeilen" request: at least ``rows`` rows in the page's table ``table``."""

    table: str
    rows: int


def prepare_budget_form(
    form: BudgetForm,
    programmes: Sequence[tuple[str, str]],
    catalogue: Terms,
    catalogue_text: Mapping[str, str],
    more: MoreRows | None = None,
) -> BudgetForm:
    """Choices that depend on the catalogue, and enough empty rows in every table (``more``
    asks for extra rows in one table)."""
    del catalogue  # the texts carry what the selects show
    for key in (*CHOICE_TERMS, *FLAG_TERMS):
        codes = _CODES.get(key, YES_NO)
        form[f"term_{key}"].choices = choices(
            {
                "": f"wie im Katalog ({catalogue_text.get(key, 'nicht angegeben')})",
                UNKNOWN: "unbekannt",
                **codes,
            }
        )
    for table in TABLES:
        rows: FieldList = form[table.name]
        filled = sum(1 for entry in rows.entries if not entry.form.is_empty())
        wanted = max(table.min_rows, filled + EMPTY_ROWS, len(rows.entries))
        if more is not None and more.table == table.name:
            wanted = max(wanted, more.rows)
        while len(rows.entries) < min(wanted, MAX_ROWS):
            rows.append_entry()
    programme_options = choices({"": "–", **dict(programmes)})
    for entry in form.sources.entries:
        entry.form.programme.choices = programme_options
    return form


def find_field(form: Form, name: str) -> Field | None:
    """A field by its full name, descending into the tables (``items-1-paid_on``)."""
    for field in form:
        if field.name == name:
            return field
        if isinstance(field, FieldList) and name.startswith(field.name + "-"):
            for entry in field.entries:
                if name.startswith(entry.name + "-"):
                    return next((f for f in entry.form if f.name == name), None)
    return None


def error_items(form: Form) -> list[tuple[Field, list[str]]]:
    """Every field with messages, in page order (for the summary at the top)."""
    found = []
    for field in form:
        if isinstance(field, FieldList):
            for entry in field.entries:
                found += error_items(entry.form)
        elif field.errors and field.name != "csrf_token":
            found.append((field, list(field.errors)))
    return found


class DeMinimisAidForm(GermanForm):
    """One entry of the De-minimis register."""

    granted_on = DateField(
        "Datum des Bescheids",
        format=DATE_FORMATS,
        validators=[InputRequired("Bitte das Datum des Bescheids angeben.")],
        description="Maßgeblich ist der Tag, an dem die Beihilfe gewährt wurde (Bescheid).",
    )
    grantor = StringField(
        "Beihilfegeber",
        validators=[InputRequired("Bitte den Beihilfegeber angeben."), Length(max=300)],
        description="z. B. „Land NRW, Bezirksregierung Düsseldorf“",
    )
    amount_eur = EuroField(
        "Betrag in Euro (Subventionswert)",
        validators=[InputRequired("Bitte den Betrag angeben.")],
    )
    dawi = BooleanField(
        "DAWI-De-minimis-Beihilfe (VO (EU) 2023/2832)",
        description="Für Dienstleistungen von allgemeinem wirtschaftlichem Interesse; sonst "
        "allgemeine De-minimis-Beihilfe (VO (EU) 2023/2831).",
    )
    note = TextAreaField("Notiz", validators=[Optional(), Length(max=2000)])
