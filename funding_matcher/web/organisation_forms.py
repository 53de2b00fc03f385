"""Forms of the organisation page."""

from __future__ import annotations

from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from funding_matcher.models import Role
from funding_matcher.web.forms import GermanForm, choices

ROLE_CHOICES = {role.value: role.label for role in Role}


class AddMemberForm(GermanForm):
    email = EmailField("E-Mail-Adresse", validators=[DataRequired("Bitte E-Mail-Adresse angeben.")])
    name = StringField("Name", validators=[Optional(), Length(max=200)])
    role = SelectField("Rolle", choices=choices(ROLE_CHOICES), default="editor")
    password = PasswordField(
        "Erstes Passwort (nur für ein neues Konto)",
        description="Mindestens 10 Zeichen. Bestehende Konten behalten ihr Passwort.",
        validators=[Optional()],
    )


class RoleForm(GermanForm):
    role = SelectField("Rolle", choices=choices(ROLE_CHOICES))
