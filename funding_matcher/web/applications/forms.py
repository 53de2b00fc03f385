"""Forms of the applications area."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from funding_matcher.domain.applications.status import STATUSES
from funding_matcher.operations.applications import MAX_SECTION_CHARS
from funding_matcher.web.forms import GermanForm, MoneyField, choices


class NewApplicationForm(GermanForm):
    """Start an application: which project, which programme."""

    project_id = SelectField("Projekt", coerce=int, validators=[InputRequired()])
    programme = HiddenField(validators=[DataRequired("Programm fehlt.")])


class SectionForm(GermanForm):
    text = TextAreaField("Text", validators=[Length(max=MAX_SECTION_CHARS)])
    version = IntegerField(validators=[InputRequired("Version fehlt."), NumberRange(min=1)])


class ChecklistForm(GermanForm):
    done = BooleanField("erledigt")


class StatusForm(GermanForm):
    status = SelectField(
        "Neuer Status",
        choices=choices(STATUSES),
        validators=[InputRequired()],
        id="neuer-status",
        description="Der aktuelle Status steht oben; gewählt ist der nächste übliche Schritt.",
    )
    date = DateField(
        "Datum", validators=[Optional()], description="leer = heute (TT.MM.JJJJ oder JJJJ-MM-TT)"
    )
    amount_eur = MoneyField(
        "Betrag in Euro",
        places=2,
        validators=[Optional(), NumberRange(min=0, max=1_000_000_000)],
        description="beim Einreichen: beantragte Summe; bei Bewilligung: bewilligte Summe",
    )
    despite_missing = BooleanField(
        "Trotzdem als eingereicht erfassen: die fehlenden Pflichtunterlagen sind auf anderem Weg"
        " eingereicht (sie bleiben in der Checkliste offen)"
    )
