"""Budgets as rows: an application's Kosten- und Finanzierungsplan (stored, pending, checked)
and the organisation's De-minimis register. Flushes, never commits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from funding_matcher.domain.budget import (
    Budget,
    BudgetReport,
    Check,
    DeMinimisAid,
    DeMinimisDeclaration,
    de_minimis_declaration,
    evaluate,
    parse_budget,
    report_to_json,
)
from funding_matcher.domain.budget.fields import EARLIEST_YEAR, LATEST_YEAR, MAX_EUR
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_eur
from funding_matcher.domain.matching.amounts import provisional_request
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import Application, DeMinimisAidRow, Organisation, ProgrammeRow
from funding_matcher.operations.catalogue import find_programme

MAX_GRANTOR = 300
MAX_NOTE = 2000
MAX_REGISTER = 200


def programme_record(slug: str | None) -> dict[str, Any] | None:
    """The stored catalogue record of ``slug`` as a plain dict (None if it left the catalogue)."""
    if not slug:
        return None
    programme = find_programme(slug)
    return programme.to_dict() if programme is not None else None


def programme_choices() -> list[tuple[str, str]]:
    """(slug, title) of every stored programme, by title: for "andere öffentliche Förderung"."""
    rows = db.session.execute(
        select(ProgrammeRow.slug, ProgrammeRow.title).order_by(ProgrammeRow.title)
    )
    return [(slug, title) for slug, title in rows]


# --- the De-minimis register -------------------------------------------------------------


def register_entries(organisation_id: int) -> list[DeMinimisAidRow]:
    """The organisation's De-minimis aid, newest first."""
    return list(
        db.session.scalars(
            select(DeMinimisAidRow)
            .where(DeMinimisAidRow.organisation_id == organisation_id)
            .order_by(DeMinimisAidRow.granted_on.desc(), DeMinimisAidRow.id.desc())
        )
    )


def register_aids(organisation_id: int) -> tuple[DeMinimisAid, ...]:
    """The register as domain objects, for the De-minimis check and the Erklärung."""
    return tuple(
        DeMinimisAid(
            date=row.granted_on,
            grantor=row.grantor,
            amount_eur=Decimal(row.amount_eur).quantize(Decimal("0.01")),
            dawi=bool(row.dawi),
        )
        for row in register_entries(organisation_id)
    )


def add_register_aid(
    organisation: Organisation,
    granted_on: date | None,
    grantor: str | None,
    amount_eur: Decimal | None,
    dawi: bool = False,
    note: str | None = None,
) -> DeMinimisAidRow:
    """A new entry of the register; InvalidData names each bad field."""
    problems = []
    grantor = (grantor or "").strip()
    note = (note or "").strip()
    if granted_on is None:
        problems.append(FieldProblem("granted_on", "Bitte das Datum des Bescheids angeben."))
    elif not EARLIEST_YEAR <= granted_on.year <= LATEST_YEAR:
        problems.append(
            FieldProblem("granted_on", f"liegt außerhalb von {EARLIEST_YEAR} bis {LATEST_YEAR}")
        )
    if not grantor:
        problems.append(FieldProblem("grantor", "Bitte den Beihilfegeber angeben."))
    elif len(grantor) > MAX_GRANTOR:
        problems.append(FieldProblem("grantor", f"höchstens {MAX_GRANTOR} Zeichen"))
    if amount_eur is None:
        problems.append(FieldProblem("amount_eur", "Bitte den Betrag angeben."))
    elif amount_eur <= 0 or amount_eur > MAX_EUR:
        problems.append(
            FieldProblem(
                "amount_eur", f"muss größer als 0 und höchstens {format_eur(MAX_EUR)} sein"
            )
        )
    elif amount_eur != amount_eur.quantize(Decimal("0.01")):
        problems.append(FieldProblem("amount_eur", "höchstens zwei Nachkommastellen (Cent)"))
    if len(note) > MAX_NOTE:
        problems.append(FieldProblem("note", f"höchstens {MAX_NOTE} Zeichen"))
    if len(register_entries(organisation.id)) >= MAX_REGISTER:
        problems.append(FieldProblem("", f"Das Register fasst höchstens {MAX_REGISTER} Einträge."))
    if problems:
        raise InvalidData(problems)
    row = DeMinimisAidRow(
        organisation_id=organisation.id,
        granted_on=granted_on,
        grantor=grantor,
        amount_eur=amount_eur,
        dawi=dawi,
        note=note,
    )
    db.session.add(row)
    db.session.flush()
    return row


