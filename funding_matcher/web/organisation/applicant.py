"""The organisation's applicant block (drafting contract § 2): what every draft's Antragsteller
block and Erklärungen print. Owners edit it; every member sees it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from wtforms import DateField, EmailField, SelectField, StringField
from wtforms.validators import Length, Optional

from funding_matcher.domain.applications.applicant import Applicant, format_iban
from funding_matcher.domain.errors import InvalidData
from funding_matcher.models import Role
from funding_matcher.web.access import current_organisation, member_required
from funding_matcher.web.forms import GermanForm, choices

bp = Blueprint("applicant", __name__, url_prefix="/organisation/antragsteller")

REPRESENTATIVES = 3
VAT_CHOICES = {"": "nicht angegeben", "nein": "nein", "ja": "ja"}


def _text(label: str, description: str = "", length: int = 300) -> StringField:
    return StringField(label, validators=[Optional(), Length(max=length)], description=description)


class ApplicantForm(GermanForm):
    """Name, legal form, address, representatives, contact, bank, register, tax office."""

    name = _text("Name des Antragstellers", "wie im Register oder in der Hauptsatzung")
    legal_form = _text("Rechtsform", "z. B. e. V., gGmbH, Gebietskörperschaft")
    street = _text("Straße und Hausnummer")
    postcode = _text("Postleitzahl", length=10)
    city = _text("Ort")
    rep1_name = _text("Vertretungsberechtigte Person 1")
    rep1_function = _text("Funktion (Person 1)", "z. B. Vorsitzende, Bürgermeister")
    rep2_name = _text("Vertretungsberechtigte Person 2")
    rep2_function = _text("Funktion (Person 2)")
    rep3_name = _text("Vertretungsberechtigte Person 3")
    rep3_function = _text("Funktion (Person 3)")
    contact_name = _text("Ansprechperson", "wer Rückfragen des Fördergebers beantwortet")
    contact_phone = _text("Telefon", length=50)
    contact_email = EmailField("E-Mail", validators=[Optional(), Length(max=254)])
    iban = _text("IBAN", "wird mit der Prüfziffer geprüft", length=42)
    bank = _text("Bank")
    register = _text("Registereintrag", "z. B. VR 1234, Amtsgericht Hannover")
    tax_office = _text("Finanzamt des Freistellungsbescheids")
    tax_date = DateField("Datum des Freistellungsbescheids", validators=[Optional()])
    municipality_key = _text(
        "Amtlicher Gemeindeschlüssel", "8 Ziffern, nur bei Kommunen (z. B. 05513000)", 20
    )
    vat_deductible = SelectField(
        "Zum Vorsteuerabzug berechtigt?",
        choices=choices(VAT_CHOICES),
        description="Gilt, wenn der Finanzplan nichts anderes sagt.",
    )


# Field path of the block -> form field, for the messages of the domain's validation.
PATHS = {
    "address.street": "street",
    "address.postcode": "postcode",
    "address.city": "city",
    "contact.name": "contact_name",
    "contact.phone": "contact_phone",
    "contact.email": "contact_email",
    "tax_exempt_notice.office": "tax_office",
    "tax_exempt_notice.date": "tax_date",
    **{f"representatives.{i}.name": f"rep{i + 1}_name" for i in range(REPRESENTATIVES)},
    **{f"representatives.{i}.function": f"rep{i + 1}_function" for i in range(REPRESENTATIVES)},
}


def block_from_form(form: ApplicantForm) -> dict[str, Any]:
    """The applicant block as JSON data from the form (empty fields left out)."""

    def value(name: str) -> Any:
        data = getattr(form, name).data
        return data.strip() if isinstance(data, str) and data.strip() else (data or None)

    block: dict[str, Any] = {
        "name": value("name"),
        "legal_form": value("legal_form"),
        "address": {
            "street": value("street"),
            "postcode": value("postcode"),
            "city": value("city"),
        },
        "representatives": [
            {"name": value(f"rep{i}_name"), "function": value(f"rep{i}_function")}
            for i in range(1, REPRESENTATIVES + 1)
            if value(f"rep{i}_name")
        ],
        "contact": {
            "name": value("contact_name"),
            "phone": value("contact_phone"),
            "email": value("contact_email"),
        },
        "iban": value("iban"),
        "bank": value("bank"),
        "register": value("register"),
        "tax_exempt_notice": {
            "office": value("tax_office"),
            "date": form.tax_date.data.isoformat() if form.tax_date.data else None,
        },
        "municipality_key": value("municipality_key"),
        "vat_deductible": {"ja": True, "nein": False}.get(form.vat_deductible.data or ""),
    }
    return _drop_empty(block)


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, {}, [])}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def form_data(block: Applicant) -> dict[str, Any]:
    """The stored block as the form's starting values."""
    data: dict[str, Any] = {
        "name": block.name,
        "legal_form": block.legal_form,
        "iban": format_iban(block.iban) if block.iban else None,
        "bank": block.bank,
        "register": block.register_entry,
        "municipality_key": block.municipality_key,
        "vat_deductible": {True: "ja", False: "nein"}.get(block.vat_deductible, ""),
    }
    if block.address:
        data.update(street=block.address.street, postcode=block.address.postcode)
        data["city"] = block.address.city
    for i, person in enumerate(block.representatives[:REPRESENTATIVES], start=1):
        data[f"rep{i}_name"], data[f"rep{i}_function"] = person.name, person.function
    if block.contact:
        data.update(contact_name=block.contact.name, contact_phone=block.contact.phone)
        data["contact_email"] = block.contact.email
    if block.tax_exempt_notice:
        data.update(tax_office=block.tax_exempt_notice.office)
        data["tax_date"] = block.tax_exempt_notice.date
    return data


def stored_block() -> Applicant:
    organisation = current_organisation()
    try:
        block = Applicant.from_dict(organisation.applicant or {})
    except InvalidData:
        block = Applicant()
    return block.with_name(organisation.name)


def _page(form: ApplicantForm, code: int = 200):
    return render_template("organisation/applicant.html", form=form, block=stored_block()), code


@bp.route("")
@member_required()
def show():
    return _page(ApplicantForm(formdata=None, data=form_data(stored_block())))


@bp.route("", methods=["POST"])
@member_required(Role.owner)
def save():
    form = ApplicantForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        return _page(form, 422)
    try:
        block = Applicant.from_dict(block_from_form(form))
    except InvalidData as exc:
        for problem in exc.problems:
            field = form._fields.get(PATHS.get(problem.field, problem.field.split(".", 1)[0]))
            if field is not None:
                field.errors = [*field.errors, problem.message]
            else:
                form.form_errors.append(str(problem))
        return _page(form, 422)
    current_organisation().applicant = block.to_dict()
    flash("Antragsteller-Angaben gespeichert; jeder Antragsentwurf übernimmt sie.", "success")
    return redirect(url_for("applicant.show")), 303
