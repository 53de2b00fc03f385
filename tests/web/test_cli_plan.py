"""``funding-matcher plan`` reads a programme's planning terms from the catalogue (§ 11), and
says in German which option is wrong. The contract's worked examples run in
tests/unit/planning/test_worked_examples.py."""

from __future__ import annotations

import json


def test_submission_reads_the_programmes_lead_and_start_rule(cli, write_programme):
    write_programme(
        slug="kleinprojekte-sachsen",
        level="land",
        states=["SN"],
        deadline={"kind": "rolling"},
        start_rule="after_bescheid",
        apply_lead_days=28,
    )
    result = cli(
        [
            "plan",
            "submission",
            "--programme",
            "kleinprojekte-sachsen",
            "--project-start",
            "2027-05-10",
            "--applicant-type",
            "verein",
            "--state",
            "SN",
            "--today",
            "2026-12-01",
        ]
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert (plan["rolling"], plan["deadline"], plan["apply_lead_days"]) == (True, "2027-04-12", 28)
    assert plan["warnings"] == []
    einreichung = next(m for m in plan["milestones"] if m["key"] == "einreichung")
    assert einreichung["legal_due"] == "2027-04-12"
    assert "vorzeitigen Maßnahmebeginn" in einreichung["note"]
    # An option wins over the record.
    other = json.loads(
        cli(
            [
                "plan",
                "submission",
                "--programme",
                "kleinprojekte-sachsen",
                "--project-start",
                "2027-05-10",
                "--apply-lead-days",
                "42",
                "--applicant-type",
                "verein",
                "--state",
                "SN",
                "--today",
                "2026-12-01",
            ]
        ).output
    )
    assert other["deadline"] == "2027-03-29"


def test_award_reads_the_programmes_post_award_profile(cli, write_programme):
    write_programme(slug="fonds-test", level="bund", post_award_profile="stiftung_vertrag")
    result = cli(
        [
            "plan",
            "award",
            "--programme",
            "fonds-test",
            "--project-start",
            "2027-06-01",
            "--project-end",
            "2027-12-31",
            "--applicant-type",
            "verein",
            "--state",
            "BE",
            "--vn-due",
            "2028-02-29",
            "--format",
            "text",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Förderbedingungen bzw. Fördervertrag des Fördergebers" in result.output
    assert "29.02.2028  Verwendungsnachweis" in result.output
    assert "ANBest" not in result.output
    assert "Bewilligungsbehörde" not in result.output


def test_missing_and_unknown_options_are_german_lines(cli):
    missing = cli(["plan", "award", "--project-start", "2027-06-01", "--project-end", "2028-05-31"])
    assert missing.exit_code == 2
    assert missing.output.strip() == "FEHLER applicant_type: Pflichtangabe fehlt"
    unknown = cli(
        [
            "plan",
            "submission",
            "--programme",
            "gibt-es-nicht",
            "--applicant-type",
            "verein",
            "--state",
            "NW",
        ]
    )
    assert unknown.exit_code == 2
    assert unknown.output.startswith("FEHLER programme:")
    profile = cli(
        [
            "plan",
            "award",
            "--project-start",
            "2027-06-01",
            "--project-end",
            "2028-05-31",
            "--applicant-type",
            "verein",
            "--state",
            "NW",
            "--funder-profile",
            "anbest_x",
        ]
    )
    assert profile.exit_code == 2
    assert profile.output.startswith("FEHLER funder_profile:")


def test_catalogue_load_recomputes_the_plans(app, cli, make_org, make_application, write_programme):
    from datetime import date

    from funding_matcher.extensions import db
    from funding_matcher.models import Application

    application = make_application(make_org("Stadt Hagen"), applicant_types=["verein"])
    assert application.milestones == []
    write_programme(
        applicant_types=["verein"], deadline={"kind": "annual", "annual": {"month": 10, "day": 30}}
    )
    result = cli(["catalogue", "load"])
    assert "1 Zeitpläne neu berechnet" in result.output
    with app.app_context():
        rows = {m.key: m for m in db.session.get(Application, application.id).milestones}
    today = date.today()
    expected = date(today.year, 10, 30)
    expected = expected if expected >= today else date(today.year + 1, 10, 30)
    assert rows["einreichung"].legal_due == expected
