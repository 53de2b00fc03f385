"""Where a programme stands: between two rounds with a known next date is the ordinary way in."""

from __future__ import annotations

from datetime import date

from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.domain.matching.explain import deadline_reason
from funding_matcher.domain.matching.standing import standing
from funding_matcher.domain.profile import Profile
from tests.conftest import profile_data
from tests.unit.matching.helpers import others, programme, rank, slugs

BETWEEN = {
    "status": "between_rounds",
    "status_evidence": {
        "url": "https://example.org/aufruf",
        "date": "2026-08-01",
        "quote": "Antragsfrist 01.08.2026 – 30.09.2026, Antragstellung momentan nicht möglich.",
    },
}


def test_between_rounds_with_an_annual_call_is_listed_and_ranked_by_fit():
    annual = programme(slug="jaehrlich", **BETWEEN)  # annual call on 30 September
    weaker = programme(
        slug="offen-schwaecher",
        title="Fonds für Sportgeräte",
        summary="Zuschüsse für Sportgeräte von Sportvereinen.",
        description="Gefördert werden Bälle, Tore und Matten für den Vereinssport.",
        themes=["sport", "engagement"],
    )
    ranking = rank([annual, weaker, *others()])
    order = slugs(ranking.matches)
    assert order.index("jaehrlich") < order.index("offen-schwaecher")
    match = ranking.matches[order.index("jaehrlich")]
    assert match.round == "next"
    assert match.next_deadline == date(2027, 9, 30)
    assert "Zwischen zwei Runden – nächste Frist: 30.09.2027" in match.reasons


def test_between_rounds_without_a_known_date_is_listed_to_be_noted_for_the_next_round():
    # The status says a next round is expected (an annual Regionalbudget whose 2027 call is not
    # out yet): the ordinary way in, a little below an equally fitting open programme.
    unknown = programme(slug="naechste-runde", deadline={"kind": "unknown"}, **BETWEEN)
    past = programme(
        slug="letzte-frist", deadline={"kind": "fixed", "dates": ["2026-03-31"]}, **BETWEEN
    )
    open_now = programme(slug="offen")
    ranking = rank([unknown, past, open_now, *others()])
    order = slugs(ranking.matches)
    assert order.index("offen") < order.index("naechste-runde")
    shown = ranking.matches[order.index("letzte-frist")]
    assert shown.round == "next"
    assert (
        "Nächste Runde erwartet, Termin noch nicht veröffentlicht (letzte Frist: 31.03.2026) – "
        "vormerken" in shown.reasons
    )


def test_a_round_that_merely_lapsed_is_listed_only_on_request():
    # Open by its status, but its only date has passed and nobody announced another round.
    lapsed = programme(slug="vorbei", deadline={"kind": "fixed", "dates": ["2026-03-31"]})
    assert "vorbei" not in slugs(rank([lapsed, *others()]).matches)
    assert "vorbei" in slugs(rank([lapsed, *others()], include_closed=True).matches)


def test_a_bund_programme_takes_the_next_date_of_its_land_procedure():
    bund = programme(
        slug="bund",
        level="bund",
        states="all",
        applicant_types=["kommune"],
        deadline={"kind": "unknown", "note": "Jährliches Programmverfahren der Länder."},
        **BETWEEN,
    )
    land = programme(
        slug="landesverfahren",
        short_title="Landesverfahren NRW",
        applicant_types=["kommune"],
        land_procedure_for=["bund"],
        **BETWEEN,
    )
    ranking = rank([bund, land, *others()], applicant_type="kommune")
    order = slugs(ranking.matches)
    assert {"bund", "landesverfahren"} <= set(order)
    assert abs(order.index("bund") - order.index("landesverfahren")) == 1
    match = ranking.matches[order.index("bund")]
    assert match.next_deadline == date(2027, 9, 30)
    assert "Antrag über das Landesverfahren: Landesverfahren NRW" in match.reasons
    # In a Land whose procedure is not in the catalogue no date is known: the next round is
    # expected, its date is not.
    elsewhere = rank([bund, land, *others()], applicant_type="kommune", state="HE")
    there = elsewhere.matches[slugs(elsewhere.matches).index("bund")]
    assert there.next_deadline is None
    assert any(r.startswith("Nächste Runde erwartet") for r in there.reasons)


