"""Forms for new organisations and a consultancy's clients."""

from __future__ import annotations

from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from funding_matcher.domain.taxonomy import STATES
from funding_matcher.models import ORGANISATION_KINDS
from funding_matcher.web.forms import GermanForm, choices


class NewOrganisationForm(GermanForm):
    """A new organisation (for a consultancy: a client); the person becomes its owner."""

    name = StringField(
        "Name der Organisation",
        validators=[DataRequired("Bitte den Namen der Organisation angeben."), Length(2, 200)],
        description="z. B. Stadt Oberhausen, Diakonisches Werk Hannover e. V.",
    )
    kind = SelectField(
        "Art der Organisation",
        choices=choices({"": "Bitte wählen", **ORGANISATION_KINDS}),
        validators=[DataRequired("Bitte die Art der Organisation wählen.")],
    )
    state = SelectField(
        "Bundesland",
        choices=choices({"": "Bitte wählen", **STATES}),
        validators=[DataRequired("Bitte das Bundesland wählen.")],
        description="Der Katalog zeigt zuerst die Programme dieses Landes; der Assistent "
        "übernimmt es für neue Projekte.",
    )
    consultancy = SelectField("Betreut von", choices=[])


class OrganisationDetailsForm(GermanForm):
    """Kind and Land of the current organisation (owners only)."""

    kind = SelectField("Art der Organisation", choices=choices(ORGANISATION_KINDS))
    state = SelectField(
        "Bundesland", choices=choices({"": "nicht angegeben", **STATES}), validate_choice=True
    )
