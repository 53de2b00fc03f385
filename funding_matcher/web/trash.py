"""The Papierkorb page, and the one confirmation every deletion asks for."""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import HiddenField
from wtforms.validators import AnyOf

from funding_matcher.domain.errors import InvalidData
from funding_matcher.extensions import db
from funding_matcher.models import Application, ApplicationSection, Role, TrashEntry
from funding_matcher.operations.applications import SectionConflict, save_section, section_by_key
from funding_matcher.operations.trash import (
    KINDS,
    RETENTION_DAYS,
    organisation_trash,
    restorable_until,
    restore,
)
from funding_matcher.web.access import current_membership, member_required, owned_or_404
from funding_matcher.web.applications.sections import conflict_page
from funding_matcher.web.auth import safe_next
from funding_matcher.web.clock import today
from funding_matcher.web.forms import CsrfForm, GermanForm
from funding_matcher.web.transaction import discard_changes, keep_changes

bp = Blueprint("trash", __name__, url_prefix="/organisation/papierkorb")


class DeleteForm(GermanForm):
    """The confirmation of a deletion: only the confirmation page sends ``ja``."""

    confirmed = HiddenField(validators=[AnyOf(["ja"], message="Bitte die Löschung bestätigen.")])


def confirmed_or_page(
    what: str, details: list[str], cancel_url: str, button: str = "", heading: str = ""
):
    """None when this POST carries the confirmation; else the page that asks for it (a click
    on a delete button without it lands there, nothing is deleted yet)."""
    form = DeleteForm()
    if request.method == "POST" and form.validate_on_submit():
        return None
    return render_template(
        "trash/confirm.html",
        what=what,
        details=details,
        cancel_url=cancel_url,
        form=DeleteForm(formdata=None, confirmed="ja"),
        button=button or "Ja, in den Papierkorb legen",
        heading=heading or "Wirklich löschen?",
        days=RETENTION_DAYS,
    )


def _role_for(entry: TrashEntry) -> Role:
    return Role.owner if entry.kind in ("member", "mandate") else Role.editor


@bp.route("/")
@member_required()
def index():
    membership = current_membership()
    entries = organisation_trash(membership.organisation)
    return render_template(
        "trash/index.html",
        entries=entries,
        kinds=KINDS,
        until=restorable_until,
        can_restore={e.id: membership.role.at_least(_role_for(e)) for e in entries},
        form=CsrfForm(),
        days=RETENTION_DAYS,
    )


@dataclass(frozen=True)
class RestoreOffer:
    """The "Wiederherstellen" button of the 410 page: the entry, where to go back, and a
    section text whose save met the deletion (restoring saves it, so nothing is lost)."""

    entry: TrashEntry
    label: str
    back: str
    form: CsrfForm
    section: ApplicationSection | None = None
    text: str = ""
    version: str = ""


def restore_offer() -> RestoreOffer | None:
    """For the 410 page: what the person asked for lies in the Papierkorb and they may restore
    it (None otherwise)."""
    obj = g.get("trashed")
    membership = current_membership()
    entry = db.session.get(TrashEntry, obj.trashed_in_id) if obj is not None else None
    if entry is None or membership is None or not membership.role.at_least(_role_for(entry)):
        return None
    offer = RestoreOffer(entry, f"{KINDS[entry.kind]} „{entry.label}“", request.path, CsrfForm())
    if isinstance(obj, Application) and request.endpoint == "sections.edit":
        section = section_by_key(obj, (request.view_args or {}).get("key", ""))
        if section is not None and request.method == "POST":
            return replace(
                offer,
                section=section,
                text=request.form.get("text", ""),
                version=request.form.get("version", ""),
            )
    return offer


def _save_kept_text():
    """After restoring: the section text the deletion had turned away, saved as a new
    version; a page when it cannot be (someone else's version in between: both shown)."""
    key, text = request.form.get("section_key"), request.form.get("text")
    application_id = request.form.get("application_id", type=int)
    if not key or text is None or application_id is None:
        return None
    application = owned_or_404(Application, application_id, Role.editor)
    section = section_by_key(application, key)
    if section is None:
        return None
    try:
        save_section(section, text, request.form.get("version", -1, type=int), current_user)
    except SectionConflict as conflict:
        return conflict_page(application, conflict.section, text)
    except InvalidData:
        return None
    flash(f"Ihr Text in „{section.title}“ ist gespeichert (Version {section.version}).", "success")
    return redirect(url_for("sections.edit", application_id=application.id, key=key)), 303


@bp.route("/<int:entry_id>/wiederherstellen", methods=["POST"])
@member_required(Role.editor)
def restore_entry(entry_id: int):
    entry = owned_or_404(TrashEntry, entry_id)
    if not current_membership().role.at_least(_role_for(entry)):
        abort(403)
    if not CsrfForm().validate_on_submit():
        abort(400)
    label = f"{KINDS[entry.kind]} „{entry.label}“"
    try:
        where = restore(entry, today())
    except InvalidData as exc:
        discard_changes()
        flash(exc.problems[0].message, "error")
        return redirect(url_for("trash.index")), 303
    flash(f"{label} wiederhergestellt.", "success")
    kept = _save_kept_text()
    back = request.form.get("back") or where
    if kept is None and safe_next(back) == back:
        where = back  # the page the person was on when they met the deletion
    keep_changes()  # the restore stays, whatever the kept text answers
    return kept or (redirect(where), 303)
