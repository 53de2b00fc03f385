"""The organisation's De-minimis register and an application's De-minimis-Erklärung."""

from __future__ import annotations

from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for

from funding_matcher.domain.budget import de_minimis_sums, declaration_text
from funding_matcher.domain.errors import InvalidData
from funding_matcher.models import Application, DeMinimisAidRow, Role
from funding_matcher.operations.budget import (
    add_register_aid,
    application_declaration,
    delete_register_aid,
    register_aids,
    register_entries,
)
from funding_matcher.web.access import (
    current_organisation,
    member_required,
    owned_or_404,
    require_role,
)
from funding_matcher.web.budget.blueprint import bp
from funding_matcher.web.budget.forms import DeMinimisAidForm
from funding_matcher.web.clock import today
from funding_matcher.web.forms import CsrfForm, apply_problems
from funding_matcher.web.transaction import discard_changes


@bp.route("/antraege/<int:application_id>/de-minimis-erklaerung")
@member_required()
def declaration(application_id: int) -> Any:
    application = owned_or_404(Application, application_id)
    result = application_declaration(application, today())
    if request.args.get("format") == "txt":
        return Response(
            declaration_text(result.declaration),
            mimetype="text/plain",
            headers={
                "Content-Disposition": "attachment; "
                f'filename="de-minimis-erklaerung-antrag-{application.id}.txt"'
            },
        )
    return render_template(
        "budget/declaration.html", application=application, result=result, d=result.declaration
    )


def _register_page(form: DeMinimisAidForm, status: int = 200) -> Any:
    organisation = current_organisation()
    day = today()
    return render_template(
        "budget/register.html",
        organisation=organisation,
        entries=register_entries(organisation.id),
        sums=de_minimis_sums(register_aids(organisation.id), day),
        today=day,
        form=form,
        csrf_form=CsrfForm(formdata=None),
    ), status


@bp.route("/organisation/de-minimis", methods=["GET", "POST"])
@member_required()
def register() -> Any:
    if request.method == "GET":
        return _register_page(DeMinimisAidForm(formdata=None))
    require_role(Role.editor)
    form = DeMinimisAidForm()
    if not form.validate_on_submit():
        return _register_page(form, 422)
    try:
        row = add_register_aid(
            current_organisation(),
            form.granted_on.data,
            form.grantor.data,
            form.amount_eur.data,
            bool(form.dawi.data),
            form.note.data,
        )
    except InvalidData as exc:
        discard_changes()
        apply_problems(form, exc)
        return _register_page(form, 422)
    flash(f"Beihilfe von „{row.grantor}“ eingetragen.", "success")
    return redirect(url_for("budget.register")), 303


@bp.route("/organisation/de-minimis/<int:aid_id>/loeschen", methods=["POST"])
@member_required(Role.editor)
def delete_aid(aid_id: int) -> Any:
    row = owned_or_404(DeMinimisAidRow, aid_id, Role.editor)
    grantor = row.grantor
    delete_register_aid(row)
    flash(f"Eintrag „{grantor}“ gelöscht.", "success")
    return redirect(url_for("budget.register")), 303
