"""Forms of the account page: API tokens and reminder e-mails."""

from __future__ import annotations

from wtforms import BooleanField, SelectMultipleField, StringField
from wtforms.validators import Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from funding_matcher.web.forms import GermanForm


class TokenForm(GermanForm):
    label = StringField(
        "Bezeichnung",
        validators=[Optional(), Length(max=100)],
        description="z. B. „Dokumentenmanagement“ oder „Auswertung“",
    )


class OrganisationChoice(SelectMultipleField):
    """Ticked organisations; one that is not offered gets a German message, not WTForms'."""

    def pre_validate(self, form: GermanForm) -> None:
        offered = {value for value, _ in self.choices or ()}
        if any(value not in offered for value in self.data or ()):
            raise ValidationError("Bitte nur Organisationen wählen, für die Sie arbeiten.")


class ReminderForm(GermanForm):
    enabled = BooleanField("Erinnerungen per E-Mail schicken")
    offsets = StringField(
        "Tage vor einem Termin",
        validators=[Optional(), Length(max=60)],
        description="durch Kommas getrennt, z. B. 30, 14, 7, 1",
    )
    # Shown to a person who works for more than one organisation (a consultant's clients):
    # the ticked ones are in the daily e-mail. Choices are set by the view.
    organisations = OrganisationChoice(
        "Erinnerungen für",
        coerce=int,
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
