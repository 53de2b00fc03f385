"""The Kosten- und Finanzierungsplan page of an application.

Three states: no plan yet (starting values from the profile), a stored plan (checked and shown
with its result), pending input (a POST that did not validate is kept, so nothing typed is
lost, and shown again with the messages at its inputs; the stored plan stays valid meanwhile).
A POST saves and redirects to the GET (303); "Weitere Zeilen" saves too and asks the GET for
more rows of one table.
"""

from __future__ import annotations

import re
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from funding_matcher.domain.budget.checks import LEVEL_LABELS
from funding_matcher.domain.budget.model import SOURCE_KINDS
from funding_matcher.domain.errors import InvalidData
from funding_matcher.models import Application, Role
from funding_matcher.operations.budget import (
    check_application_budget,
    new_plan_values,
    parsed_budget,
    programme_choices,
    programme_record,
    save_budget,
    save_budget_pending,
    stored_report,
)
from funding_matcher.web.access import current_membership, member_required, owned_or_404
from funding_matcher.web.budget.blueprint import bp
from funding_matcher.web.budget.forms import (
    MAX_ROWS,
    MORE_ROWS,
    BudgetForm,
    MoreRows,
    find_field,
    prepare_budget_form,
)
from funding_matcher.web.budget.mapping import (
    TABLE,
    TABLES,
    FormBudget,
    budget_from_form,
    form_values,
)
from funding_matcher.web.budget.page import (
    catalogue_terms,
    catalogue_texts,
    check_links,
    error_summary,
    rate_base_text,
    row_numbers,
    term_rows,
    unchecked_items,
    year_rows,
)
from funding_matcher.web.clock import today
from funding_matcher.web.transaction import discard_changes, keep_changes

_ROW_INPUT = re.compile(r"(?:" + "|".join(t.name for t in TABLES) + r")-\d{1,3}-\w{1,40}")
_MAX_KEPT_CHARS = 1000


def _raw_input(form: BudgetForm) -> dict[str, list[str]]:
    """The posted fields of the plan (nothing else, bounded in size), to keep as pending input."""
    names = {field.name for field in form}
    kept = {}
    for key, values in request.form.to_dict(flat=False).items():
        if key in names - {"csrf_token"} or _ROW_INPUT.fullmatch(key):
            kept[key] = [value[:_MAX_KEPT_CHARS] for value in values[:20]]
    return kept


def _more_rows(form: BudgetForm | None = None) -> MoreRows | None:
    """The table whose "Weitere Zeilen" button was pressed, and how many rows it should get."""
    table = request.values.get("weitere")
    if table not in TABLE:
        return None
    if form is not None:
        wanted = len(form[table].entries) + MORE_ROWS
    else:
        try:
            wanted = int(request.args.get("zeilen", ""))
        except ValueError:
            wanted = MORE_ROWS
    return MoreRows(table, max(0, min(wanted, MAX_ROWS)))


def show_problems(form: BudgetForm, error: InvalidData, built: FormBudget) -> None:
    """Each problem of the domain's check at the input it concerns (or above the form)."""
    for problem in error.problems:
        name = built.input_name(problem.field)
        field = find_field(form, name) if name else None
        if field is not None:
            field.errors = [*field.errors, problem.message]
        else:
            form.form_errors.append(problem.message)


class FinancingPlanPage:
    """Everything the plan page needs from the catalogue for one application."""

    def __init__(self, application: Application) -> None:
        self.application = application
        self.record = programme_record(application.programme_slug)
        self.catalogue = catalogue_terms(self.record)
        self.programmes = programme_choices()

    def form(self, form: BudgetForm, more: MoreRows | None = None) -> BudgetForm:
        texts = catalogue_texts(self.catalogue)
        return prepare_budget_form(form, self.programmes, self.catalogue, texts, more)

    def build(self, form: BudgetForm) -> FormBudget:
        """The budget v2 of a valid form (the stored plan supplies what the page does not edit)."""
        return budget_from_form(form.data, self.application.programme_slug, self.application.budget)

    def render(self, form: BudgetForm | None, built: FormBudget | None = None, status: int = 200):
        application = self.application
        pending = application.budget_pending is not None
        report = stored_report(application, self.record)
        lines, sources = (built.lines, built.sources) if built else ((), ())
        if built is None and report is not None and not pending:
            values = form_values(report.budget)
            lines, sources = values.lines, values.sources
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
            unchecked=unchecked_items(report) if report else [],
            links=check_links(report, form, lines, sources, bool(aids_in_plan))
            if report and not pending
            else [],
            aids_in_plan=aids_in_plan,
            numbers=row_numbers(lines),
            terms=term_rows(form, self.catalogue, report),
            year_rows=year_rows(report) if report else [],
            rate_base_text=rate_base_text(report) if report else None,
            source_kinds=SOURCE_KINDS,
            kommune=application.organisation.kind == "kommune",
            programme_titles=dict(self.programmes),
        ), status


@bp.route("/antraege/<int:application_id>/finanzplan", methods=["GET", "POST"])
@member_required()
def plan(application_id: int) -> Any:
    application = owned_or_404(Application, application_id)
    if request.method == "POST":
        owned_or_404(Application, application_id, Role.editor)
        return _save(FinancingPlanPage(application))
    page = FinancingPlanPage(application)
    membership = current_membership()
    if membership is None or not membership.role.at_least(Role.editor):
        return page.render(None)
    more = _more_rows()
    if application.budget_pending:
        return _show_pending(page, more)
    stored = parsed_budget(application)
    if stored is not None:
        form = BudgetForm(formdata=None, data=form_values(stored).values)
    else:
        form = BudgetForm(formdata=None, data=new_plan_values(application, today()))
    return page.render(page.form(form, more))


def _show_pending(page: FinancingPlanPage, more: MoreRows | None) -> Any:
    """Input that did not validate, shown again with the messages at its inputs."""
    pending = page.application.budget_pending or {}
    formdata = MultiDict([(key, value) for key, values in pending.items() for value in values])
    form = page.form(BudgetForm(formdata=formdata, meta={"csrf": False}), more)
    built = None
    if form.validate():
        built = page.build(form)
        try:
            check_application_budget(page.application, built.data, page.record)
        except InvalidData as exc:
            show_problems(form, exc, built)
    return page.render(form, built)


def _save(page: FinancingPlanPage) -> Any:
    application = page.application
    form = BudgetForm()
    more = _more_rows(form)  # counted before empty rows are added: the rows the user saw
    page.form(form)
    built = None
    if form.validate_on_submit():
        built = page.build(form)
        try:
            save_budget(application, built.data, page.record)
        except InvalidData as exc:
            discard_changes()
            show_problems(form, exc, built)
        else:
            target = url_for("budget.plan", application_id=application.id)
            if more is not None:
                flash("Plan gespeichert; weitere Zeilen sind angefügt.", "success")
                target = url_for(
                    "budget.plan",
                    application_id=application.id,
                    weitere=more.table,
                    zeilen=more.rows,
                )
                return redirect(f"{target}#tabelle-{more.table}"), 303
            flash("Plan gespeichert und geprüft.", "success")
            return redirect(f"{target}#ergebnis"), 303
    save_budget_pending(application, _raw_input(form))
    keep_changes()  # the input is kept as a draft although the answer is 422
    if more is not None:
        page.form(form, more)
    return page.render(form, built, 422)
