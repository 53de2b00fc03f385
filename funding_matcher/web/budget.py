"""The Kosten- und Finanzierungsplan page of an application and the De-minimis register."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.datastructures import MultiDict

from funding_matcher.domain.budget import de_minimis_sums, declaration_text, terms_from_programme
from funding_matcher.domain.budget.checks import LEVEL_LABELS
from funding_matcher.domain.budget.money import format_eur, format_number, format_percent
from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import Application, DeMinimisAid, Role
from funding_matcher.operations.budget import (
    add_register_aid,
    application_declaration,
    budget_summary,
    check_application_budget,
    delete_register_aid,
    new_plan_values,
    programme_choices,
    programme_record,
    register_aids,
    register_entries,
    save_budget,
    save_budget_pending,
    stored_report,
)
from funding_matcher.operations.budget_form import TABLES, FormBudget, budget_from_form, form_values
from funding_matcher.web.access import (
    current_membership,
    current_organisation,
    member_required,
    owned_or_404,
    require_role,
)
from funding_matcher.web.budget_forms import (
    MAX_ROWS,
    MORE_ROWS,
    BudgetForm,
    DeMinimisAidForm,
    apply_budget_problems,
    prepare_budget_form,
)
from funding_matcher.web.budget_page import (
    catalogue_short,
    catalogue_terms,
    check_links,
    error_summary,
    row_numbers,
    term_rows,
)
from funding_matcher.web.day import today
from funding_matcher.web.forms import apply_problems
from funding_matcher.web.projects_forms import ConfirmForm

bp = Blueprint("budget", __name__)

ROW_TABLES = (*TABLES, "other_public")
_KEPT_INPUT = re.compile(r"(?:personal|amounts|items|overhead|other_public)-\d{1,3}-\w{1,40}")
_MAX_KEPT_CHARS = 1000


@bp.app_template_filter("kfp_eur")
def eur_filter(value: Decimal | None) -> str:
    """Euros as in the domain's messages: 12.345,67 €."""
    return "–" if value is None else format_eur(value)


@bp.app_template_filter("kfp_percent")
def percent_filter(value: Decimal | None) -> str:
    """A percentage as in the domain's messages: 66,67 %; "–" when it cannot be computed."""
    return "–" if value is None else format_percent(value)


@bp.app_template_filter("kfp_number")
def number_filter(value: Decimal | None) -> str:
    """A German number without trailing zeros: 1.200 or 7,5."""
    return "–" if value is None else format_number(value)


@bp.app_template_global("budget_summary")
def summary(application: Application) -> Any:
    """Grant and open checks of an application's plan, for the application overview."""
    return budget_summary(application)


def _raw_input(form: BudgetForm) -> dict[str, list[str]]:
    """The posted fields of the plan (nothing else, bounded in size), to keep as pending input."""
    names = {field.name for field in form}
    kept = {}
    for key, values in request.form.to_dict(flat=False).items():
        if key in names - {"csrf_token"} or _KEPT_INPUT.fullmatch(key):
            kept[key] = [value[:_MAX_KEPT_CHARS] for value in values[:20]]
    return kept


def _more_rows(form: BudgetForm | None = None) -> tuple[str, int] | None:
    """The table whose "Weitere Zeilen" button was pressed, and how many rows it should get.

    A POST counts the rows the user saw; the page after the redirect reads ``zeilen``.
    """
    table = request.values.get("weitere")
    if table not in ROW_TABLES:
        return None
    if form is not None:
        wanted = len(form[table].entries) + MORE_ROWS
    else:
        try:
            wanted = int(request.args.get("zeilen", ""))
        except ValueError:
            wanted = MORE_ROWS
    return table, max(0, min(wanted, MAX_ROWS))


class PlanPage:
    """Everything the plan page needs from the catalogue for one application."""

    def __init__(self, application: Application) -> None:
        self.application = application
        self.record = programme_record(application.programme_slug)
        self.catalogue = catalogue_terms(self.record)
        self.programmes = programme_choices()

    def form(self, form: BudgetForm, more: tuple[str, int] | None = None) -> BudgetForm:
        return prepare_budget_form(form, self.programmes, catalogue_short(self.catalogue), more)

    def build(self, form: BudgetForm) -> FormBudget:
        """The budget v1 of a valid form (the stored plan supplies what the page does not edit)."""
        return budget_from_form(
            form.data,
            self.application.programme_slug,
            terms_from_programme(self.record) if self.record else {},
            self.application.budget,
        )

    def render(
        self,
        form: BudgetForm | None,
        built: FormBudget | None = None,
        status: int = 200,
    ):
        application = self.application
        pending = application.budget_pending is not None
        report = stored_report(application)
        lines, other = (built.lines, built.other) if built else ((), ())
        if built is None and application.budget is not None and not pending:
            values = form_values(application.budget, dict(self.programmes))
            lines, other = values.lines, values.other
        split = report.years() if report is not None else None
        aids_in_plan = (application.budget or {}).get("de_minimis_received") or []
        return render_template(
            "budget/plan.html",
            application=application,
            programme=self.record,
            form=form,
            pending=pending,
            errors=error_summary(form),
            levels=LEVEL_LABELS,
            report=report,
            links=check_links(report, form, lines, other, bool(aids_in_plan))
            if report and not pending
            else [],
            aids_in_plan=aids_in_plan,
            numbers=row_numbers(lines),
            terms=term_rows(form, self.catalogue, report),
            years=split if split is not None and len(split.years) > 1 else None,
            programme_titles=dict(self.programmes),
        ), status


