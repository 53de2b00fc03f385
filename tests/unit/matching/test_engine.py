"""The matcher's hard rules, ranking and reasons, on small hand-made catalogues."""

from datetime import date

import pytest

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.domain.profile import Profile
from tests.conftest import profile_data, programme_data

TODAY = date(2026, 11, 24)


def programme(**overrides) -> Programme:
    return Programme.model_validate(programme_data(**overrides))


def rank(programmes, include_closed=False, **profile_overrides):
    engine = MatchingEngine(programmes)
    return engine.rank(
        Profile.from_dict(profile_data(**profile_overrides)), TODAY, include_closed=include_closed
    )


def excluded(ranking) -> dict[str, list[str]]:
    return {e.programme.slug: e.reasons for e in ranking.excluded}


@pytest.mark.parametrize(
    ("overrides", "profile", "fragment"),
    [
        ({"applicant_types": ["kommune"]}, {}, "Nicht antragsberechtigt: Gemeinnütziger Verein"),
        ({"states": ["BY", "BW"]}, {}, "Nur für Bayern, Baden-Württemberg"),
        ({"area_types": ["rural"]}, {}, "Nur für ländliche Räume"),
        (
            {"requires_designated_area": True},
            {"designated_area": False},
            "Nur in Fördergebieten der Städtebauförderung – Ihr Quartier liegt laut Profil",
        ),
        ({"status": "closed", "deadline": {"kind": "closed"}}, {}, "Programm beendet"),
        (
            {"deadline": {"kind": "fixed", "dates": ["2025-10-15"]}},
            {},
            "Keine offene oder angekündigte Frist (letzte: 15.10.2025)",
        ),
        ({"status": "unclear", "deadline": {"kind": "closed"}}, {}, "Keine offene Antragsrunde"),
        ({"amount_min_eur": 500000, "amount_max_eur": None}, {}, "weit unter dem Mindestbetrag"),
        (
            {"project_cost_max_eur": 20000},
            {},
            "Nur für Vorhaben bis 20.000 € Gesamtkosten – Ihr Projekt: 60.000 €",
        ),
        (
            {"cost_types": ["investiv"]},
            {"cost_types": ["personal", "sach"]},
            "Fördert nur Investitionen",
        ),
        ({"cost_types": ["personal"]}, {"cost_types": ["investiv"]}, "Fördert keine Investitionen"),
    ],
)
def test_each_hard_rule_excludes_with_a_german_reason(overrides, profile, fragment):
    fits = programme(slug="passt", cost_types=["personal", "sach", "investiv"])
    ranking = rank([programme(slug="geprueft", **overrides), fits], **profile)
    assert [m.programme.slug for m in ranking.matches] == ["passt"]
    assert any(fragment in reason for reason in excluded(ranking)["geprueft"])


def test_include_closed_brings_closed_programmes_back_marked():
    closed = programme(slug="vorbei", deadline={"kind": "fixed", "dates": ["2025-10-15"]})
    ranking = rank([closed], include_closed=True)
    assert ranking.matches[0].currently_closed
    assert any("nächste Runde vormerken" in r for r in ranking.matches[0].reasons)


def test_missing_profile_data_never_excludes_but_is_reported():
    strict = programme(area_types=["rural"], requires_designated_area=True, cost_types=["investiv"])
    data = profile_data()
    for key in ("area_type", "budget_total_eur", "own_funds_eur", "cost_types"):
        data.pop(key)
    ranking = MatchingEngine([strict]).rank(Profile.from_dict(data), TODAY)
    assert [m.programme.slug for m in ranking.matches] == ["testprogramm"]
    missing = ranking.matches[0].missing
    assert "Angabe fehlt: Gebietstyp (städtisch oder ländlich)" in missing
    assert any(m.startswith("Angabe fehlt: Gebietskulisse") for m in missing)
    assert any(m.startswith("Angabe fehlt: Budget") for m in missing)
    assert any(m.startswith("Angabe fehlt: Kostenarten") for m in missing)


def test_drafts_do_not_count():
    ranking = rank([programme(slug="entwurf", status="draft"), programme(slug="geprueft")])
    assert [m.programme.slug for m in ranking.matches] == ["geprueft"]
    assert "entwurf" not in excluded(ranking)


