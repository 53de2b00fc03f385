"""Editing an application's outline sections: versions, autosave, conflicts, history."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user

from funding_matcher.domain.errors import InvalidData
from funding_matcher.models import Application, ApplicationSection, Role
from funding_matcher.operations.applications import (
    SectionConflict,
    drafted_text,
    drafted_topics,
    restore_section,
    save_section,
    section_by_key,
)
from funding_matcher.web.access import member_required, owned_or_404
from funding_matcher.web.applications.forms import SectionForm
from funding_matcher.web.forms import CsrfForm, apply_problems
from funding_matcher.web.transaction import discard_changes

bp = Blueprint("sections", __name__, url_prefix="/antraege/<int:application_id>/abschnitte")


def _section(application_id: int, key: str, role: Role = Role.viewer):
    application = owned_or_404(Application, application_id, role)
    section = section_by_key(application, key)
    if section is None:
        abort(404)
    return application, section


PLAN_NOTE = (
    "Die Beträge dieses Abschnitts setzt der Export aus dem Kosten- und Finanzierungsplan "
    "hinzu; schreiben Sie hier nur, was über die Zahlen hinaus zu sagen ist."
)


def _editor(application: Application, section: ApplicationSection, form: SectionForm, code=200):
    plan_note = PLAN_NOTE if "finanzierung" in drafted_topics(application, section) else ""
    return render_template(
        "applications/section.html",
        application=application,
        section=section,
        form=form,
        plan_note=plan_note,
    ), code


def conflict_page(application: Application, section: ApplicationSection, mine: str):
    return render_template(
        "applications/conflict.html",
        application=application,
        section=section,
        mine=mine,
        form=SectionForm(formdata=None, text=mine, version=section.version),
    ), 409


@bp.route("/<key>", methods=["GET", "POST"])
@member_required()
def edit(application_id: int, key: str):
    application, section = _section(application_id, key)
    form = SectionForm()
    if form.is_submitted():
        owned_or_404(Application, application_id, Role.editor)
        if form.validate():
            try:
                save_section(section, form.text.data or "", form.version.data, current_user)
            except SectionConflict as conflict:
                discard_changes()
                return conflict_page(application, conflict.section, form.text.data or "")
            except InvalidData as exc:
                discard_changes()
                apply_problems(form, exc)
                return _editor(application, section, form, 422)
            flash(f"„{section.title}“ gespeichert (Version {section.version}).", "success")
            return redirect(url_for("sections.edit", application_id=application.id, key=key)), 303
        return _editor(application, section, form, 422)
    # A section still drafted by the tool shows the draft from today's facts.
    text = drafted_text(application, section) if section.prefilled else section.text
    form = SectionForm(formdata=None, text=text, version=section.version)
    return _editor(application, section, form)


@bp.route("/<key>/autosave", methods=["POST"])
@member_required(Role.editor)
def autosave(application_id: int, key: str):
    """The editor's script saves here while typing; same rules as the form, JSON answers."""
    application, section = _section(application_id, key, Role.editor)
    form = SectionForm()
    if not form.validate():
        return jsonify(error="Ungültige Eingabe", fields=form.errors), 400
    try:
        save_section(section, form.text.data or "", form.version.data, current_user)
    except SectionConflict as conflict:
        discard_changes()
        return jsonify(
            error="Der Abschnitt wurde inzwischen anderswo geändert.",
            conflict_url=url_for("sections.edit", application_id=application.id, key=key),
            current={"version": conflict.section.version},
        ), 409
    except InvalidData as exc:
        discard_changes()
        return jsonify(error="Ungültige Eingabe", fields=exc.as_dict()), 400
    return jsonify(version=section.version, chars=len(section.text))


@bp.route("/<key>/verlauf")
@member_required()
def history(application_id: int, key: str):
    application, section = _section(application_id, key)
    return render_template(
        "applications/history.html",
        application=application,
        section=section,
        csrf_form=CsrfForm(),
    )


@bp.route("/<key>/verlauf/<int:version>/wiederherstellen", methods=["POST"])
@member_required(Role.editor)
def restore(application_id: int, key: str, version: int):
    application, section = _section(application_id, key, Role.editor)
    if not CsrfForm().validate_on_submit():
        abort(400)
    try:
        restore_section(section, version, current_user)
    except InvalidData:
        abort(404)
    except SectionConflict:
        discard_changes()
        flash("Der Abschnitt wurde gerade anderswo geändert. Bitte erneut versuchen.", "error")
        return redirect(url_for("sections.history", application_id=application.id, key=key)), 303
    flash(f"Version {version} wiederhergestellt (als Version {section.version}).", "success")
    return redirect(url_for("sections.edit", application_id=application.id, key=key)), 303
