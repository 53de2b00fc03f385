"""The attachment checklist by applicant and programme; the status pipeline's rules."""

from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain.applications.checklist import build_checklist, item_kind
from funding_matcher.domain.applications.status import check_status_change
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.profile import Profile
from tests.conftest import profile_data, programme_data

TODAY = date(2026, 11, 29)


def checklist(profile=None, **programme):
    return {
        e.key: e
        for e in build_checklist(
            Programme.model_validate(programme_data(**programme)),
            Profile.from_dict(profile_data(**(profile or {}))),
        )
    }


def test_a_verein_proves_its_charitable_status():
    items = checklist()
    assert items["satzung"].required
    assert items["registerauszug"].required
    assert "nicht älter als fünf Jahre" in items["freistellungsbescheid"].title
    assert "ratsbeschluss" not in items


def test_a_kommune_needs_council_decision_and_budget():
    items = checklist({"applicant_type": "kommune"}, applicant_types=["kommune"])
    assert items["ratsbeschluss"].required
    assert items["haushaltsmittel"].required
    assert "satzung" not in items


def test_project_facts_make_documents_required():
    items = checklist({"partners": ["Bibliothek"], "cost_types": ["investiv"]}, de_minimis=True)
    assert items["kooperationsvereinbarungen"].required
    assert items["angebote"].required
    assert items["de-minimis"].required
    plain = checklist({"cost_types": ["personal"]})
    assert not plain["angebote"].required
    assert "de-minimis" not in plain


def test_programme_requirements_are_added_or_merged():
    items = checklist(
        requirements=[
            "Mitgliedschaft in einem Spitzenverband der Freien Wohlfahrtspflege",
            "Kein Maßnahmenbeginn vor dem Zuwendungsbescheid",
        ]
    )
    added = [e for e in items.values() if e.title.startswith("Mitgliedschaft")]
    assert len(added) == 1
    assert added[0].required
    assert "Kein Maßnahmenbeginn" in items["nicht-begonnen"].note


def test_a_finance_plan_for_after_the_funding_is_a_document_of_its_own():
    follow_up = "Mittelfristiger Finanzierungsplan für das erste Jahr nach der Förderung"
    items = checklist(requirements=[follow_up, "Kosten- und Finanzierungsplan mit Eigenmitteln"])
    # The project's own plan is this very application; the plan for the year after is not.
    assert "Kosten- und Finanzierungsplan mit Eigenmitteln" in items["finanzplan"].note
    assert follow_up not in items["finanzplan"].note
    own = [e for e in items.values() if e.title == follow_up]
    assert len(own) == 1
    assert own[0].required
    assert item_kind(own[0].key, own[0].title) == "document"


@pytest.mark.parametrize(
    "title",
    [
        "Planungsunterlagen (Lagepläne, Querschnitte, Kostenberechnung)",
        "Nachweis von Baurecht und Grunderwerb",
        "Aktivitätsnachweis über bereits durchgeführte Reparaturveranstaltungen",
    ],
)
def test_plans_and_proofs_to_attach_are_documents(title):
    assert item_kind("programm-x", title) == "document"


def test_submission_is_blocked_while_required_documents_are_missing():
    with pytest.raises(InvalidData) as error:
        check_status_change("in_vorbereitung", "eingereicht", None, None, ["Satzung"], TODAY)
    assert "Pflichtunterlagen fehlen" in error.value.problems[0].message
    assert "Satzung" in error.value.problems[0].message
    change = check_status_change("in_vorbereitung", "eingereicht", None, None, [], TODAY)
    assert change.status == "eingereicht"
    assert change.on == TODAY


@pytest.mark.parametrize(
    ("current", "new", "amount", "field", "fragment"),
    [
        ("idee", "genehmigt", None, "status", "unbekannter Status"),
        ("idee", "idee", None, "status", "bereits den Status"),
        ("idee", "bewilligt", None, "status", "geht es nur weiter zu"),
        ("eingereicht", "bewilligt", None, "amount_eur", "bewilligten Betrag"),
        ("eingereicht", "bewilligt", Decimal("-1"), "amount_eur", "zwischen 0"),
    ],
)
def test_status_changes_that_are_refused(current, new, amount, field, fragment):
    with pytest.raises(InvalidData) as error:
        check_status_change(current, new, None, amount, [], TODAY)
    assert any(p.field == field and fragment in p.message for p in error.value.problems)


def test_future_dates_are_refused():
    with pytest.raises(InvalidData):
        check_status_change("idee", "in_vorbereitung", date(2027, 1, 1), None, [], TODAY)