def test_text_and_themes_decide_the_order():
    pflege = programme(
        slug="pflege-im-quartier",
        themes=["pflege"],
        target_groups=["aeltere"],
        summary="Unterstützung pflegender Angehöriger und Nachbarschaftshilfe.",
        description="Gefördert werden Pflegestützpunkte, Nachbarschaftshilfe für "
        "Seniorinnen und Senioren und Entlastung pflegender Angehöriger.",
    )
    sport = programme(
        slug="sportvereine",
        themes=["sport"],
        target_groups=["jugendliche"],
        summary="Zuschüsse für Sportvereine und Bewegungsangebote im Verein.",
        description="Gefördert werden Trainingsgeräte, Übungsleitungen und "
        "Sportangebote für Jugendliche im Verein.",
    )
    ranking = rank(
        [sport, pflege],
        themes=["pflege"],
        target_groups=["aeltere"],
        title="Nachbarschaftshilfe für Seniorinnen",
        description="Ehrenamtliche entlasten pflegende Angehörige im Quartier.",
    )
    # The sport programme shares neither a theme nor a word: it is no match at all.
    assert [m.programme.slug for m in ranking.matches] == ["pflege-im-quartier"]
    both = rank(
        [sport, pflege],
        themes=["pflege", "sport"],
        target_groups=["aeltere"],
        title="Nachbarschaftshilfe für Seniorinnen",
        description="Ehrenamtliche entlasten pflegende Angehörige im Quartier.",
    )
    assert [m.programme.slug for m in both.matches] == ["pflege-im-quartier", "sportvereine"]
    assert both.matches[0].score > both.matches[1].score


def test_compounds_match_their_parts():
    quartier = programme(
        slug="quartier",
        themes=["kultur"],
        description="Gefördert wird das Management von Quartieren und das "
        "Quartier als Ort der Nachbarschaft.",
    )
    other = programme(
        slug="anderes",
        themes=["kultur"],
        description="Gefördert werden Konzerte und Lesungen in Bibliotheken.",
    )
    filler = [
        programme(
            slug=f"fueller-{i}", themes=["kultur"], description=f"Management Nummer {i} im Quartier"
        )
        for i in range(2)
    ]
    ranking = rank(
        [other, quartier, *filler],
        themes=["kultur"],
        title="Quartiersmanagement",
        description="Ein Quartiersmanagement für Lirich.",
    )
    assert ranking.matches[0].programme.slug != "anderes"
    assert ranking.matches[-1].programme.slug == "anderes"


def test_reasons_are_short_and_name_applicant_themes_terms_and_deadline():
    p = programme(description="Nachbarschaftstreff und Sprachcafé im Stadtteil.")
    others = [
        programme(slug=f"anderes-{i}", description="Ehrenamt und Begegnung im Stadtteil.")
        for i in range(3)
    ]
    match = rank([p, *others], title="Sprachcafé im Nachbarschaftstreff").matches[0]
    assert match.programme.slug == "testprogramm"
    assert 2 <= len(match.reasons) <= 6
    # The fit comes first (what added most to the score), who may apply after it.
    assert match.reasons[0].startswith(("Passende Begriffe:", "Themen:"))
    assert "Antragsberechtigt: Gemeinnütziger Verein oder Initiative" in match.reasons
    assert any("Themen: Soziale und kulturelle Teilhabe" in r for r in match.reasons[:3])
    assert any(r.startswith("Passende Begriffe:") and "Sprachcafé" in r for r in match.reasons)
    assert "Nächste Frist: 30.09.2027" in match.reasons
    assert match.next_deadline == date(2027, 9, 30)


def test_articles_and_pronouns_are_never_matching_terms():
    """Found in the dev cases: "ein" matched and was shown as a reason."""
    p = programme(description="Ein Treff, wir bieten ein Sprachcafé für unsere Nachbarschaft.")
    others = [
        programme(slug=f"anderes-{i}", description="Begegnung im Stadtteil.") for i in range(3)
    ]
    match = rank(
        [p, *others], description="Ein Verein, wir planen ein Sprachcafé mit unseren Nachbarn."
    ).matches[0]
    (terms,) = [r for r in match.reasons if r.startswith("Passende Begriffe:")]
    assert "Sprachcafé" in terms
    for word in ("ein", "Ein", "wir", "unsere", "unseren"):
        assert word not in terms.removeprefix("Passende Begriffe:").replace(",", " ").split()


def test_top_limits_the_matches_but_keeps_the_order():
    programmes = [
        programme(slug=f"p{i}", description=f"Nachbarschaft und Begegnung {'Quartier ' * i}")
        for i in range(8)
    ]
    engine = MatchingEngine(programmes)
    profile = Profile.from_dict(profile_data(description="Quartier Quartier und Nachbarschaft"))
    full = [m.programme.slug for m in engine.rank(profile, TODAY).matches]
    assert [m.programme.slug for m in engine.rank(profile, TODAY, top=3).matches] == full[:3]


def test_empty_catalogue_ranks_nothing():
    ranking = MatchingEngine([]).rank(Profile.from_dict(profile_data()), TODAY)
    assert ranking.matches == []
    assert ranking.excluded == []


