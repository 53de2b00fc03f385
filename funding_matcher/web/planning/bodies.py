"""The calendar of bodies: meetings typed in or imported from the council information system
(OParl or ICS), and the planning settings (Beratungsfolge, lead times, Haushalt, MV)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.german import format_date, format_day_month
from funding_matcher.domain.planning import BODIES, MeetingCalendar
from funding_matcher.domain.planning.council_import import BodyChoice, Fetch, http_fetch
from funding_matcher.domain.planning.meetings import LEAD_DEFAULTS
from funding_matcher.models import BodyMeeting, CouncilSource, Role
from funding_matcher.operations.council_calendar import (
    add_meeting,
    council_sources,
    delete_council_source,
    import_council_meetings,
    proposed_mapping,
    read_council_source,
    save_settings,
)
from funding_matcher.operations.planning import (
    organisation_meetings,
    organisation_settings,
)
from funding_matcher.operations.trash import trash_meeting
from funding_matcher.web.access import (
    current_membership,
    current_organisation,
    member_required,
    owned_or_404,
)
from funding_matcher.web.clock import today
from funding_matcher.web.forms import CsrfForm, apply_problems
from funding_matcher.web.planning.blueprint import bp
from funding_matcher.web.planning.forms import (
    CHAIN_LENGTH,
    ImportForm,
    MappingForm,
    MeetingForm,
    SettingsForm,
)
from funding_matcher.web.transaction import discard_changes
from funding_matcher.web.trash import confirmed_or_page

_DAY_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})\.?")
_YEARS = re.compile(r"\d{4}")


def _fetch() -> Fetch:
    return http_fetch(timeout=float(current_app.config.get("COUNCIL_FETCH_TIMEOUT", 10)))


def _bodies_page(
    meeting_form: MeetingForm | None = None,
    settings_form: SettingsForm | None = None,
    import_form: ImportForm | None = None,
    choices: list[BodyChoice] | None = None,
    code: int = 200,
):
    organisation = current_organisation()
    return render_template(
        "planning/bodies.html",
        meetings=organisation_meetings(organisation),
        sources=council_sources(organisation),
        bodies=BODIES,
        meeting_form=meeting_form or MeetingForm(formdata=None),
        settings_form=settings_form or _settings_form(organisation_settings(organisation)),
        import_form=import_form or ImportForm(formdata=None),
        body_choices=choices or [],
        csrf_form=CsrfForm(),
    ), code


@bp.route("/organisation/gremien")
@member_required()
def bodies():
    return _bodies_page()


@bp.route("/organisation/gremien/sitzungen", methods=["POST"])
@member_required(Role.editor)
def add_body_meeting():
    form = MeetingForm()
    if not form.validate_on_submit():
        return _bodies_page(meeting_form=form, code=422)
    add_meeting(
        current_organisation(), form.body.data, form.day.data, form.title.data or "", today()
    )
    flash(
        f"Sitzung am {format_date(form.day.data)} eingetragen; die Pläne sind neu berechnet.",
        "success",
    )
    return redirect(url_for("planning.bodies")), 303


@bp.route("/organisation/gremien/sitzungen/<int:meeting_id>/loeschen", methods=["GET", "POST"])
@member_required(Role.editor)
def delete_body_meeting(meeting_id: int):
    """Asks once; the meeting goes into the Papierkorb and the plans are recomputed."""
    meeting = owned_or_404(BodyMeeting, meeting_id, Role.editor)
    page = confirmed_or_page(
        f"Sitzung „{meeting.title or meeting.body}“ am {format_date(meeting.day)}",
        ["Die Zeitpläne der Anträge werden ohne diese Sitzung neu berechnet."],
        url_for("planning.bodies"),
    )
    if page is not None:
        return page
    trash_meeting(meeting, current_user, today())
    flash("Sitzung im Papierkorb; die Pläne sind neu berechnet.", "success")
    return redirect(url_for("planning.bodies")), 303


# -- settings ------------------------------------------------------------------------------------


def _settings_form(settings: MeetingCalendar) -> SettingsForm:
    data: dict[str, Any] = {name: getattr(settings, name) for name in LEAD_DEFAULTS}
    for index, body in enumerate(settings.bodies[:CHAIN_LENGTH], start=1):
        data[f"chain_{index}"] = body.body
        data[f"ladung_{index}"] = body.ladungsfrist_days
    data["board_title"] = settings.board_title
    data["council_required"] = settings.council.required
    data["council_threshold_eur"] = settings.council.threshold_eur
    if settings.budget.registration:
        month, day = settings.budget.registration
        data["budget_registration"] = format_day_month(day, month)
    data["adopted_years"] = ", ".join(str(y) for y in settings.budget.adopted_years)
    if settings.mv is not None:
        data["mv_enabled"] = True
        data["mv_required"] = settings.mv.required
        data["mv_threshold_eur"] = settings.mv.threshold_eur
        data["mv_einberufungsfrist_days"] = settings.mv.einberufungsfrist_days
    return SettingsForm(formdata=None, data=data)


def _settings_data(form: SettingsForm) -> dict[str, Any]:
    """The form as the settings JSON of planning.md § 8 (the domain checks it)."""
    data: dict[str, Any] = {
        name: getattr(form, name).data
        for name in LEAD_DEFAULTS
        if getattr(form, name).data is not None
    }
    chain = []
    for index in range(1, CHAIN_LENGTH + 1):
        code = getattr(form, f"chain_{index}").data
        if code:
            entry: dict[str, Any] = {"body": code}
            days = getattr(form, f"ladung_{index}").data
            if days is not None:
                entry["ladungsfrist_days"] = days
            chain.append(entry)
    if chain:
        data["bodies"] = chain
    if form.board_title.data and form.board_title.data.strip():
        data["board_title"] = form.board_title.data.strip()
    council: dict[str, Any] = {"required": bool(form.council_required.data)}
    if form.council_threshold_eur.data is not None:
        council["threshold_eur"] = float(form.council_threshold_eur.data)
    data["council"] = council
    budget: dict[str, Any] = {}
    text = (form.budget_registration.data or "").strip()
    if text:
        match = _DAY_MONTH.fullmatch(text)
        budget["registration"] = (
            f"{int(match.group(2)):02d}-{int(match.group(1)):02d}" if match else text
        )
    years = (form.adopted_years.data or "").strip()
    if years:
        found = _YEARS.findall(years)
        clean = bool(found) and not re.sub(r"[\d\s,;]", "", years)
        # Anything else goes to the domain as it is, which names the field.
        budget["adopted_years"] = [int(y) for y in found] if clean else years
    if budget:
        data["budget"] = budget
    if form.mv_enabled.data:
        mv: dict[str, Any] = {"required": bool(form.mv_required.data)}
        if form.mv_threshold_eur.data is not None:
            mv["threshold_eur"] = float(Decimal(form.mv_threshold_eur.data))
        if form.mv_einberufungsfrist_days.data is not None:
            mv["einberufungsfrist_days"] = form.mv_einberufungsfrist_days.data
        data["mv"] = mv
    return data


_FIELD_OF = {
    "budget.registration": "budget_registration",
    "budget.adopted_years": "adopted_years",
    "council.threshold_eur": "council_threshold_eur",
    "mv.threshold_eur": "mv_threshold_eur",
    "mv.einberufungsfrist_days": "mv_einberufungsfrist_days",
    **{f"bodies[{i - 1}].ladungsfrist_days": f"ladung_{i}" for i in range(1, CHAIN_LENGTH + 1)},
    **{f"bodies[{i - 1}].body": f"chain_{i}" for i in range(1, CHAIN_LENGTH + 1)},
}


@bp.route("/organisation/gremien/einstellungen", methods=["POST"])
@member_required(Role.owner)
def save_lead_times():
    form = SettingsForm()
    if not form.validate_on_submit():
        return _bodies_page(settings_form=form, code=422)
    try:
        save_settings(current_organisation(), _settings_data(form), today())
    except InvalidData as exc:
        discard_changes()
        apply_problems(form, exc, _FIELD_OF)
        return _bodies_page(settings_form=form, code=422)
    flash("Einstellungen gespeichert; alle Pläne rechnen damit.", "success")
    return redirect(url_for("planning.bodies")), 303


# -- import from the council information system ------------------------------------------------


@bp.route("/organisation/gremien/import", methods=["POST"])
@member_required(Role.editor)
def start_import():
    form = ImportForm()
    if not form.validate_on_submit():
        return _bodies_page(import_form=form, code=422)
    upload = request.files.get("upload")
    data = upload.read() if upload and upload.filename else None
    url = (form.url.data or "").strip() or None
    kind = "ics" if data is not None else form.kind.data
    if data is None and url is None:
        form.url.errors = ["Bitte eine Adresse angeben oder eine Kalenderdatei hochladen."]
        return _bodies_page(import_form=form, code=422)
    try:
        found = read_council_source(
            current_organisation(),
            kind,
            _fetch(),
            url=None if data is not None else url,
            upload=data,
            filename=upload.filename if data is not None and upload else "",
        )
    except InvalidData as exc:
        discard_changes()
        form.url.errors = [p.message for p in exc.problems]
        return _bodies_page(import_form=form, code=422)
    if isinstance(found, list):
        form.url.errors = ["Das System enthält mehrere Körperschaften: bitte Ihre auswählen."]
        return _bodies_page(import_form=form, choices=found, code=200)
    return redirect(url_for("planning.import_mapping", source_id=found.id)), 303


@bp.route("/organisation/gremien/import/<int:source_id>", methods=["GET", "POST"])
@member_required()
def import_mapping(source_id: int):
    source = owned_or_404(CouncilSource, source_id)
    errors: list[str] = []
    if request.method == "POST":
        if not current_membership_can_edit():
            abort(403)
        mapping = {
            c["key"]: request.form.get(f"committee-{index}", "")
            for index, c in enumerate(source.committees)
        }
        try:
            result = import_council_meetings(source, mapping, today(), _fetch())
        except InvalidData as exc:
            discard_changes()
            errors = [p.message for p in exc.problems]
        else:
            flash(_result_text(result), "success")
            return redirect(url_for("planning.bodies")), 303
    proposed = proposed_mapping(source)
    return render_template(
        "planning/import.html",
        source=source,
        proposed=proposed,
        choices=MappingForm.MAPPING_CHOICES,
        form=MappingForm(),
        errors=errors,
    ), 422 if errors else 200


@bp.route("/organisation/gremien/import/<int:source_id>/aktualisieren", methods=["POST"])
@member_required(Role.editor)
def refresh_import(source_id: int):
    source = owned_or_404(CouncilSource, source_id, Role.editor)
    try:
        result = import_council_meetings(
            source, source.mapping or {}, today(), _fetch(), read_again=True
        )
    except InvalidData as exc:
        discard_changes()
        flash(" ".join(p.message for p in exc.problems), "error")
        return redirect(url_for("planning.bodies")), 303
    flash(_result_text(result), "success")
    return redirect(url_for("planning.bodies")), 303


@bp.route("/organisation/gremien/import/<int:source_id>/loeschen", methods=["POST"])
@member_required(Role.editor)
def delete_import(source_id: int):
    source = owned_or_404(CouncilSource, source_id, Role.editor)
    delete_council_source(source, today())
    flash("Importierter Kalender und seine Sitzungen entfernt.", "success")
    return redirect(url_for("planning.bodies")), 303


def current_membership_can_edit() -> bool:
    """True when the signed-in person may change the organisation's calendar."""
    membership = current_membership()
    return membership is not None and membership.role.at_least(Role.editor)


def _result_text(result: Any) -> str:
    parts = [f"{result.total} Sitzungen im Kalender"]
    if result.added:
        parts.append(f"{result.added} neu")
    if result.moved:
        parts.append(f"{result.moved} verschoben oder geändert")
    if result.removed:
        parts.append(f"{result.removed} entfallen")
    if result.older:
        parts.append(f"{result.older} ältere nicht übernommen")
    return "Sitzungskalender übernommen: " + ", ".join(parts) + ". Die Pläne sind neu berechnet."
