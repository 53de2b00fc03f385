"""Forms of the organisation page."""

from __future__ import annotations

from wtforms import EmailField, SelectField
from wtforms.validators import DataRequired

from funding_matcher.models import Role
from funding_matcher.web.forms import GermanForm, choices

ROLE_CHOICES = {role.value: role.label for role in Role}


class AddMemberForm(GermanForm):
    """Invite a person: they join only when they accept."""

    email = EmailField("E-Mail-Adresse", validators=[DataRequired("Bitte E-Mail-Adresse angeben.")])
    role = SelectField("Rolle", choices=choices(ROLE_CHOICES), default="editor")


class RoleForm(GermanForm):
    role = SelectField("Rolle", choices=choices(ROLE_CHOICES))