def test_listed_on_request_an_ended_or_undated_programme_ranks_below_an_equal_one_still_open():
    ended = programme(slug="beendet", status="closed", deadline={"kind": "closed"})
    undated = programme(slug="ohne-termin", deadline={"kind": "unknown"}, **BETWEEN)
    dated = programme(slug="mit-termin", **BETWEEN)
    ranking = rank([ended, undated, dated, programme(slug="offen")], include_closed=True)
    order = slugs(ranking.matches)
    assert order.index("offen") < order.index("ohne-termin")
    assert order.index("mit-termin") < order.index("ohne-termin")
    assert order.index("offen") < order.index("beendet")


def test_an_unclear_status_only_breaks_ties():
    # Two thirds of the catalogue is "unclear" because its evidence is older than a year: a
    # programme that fits better still comes first, with the warning on its card.
    fits_better = programme(
        slug="unklar-passend",
        status="unclear",
        title="Nachbarschaftstreffs mit Sprachcafé und Beratung",
        description="Gefördert werden offene Treffs, Sprachcafés, Beratung und Ehrenamtsbörsen.",
    )
    weaker = programme(
        slug="offen-allgemein",
        title="Nachbarschaftstreffs",
        description="Gefördert werden offene Treffs, Sprachcafés und Beratung.",
    )
    ranking = rank([weaker, fits_better, *others()])
    assert slugs(ranking.matches)[0] == "unklar-passend"
    assert any(
        w.startswith("Status unklar – letzter Beleg vom ") for w in ranking.matches[0].warnings
    )


def test_an_expired_guideline_carries_no_round_whatever_its_dates_say():
    # The Spielplatz guideline ran out on 30 September; its annual 28 February is no next date
    # until a new guideline is issued.
    expired = programme(
        slug="richtlinie-abgelaufen",
        guideline_valid_until="2026-09-30",
        deadline={"kind": "annual", "annual": {"month": 2, "day": 28}},
    )
    ranking = rank([expired, *others()])
    assert "richtlinie-abgelaufen" not in slugs(ranking.matches)
    assert any(
        "Förderrichtlinie am 30.09.2026 ausgelaufen, keine neue bekannt" in reason
        for e in ranking.excluded
        if e.programme.slug == "richtlinie-abgelaufen"
        for reason in e.reasons
    )
    listed = rank([expired, *others()], include_closed=True)
    match = listed.matches[slugs(listed.matches).index("richtlinie-abgelaufen")]
    assert match.round == "next"
    assert match.next_deadline is None
    assert (
        "Förderrichtlinie am 30.09.2026 ausgelaufen – keine Frist, bis eine neue Richtlinie gilt"
        in match.reasons
    )
    # The day before it runs out, the guideline still carries its round.
    still = MatchingEngine([expired, *others()]).rank(
        Profile.from_dict(profile_data()), date(2026, 9, 30)
    )
    assert "richtlinie-abgelaufen" in slugs(still.matches)


def test_a_deadline_within_six_weeks_is_said_with_the_days_left():
    call = programme(deadline={"kind": "fixed", "dates": ["2026-12-31"]})
    today = date(2026, 12, 7)
    assert deadline_reason(call, standing(call, today), today) == (
        "Nächste Frist: 31.12.2026 – in 24 Tagen"
    )
    assert deadline_reason(call, standing(call, date(2026, 12, 31)), date(2026, 12, 31)) == (
        "Nächste Frist: 31.12.2026 – heute"
    )
    early = date(2026, 9, 1)
    assert deadline_reason(call, standing(call, early), early) == "Nächste Frist: 31.12.2026"
