"""Forms of the budget area: the Kosten- und Finanzierungsplan page and the De-minimis register.

Amounts are typed in German notation (12.500,00) or plain (12500.00); numbers such as the
Stellenanteil take a comma or a point (0,75). Range checks are the domain's: its messages are
shown at the input they concern (``apply_budget_problems``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
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
from wtforms.widgets import TextInput

from funding_matcher.domain.budget.model import (
    DE_MINIMIS_REGIMES,
    FINANCING_TYPES,
    OTHER_PUBLIC_STATUSES,
)
from funding_matcher.domain.errors import InvalidData
from funding_matcher.operations.budget_form import FORM_TERMS, ROW_KEYS, TABLES, FormBudget
from funding_matcher.web.forms import GermanForm, choices
from funding_matcher.web.number_fields import EuroField, NumberField, is_filled

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
MAX_ROWS = 200
MIN_ROWS = {"personal": 2, "amounts": 4, "items": 2, "overhead": 1, "other_public": 2}
EMPTY_ROWS = 2  # empty rows below the filled ones, so a new line needs no extra click
MORE_ROWS = 3  # rows added by "Weitere Zeilen"


class RowForm(Form):
    """One row of a table: empty rows are ignored, filled ones need their amounts."""

    class Meta:
        locales = ("de_DE", "de")

    keys: tuple[str, ...] = ()
    required: Mapping[str, str] = {}

    def is_empty(self) -> bool:
        """No input in any of the row's fields (category and checkboxes do not count)."""
        return not any(is_filled(self[key]) for key in self.keys)

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        ok = super().validate(extra_validators)
        if self.is_empty():
            return ok
        for key, message in self.required.items():
            field = self[key]
            if not is_filled(field) and not field.errors:
                field.errors = [*field.errors, message]
                ok = False
        return ok


LABEL_REQUIRED = "Bitte eine Bezeichnung angeben."


class PersonalRow(RowForm):
    keys = ROW_KEYS["personal"]
    required = {
        "label": LABEL_REQUIRED,
        "monthly_eur": "Bitte den Monatssatz angeben.",
        "months": "Bitte die Zahl der Monate angeben.",
    }

    label = StringField("Stelle / Funktion", validators=[Optional(), Length(max=200)])
    monthly_eur = EuroField("Monatssatz (Arbeitgeberbrutto) in Euro")
    share = NumberField("Stellenanteil", percent_of_one=True)
    months = IntegerField("Monate", validators=[Optional()], widget=TextInput())
    ineligible = BooleanField("nicht zuwendungsfähig")


AMOUNT_CATEGORIES = {
    "sach": "Sachausgaben",
    "honorar": "Honorare",
    "reise": "Reisekosten",
    "investition": "Investition (Gesamtbetrag)",
}
ITEM_CATEGORIES = {
    "investition": "Investition / Gegenstand",
    "sach": "Sachausgaben",
    "honorar": "Honorare",
    "reise": "Reisekosten",
}


class AmountRow(RowForm):
    keys = ROW_KEYS["amounts"]
    required = {"label": LABEL_REQUIRED, "amount_eur": "Bitte den Betrag angeben."}

    category = SelectField("Art", choices=choices(AMOUNT_CATEGORIES), default="sach")
    label = StringField("Bezeichnung", validators=[Optional(), Length(max=200)])
    amount_eur = EuroField("Betrag in Euro")
    ineligible = BooleanField("nicht zuwendungsfähig")


class ItemRow(RowForm):
    keys = ROW_KEYS["items"]
    required = {"label": LABEL_REQUIRED, "unit_price_net_eur": "Bitte den Stückpreis angeben."}

    category = SelectField("Art", choices=choices(ITEM_CATEGORIES), default="investition")
    label = StringField("Gegenstand", validators=[Optional(), Length(max=200)])
    unit_price_net_eur = EuroField("Stückpreis netto in Euro")
    quantity = NumberField("Anzahl")
    ineligible = BooleanField("nicht zuwendungsfähig")


class OverheadRow(RowForm):
    keys = ROW_KEYS["overhead"]
    required = {"label": LABEL_REQUIRED, "percent": "Bitte den Prozentsatz angeben."}

    label = StringField("Bezeichnung", validators=[Optional(), Length(max=200)])
    percent = NumberField("Prozent der übrigen zuwendungsfähigen Ausgaben")
    ineligible = BooleanField("nicht zuwendungsfähig")


