"""The profile wizard: one form per step, validated on the server, field by field."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from funding_matcher.domain import taxonomy
from funding_matcher.domain.cost_split import exact_sum, split_mismatch
from funding_matcher.web.forms import GermanForm, MoneyField, choices

YES_NO_UNKNOWN = {"": "keine Angabe", "ja": "ja", "nein": "nein"}
# The inputs of the budget by cost type (profile field costs_by_type_eur), one per cost type.
SPLIT_FIELDS = {
    "personal": "costs_personal_eur",
    "sach": "costs_sach_eur",
    "investiv": "costs_investiv_eur",
}
NOT_NEGATIVE = NumberRange(min=0, message="Bitte einen Betrag ab 0 angeben.")


class CheckboxesField(SelectMultipleField):
    """A list of checkboxes (accessible alternative to a multi-select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: object) -> None:
        allowed = {choice.value for choice in self.choices}
        unknown = [value for value in self.data or [] if value not in allowed]
        if unknown:
            raise ValidationError(f"Keine gültige Auswahl: {', '.join(unknown)}.")


class CarrierStep(GermanForm):
    """Schritt 1: Träger und Ort."""

    applicant_type = SelectField(
        "Art des Antragstellers",
        choices=choices({"": "Bitte wählen", **taxonomy.APPLICANT_TYPES}),
        validators=[DataRequired("Bitte die Art des Antragstellers wählen.")],
    )
    organisation = StringField("Name des Trägers", validators=[Optional(), Length(max=300)])
    state = SelectField(
        "Bundesland",
        choices=choices({"": "Bitte wählen", **taxonomy.STATES}),
        validators=[DataRequired("Bitte das Bundesland wählen.")],
    )
    municipality = StringField("Kommune", validators=[Optional(), Length(max=200)])
    area_type = SelectField(
        "Gebietstyp",
        choices=choices({"": "keine Angabe", **taxonomy.AREA_TYPES}),
        validators=[Optional()],
    )
    designated_area = SelectField(
        "Liegt das Quartier in einem Fördergebiet der Städtebauförderung?",
        choices=choices(YES_NO_UNKNOWN),
        validators=[Optional()],
    )


class ProjectStep(GermanForm):
    """Schritt 2: Vorhaben."""

    title = StringField(
        "Titel des Vorhabens",
        validators=[DataRequired("Bitte einen Titel angeben."), Length(3, 300)],
    )
    description = TextAreaField(
        "Beschreibung",
        description="Ausgangslage im Quartier, Ziele, Maßnahmen, Partner (mindestens 20 Zeichen).",
        validators=[
            DataRequired("Bitte das Vorhaben beschreiben."),
            Length(20, 50000, "Die Beschreibung braucht mindestens 20 Zeichen."),
        ],
    )
    themes = CheckboxesField("Themen", choices=choices(taxonomy.THEMES), validators=[Optional()])
    target_groups = CheckboxesField(
        "Zielgruppen", choices=choices(taxonomy.TARGET_GROUPS), validators=[Optional()]
    )
    partners = TextAreaField(
        "Partner", description="Eine Organisation pro Zeile.", validators=[Optional()]
    )


class FinanceStep(GermanForm):
    """Schritt 3: Finanzen und Zeitraum."""

    budget_total_eur = MoneyField(
        "Gesamtkosten in Euro",
        places=2,
        validators=[Optional(), NumberRange(min=0, message="Bitte einen Betrag ab 0 angeben.")],
    )
    costs_personal_eur = MoneyField(
        "davon Personalkosten",
        places=2,
        description="Freiwillig: die Gesamtkosten nach Art. Zusammen ergeben die drei Beträge "
        "die Gesamtkosten; ohne Gesamtkosten gilt ihre Summe.",
        validators=[Optional(), NOT_NEGATIVE],
    )
    costs_sach_eur = MoneyField("davon Sachkosten", places=2, validators=[Optional(), NOT_NEGATIVE])
    costs_investiv_eur = MoneyField(
        "davon Investitionen", places=2, validators=[Optional(), NOT_NEGATIVE]
    )
    own_funds_eur = MoneyField(
        "Eigenmittel in Euro",
        places=2,
        validators=[Optional(), NOT_NEGATIVE],
    )
    cost_types = CheckboxesField(
        "Kostenarten", choices=choices(taxonomy.COST_TYPES), validators=[Optional()]
    )
    start_date = DateField("Geplanter Beginn", validators=[Optional()])
    duration_months = IntegerField(
        "Laufzeit in Monaten",
        validators=[Optional(), NumberRange(1, 120, "Bitte 1 bis 120 Monate angeben.")],
    )

    def cost_split(self) -> dict[str, Decimal]:
        """The amounts typed per cost type (types left empty are left out)."""
        return {
            code: Decimal(str(self[name].data))
            for code, name in SPLIT_FIELDS.items()
            if self[name].data is not None
        }

    def total(self) -> Decimal | None:
        """The total costs: as typed, else the sum of the costs by type (None: neither)."""
        split = self.cost_split()
        if self.budget_total_eur.data is None and split:
            return exact_sum(split)
        return self.budget_total_eur.data

    def validate_own_funds_eur(self, field: MoneyField) -> None:
        budget = self.total()
        if field.data is not None and budget is not None and field.data > budget:
            raise ValidationError("Die Eigenmittel sind höher als die Gesamtkosten.")

    def validate(self, extra_validators: Mapping | None = None) -> bool:
        """The fields, then whether the costs by type add up to the total (shown under the
        last of them, where a forgotten amount belongs)."""
        valid = super().validate(extra_validators)
        split = self.cost_split()
        typed = [self[name] for name in SPLIT_FIELDS.values()]
        if not split or self.budget_total_eur.data is None or any(f.errors for f in typed):
            return valid
        mismatch = split_mismatch(split, self.budget_total_eur.data)
        if mismatch:
            self.costs_investiv_eur.errors = [*self.costs_investiv_eur.errors, mismatch]
            return False
        return valid


STEPS = {
    1: ("Träger und Ort", CarrierStep),
    2: ("Vorhaben", ProjectStep),
    3: ("Finanzen und Zeitraum", FinanceStep),
}
REVIEW_STEP = 4
