"""Dates after the award by the funder's post-award profile (planning.md § 10)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain.errors import InvalidData
from funding_matcher.domain.planning import AwardRequest, ProgrammeTerms, plan_award
from funding_matcher.domain.planning.funder import AWARD_PROFILES, PUBLIC_LAW_WORDS, derive_profile


def award(**kwargs):
    defaults = {
        "project_start": date(2027, 6, 1),
        "project_end": date(2030, 5, 31),
        "applicant_type": "verein",
        "state": "NW",
        "today": date(2027, 6, 1),
    }
    return plan_award(AwardRequest(**{**defaults, **kwargs}))


def rows(result) -> dict[str, tuple]:
    return {m.row_key: (m.kind, m.due, m.legal_due) for m in result.milestones}


def test_bund_anbest_p_interim_reports_and_193_bgb():
    result = award(funder_profile="bund_anbest_p", funder_state="NW")
    assert (result.profile, result.rules, result.funder_term) == (
        "bund_anbest_p",
        "ANBest-P (Bund)",
        "Bewilligungsbehörde",
    )
    got = rows(result)
    # 30.04.2028 is a Sunday, 01.05. a holiday: legally Tuesday 02.05., planned Friday 28.04.
    assert got["zwischennachweis-2027"] == ("frist", date(2028, 4, 28), date(2028, 5, 2))
    assert got["zwischennachweis-2029"][1] == date(2030, 4, 30)
    assert "zwischennachweis-2030" not in got  # the last year goes into the VN
    assert got["verwendungsnachweis"] == ("frist", date(2030, 11, 29), date(2030, 12, 2))
    assert got["belege_aufbewahren"] == ("aufbewahrung", date(2035, 12, 2), date(2035, 12, 2))
    assert result.warnings == ()


def test_a_project_begun_in_the_last_quarter_reports_numbers_only():
    result = award(
        project_start=date(2027, 10, 15), funder_profile="bund_anbest_p", funder_state="BE"
    )
    assert "nur zahlenmäßiger Nachweis" in result.milestone("zwischennachweis").note


def test_land_grant_to_an_nrw_kommune_is_anbest_g_with_dates_from_the_bescheid():
    result = award(
        project_start=date(2027, 7, 1),
        project_end=date(2028, 12, 31),
        applicant_type="kommune",
        funder_level="land",
        vn_due=date(2029, 6, 30),
    )
    assert (result.profile, result.rules) == ("nw_anbest_g", "ANBest-G (NRW)")
    got = rows(result)
    assert got["verwendungsnachweis"] == ("frist", date(2029, 6, 29), date(2029, 7, 2))
    assert got["zwischennachweis-2027"] == ("frist", None, None)
    assert got["belege_aufbewahren"][1] == date(2034, 7, 2)
    assert "ANBest-Gk" not in " ".join(m.note for m in result.milestones)


@pytest.mark.parametrize(
    ("level", "kommune", "land", "expected"),
    [
        ("bund", True, "NW", "bund_anbest_gk"),
        ("bund", False, "BY", "bund_anbest_p"),
        ("land", True, "BY", "by_anbest_k"),
        ("land", True, "NI", "ni_anbest_gk"),
        ("land", True, "HE", "he_kommunal"),
        ("land", False, "SN", "sn_anbest_p"),
        ("stiftung", False, "NW", "stiftung_vertrag"),
        ("eu", True, "NW", None),
        ("kommune", False, "NW", None),
        (None, False, "NW", None),
    ],
)
def test_profile_derived_from_level_applicant_and_land(level, kommune, land, expected):
    assert derive_profile(level, kommune, land) == expected
    if expected:
        assert expected in AWARD_PROFILES


def test_a_foundation_contract_has_no_public_law_words_and_no_guessed_dates():
    result = award(programme=ProgrammeTerms(level="bund", post_award_profile="stiftung_vertrag"))
    assert (result.profile, result.funder_term) == ("stiftung_vertrag", "Fördergeber")
    got = rows(result)
    assert "zwischennachweis-2027" not in got
    assert got["verwendungsnachweis"][1:] == (None, None)
    assert got["belege_aufbewahren"][1:] == (None, None)
    words = " ".join(
        [m.title + " " + m.note for m in result.milestones] + [w.message for w in result.warnings]
    )
    assert not any(word in words for word in PUBLIC_LAW_WORDS)
    assert "Fördervertrag" in result.milestone("verwendungsnachweis").note


def test_an_unknown_profile_guesses_nothing():
    result = award(funder_level="eu", vn_due=date(2030, 11, 30))
    assert (result.profile, result.rules) == (None, None)
    ids = [w.id for w in result.warnings]
    assert ids == ["profile_unknown", "funder_state_assumed"]
    got = rows(result)
    assert got["verwendungsnachweis"][1] == date(2030, 11, 29)
    assert got["belege_aufbewahren"][1:] == (None, None)
    assert not any(m.key == "zwischennachweis" for m in result.milestones)
    eu = award(funder_level="eu", eu_funded=True)
    assert rows(eu)["belege_aufbewahren"][1] == date(2040, 5, 31)


def test_bavarian_small_grants_need_a_vn_only_on_request():
    small = award(
        applicant_type="verein",
        state="BY",
        funder_level="land",
        grant_eur=Decimal(8000),
        project_end=date(2027, 12, 31),
    )
    assert small.profile == "by_anbest_p"
    assert "Art. 44a BayHO" in small.milestone("verwendungsnachweis").note
    assert "31.03.2028" in small.milestone("verwendungsnachweis").note
    big = award(applicant_type="verein", state="BY", funder_level="land", grant_eur=Decimal(80000))
    assert "Art. 44a" not in big.milestone("verwendungsnachweis").note


def test_purpose_fulfilled_early_brings_the_vn_forward():
    result = award(
        funder_profile="bund_anbest_p", funder_state="NW", purpose_fulfilled=date(2029, 3, 31)
    )
    assert rows(result)["verwendungsnachweis"][2] == date(2029, 10, 1)  # So 30.09. -> Mo
    assert "zwischennachweis-2028" in rows(result)
    assert "zwischennachweis-2029" not in rows(result)


def test_bad_input_names_the_field():
    for kwargs, field in (
        ({"funder_profile": "nw_anbest_xyz"}, "funder_profile"),
        ({"project_end": date(2026, 1, 1)}, "project_end"),
        ({"funder_state": "XX"}, "funder_state"),
        ({"funder_level": "gemeinde"}, "funder_level"),
    ):
        with pytest.raises(InvalidData) as err:
            award(**kwargs)
        assert err.value.problems[0].field == field