def delete_register_aid(row: DeMinimisAidRow) -> None:
    """Remove one entry of the register."""
    db.session.delete(row)
    db.session.flush()


# --- an application's budget -----------------------------------------------------------


def budget_input(application: Application, data: Any) -> dict[str, Any]:
    """The budget of an application: ``programme`` omitted or null means its programme."""
    if not isinstance(data, Mapping):
        raise InvalidData([FieldProblem("", "Der Finanzierungsplan muss ein JSON-Objekt sein.")])
    given = data.get("programme")
    if given is not None and given != application.programme_slug:
        shown = given if isinstance(given, str) else repr(given)
        raise InvalidData(
            [
                FieldProblem(
                    "programme",
                    f"„{str(shown)[:120]}“ ist nicht das Programm dieses Antrags "
                    f"(„{application.programme_slug}“); weglassen oder gleich angeben",
                )
            ]
        )
    return {**data, "programme": application.programme_slug}


_UNSET: Any = object()


def check_application_budget(
    application: Application, data: Any, record: Mapping[str, Any] | None = _UNSET
) -> BudgetReport:
    """Check a budget for an application: its programme's terms, the organisation's register.

    ``record`` is the programme's catalogue record when the caller has it already. When the
    budget lists no De-minimis aid received, the register of the organisation is used and a
    notice says so (id ``de_minimis``, level notice).
    """
    budget = parse_budget(budget_input(application, data))
    from_register: tuple[DeMinimisAid, ...] = ()
    if not budget.de_minimis_received:
        from_register = register_aids(application.organisation_id)
        budget = replace(budget, de_minimis_received=from_register)
    if record is _UNSET:
        record = programme_record(application.programme_slug)
    report = evaluate(budget, record)
    if from_register and report.terms.de_minimis.value in ("general", "dawi"):
        total = sum((aid.amount_eur for aid in from_register), Decimal(0))
        notice = Check(
            "de_minimis",
            "notice",
            f"Die De-minimis-Beihilfen stammen aus dem De-minimis-Register Ihrer Organisation "
            f"({len(from_register)} Einträge, zusammen {format_eur(total)}; gezählt werden die "
            "drei Jahre vor dem Antragsdatum), weil der Plan selbst keine angibt.",
            field="de_minimis_received",
        )
        report = replace(report, checks=(*report.checks, notice))
    return report


def save_budget(
    application: Application, data: Any, record: Mapping[str, Any] | None = _UNSET
) -> BudgetReport:
    """Check and store a budget; clears pending input and sets the requested amount from it.

    Nothing is stored on InvalidData.
    """
    report = check_application_budget(application, data, record)
    application.budget = budget_input(application, data)
    application.budget_pending = None
    set_requested(application, report)
    if application.requested_source == "plan":
        # A plan that passed its check is the checklist's Kosten- und Finanzierungsplan.
        for item in application.checklist:
            if item.key == "finanzplan":
                item.done = True
    db.session.flush()
    return report


def save_budget_pending(application: Application, raw: Mapping[str, list[str]]) -> None:
    """Keep form input that does not validate yet; the stored valid budget stays untouched."""
    application.budget_pending = {key: list(values) for key, values in raw.items()}
    db.session.flush()


def parsed_budget(application: Application) -> Budget | None:
    """The stored budget as domain objects (None when there is none or it no longer reads)."""
    if application.budget is None:
        return None
    try:
        return parse_budget(budget_input(application, application.budget))
    except InvalidData:
        return None


def stored_report(
    application: Application, record: Mapping[str, Any] | None = _UNSET
) -> BudgetReport | None:
    """The check of the stored budget (None when there is none or it no longer validates)."""
    if application.budget is None:
        return None
    try:
        return check_application_budget(application, application.budget, record)
    except InvalidData:
        # Only if the catalogue record changed in a way the terms reader refuses; the page
        # then shows the plan as pending input instead of failing.
        return None


def result_json(report: BudgetReport) -> dict[str, Any]:
    """The API's and page's result object: the contract's output."""
    return report_to_json(report)


# --- the requested amount: one figure for page, dashboard, API and exports ------------------


