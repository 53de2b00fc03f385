"""The worked examples of shared/eval/planning-dev through the plan page: each command line is
turned into what a user enters (profile, programme record, settings and meetings, deadline or
project start, award form, the saved budget's figures) and the page must show the expected
milestones, dates, warnings and post-award rules."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.profile import Profile
from funding_matcher.extensions import db
from funding_matcher.models import Application, Role
from funding_matcher.operations.catalogue import sync_catalogue
from funding_matcher.operations.council_calendar import add_meeting, save_settings
from funding_matcher.operations.projects import save_profile
from tests.conftest import again, loaded, profile_data
from tests.unit.planning.worked_examples import (
    EXAMPLES,
    PLANNING_DEV,
    arguments,
    compare_spec,
    differences,
)


def options(args: list[str]) -> dict[str, Any]:
    """The command line as a mapping; repeated options as lists, flags as True."""
    found: dict[str, Any] = {"command": args[1]}
    words = args[2:]
    i = 0
    while i < len(words):
        name = words[i][2:].replace("-", "_")
        if i + 1 < len(words) and not words[i + 1].startswith("--"):
            value: Any = words[i + 1]
            i += 2
        else:
            value, i = True, i + 1
        if name in ("own_funds", "investments"):
            found.setdefault(name, []).append(value)
        else:
            found[name] = value
    return found


def budget_json(o: dict[str, Any]) -> dict[str, Any] | None:
    """The saved budget's JSON output (budget.md "Output") the options stand for."""
    if not any(k in o for k in ("own_funds", "investments", "grant_eur", "total_eur")):
        return None
    out: dict[str, Any] = {"verdict": "ok", "ok": True}
    for name, key in (("own_funds", "own_by_year"), ("investments", "investment_by_year")):
        out[key] = {v.split("=")[0]: float(v.split("=")[1]) for v in o.get(name, [])}
    for name in ("grant_eur", "total_eur"):
        if name in o:
            out[name] = float(o[name])
    return out


