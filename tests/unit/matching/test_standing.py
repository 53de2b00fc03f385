"""Where a programme stands: between two rounds with a known next date is the ordinary way in."""

from __future__ import annotations

from datetime import date

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
        themes=["sport"],
    )
    ranking = rank([annual, weaker, *others()])
    order = slugs(ranking.matches)
    assert order.index("jaehrlich") < order.index("offen-schwaecher")
    match = ranking.matches[order.index("jaehrlich")]
    assert match.round == "next"
    assert match.next_deadline == date(2027, 9, 30)
    assert "Zwischen zwei Runden – nächste Frist: 30.09.2027" in match.reasons


def test_between_rounds_without_a_known_date_is_listed_only_on_request():
    unknown = programme(slug="ausgesetzt", deadline={"kind": "unknown"}, **BETWEEN)
    past = programme(slug="vorbei", deadline={"kind": "fixed", "dates": ["2026-03-31"]}, **BETWEEN)
    assert not {"ausgesetzt", "vorbei"} & set(slugs(rank([unknown, past, *others()]).matches))
    listed = rank([unknown, past, *others()], include_closed=True)
    assert {"ausgesetzt", "vorbei"} <= set(slugs(listed.matches))


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
    # In a Land whose procedure is not in the catalogue no date is known: only on request.
    elsewhere = rank([bund, land, *others()], applicant_type="kommune", state="HE")
    assert "bund" not in slugs(elsewhere.matches)


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
