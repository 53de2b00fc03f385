"""Key facts of real guidelines are proposed with the page they stand on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest


def best(result, field):
    proposal = result.best(field)
    assert proposal is not None, f"kein Vorschlag für {field}"
    return proposal


@pytest.mark.parametrize(
    ("stem", "field", "value", "page"),
    [
        ("bund_go-inno_richtlinie", "funding_rate_max_percent", Decimal(50), 4),
        ("bund_go-inno_richtlinie", "amount_max_eur", Decimal(20000), 4),
        ("bund_go-inno_richtlinie", "valid_from", date(2021, 1, 1), 6),
        ("bund_go-inno_richtlinie", "valid_until", date(2024, 6, 30), 6),
        ("bund_go-inno_richtlinie", "financing_type", "anteil", 4),
        ("bund_bafa-eew_foerderrichtlinie", "funding_rate_max_percent", Decimal(60), 10),
        ("bund_bafa-eew_foerderrichtlinie", "valid_until", date(2028, 12, 31), 15),
        ("bund_kfw-merkblatt-458_beg-heizung_2026-07", "funding_rate_max_percent", Decimal(70), 4),
        ("bund_kfw-merkblatt-458_beg-heizung_2026-07", "valid_from", date(2026, 7, 21), 1),
        ("bund_kfw-merkblatt-511_erp-digitalisierung", "amount_max_eur", Decimal(200000), 8),
        ("kommunal_stuttgart_solaroffensive_2026", "funding_rate_max_percent", Decimal(50), 3),
        ("kommunal_stuttgart_solaroffensive_2026", "amount_max_eur", Decimal(30000), 3),
        ("kommunal_stuttgart_solaroffensive_2026", "valid_from", date(2026, 5, 1), 5),
        (
            "kommunal_heidelberg_rationelle-energieverwendung_2026",
            "amount_min_eur",
            Decimal(150),
            3,
        ),
        (
            "kommunal_heidelberg_rationelle-energieverwendung_2026",
            "amount_max_eur",
            Decimal(10000),
            4,
        ),
        # "gilt für Anträge, die nach dem 30.06.2026 eingehen": in force from the day after
        (
            "kommunal_heidelberg_rationelle-energieverwendung_2026",
            "valid_from",
            date(2026, 7, 1),
            3,
        ),
        ("kommunal_poing_rationelle-energienutzung_2021", "amount_max_eur", Decimal(7000), 7),
        ("kommunal_poing_rationelle-energienutzung_2021", "valid_from", date(2021, 7, 1), 16),
        ("kommunal_potsdam_klimaschutz_2026", "valid_from", date(2026, 4, 1), 20),
        ("kommunal_potsdam_klimaschutz_2026", "financing_type", "festbetrag", 12),
        ("kommunal_regensburg_photovoltaik_2026", "amount_max_eur", Decimal(1500), 5),
        ("kommunal_regensburg_photovoltaik_2026", "valid_from", date(2026, 1, 1), 8),
        ("land_mv_grw-gewerbe_merkblatt", "funding_rate_max_percent", Decimal(35), 2),
    ],
)
def test_key_fact_is_the_best_candidate_on_its_page(guideline, stem, field, value, page):
    proposal = best(guideline(stem), field)
    assert (proposal.value, proposal.page) == (value, page)
    assert proposal.quote


def test_rate_from_the_amount_section_beats_percentages_in_the_preamble(guideline):
    result = guideline("bund_bafa-eew_foerderrichtlinie")
    # The preamble speaks of 65 and 88 percent emission cuts on page 1.
    assert all(p.page != 1 for p in result.candidates("funding_rate_max_percent"))
    assert "Große Unternehmen 40 % 20 %" in best(result, "funding_rate_max_percent").quote


def test_zim_file_with_old_rules_warns_and_prefers_the_current_rules(guideline):
    result = guideline("bund_zim_richtlinie_2025")
    warning = next(w for w in result.warnings if "Fassung der Richtlinie erkannt" in w)
    assert warning.startswith("Seite 16 ff.: zweite, ältere Fassung der Richtlinie erkannt")
    for field in ("funding_rate_max_percent", "amount_max_eur", "valid_until", "financing_type"):
        assert best(result, field).page < 16, field
    # The old rules cap cooperation projects at 2 300 000 euros, the current ones at 3 000 000.
    amount = best(result, "amount_max_eur")
    assert (amount.value, amount.page) == (Decimal(3000000), 10)
    old = [p for p in result.candidates("amount_max_eur") if p.page >= 16]
    assert all(p.note for p in old)


def test_zim_validity_and_minimum(guideline):
    result = guideline("bund_zim_richtlinie_2025")
    assert (best(result, "valid_from").value, best(result, "valid_from").page) == (
        date(2025, 1, 1),
        14,
    )
    until = result.candidates("valid_until")
    assert (until[0].value, until[0].page) == (date(2027, 6, 30), 14)
    # the conditional extension to 2028 is listed, but after the firm date
    assert date(2028, 12, 31) in [p.value for p in until[1:]]
    assert (best(result, "amount_min_eur").value, best(result, "amount_min_eur").page) == (
        Decimal(1000),
        4,
    )


def test_cut_off_dates_15_april_and_15_october(guideline):
    deadline = best(guideline("bund_kmu-innovativ_richtlinie"), "deadline")
    assert deadline.page == 8
    assert deadline.value["kind"] == "annual"
    assert deadline.value["annual"] == {"month": 4, "day": 15}
    assert deadline.value["note"] == "jährliche Stichtage: 15. April und 15. Oktober"


def test_yearly_deadline_31_october(guideline):
    deadline = best(guideline("kommunal_potsdam_klimaschutz_2026"), "deadline")
    assert (deadline.value, deadline.page) == (
        {"kind": "annual", "annual": {"month": 10, "day": 31}},
        15,
    )


def test_outline_page_limit_in_words(guideline):
    limit = best(guideline("bund_kmu-innovativ_richtlinie"), "page_limit")
    assert (limit.value, limit.page) == (10, 8)
    assert "maximal zehn DIN-A4-Seiten" in limit.quote


@pytest.mark.parametrize(
    ("stem", "codes", "page"),
    [
        ("bund_kmu-innovativ_richtlinie", {"unternehmen", "bildungseinrichtung"}, 4),
        ("kommunal_mannheim_solarbonus_2026", {"privatperson", "verein"}, 1),
        ("kommunal_regensburg_photovoltaik_2026", {"privatperson", "unternehmen", "verein"}, 3),
        ("bund_kfw-merkblatt-458_beg-heizung_2026-07", {"privatperson"}, 2),
    ],
)
def test_applicant_types_come_from_the_applicants_section(guideline, stem, codes, page):
    proposal = best(guideline(stem), "applicant_types")
    assert codes <= set(proposal.value)
    assert proposal.page == page


def test_excluded_applicants_are_not_proposed(guideline):
    # "Nicht antragsberechtigt sind: – Kommunen und deren Regie- und Eigenbetriebe"
    result = guideline("bund_bafa-eew_foerderrichtlinie")
    assert all("kommune" not in p.value for p in result.candidates("applicant_types"))


@pytest.mark.parametrize(
    ("stem", "page"),
    [
        ("bund_kfw-merkblatt-511_erp-digitalisierung", 8),
        ("kommunal_heidelberg_rationelle-energieverwendung_2026", 2),
        ("bund_zim_de-minimis-infoblatt", 1),
    ],
)
def test_de_minimis_where_the_text_invokes_it(guideline, stem, page):
    pages = [p.page for p in guideline(stem).candidates("de_minimis") if p.value is True]
    assert page in pages


def test_no_de_minimis_proposal_where_the_text_never_mentions_it(guideline):
    assert guideline("kommunal_stuttgart_solaroffensive_2026").candidates("de_minimis") == []


def test_expired_guideline_keeps_its_dates(guideline):
    # go-inno expired in 2024 (or at the latest 2025): the importer proposes, the curator decides
    until = [p.value for p in guideline("bund_go-inno_richtlinie").candidates("valid_until")]
    assert until[0] == date(2024, 6, 30)
    assert date(2025, 12, 31) in until


def test_real_guidelines_report_pages_and_time(guideline):
    result = guideline("bund_zim_richtlinie_2025")
    data = result.to_dict()
    assert (data["pages"], data["pages_with_text"]) == (29, 29)
    assert 0 < data["seconds"] < 5