class _Page(HTMLParser):
    """The milestone rows, the plan's facts and the warnings as the page shows them."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.table: dict[str, str] = {}
        self.warnings: list[str] = []
        self.text: list[str] = []
        self._row: dict[str, str] | None = None
        self._cell = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table" and "milestones" in a.get("class", ""):
            self.table = a
        if tag == "tr" and "data-key" in a:
            self._row = {**a, "title": "", "note": ""}
            self._cell = 0
            self.rows.append(self._row)
        if tag == "td" and self._row is not None:
            self._cell += 1
        if "data-warning" in a:
            self.warnings.append(a["data-warning"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._row is not None and self._cell == 2:
            self._row["title"] += data
        if self._row is not None and self._cell == 3:
            self._row["note"] += data


def page_output(html: str, award: bool) -> dict[str, Any]:
    """The page in the shape of the CLI's JSON, for the same check."""
    page = _Page()
    page.feed(html)
    phase = "award" if award else "submission"
    milestones = []
    for row in page.rows:
        if row["data-phase"] != phase:
            continue
        milestones.append(
            {
                "key": row["data-key"],
                "kind": row["data-kind"],
                "due": row["data-due"] or None,
                "legal_due": row["data-legal-due"] or None,
                "year": int(row["data-year"]) if row["data-year"] else None,
                "at_risk": row["data-at-risk"] == "true",
                "title": row["title"].strip(),
                "note": row["note"].strip(),
            }
        )
    out: dict[str, Any] = {
        "milestones": milestones,
        # The page shows the warnings; their words are checked on the whole page text.
        "warnings": [{"id": w, "message": ""} for w in page.warnings],
    }
    if award:
        out["profile"] = page.table.get("data-profile") or None
        out["rules"] = page.table.get("data-rules") or None
        out["funder_term"] = page.table.get("data-award-funder-term")
    else:
        out["deadline"] = page.table.get("data-deadline")
        out["rolling"] = page.table.get("data-rolling") == "true"
        out["funder_term"] = page.table.get("data-funder-term")
    out["page_text"] = " ".join(page.text)
    return out


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_worked_example_through_the_plan_page(
    example: Path,
    app,
    client,
    make_org,
    make_user,
    login,
    write_programme,
    catalogue_dir,
    monkeypatch,
) -> None:
    o = options(arguments(example))
    award = o["command"] == "award"
    app.config["TODAY"] = o["today"]
    today = date.fromisoformat(o["today"])
    monkeypatch.setattr(
        "funding_matcher.operations.planning.stored_budget_json", lambda application: budget_json(o)
    )
    organisation = make_org("Antragsteller", "sonstige")
    user = make_user(organisation, Role.owner)
    login(user)
    record: dict[str, Any] = {
        "slug": "beispiel",
        "level": o.get("funder_level", "bund" if award else "land"),
        "applicant_types": [o["applicant_type"] if o["applicant_type"] != "kreis" else "kommune"],
        "states": [o["funder_state"]] if "funder_state" in o else "all",
        "deadline": {"kind": "rolling"}
        if o.get("rolling")
        else {"kind": "annual", "annual": {"month": 12, "day": 31}},
        "start_rule": o.get("start_rule"),
        "apply_lead_days": int(o["apply_lead_days"]) if "apply_lead_days" in o else None,
        "requires_municipal_endorsement": True if o.get("requires_municipal_endorsement") else None,
        "requires_council_decision": True if o.get("requires_council_decision") else None,
        "post_award_profile": o.get("funder_profile"),
    }
    write_programme(**record)
    with app.app_context():
        sync_catalogue(load_catalogue(catalogue_dir).programmes)
        organisation = again(organisation)
        project = save_profile(
            organisation,
            Profile.from_dict(profile_data(applicant_type=o["applicant_type"], state=o["state"])),
            again(user),
        )
        if "meetings" in o:
            settings = json.loads((PLANNING_DEV / o["meetings"]).read_text(encoding="utf-8"))
            save_settings(organisation, settings, today)
            for meeting in settings.get("meetings", []):
                add_meeting(
                    organisation, meeting["body"], date.fromisoformat(meeting["date"]), "", today
                )
        db.session.commit()
        project = loaded(project)
    response = client.post(
        "/antraege/neu", data={"project_id": project.id, "programme": "beispiel"}
    )
    application_id = int(response.headers["Location"].rsplit("/", 1)[1])
    if award:
        with app.app_context():
            application = db.session.get(Application, application_id)
            application.status = "bewilligt"
            if "grant_eur" in o:
                application.approved_eur = Decimal(o["grant_eur"])
            db.session.commit()
        form = {"project_start": o["project_start"], "project_end": o["project_end"]}
        for name in ("vn_due", "purpose_fulfilled"):
            if name in o:
                form[name] = o[name]
        if o.get("eu_funded"):
            form["eu_funded"] = "y"
        saved = client.post(f"/antraege/{application_id}/plan/bewilligung", data=form)
    else:
        form = {"deadline": o.get("deadline", ""), "project_start": o.get("project_start", "")}
        saved = client.post(f"/antraege/{application_id}/plan/frist", data=form)
    assert saved.status_code == 303, saved.get_data(as_text=True)
    html = client.get(f"/antraege/{application_id}/plan").get_data(as_text=True)
    output = page_output(html, award)
    spec = compare_spec(example)
    page_text = output.pop("page_text")
    words = {k: spec[k] for k in ("forbidden", "contains") if k in spec}
    checked = {k: v for k, v in spec.items() if k not in words}
    assert differences(output, checked) == []
    for word in words.get("forbidden", []):
        assert word not in page_text, word
    for word in words.get("contains", []):
        assert word in page_text, word
    assert "Plan neu berechnen" not in html  # stored rows and the computed plan agree