class OtherPublicRow(RowForm):
    keys = ("programme", "name", "amount_eur")
    required = {"amount_eur": "Bitte den Betrag angeben."}

    programme = SelectField("Programm aus dem Katalog", choices=choices({"": "–"}), default="")
    name = StringField("oder Name der Förderung", validators=[Optional(), Length(max=120)])
    amount_eur = EuroField("Betrag in Euro")
    status = SelectField("Stand", choices=choices(OTHER_PUBLIC_STATUSES), default="beantragt")

    def validate(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool:
        ok = super().validate(extra_validators)
        if self.is_empty():
            return ok
        if self.programme.data and (self.name.data or "").strip():
            self.name.errors = [
                *self.name.errors,
                "Bitte entweder ein Programm wählen oder einen Namen eingeben, nicht beides.",
            ]
            return False
        if not self.programme.data and not (self.name.data or "").strip():
            self.name.errors = [
                *self.name.errors,
                "Bitte ein Programm wählen oder den Namen der Förderung eingeben.",
            ]
            return False
        return ok


def _rows(form_class: type[RowForm]) -> FieldList:
    return FieldList(FormField(form_class), min_entries=0, max_entries=MAX_ROWS)


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
        description="Nur ankreuzen, wenn eine schriftliche Zustimmung vorliegt: Sonst darf das "
        "Vorhaben erst nach der Bewilligung beginnen.",
    )
    personal = _rows(PersonalRow)
    amounts = _rows(AmountRow)
    items = _rows(ItemRow)
    overhead = _rows(OverheadRow)

    own_funds_eur = EuroField(
        "Eigenmittel in Euro", description="Geld des Trägers, das in das Vorhaben fließt."
    )
    volunteer_hours = NumberField(
        "Ehrenamtliche Arbeit in Stunden",
        description="Wird nur angerechnet, wenn das Programm Ehrenamt als Eigenleistung "
        "anerkennt (Stundensatz unter „Förderbedingungen“).",
    )
    third_party_eur = EuroField(
        "Leistungen Dritter in Euro", description="Spenden, Stiftungsmittel ohne öffentliche Hand."
    )
    income_eur = EuroField(
        "Einnahmen in Euro", description="Teilnahmebeiträge, Eintrittsgelder, Verkaufserlöse."
    )
    requested_eur = EuroField(
        "Beantragte Zuwendung in Euro",
        description="Leer lassen, um die höchstmögliche Zuwendung zu beantragen.",
    )
    other_public = _rows(OtherPublicRow)

    financing_type = SelectField(
        "Finanzierungsart", choices=choices({"": "wie im Katalog"}), default=""
    )
    funding_rate_max_percent = NumberField("Höchstförderquote in Prozent")
    amount_max_eur = EuroField("Höchstbetrag der Zuwendung in Euro")
    amount_min_eur = EuroField("Mindestbetrag der Zuwendung in Euro")
    own_contribution_min_percent = NumberField("Mindesteigenanteil in Prozent")
    overhead_max_percent = NumberField("Höchstzulässige Verwaltungspauschale in Prozent")
    volunteer_rate_eur_per_hour = EuroField("Stundensatz für ehrenamtliche Arbeit in Euro")
    volunteer_max_percent = NumberField(
        "Obergrenze für ehrenamtliche Arbeit in Prozent der zuwendungsfähigen Ausgaben"
    )
    de_minimis = SelectField(
        "De-minimis-Regelung", choices=choices({"": "wie im Katalog"}), default=""
    )
    fixed_amount_eur = EuroField("Festbetrag in Euro")
    unknown_terms = SelectMultipleField(
        "als unbekannt behandeln", choices=choices({key: key for key in FORM_TERMS}), default=[]
    )


TERM_FIELDS: dict[str, tuple[str, ...]] = {
    "financing_type": ("financing_type",),
    "funding_rate_max_percent": ("funding_rate_max_percent",),
    "amount_max_eur": ("amount_max_eur",),
    "amount_min_eur": ("amount_min_eur",),
    "own_contribution_min_percent": ("own_contribution_min_percent",),
    "overhead_max_percent": ("overhead_max_percent",),
    "volunteer_work": ("volunteer_rate_eur_per_hour", "volunteer_max_percent"),
    "de_minimis": ("de_minimis",),
    "fixed_amount_eur": ("fixed_amount_eur",),
}


def prepare_budget_form(
    form: BudgetForm,
    programmes: Sequence[tuple[str, str]],
    catalogue_texts: Mapping[str, str],
    more: tuple[str, int] | None = None,
) -> BudgetForm:
    """Choices that depend on the catalogue, and enough empty rows in every table.

    ``more`` (table, rows) asks for at least that many rows in one table ("Weitere Zeilen").
    """
    form.financing_type.choices = choices(
        {
            "": f"wie im Katalog ({catalogue_texts.get('financing_type', 'nicht angegeben')})",
            **FINANCING_TYPES,
        }
    )
    form.de_minimis.choices = choices(
        {
            "": f"wie im Katalog ({catalogue_texts.get('de_minimis', 'nicht angegeben')})",
            **DE_MINIMIS_REGIMES,
        }
    )
    for table in (*TABLES, "other_public"):
        rows: FieldList = form[table]
        filled = sum(1 for entry in rows.entries if not entry.form.is_empty())
        wanted = max(MIN_ROWS[table], filled + EMPTY_ROWS, len(rows.entries))
        if more is not None and more[0] == table:
            wanted = max(wanted, more[1])
        while len(rows.entries) < min(wanted, MAX_ROWS):
            rows.append_entry()
    programme_options = choices({"": "– bitte wählen –", **dict(programmes)})
    for entry in form.other_public.entries:
        entry.form.programme.choices = programme_options
    return form


def apply_budget_problems(form: BudgetForm, error: InvalidData, built: FormBudget) -> None:
    """Show each problem of the domain's check at the input it concerns (or above the form)."""
    for problem in error.problems:
        name = built.field_name(problem.field)
        field = find_field(form, name) if name else None
        if field is not None:
            field.errors = [*field.errors, problem.message]
        else:
            form.form_errors.append(str(problem))


def find_field(form: Form, name: str) -> Field | None:
    """A field by its full name, descending into the tables (``personal-1-share``)."""
    for field in form:
        if field.name == name:
            return field
        if isinstance(field, FieldList) and name.startswith(field.name + "-"):
            for entry in field.entries:
                if name.startswith(entry.name + "-"):
                    return next((f for f in entry.form if f.name == name), None)
    return None


def error_items(form: Form) -> Iterator[tuple[Field, list[str]]]:
    """Every field with messages, in page order (for the summary at the top)."""
    for field in form:
        if isinstance(field, FieldList):
            for entry in field.entries:
                yield from error_items(entry.form)
        elif field.errors and field.name != "csrf_token":
            yield field, list(field.errors)


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
