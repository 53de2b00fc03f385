"""The matcher on the real catalogue, as a grant writer would try it (issue 26)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from benchmarks import eval_matcher
from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.matching.amounts import programme_cap
from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.domain.matching.kinds import speaks_of_cooperation_abroad
from funding_matcher.domain.matching.mix import combinable
from funding_matcher.domain.matching.weights import FITTING_GRANT_SHARE
from funding_matcher.domain.profile import Profile
from funding_matcher.paths import PROJECT_ROOT
from tests.conftest import SHARED
from tests.unit.matching.helpers import match_for

TODAY = date(2026, 11, 24)

KOMMUNE_NRW = {
    "title": "Quartiersmanagement Bismarck/Schalke-Nord",
    "description": "Die Stadt richtet für einen Stadtteil mit hoher Arbeitslosigkeit und vielen "
    "Zugewanderten ein Quartiersmanagement ein: ein Quartiersbüro vor Ort, Beteiligung der "
    "Bewohnerschaft, Vernetzung von Schulen, Vereinen und Wohnungsunternehmen, ein "
    "Verfügungsfonds für kleine Nachbarschaftsprojekte und die Aufwertung von Plätzen und "
    "Grünflächen nach dem integrierten Handlungskonzept.",
    "applicant_type": "kommune",
    "state": "NW",
    "municipality": "Gelsenkirchen",
    "area_type": "urban",
    "designated_area": True,
    "themes": ["quartiersmanagement", "teilhabe", "vernetzung"],
    "target_groups": ["alle", "migrantinnen"],
    "cost_types": ["personal", "sach", "investiv"],
    "budget_total_eur": 900000,
    "own_funds_eur": 180000,
    "duration_months": 48,
}
VERBAND_HANNOVER = {
    "title": "Inklusiver Nachbarschaftstreff in Hannover-Linden",
    "description": "Ein Wohlfahrtsverband eröffnet in einem Ladenlokal einen barrierefreien "
    "Nachbarschaftstreff für alle Generationen: offenes Café, Mittagstisch, Beratung, "
    "Freizeitangebote von und für Menschen mit und ohne Behinderung. Eine Koordinatorin "
    "begleitet Ehrenamtliche, der Treff ist an drei Tagen pro Woche geöffnet.",
    "applicant_type": "freier_traeger",
    "state": "NI",
    "municipality": "Hannover",
    "area_type": "urban",
    "themes": ["teilhabe", "inklusion", "engagement"],
    "target_groups": ["alle", "menschen_mit_behinderung", "aeltere"],
    "cost_types": ["personal", "sach"],
    "budget_total_eur": 150000,
    "own_funds_eur": 15000,
    "duration_months": 36,
}
VEREIN_HOFKUECHE = {
    "title": "Hofküche im Hinterhof",
    "description": "Ein Nachbarschaftsverein richtet im Hinterhof eines Mietshauses eine offene "
    "Hofküche ein, in der Nachbarinnen und Nachbarn einmal pro Woche gemeinsam kochen und "
    "essen. Gebraucht werden eine mobile Küchenzeile, Geschirr, Gartenmöbel und Material für "
    "Aushänge; alle Arbeit leisten Ehrenamtliche.",
    "applicant_type": "verein",
    "state": "SN",
    "municipality": "Leipzig",
    "area_type": "urban",
    "themes": ["teilhabe", "engagement"],
    "target_groups": ["alle"],
    "cost_types": ["sach", "investiv"],
    "budget_total_eur": 4800,
    "own_funds_eur": 400,
    "duration_months": 12,
}


@pytest.fixture(scope="module")
def engine():
    return MatchingEngine(load_catalogue(PROJECT_ROOT / "programs").programmes)


def ranked(engine, data, top=10):
    return engine.rank(Profile.from_dict(data), TODAY, include_closed=False, top=top)


@pytest.mark.parametrize("data", [KOMMUNE_NRW, VERBAND_HANNOVER, VEREIN_HOFKUECHE])
def test_no_prize_or_wage_subsidy_above_a_fitting_grant(engine, data):
    matches = ranked(engine, data, top=30).matches
    best = max(m.score for m in matches if m.kind == "grant")
    for i, m in enumerate(matches):
        if m.kind in ("prize", "personnel_subsidy"):
            later = matches[i + 1 :]
            assert not [
                g for g in later if g.kind == "grant" and g.score >= FITTING_GRANT_SHARE * best
            ]


@pytest.mark.parametrize("data", [KOMMUNE_NRW, VERBAND_HANNOVER, VEREIN_HOFKUECHE])
def test_each_gets_a_funding_mix_within_caps_and_combinable(engine, data):
    profile = Profile.from_dict(data)
    mix = ranked(engine, data).mix
    assert mix is not None
    assert mix.main.amount_eur > 0
    assert mix.covered_eur <= mix.need_eur
    chosen = [p.programme for p in mix.parts]
    for part in mix.parts:
        assert part.programme.funding_type == "zuschuss"
        cap = programme_cap(part.programme, profile).eur
        assert cap is None or part.amount_eur <= cap
        assert combinable(part.programme, [p for p in chosen if p is not part.programme])


def test_the_kommune_starts_from_the_land_procedure_of_staedtebaufoerderung(engine):
    ranking = ranked(engine, KOMMUNE_NRW)
    top = [m.programme.slug for m in ranking.matches]
    assert top[0] in ("stbauf-sozialer-zusammenhalt", "nrw-stadterneuerung")
    assert abs(top.index("stbauf-sozialer-zusammenhalt") - top.index("nrw-stadterneuerung")) == 1
    assert ranking.mix.main.programme.slug == "nrw-stadterneuerung"


def test_the_hannover_treff_has_rl_mehrgenerationen_as_cofunder(engine):
    ranking = ranked(engine, VERBAND_HANNOVER)
    # The Aktion Mensch's project funding carries the inclusive Treff, not its lump sum for
    # travel companions; the Land programme made for such Treffs co-funds it.
    assert ranking.mix.main.programme.slug == "aktion-mensch-projektfoerderung"
    assert "nds-rl-mehrgenerationen" in [p.programme.slug for p in ranking.mix.cofunders]
    match = match_for(ranking, "nds-rl-mehrgenerationen")
    assert any("je Jahr" in r and "als Kofinanzierung" in r for r in match.reasons)


def test_the_hofkueche_sees_small_grants_with_their_share(engine):
    ranking = ranked(engine, VEREIN_HOFKUECHE, top=20)
    by_slug = {m.programme.slug: m for m in ranking.matches}
    mitarbeit = by_slug.get("stiftung-mitarbeit-starthilfe")
    assert mitarbeit is not None
    assert any("deckt 11 % des Bedarfs, als Kofinanzierung" in r for r in mitarbeit.reasons)
    assert ranking.mix.main.programme.slug != "stiftung-mitarbeit-starthilfe"


def dev_cases():
    cases = []
    for path in (
        SHARED / "eval" / "dev" / "cases.json",
        *eval_matcher.OWN_CASE_FILES,
    ):
        cases += json.loads(path.read_text(encoding="utf-8"))
    return cases


def test_no_cross_border_programme_for_profiles_without_partners_abroad(engine):
    checked = 0
    for case in [*dev_cases(), {"profile": KOMMUNE_NRW}, {"profile": VEREIN_HOFKUECHE}]:
        data = case["profile"]
        if data.get("partners_abroad") or speaks_of_cooperation_abroad(data["description"]):
            continue
        ranking = engine.rank(Profile.from_dict(data), TODAY, include_closed=True, top=10)
        assert not [m.programme.slug for m in ranking.matches if m.programme.cooperation]
        checked += 1
    assert checked >= 25


def test_the_hofkueche_finds_micro_grants_it_applies_for_itself(engine):
    # The DSEE's micro grants (a parent record with sub-lines for other applicants) and the
    # Ehrenamtsbudget that a Verein asks its Landkreis or Stadt for are its ordinary way in.
    ranking = ranked(engine, VEREIN_HOFKUECHE, top=20)
    by_slug = {m.programme.slug: m for m in ranking.matches}
    assert "dsee-foerderprogramme" in by_slug
    budget = by_slug.get("sn-kommunales-ehrenamtsbudget")
    assert budget is not None
    assert budget.ordinary_route
    assert any(r.startswith("Zugang über") for r in budget.reasons)


JUGENDTREFF = {
    "title": "Jugendtreff im Dorf",
    "description": "Die Kirchengemeinde richtet einen Jugendtreff im Gemeindehaus ein: offene "
    "Abende, Spiele, Hausaufgabenhilfe, von Ehrenamtlichen und einer Honorarkraft betreut.",
    "applicant_type": "kirchengemeinde",
    "state": "NW",
    "municipality": "Lippstadt",
    "area_type": "rural",
    "themes": ["teilhabe", "bildung"],
    "target_groups": ["jugendliche"],
    "cost_types": ["personal", "sach"],
    "budget_total_eur": 25000,
    "own_funds_eur": 2500,
    "duration_months": 24,
}


GENERATIONEN = {
    "title": "Generationen kochen zusammen",
    "description": "Ein Wohlfahrtsverband bringt Kita-Kinder, Schulkinder und Bewohnerinnen eines "
    "Seniorenzentrums regelmäßig zusammen: gemeinsames Kochen, Vorlesen, Gärtnern. Eine Fachkraft "
    "koordiniert, Ehrenamtliche unterstützen.",
    "applicant_type": "freier_traeger",
    "state": "NW",
    "municipality": "Dortmund",
    "area_type": "urban",
    "themes": ["teilhabe", "engagement", "bildung"],
    "target_groups": ["kinder", "aeltere"],
    "cost_types": ["personal", "sach"],
    "budget_total_eur": 120000,
    "own_funds_eur": 12000,
    "duration_months": 24,
}


@pytest.mark.parametrize(
    "data", [JUGENDTREFF, KOMMUNE_NRW, GENERATIONEN], ids=["jugendtreff", "kommune", "generationen"]
)
def test_every_matching_term_shown_is_in_the_funders_own_words(engine, data):
    """A word the user wrote is shown only when the programme's own text (title, summary,
    description, funder) has it, alone or inside one of its compounds. Not shown: the parts of
    the user's compound (the Kommunalrichtlinie once showed "Hausaufgabenhilfe" for its "Haus"
    and "Aufgaben") and words that come only from the labels of the programme's codes (the
    Postcode Lotterie showed "Bewohnerinnen" from the label of "alle")."""
    for match in ranked(engine, data, top=20).matches:
        p = match.programme
        tokens = engine.text._document(
            " ".join([p.title, p.short_title, p.summary, p.description, p.funder])
        )
        own = set(engine.text._index_terms(tokens, engine.text._word_terms(tokens)))
        reason = next((r for r in match.reasons if r.startswith("Passende Begriffe:")), "")
        for term in filter(None, (t.strip() for t in reason.split(":", 1)[-1].split(","))):
            whole = engine.analyzer.word_terms(term.lower())[0]
            assert whole in own, (match.programme.slug, term)
