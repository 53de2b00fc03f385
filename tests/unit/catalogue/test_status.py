"""Statuses a user can act on: each with dated evidence, shown as it stands on a given day."""

from datetime import date

import pytest

from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.catalogue.review import review_reasons
from funding_matcher.domain.catalogue.status import (
    add_months,
    status_label,
    status_on,
    status_problems,
)
from tests.conftest import programme_data

TODAY = date(2026, 11, 24)


def evidence(day: str) -> dict:
    return {"url": "https://example.org/aufruf", "date": day, "quote": "Anträge sind möglich."}


def programme(**overrides) -> Programme:
    return Programme.model_validate(programme_data(**overrides))


def line_of(path, key: str) -> int:
    return [line.split(":")[0] for line in path.read_text("utf-8").splitlines()].index(key) + 1


@pytest.mark.parametrize("status", ["open", "between_rounds", "unclear", "closed"])
def test_every_reviewed_status_needs_evidence(write_programme, catalogue_dir, status):
    deadline = {"kind": "closed"} if status == "closed" else {"kind": "unknown"}
    path = write_programme(status=status, status_evidence=None, deadline=deadline)
    result = load_catalogue(catalogue_dir)
    assert result.programmes == []
    problem = result.problems[0]
    assert f"status_evidence: Pflicht bei status {status}" in problem.message
    assert problem.line == line_of(path, "status_evidence")


@pytest.mark.parametrize("old", ["active", "paused"])
def test_files_may_no_longer_say_active_or_paused(write_programme, catalogue_dir, old):
    path = write_programme(status=old)
    result = load_catalogue(catalogue_dir)
    assert result.programmes == []
    assert f"status: „{old}“ gilt nicht mehr" in result.problems[0].message
    assert "open, between_rounds, unclear oder closed" in result.problems[0].message
    assert result.problems[0].line == line_of(path, "status")


def test_rows_stored_with_an_old_code_still_read_and_never_show_as_open():
    stored = programme(status="active", status_evidence=None)
    assert status_on(stored, TODAY) == "unclear"
    assert status_on(programme(status="paused", status_evidence=None), TODAY) == "between_rounds"


def test_draft_needs_no_evidence():
    assert programme(status="draft", status_evidence=None).status == "draft"


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"status_evidence": evidence("2026-12-01")}, "liegt nach checked_on"),
        ({"deadline": {"kind": "closed"}}, "status open, aber deadline.kind closed"),
        ({"status": "between_rounds", "deadline": {"kind": "rolling"}}, "deadline.kind rolling"),
        ({"status": "between_rounds", "deadline": {"kind": "closed"}}, "deadline.kind closed"),
        ({"status": "closed", "deadline": {"kind": "rolling"}}, "braucht deadline.kind closed"),
        ({"status_evidence": {**evidence("2026-01-01"), "url": "http://x.de/a"}}, "https"),
        (
            {"status_evidence": {**evidence("2026-01-01"), "url": "https://test.portal.nrw/a"}},
            "Testinstanz (test.portal.nrw)",
        ),
    ],
)
def test_status_must_agree_with_evidence_and_deadline(
    write_programme, catalogue_dir, overrides, fragment
):
    write_programme(**overrides)
    result = load_catalogue(catalogue_dir)
    assert result.programmes == []
    assert fragment in result.problems[0].message


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert add_months(date(2025, 11, 24), 12) == date(2026, 11, 24)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_open_on_evidence_of_twelve_months_is_rejected_the_day_it_turns_twelve_months():
    turning = programme(status_evidence=evidence("2025-11-24"), checked_on="2026-11-01")
    younger = programme(status_evidence=evidence("2025-11-25"), checked_on="2026-11-01")
    assert "älter als 12 Monate" in status_problems(turning, TODAY)[0]
    assert "24.11.2025" in status_problems(turning, TODAY)[0]
    assert status_problems(younger, TODAY) == []
    # Only "open" rests on the evidence's age; unclear and between_rounds may carry old evidence.
    between = programme(
        status="between_rounds",
        status_evidence=evidence("2024-03-01"),
        deadline={"kind": "fixed", "dates": ["2024-03-31"]},
    )
    assert status_problems(between, TODAY) == []


def test_what_the_user_sees_never_says_open_for_a_closed_round():
    fresh = programme()
    assert status_label(fresh, TODAY) == "offen"
    past_round = programme(deadline={"kind": "windows", "windows": [{"closes": "2026-03-26"}]})
    assert status_label(past_round, TODAY) == "zwischen zwei Förderrunden"
    stale = programme(status_evidence=evidence("2025-06-30"))
    assert status_label(stale, TODAY) == "Status unklar – vor Antrag beim Fördergeber prüfen"
    unclear = programme(status="unclear", status_evidence=evidence("2024-05-01"))
    assert status_label(unclear, TODAY) == "Status unklar – vor Antrag beim Fördergeber prüfen"
    ended = programme(status="closed", deadline={"kind": "closed"})
    assert status_label(ended, TODAY) == "beendet"


def test_review_names_evidence_that_turns_twelve_months_old_and_when():
    soon = programme(status_evidence=evidence("2026-01-15"))
    reasons = review_reasons(soon, TODAY, expiring_within_days=90)
    assert "Statusbeleg vom 15.01.2026 wird am 15.01.2027 12 Monate alt (in 52 Tagen)" in reasons
    assert review_reasons(programme(), TODAY) == []
    unclear = programme(status="unclear", status_evidence=evidence("2024-05-01"))
    assert review_reasons(unclear, TODAY) == [
        "Status unklar (neuester Beleg vom 01.05.2024): beim Fördergeber nachfragen"
    ]
    old_code = programme(status="active", status_evidence=None)
    assert "Status „active“ aus früheren Runden" in review_reasons(old_code, TODAY)[0]


def test_a_dated_call_still_running_keeps_open_however_old_its_publication():
    call = programme(
        status_evidence=evidence("2025-11-26"),
        deadline={"kind": "fixed", "dates": ["2026-12-31"]},
    )
    assert status_problems(call, date(2026, 12, 7)) == []
    assert status_label(call, date(2026, 12, 7)) == "offen"
    assert review_reasons(call, date(2026, 12, 7)) == []
    # Once the call has ended it never reads as open: on old evidence, as unclear.
    assert status_label(call, date(2027, 1, 2)) == (
        "Status unklar – vor Antrag beim Fördergeber prüfen"
    )
    # A standing yearly date is no dated call: it needs evidence younger than twelve months.
    yearly = programme(status_evidence=evidence("2025-11-26"))
    assert status_problems(yearly, date(2026, 12, 7)) != []
