"""Forms of planning: deadline and start, milestones, the award, meetings, settings, import."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from funding_matcher.domain.planning import BODIES
from funding_matcher.domain.planning.council_import import COUNCIL_BODIES
from funding_matcher.web.forms import GermanForm, MoneyField, choices

DAYS = [Optional(), NumberRange(0, 365, "Bitte 0 bis 365 Tage angeben.")]
EUROS = [Optional(), NumberRange(0, 10**9, "Bitte einen Betrag ab 0 € angeben.")]
CHAIN_LENGTH = 4
COUNCIL_CHOICES = choices({"": "–"} | {code: BODIES[code] for code in COUNCIL_BODIES})


class DeadlineForm(GermanForm):
    deadline = DateField(
        "Einreichungsfrist",
        validators=[Optional()],
        description="leer lassen: die nächste Frist des Programms laut Katalog",
    )
    project_start = DateField(
        "Geplanter Projektbeginn",
        validators=[Optional()],
        description="bei laufender Antragstellung rechnet der Plan von hier zurück",
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
    vn_due = DateField(
        "Verwendungsnachweis fällig am (laut Bescheid oder Vertrag)",
        validators=[Optional()],
        description="leer lassen, wenn der Bescheid keinen Tag nennt",
    )
    purpose_fulfilled = DateField(
        "Zuwendungszweck erfüllt am", validators=[Optional()], description="falls vor dem Ende"
    )
    eu_funded = BooleanField("mit EU-Mitteln (Belege zehn Jahre aufbewahren)")


class MeetingForm(GermanForm):
    body = SelectField("Gremium", choices=choices(BODIES), validators=[DataRequired()])
    day = DateField("Sitzungstag", validators=[InputRequired("Bitte das Datum angeben.")])
    title = StringField("Bezeichnung", validators=[Optional(), Length(max=200)])


class SettingsForm(GermanForm):
    """planning.md § 8 without the meetings: the chain of bodies and every lead time."""

    chain_1 = SelectField("1. Gremium", choices=COUNCIL_CHOICES, validators=[Optional()])
    ladung_1 = IntegerField("Ladungsfrist 1. Gremium (Tage)", validators=DAYS)
    chain_2 = SelectField("2. Gremium", choices=COUNCIL_CHOICES, validators=[Optional()])
    ladung_2 = IntegerField("Ladungsfrist 2. Gremium (Tage)", validators=DAYS)
    chain_3 = SelectField("3. Gremium", choices=COUNCIL_CHOICES, validators=[Optional()])
    ladung_3 = IntegerField("Ladungsfrist 3. Gremium (Tage)", validators=DAYS)
    chain_4 = SelectField("4. Gremium", choices=COUNCIL_CHOICES, validators=[Optional()])
    ladung_4 = IntegerField("Ladungsfrist 4. Gremium (Tage)", validators=DAYS)
    ladungsfrist_days = IntegerField("Ladungsfrist sonst (Tage)", validators=DAYS)
    internal_lead_days = IntegerField(
        "Interner Vorlauf der Sitzungsvorlage (Tage)", validators=DAYS
    )
    council_buffer_days = IntegerField("Abstand Beschluss bis Antragsfrist (Tage)", validators=DAYS)
    finance_review_days = IntegerField(
        "Prüfung des Finanzplans vor der Vorlage bzw. dem Beschluss (Tage)", validators=DAYS
    )
    board_buffer_days = IntegerField(
        "Abstand Vorstandsbeschluss bzw. Verwaltungsentscheidung bis Frist (Tage)",
        validators=DAYS,
    )
    endorsement_lead_days = IntegerField(
        "Stellungnahme der Kommune anfragen vor der Frist (Tage)", validators=DAYS
    )
    board_title = StringField(
        "Name des Vorstands", validators=[Optional(), Length(max=80)], description="z. B. Vorstand"
    )
    council_required = BooleanField("Der Rat beschließt über Förderanträge")
    council_threshold_eur = MoneyField(
        "Wertgrenze für einen Ratsbeschluss (€)",
        validators=EUROS,
        description="leer: der Rat beschließt über jeden Antrag",
    )
    budget_registration = StringField(
        "Anmeldeschluss für den Haushaltsentwurf (TT.MM.)",
        validators=[Optional(), Length(max=6)],
        description="Tag im Vorjahr, z. B. 30.06.",
    )
    adopted_years = StringField(
        "Beschlossene Haushaltsjahre",
        validators=[Optional(), Length(max=60)],
        description="z. B. 2026, 2027",
    )
    mv_enabled = BooleanField("Die Mitgliederversammlung muss Förderanträgen zustimmen können")
    mv_required = BooleanField("immer")
    mv_threshold_eur = MoneyField("ab einem Betrag von (€)", validators=EUROS)
    mv_einberufungsfrist_days = IntegerField("Einberufungsfrist (Tage)", validators=DAYS)


class ImportForm(GermanForm):
    kind = RadioField(
        "Art der Quelle",
        choices=choices(
            {
                "oparl": "OParl-Schnittstelle des Ratsinformationssystems",
                "ics": "Kalenderdatei (ICS) aus ALLRIS, SessionNet o. ä.",
            }
        ),
        default="oparl",
    )
    url = StringField(
        "Adresse",
        validators=[Optional(), Length(max=2000)],
        description="z. B. https://ratsinfo.beispielstadt.de/oparl/v1/system",
    )
    upload = FileField("oder Kalenderdatei hochladen")


class MappingForm(GermanForm):
    """Only the CSRF token: the selects are one per committee of the source."""

    MAPPING_CHOICES = [("", "nicht übernehmen")] + [(c, BODIES[c]) for c in COUNCIL_BODIES]
