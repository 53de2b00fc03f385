"""The project details asked section by section on the application page, saved as typed.

Field names follow the details object: ``need``, ``goals-0-indicator``,
``target_group-subgroups-1-count``. Input that does not validate yet is kept as the project's
pending input and shown again with its message, so nothing typed is lost.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, flash, jsonify, redirect, request, url_for
from werkzeug.datastructures import MultiDict

from funding_matcher.domain.applications.outline import outline_of
from funding_matcher.domain.applications.questions import (
    QUESTIONS,
    TARGET_COLUMNS,
    SectionQuestions,
    questions_for,
)
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.german import format_number
from funding_matcher.domain.profile import DETAIL_LIST_MAX, Profile
from funding_matcher.models import Application, Role
from funding_matcher.operations.applications import save_details
from funding_matcher.operations.catalogue import find_programme
from funding_matcher.web.access import member_required, owned_or_404

bp = Blueprint("details", __name__, url_prefix="/antraege/<int:application_id>/angaben")

MAX_TEXT = 5000
_ROW_KEY = re.compile(r"^([a-z_]+(?:-subgroups)?)-(\d{1,2})-([a-z_]+)$")


def section_questions(application: Application) -> list[SectionQuestions]:
    """The questions per stored section (matched to the record's outline by title)."""
    programme = find_programme(application.programme_slug)
    if programme is None:
        return []
    topics = {s.title: s.topics for s in outline_of(programme)}
    titles = [s.title for s in application.sections]
    return questions_for(titles, [topics.get(t, ()) for t in titles])


def asked_fields(application: Application) -> list[str]:
    return [q.field for s in section_questions(application) for q in s.questions]


# -- stored details <-> form values -----------------------------------------------------------


def form_values(details: dict[str, Any]) -> dict[str, str]:
    """The details as flat form values (``goals-0-goal`` …)."""
    values: dict[str, str] = {}
    for name, question in QUESTIONS.items():
        value = details.get(name)
        if value is None:
            continue
        if name == "target_group":
            values["target_group-description"] = value.get("description") or ""
            values["target_group-count"] = _text(value.get("count"))
            for i, row in enumerate(value.get("subgroups") or []):
                for column in TARGET_COLUMNS:
                    values[f"target_group-subgroups-{i}-{column.name}"] = _text(
                        row.get(column.name)
                    )
        elif question.rows:
            for i, row in enumerate(value):
                for column in question.columns:
                    values[f"{name}-{i}-{column.name}"] = _text(row.get(column.name))
        else:
            values[name] = value
    return values


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def row_count(values: dict[str, str], field: str, extra: int = 1) -> int:
    """Rows to show for a list: those with values plus ``extra`` empty ones (at most 30)."""
    used = {int(m.group(2)) for key in values if (m := _ROW_KEY.match(key)) and m.group(1) == field}
    return min((max(used) + 1 if used else 0) + extra, DETAIL_LIST_MAX)


def parse(form: MultiDict, fields: list[str], previous: dict[str, Any]) -> tuple[dict, dict]:
    """(details, errors by form key) from the posted fields; fields not on the page stay."""
    details = {k: v for k, v in previous.items() if k not in fields}
    errors: dict[str, list[str]] = {}
    for name in fields:
        question = QUESTIONS[name]
        if name == "target_group":
            group = _target_group(form, errors)
            if group:
                details[name] = group
        elif question.rows:
            rows = _rows(form, name, [c.name for c in question.columns], errors)
            if rows:
                details[name] = rows
        else:
            text = (form.get(name) or "").strip()
            if text:
                details[name] = text
    return details, errors


def _number(form: MultiDict, key: str, errors: dict[str, list[str]]) -> int | None:
    raw = (form.get(key) or "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"\d{1,8}", raw.replace(".", "")):
        errors.setdefault(key, []).append("Bitte eine ganze Zahl angeben.")
        return None
    return int(raw.replace(".", ""))


NUMBER_COLUMNS = {"from_month", "to_month", "count"}


def _rows(
    form: MultiDict, field: str, columns: list[str], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    indices = sorted(
        {int(m.group(2)) for key in form if (m := _ROW_KEY.match(key)) and m.group(1) == field}
    )
    rows = []
    for i in indices[:DETAIL_LIST_MAX]:
        row: dict[str, Any] = {}
        for column in columns:
            key = f"{field}-{i}-{column}"
            if column in NUMBER_COLUMNS:
                value = _number(form, key, errors)
            else:
                value = (form.get(key) or "").strip() or None
            if value is not None:
                row[column] = value
        if row or any(f"{field}-{i}-{c}" in errors for c in columns):
            rows.append(row)
    return rows


def _target_group(form: MultiDict, errors: dict[str, list[str]]) -> dict[str, Any]:
    group: dict[str, Any] = {}
    description = (form.get("target_group-description") or "").strip()
    if description:
        group["description"] = description
    count = _number(form, "target_group-count", errors)
    if count is not None:
        group["count"] = count
    subgroups = _rows(form, "target_group-subgroups", ["label", "count"], errors)
    if subgroups:
        group["subgroups"] = subgroups
    return group


def problems_as_form_errors(exc: InvalidData) -> dict[str, list[str]]:
    """Profile field paths (``details.goals.0.goal``) as form keys (``goals-0-goal``)."""
    out: dict[str, list[str]] = {}
    for problem in exc.problems:
        key = problem.field.removeprefix("details.").replace(".", "-") or "details"
        message = problem.message
        if key.endswith(("-0", "-1")) or re.search(r"-\d+$", key):
            # A row-level rule ("to_month: …") names its column first.
            column, _, rest = message.partition(": ")
            if rest and re.fullmatch(r"[a-z_]+", column):
                key, message = f"{key}-{column}", rest
        out.setdefault(key, []).append(_german(message))
    return out


def _german(message: str) -> str:
    return message.replace("ist zu kurz (mindestens 1 Zeichen)", "bitte ausfüllen")


# -- saving ---------------------------------------------------------------------------------


def check(
    project_data: dict[str, Any], form: MultiDict, fields: list[str]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The details the posted fields give, and every message by form key."""
    previous = dict((project_data or {}).get("details") or {})
    details, errors = parse(form, fields, previous)
    for key, value in form.items():
        if len(value) > MAX_TEXT:
            errors.setdefault(key, []).append(f"höchstens {format_number(MAX_TEXT)} Zeichen")
    if not errors:
        data = {k: v for k, v in (project_data or {}).items() if k != "details"}
        try:
            Profile.from_dict({**data, "details": details} if details else data)
        except InvalidData as exc:
            errors = problems_as_form_errors(exc)
    return details, errors


def _save(application: Application) -> dict[str, list[str]]:
    """Store the posted details; with messages the input is kept as pending instead."""
    project = application.project
    fields = [f for f in request.form.getlist("fields") if f in QUESTIONS]
    details, errors = check(project.data, request.form, fields)
    if errors:
        # Keep what was typed; the valid details stay as they were until the input validates.
        raw = {k: v for k, v in request.form.items() if k not in ("csrf_token", "fields", "add")}
        previous = dict((project.data or {}).get("details") or {})
        save_details(project, previous, {"values": raw, "fields": fields})
    else:
        save_details(project, details, None)
    return errors


@bp.route("", methods=["POST"])
@member_required(Role.editor)
def save(application_id: int):
    application = owned_or_404(Application, application_id, Role.editor)
    errors = _save(application)
    more = request.form.get("add", "")
    if errors:
        flash(
            "Einige Angaben sind noch nicht gültig. Sie sind gespeichert und unten markiert; "
            "der Entwurf übernimmt sie, sobald sie stimmen.",
            "error",
        )
    elif not more:
        flash(
            "Angaben gespeichert; die Abschnitte, die Sie noch nicht bearbeitet haben, sind "
            "neu entworfen.",
            "success",
        )
    target = url_for("applications.show", application_id=application.id, mehr=more or None)
    return redirect(f"{target}#angaben"), 303


@bp.route("/autosave", methods=["POST"])
@member_required(Role.editor)
def autosave(application_id: int):
    """The page's script saves here while typing; JSON with the messages per field."""
    application = owned_or_404(Application, application_id, Role.editor)
    errors = _save(application)
    return jsonify(saved=not errors, errors=errors)


def page_state(application: Application) -> dict[str, Any]:
    """Values, messages and row counts for the page (pending input shown first)."""
    project = application.project
    pending = (project.pending or {}).get("details") or {}
    details = (project.data or {}).get("details") or {}
    if pending:
        values = dict(pending.get("values") or {})
        _, errors = check(project.data, MultiDict(values), list(pending.get("fields") or []))
    else:
        values, errors = form_values(details), {}
    more = request.args.get("mehr", "")
    counts = {
        field: row_count(values, field, 2 if field == more else 1)
        for field in ("need_figures", "goals", "activities", "partners", "target_group-subgroups")
    }
    return {"values": values, "errors": errors, "rows": counts}
