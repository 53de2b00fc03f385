"""Forms for sign-in, first start and organisation switching."""

from __future__ import annotations

from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from funding_matcher.domain.accounts.passwords import MIN_PASSWORD_LENGTH
from funding_matcher.domain.taxonomy import STATES
from funding_matcher.models import ORGANISATION_KINDS
from funding_matcher.web.forms import GermanForm, choices


class LoginForm(GermanForm):
    email = EmailField("E-Mail-Adresse", validators=[DataRequired("Bitte E-Mail-Adresse angeben.")])
    password = PasswordField("Passwort", validators=[DataRequired("Bitte Passwort angeben.")])


class SetupForm(GermanForm):
    organisation = StringField(
        "Name der Organisation",
        validators=[DataRequired("Bitte den Namen der Organisation angeben."), Length(2, 200)],
        description="z. B. Stadt Oberhausen, Caritasverband Hagen e. V.",
    )
    kind = SelectField(
        "Art der Organisation",
        choices=choices({"": "Bitte wählen", **ORGANISATION_KINDS}),
        validators=[DataRequired("Bitte die Art der Organisation wählen.")],
    )
    state = SelectField(
        "Bundesland",
        choices=choices({"": "keine Angabe", **STATES}),
        validators=[Optional()],
        description="Der Katalog zeigt zuerst die Programme dieses Landes.",
    )
    name = StringField("Ihr Name", validators=[Length(max=200)])
    email = EmailField("E-Mail-Adresse", validators=[DataRequired("Bitte E-Mail-Adresse angeben.")])
    password = PasswordField(
        "Passwort",
        description="Mindestens 12 Zeichen, nicht die E-Mail-Adresse, kein häufiges Passwort; "
        "gut ist ein Satz aus mehreren eigenen Wörtern.",
        validators=[
            DataRequired("Bitte ein Passwort wählen."),
            Length(
                min=MIN_PASSWORD_LENGTH,
                message=f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein.",
            ),
        ],
    )
    password_repeat = PasswordField(
        "Passwort wiederholen",
        validators=[EqualTo("password", "Die Passwörter stimmen nicht überein.")],
    )


class SwitchOrganisationForm(GermanForm):
    organisation_id = HiddenField(validators=[DataRequired()])


class PasswordChangeForm(GermanForm):
    current_password = PasswordField(
        "Bisheriges Passwort", validators=[DataRequired("Bitte das bisherige Passwort angeben.")]
    )
    new_password = PasswordField(
        "Neues Passwort",
        validators=[DataRequired("Bitte ein neues Passwort wählen.")],
        description="Mindestens 12 Zeichen, nicht die E-Mail-Adresse, kein häufiges Passwort.",
    )
    new_password_repeat = PasswordField(
        "Neues Passwort wiederholen",
        validators=[EqualTo("new_password", "Die Passwörter stimmen nicht überein.")],
    )