@bp.route("/antraege/<int:application_id>/finanzplan", methods=["GET", "POST"])
@member_required()
def plan(application_id: int):
    application = owned_or_404(Application, application_id)
    if request.method == "POST":
        owned_or_404(Application, application_id, Role.editor)
        return _save(PlanPage(application))
    page = PlanPage(application)
    membership = current_membership()
    if membership is None or not membership.role.at_least(Role.editor):
        return page.render(None)
    more = _more_rows()
    if application.budget_pending:
        return _show_pending(page, more)
    if application.budget is not None:
        values = form_values(application.budget, dict(page.programmes))
        form = BudgetForm(formdata=None, data=values.values)
    else:
        form = BudgetForm(formdata=None, data=new_plan_values(application, today()))
    return page.render(page.form(form, more))


def _show_pending(page: PlanPage, more: tuple[str, int] | None):
    """Input that did not validate, shown again with the messages at its inputs."""
    pending = page.application.budget_pending or {}
    formdata = MultiDict([(key, value) for key, values in pending.items() for value in values])
    form = page.form(BudgetForm(formdata=formdata, meta={"csrf": False}), more)
    built = None
    if form.validate():
        built = page.build(form)
        try:
            check_application_budget(page.application, built.data)
        except InvalidData as exc:
            apply_budget_problems(form, exc, built)
    return page.render(form, built)


def _save(page: PlanPage):
    application = page.application
    form = BudgetForm()
    more = _more_rows(form)  # counted before empty rows are added: the rows the user saw
    page.form(form)
    built = None
    if form.validate_on_submit():
        built = page.build(form)
        try:
            save_budget(application, built.data)
        except InvalidData as exc:
            db.session.rollback()
            apply_budget_problems(form, exc, built)
        else:
            db.session.commit()
            target = url_for("budget.plan", application_id=application.id)
            if more is not None:
                flash("Plan gespeichert; weitere Zeilen sind angefügt.", "success")
                table, rows = more
                target = url_for(
                    "budget.plan", application_id=application.id, weitere=table, zeilen=rows
                )
                return redirect(f"{target}#tabelle-{table}"), 303
            flash("Plan gespeichert und geprüft.", "success")
            return redirect(f"{target}#ergebnis"), 303
    save_budget_pending(application, _raw_input(form))
    db.session.commit()
    if more is not None:
        page.form(form, more)
    return page.render(form, built, 422)


@bp.route("/antraege/<int:application_id>/de-minimis-erklaerung")
@member_required()
def declaration(application_id: int):
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


def _register_page(form: DeMinimisAidForm, status: int = 200):
    organisation = current_organisation()
    day = today()
    return render_template(
        "budget/register.html",
        organisation=organisation,
        entries=register_entries(organisation.id),
        sums=de_minimis_sums(register_aids(organisation.id), day),
        today=day,
        form=form,
        confirm_form=ConfirmForm(formdata=None),
    ), status


@bp.route("/organisation/de-minimis", methods=["GET", "POST"])
@member_required()
def register():
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
        db.session.rollback()
        apply_problems(form, exc)
        return _register_page(form, 422)
    db.session.commit()
    flash(f"Beihilfe von „{row.grantor}“ eingetragen.", "success")
    return redirect(url_for("budget.register")), 303


@bp.route("/organisation/de-minimis/<int:aid_id>/loeschen", methods=["POST"])
@member_required(Role.editor)
def delete_aid(aid_id: int):
    row = owned_or_404(DeMinimisAid, aid_id, Role.editor)
    if not ConfirmForm().validate_on_submit():
        flash("Die Aktion konnte nicht bestätigt werden. Bitte erneut versuchen.", "error")
        return redirect(url_for("budget.register")), 303
    grantor = row.grantor
    delete_register_aid(row)
    db.session.commit()
    flash(f"Eintrag „{grantor}“ gelöscht.", "success")
    return redirect(url_for("budget.register")), 303