FONDS = {"applicant_types": ["verein"], "via": "Verfügungsfonds der Kommune im Fördergebiet"}


def test_indirect_access_is_a_match_below_an_equally_fitting_direct_one():
    via_kommune = programme(slug="ueber-kommune", applicant_types=["kommune"], access_via=[FONDS])
    direct = programme(slug="direkt")
    ranking = rank([via_kommune, direct])
    # Programmes reached through an intermediary are listed after the ones applied for directly.
    assert [m.programme.slug for m in ranking.matches] == ["direkt"]
    assert [m.programme.slug for m in ranking.indirect] == ["ueber-kommune"]
    indirect = ranking.indirect[0]
    assert any(
        r.startswith("Zugang über: Verfügungsfonds der Kommune")
        and r.endswith("(als Gemeinnütziger Verein oder Initiative nicht selbst antragsberechtigt)")
        for r in indirect.reasons
    )
    assert not any(r.startswith("Antragsberechtigt") for r in indirect.reasons)
    assert indirect.access_via is not None
    assert ranking.matches[0].access_via is None
    assert indirect.score < ranking.matches[0].score
    assert "ueber-kommune" not in excluded(ranking)


def test_direct_applicants_of_an_intermediary_programme_apply_themselves():
    via_kommune = programme(slug="ueber-kommune", applicant_types=["kommune"], access_via=[FONDS])
    match = rank([via_kommune], applicant_type="kommune").matches[0]
    assert "Antragsberechtigt: Kommune" in match.reasons
    assert match.access_via is None


def test_exclusion_names_direct_applicants_and_access_routes():
    via_kommune = programme(slug="ueber-kommune", applicant_types=["kommune"], access_via=[FONDS])
    reasons = excluded(rank([via_kommune], applicant_type="unternehmen"))["ueber-kommune"]
    assert reasons[0] == (
        "Nicht antragsberechtigt: Unternehmen (antragsberechtigt: Kommune; "
        "Gemeinnütziger Verein oder Initiative über Verfügungsfonds der Kommune im Fördergebiet)"
    )


def test_ended_programme_points_to_its_successor_and_is_no_next_round():
    ended = programme(slug="alt", status="closed", successor="neu", deadline={"kind": "closed"})
    between = programme(slug="zwischen", deadline={"kind": "fixed", "dates": ["2025-10-15"]})
    ranking = rank([ended, between, programme(slug="neu")], include_closed=True)
    by_slug = {m.programme.slug: m for m in ranking.matches}
    assert by_slug["alt"].round == "ended"
    assert "Programm beendet – Nachfolgeprogramm: neu" in by_slug["alt"].reasons
    assert any("Nachfolgeprogramm: neu" in w for w in by_slug["alt"].warnings)
    assert by_slug["zwischen"].round == "next"
    assert by_slug["neu"].round == "open"
    reasons = excluded(rank([ended, programme(slug="neu")]))["alt"]
    assert "Programm beendet – Nachfolgeprogramm: neu" in reasons


def test_guideline_expiring_before_the_project_ends_is_a_warning():
    short_lived = programme(guideline_valid_until="2027-12-31")
    match = rank([short_lived], start_date="2027-10-01", duration_months=36).matches[0]
    assert match.warnings == [
        "Die Förderrichtlinie gilt nur bis 31.12.2027, Ihr Projekt läuft bis 30.09.2030: "
        "Verlängerung oder Nachfolgeprogramm prüfen."
    ]
    within = rank([short_lived], start_date="2027-10-01", duration_months=2)
    assert within.matches[0].warnings == []
    expired = programme(guideline_valid_until="2026-06-30")
    # An expired guideline carries no round: listed on request, with the warning.
    assert "ausgelaufen" in rank([expired], include_closed=True).matches[0].warnings[0]


def test_query_weights_are_exactly_those_of_the_fitted_vectorizer():
    """The engine computes a query's TF-IDF itself (fast path); a score may never differ from
    scikit-learn's own transform, not even in the last bit."""
    import random

    import numpy as np

    from funding_matcher.domain.catalogue.files import load_catalogue
    from funding_matcher.paths import PROJECT_ROOT

    engine = MatchingEngine(load_catalogue(PROJECT_ROOT / "programs").programmes)
    vocabulary = sorted(engine.text.vectorizer.vocabulary_)
    rng = random.Random(7)
    for _ in range(300):
        terms = [rng.choice(vocabulary) for _ in range(rng.randint(0, 200))]
        terms += rng.sample(terms, min(len(terms), rng.randint(0, 40))) + ["quatschwortxyz"]
        expected = engine.text.vectorizer.transform([terms])
        columns, weights = engine.text._tfidf(terms)
        assert columns.tolist() == expected.indices.tolist()
        assert weights.dtype == expected.data.dtype
        assert np.array_equal(weights, expected.data)