def plan_for_drafts(report: BudgetReport | None) -> BudgetReport | None:
    """The plan drafts, planning and the requested amount read: only one without errors."""
    return report if report is not None and report.verdict != "errors" else None


def profile_requested(application: Application) -> Decimal | None:
    """The profile's figure (vorläufig, ohne Finanzplan): Gesamtkosten minus Eigenmittel, at
    most the programme's cap for this project (domain.matching.amounts.provisional_request)."""
    try:
        profile = Profile.from_dict(application.project.data)
    except InvalidData:
        return None
    return provisional_request(find_programme(application.programme_slug), profile)


def set_requested(application: Application, report: BudgetReport | None) -> None:
    """The application's requested amount: the plan's grant, else the profile's need within
    the programme's cap; an amount entered on submission stays (it is what was applied for)."""
    if application.requested_source == "eingereicht":
        return
    plan = plan_for_drafts(report)
    if plan is not None:
        application.requested_eur = plan.figures.grant
        application.requested_source = "plan"
    else:
        application.requested_eur = profile_requested(application)
        application.requested_source = "profil"


def refresh_requested(application: Application) -> None:
    """Recompute the requested amount after the profile or the programme's terms changed."""
    set_requested(application, stored_report(application))
    db.session.flush()


@dataclass(frozen=True)
class BudgetSummary:
    """What the application overview shows of its plan."""

    grant: Decimal
    verdict_text: str
    errors: int
    warnings: int
    pending: bool


def budget_summary(application: Application) -> BudgetSummary | None:
    """Grant and verdict of the stored plan; None when there is no valid plan yet."""
    report = stored_report(application)
    if report is None:
        return None
    levels = [check.level for check in report.checks]
    return BudgetSummary(
        grant=report.figures.grant,
        verdict_text=report.verdict_text,
        errors=levels.count("error"),
        warnings=levels.count("warning"),
        pending=application.budget_pending is not None,
    )


def new_plan_values(application: Application, today: date) -> dict[str, Any]:
    """Starting values for a new plan: today's date, period and own funds from the profile."""
    own: dict[str, Any] = {"kind": "own_cash", "label": "Eigenmittel", "amount_eur": None}
    # The co-funders of the funding mix the application was started from (results page).
    planned = [
        {
            "kind": entry.get("kind"),
            "label": entry.get("label") or "",
            "amount_eur": _decimal_or_none(entry.get("amount_eur")),
            "programme": entry.get("programme") or "",
            "status": entry.get("status") or "geplant",
        }
        for entry in application.planned_financing or ()
        if isinstance(entry, Mapping) and entry.get("kind") in ("public_grant", "foundation_grant")
    ]
    values: dict[str, Any] = {"applied_on": today, "sources": [own, *planned]}
    try:
        profile = Profile.from_dict(application.project.data)
    except InvalidData:
        return values
    if profile.start_date is not None:
        values["start"] = profile.start_date
        values["end"] = profile.project_end
    if profile.own_funds_eur:
        own["amount_eur"] = Decimal(str(profile.own_funds_eur)).quantize(Decimal("0.01"))
    return values


def _decimal_or_none(value: Any) -> Decimal | None:
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        try:
            return Decimal(str(value)).quantize(Decimal("0.01"))
        except ArithmeticError:
            return None
    return None


@dataclass(frozen=True)
class ApplicationDeclaration:
    """The De-minimis-Erklärung of an application, and what it was built from."""

    declaration: DeMinimisDeclaration
    report: BudgetReport | None
    # The terms say the grant is De-minimis aid (general or dawi); False: none or unknown.
    regime_known: bool


def application_declaration(
    application: Application, today: date, report: BudgetReport | None = _UNSET
) -> ApplicationDeclaration:
    """The Erklärung from the plan (date, grant, regime) or, without one, the register."""
    if report is _UNSET:
        report = stored_report(application)
    if report is None:
        aids, applied_on, regime, requested = (
            register_aids(application.organisation_id),
            today,
            None,
            None,
        )
    else:
        aids = report.budget.de_minimis_received
        applied_on = report.budget.applied_on
        regime = report.terms.de_minimis.value
        requested = report.figures.grant
    known = regime in ("general", "dawi")
    declaration = de_minimis_declaration(
        application.organisation.name,
        aids,
        applied_on,
        regime if known else "general",
        requested,
    )
    return ApplicationDeclaration(declaration, report, known)
