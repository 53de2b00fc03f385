"""Forms of planning: deadline, milestones, project period, bodies' meetings, lead times."""

from __future__ import annotations

from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from funding_matcher.domain.planning import BODIES
from funding_matcher.web.forms import GermanForm, choices

DAYS = [Optional(), NumberRange(0, 365, "Bitte 0 bis 365 Tage angeben.")]


class DeadlineForm(GermanForm):
    deadline = DateField(
        "Einreichungsfrist",
        validators=[Optional()],
        description="leer lassen: die nächste Frist des Programms laut Katalog",
    )


class MilestoneForm(GermanForm):
    due = DateField("Fällig am", validators=[Optional()])
    done = BooleanField("erledigt")
    owner_id = SelectField("Zuständig", coerce=int, validators=[Optional()])
    note = StringField("Notiz", validators=[Optional(), Length(max=500)])


class AwardForm(GermanForm):
    project_start = DateField(
        "Beginn des Bewilligungszeitraums", validators=[InputRequired("Bitte angeben.")]
    )
    project_end = DateField(
        "Ende des Bewilligungszeitraums", validators=[InputRequired("Bitte angeben.")]
    )
    eu_funded = BooleanField("mit EU-Mitteln (Belege zehn Jahre aufbewahren)")


class MeetingForm(GermanForm):
    body = SelectField("Gremium", choices=choices(BODIES), validators=[DataRequired()])
    day = DateField("Sitzungstag", validators=[InputRequired("Bitte das Datum angeben.")])
    title = StringField("Bezeichnung", validators=[Optional(), Length(max=200)])


class OffsetsForm(GermanForm):
    ladungsfrist_days = IntegerField("Ladungsfrist des Rats (Tage)", validators=DAYS)
    internal_lead_days = IntegerField(
        "Interner Vorlauf der Sitzungsvorlage (Tage)", validators=DAYS
    )
    council_buffer_days = IntegerField(
        "Abstand Ratsbeschluss bis Antragsfrist (Tage)", validators=DAYS
    )
    vorgespraech_months = IntegerField(
        "Vorgespräch vor der Frist (Monate)",
        validators=[Optional(), NumberRange(0, 24, "Bitte 0 bis 24 Monate angeben.")],
    )
    kooperationen_days = IntegerField(
        "Kooperationsvereinbarungen vor der Frist (Tage)", validators=DAYS
    )
    angebote_days = IntegerField("Angebote vor der Frist (Tage)", validators=DAYS)
    finanzplan_days = IntegerField("Finanzplan final vor der Frist (Tage)", validators=DAYS)
    entwurf_days = IntegerField("Interner Endentwurf vor der Frist (Tage)", validators=DAYS)
    einreichung_working_days = IntegerField(
        "Einreichen vor der Frist (Arbeitstage)",
        validators=[Optional(), NumberRange(0, 30, "Bitte 0 bis 30 Arbeitstage angeben.")],
    )
    vorstandsbeschluss_days = IntegerField(
        "Vorstandsbeschluss vor der Frist (Tage)", validators=DAYS
    )


class ReminderForm(GermanForm):
    enabled = BooleanField("Erinnerungen per E-Mail schicken")
    offsets = StringField(
        "Tage vor einem Termin",
        validators=[Optional(), Length(max=60)],
        description="durch Kommas getrennt, z. B. 30, 14, 7, 1",
    )
