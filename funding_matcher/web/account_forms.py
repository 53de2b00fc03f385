"""Forms of the account page: API tokens and reminder e-mails."""

from __future__ import annotations

from wtforms import BooleanField, SelectMultipleField, StringField
from wtforms.validators import Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from funding_matcher.web.forms import GermanForm


class TokenForm(GermanForm):
    label = StringField(
        "Bezeichnung",
        validators=[Optional(), Length(max=100)],
        description="z. B. „Dokumentenmanagement“ oder „Auswertung“",
    )


class ReminderForm(GermanForm):
    enabled = BooleanField("Erinnerungen per E-Mail schicken")
    offsets = StringField(
        "Tage vor einem Termin",
        validators=[Optional(), Length(max=60)],
        description="durch Kommas getrennt, z. B. 30, 14, 7, 1",
    )
    # Shown to a person who works for more than one organisation (a consultant's clients):
    # the ticked ones are in the daily e-mail. Choices are set by the view.
    organisations = SelectMultipleField(
        "Erinnerungen für",
        coerce=int,
        choices=[],
        validate_choice=True,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