def test_a_project_starting_before_the_deadline_is_warned_of_the_start_before_approval():
    annual = programme()  # annual deadline 30 September
    match = rank([annual], start_date="2027-03-01", duration_months=12).matches[0]
    assert (
        "Die nächste Antragsfrist (30.09.2027) liegt nach Ihrem Projektbeginn (01.03.2027): "
        "gefördert wird in der Regel erst, was nach der Bewilligung beginnt – prüfen Sie, für "
        "welchen Förderzeitraum die Frist gilt, und planen Sie den Beginn danach" in match.warnings
    )
    # Nor does the funding mix plan with money one can only apply for after the start.
    early = rank([annual], start_date="2027-03-01", duration_months=12)
    assert early.mix is None
    later = rank([annual], start_date="2027-11-01", duration_months=12)
    assert not any(w.startswith("Die nächste Antragsfrist") for w in later.matches[0].warnings)
    assert later.mix.main.programme.slug == annual.slug


def test_a_guideline_ending_before_the_project_starts_is_said_and_not_planned():
    ending = programme(guideline_valid_until="2027-06-30", deadline={"kind": "rolling"})
    ranking = rank([ending], start_date="2027-09-01", duration_months=12)
    assert (
        "Die Förderrichtlinie gilt nur bis 30.06.2027, Ihr Projekt beginnt erst am 01.09.2027: "
        "ohne neue Richtlinie keine Förderung – beim Fördergeber erfragen, ob sie verlängert "
        "wird." in ranking.matches[0].warnings
    )
    assert ranking.mix is None


def test_a_programme_subordinate_to_public_money_says_so_in_the_list():
    lottery = programme(slug="lotterie", level="stiftung", subsidiarity="public_first")
    match = rank([lottery]).matches[0]
    assert (
        "Nachrang: öffentliche Mittel gehen vor; sind alle öffentlichen Fördermöglichkeiten "
        "ausgeschöpft?" in match.warnings
    )


def test_a_start_too_soon_for_the_programmes_lead_is_said_and_not_planned():
    # Three months before the start, a deadline at the end of the year: too late for March.
    lead = programme(
        apply_lead_days=92, deadline={"kind": "fixed", "dates": ["2026-12-31", "2027-03-31"]}
    )
    ranking = rank([lead], start_date="2027-03-01", duration_months=12)
    assert (
        "Antrag mindestens 92 Tage vor Projektbeginn, für einen Beginn am 01.03.2027 also bis "
        "29.11.2026: die nächste Frist (31.12.2026) ist dafür zu spät – Beginn verschieben"
        in ranking.matches[0].warnings
    )
    assert ranking.mix is None
    in_time = rank([lead], start_date="2027-04-15", duration_months=12)
    assert not any(w.startswith("Antrag mindestens") for w in in_time.matches[0].warnings)
    assert in_time.mix is not None


def test_a_start_within_weeks_is_warned_that_approval_may_come_later():
    rolling = programme(deadline={"kind": "rolling"})
    soon = rank([rolling], start_date="2026-12-20", duration_months=12)  # today 24.11.2026
    assert (
        "Ihr Projekt beginnt am 20.12.2026, in 26 Tagen: ob bis dahin bewilligt ist, ist offen – "
        "vorzeitigen Maßnahmebeginn beantragen oder Beginn verschieben" in soon.matches[0].warnings
    )
    assert soon.mix is not None  # a warning, not a reason to leave the money out
    assert any(
        n.startswith("Testprogramm: Ihr Projekt beginnt am 20.12.2026") for n in soon.mix.notes
    )
    later = rank([rolling], start_date="2027-03-01", duration_months=12)
    assert not any(w.startswith("Ihr Projekt beginnt am") for w in later.matches[0].warnings)


def test_a_start_within_weeks_reads_by_the_programmes_start_rule():
    def warned(**overrides):
        p = programme(deadline={"kind": "rolling"}, **overrides)
        match = rank([p], start_date="2026-12-20", duration_months=12).matches[0]
        return [w for w in match.warnings if w.startswith("Ihr Projekt beginnt am")]

    assert warned(start_rule="after_application") == []
    assert warned(start_rule="after_written_commitment") == [
        "Ihr Projekt beginnt am 20.12.2026, in 26 Tagen: begonnen werden darf erst nach der "
        "schriftlichen Zusage des Fördergebers, und ob sie bis dahin kommt, ist offen – Beginn "
        "verschieben"
    ]
