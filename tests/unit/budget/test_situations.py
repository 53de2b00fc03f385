"""The three applications of the document review (shared/reviews/documents-2026-12-07.md) as
budgets: each proposal balances without typing the grant by hand, and each programme rule the
reviewer missed is applied (own staff, Nachrang, donations as own share, one-off purchases in the
year they are paid, inventory units, the Verwaltungspauschale)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from funding_matcher.domain.budget import check_budget

from .conftest import KNOWN_TERMS


def _ids(report: Any, level: str) -> set[str]:
    return {check.id for check in report.checks if check.level == level}


def _balances(report: Any) -> None:
    f = report.figures
    assert f.delta == 0
    assert not {"balance", "overfinancing", "year_balance"} & _ids(report, "error")
    assert sum(f.own_by_year.values()) == f.own_cash == f.own_cash_required
    assert all(amount >= 0 for amount in f.own_by_year.values())
    assert sum(f.grant_by_year.values()) == f.grant


def test_kommune_quartiersmanagement_under_staedtebaufoerderung_nrw() -> None:
    # NRW: Anteilfinanzierung on the eligible expenses less Leistungen Dritter (Grundmuster),
    # the Gemeinde's own staff are not zuwendungsfähig (FAQ 5.4.1.3), a commissioned office is.
    data = {
        "version": 2,
        "terms": {
            **KNOWN_TERMS,
            "funding_rate_max_percent": 80,
            "rate_base": "eligible_minus_private_third_party",
            "own_staff_eligible": False,
            # The Gemeindeanteil is the remainder of the same base, no minimum of its own.
            "own_contribution_min_percent": "none",
            "start_rule": "after_bestandskraft",
        },
        "period": {"start": "2028-01-01", "end": "2031-12-31"},
        "applied_on": "2027-09-30",
        "vat_deductible": False,
        "costs": [
            {"category": "personal", "label": "Quartiersmanagerin (Stadt, E 11)",
             "monthly_eur": 6375, "months": 48, "own_staff": True},
            {"category": "honorar", "label": "Quartiersbüro (beauftragter Träger)",
             "monthly_eur": 4500, "months": 48},
            {"category": "sach", "label": "Verfügungsfonds",
             "by_year": {"2028": 10000, "2029": 15000, "2030": 15000, "2031": 10000}},
            {"category": "investition", "label": "Büromöbel", "unit_price_net_eur": 1600,
             "quantity": 2, "paid_on": "2028-02-15", "unit_group": "buero"},
            {"category": "investition", "label": "Notebooks", "unit_price_net_eur": 700,
             "quantity": 3, "paid_on": "2028-02-15"},
        ],
        "financing": {
            "sources": [
                {"kind": "own_cash", "label": "Haushaltsmittel der Stadt", "amount_eur": None},
                {"kind": "private_third_party", "label": "Wohnungsgesellschaft (Verfügungsfonds)",
                 "amount_eur": 15000,
                 "by_year": {"2028": 3000, "2029": 4500, "2030": 4500, "2031": 3000}},
            ],
            "volunteer_hours": 0,
            "requested_eur": None,
        },
    }  # fmt: skip
    report = check_budget(data)
    f = report.figures
    _balances(report)
    assert report.verdict != "errors"
    assert "own_staff" in _ids(report, "warning")
    assert f.ineligible == Decimal("306000.00")  # 6.375 € × 48: the Stadt's own staff
    # 80 % of the eligible expenses less the Wohnungsgesellschaft's 15.000 €; the Stadt carries
    # the rest of that base (20 %) and its own staff.
    assert f.grant == f.caps["rate"] == (f.eligible - 15000) * Decimal("0.8")
    assert f.limited_by == ("rate",)
    assert report.limited_by_text == "begrenzt durch den Höchstfördersatz"
    # Furniture and notebooks are paid in 2028, not spread over four Haushaltsjahre.
    assert f.investment_by_year == {
        2028: Decimal("6307.00"),
        2029: 0,
        2030: 0,
        2031: 0,
    }
    assert "inventory" in _ids(report, "warning")  # the office set (3.200 € net) is one unit


def test_verband_nachbarschaftstreff_under_aktion_mensch() -> None:
    # Aktion Mensch: up to 90 %, Nachrang (public money reduces the grant), at least 10 % own share
    # of which donations count, investments at most 10 % of the total, no Verwaltungspauschale.
    terms = {
        **KNOWN_TERMS,
        "funding_rate_max_percent": 90,
        "subsidiarity": "public_first",
        "own_contribution_min_percent": 10,
        "own_contribution_counts": ["own_cash", "donation"],
        "investment_max_percent": 10,
        "overhead_max_percent": 0,
        "amount_max_eur": 400000,
    }
    costs = [
        {"category": "personal", "label": "Koordination (0,75 Stelle)", "monthly_eur": 5200,
         "share": 0.75, "months": 36},
        {"category": "sach", "label": "Miete Treffpunkt", "monthly_eur": 900, "months": 36},
        {"category": "investition", "label": "Stühle", "unit_price_net_eur": 150, "quantity": 24,
         "paid_on": "2027-06-20", "unit_group": "saal"},
        {"category": "investition", "label": "Tische", "unit_price_net_eur": 400, "quantity": 6,
         "paid_on": "2027-06-20", "unit_group": "saal"},
        {"category": "verwaltung", "label": "Verwaltungspauschale", "percent": 7},
    ]  # fmt: skip

    def plan(with_city: bool) -> dict[str, Any]:
        sources = [
            {"kind": "own_cash", "label": "Rücklagen", "amount_eur": None},
            {"kind": "donation", "label": "Spendenaktion", "amount_eur": 6000},
            {"kind": "income", "label": "Teilnahmebeiträge", "amount_eur": 3600},
        ]
        if with_city:
            sources.append(
                {"kind": "public_grant", "label": "Stadt Hildesheim", "status": "beantragt",
                 "by_year": {"2027": 2500, "2028": 5000, "2029": 5000, "2030": 2500}}
            )  # fmt: skip
        return {
            "version": 2,
            "terms": terms,
            "period": {"start": "2027-06-01", "end": "2030-05-31"},
            "applied_on": "2027-02-15",
            "vat_deductible": False,
            "costs": costs,
            "financing": {"sources": sources, "volunteer_hours": 3000, "requested_eur": None},
        }

    with_city, without = check_budget(plan(True)), check_budget(plan(False))
    _balances(with_city)
    # Nachrang: the Stadt's 15.000 € reduce the grant euro for euro.
    assert without.figures.grant - with_city.figures.grant == Decimal(15000)
    assert "own_share" not in _ids(with_city, "error")  # the donations count
    assert with_city.figures.own_contribution >= with_city.figures.own_min
    assert "overhead" in _ids(with_city, "error")  # Aktion Mensch pays no Pauschale
    assert "volunteer_not_accepted" in _ids(with_city, "warning")
    assert "public_claims" in _ids(with_city, "notice")
    units = [c.message for c in with_city.checks if c.id == "inventory"]
    assert units == [
        "Die zusammen gekauften Gegenstände „saal“ (Stühle, Tische; zusammen 6.000,00 € netto) "
        "sind als ein Gegenstand zu inventarisieren (Wertgrenze 800,00 € netto)."
    ]


def test_verein_hofkueche_micro_grant_in_sachsen() -> None:
    # FRL Integrative Maßnahmen, Säule C: Anteil 95 %, 5 % own share, max 25.000 €, 10 %
    # Verwaltungsausgabenpauschale; what counts as own share and Ehrenamt are not stated.
    data = {
        "version": 2,
        "terms": {
            **KNOWN_TERMS,
            "funding_rate_max_percent": 95,
            "own_contribution_min_percent": 5,
            "own_contribution_counts": None,
            "overhead_max_percent": 10,
            "amount_max_eur": 25000,
            "volunteer_work": None,
            "start_rule": "after_bescheid",
        },
        "period": {"start": "2027-05-01", "end": "2027-09-30"},
        "applied_on": "2027-03-20",
        "vat_deductible": False,
        "costs": [
            {"category": "sach", "label": "Gasgrill", "unit_price_net_eur": 650,
             "paid_on": "2027-05-02", "unit_group": "hofkueche"},
            {"category": "sach", "label": "Kochfeld", "unit_price_net_eur": 180,
             "paid_on": "2027-05-02", "unit_group": "hofkueche"},
            {"category": "sach", "label": "Arbeitstisch Edelstahl", "unit_price_net_eur": 220,
             "paid_on": "2027-05-02", "unit_group": "hofkueche"},
            {"category": "sach", "label": "Lebensmittel Kochabende", "amount_eur": 1800,
             "paid_on": "2027-06-01"},
            {"category": "honorar", "label": "Köchin (Anleitung)", "amount_eur": 1500,
             "paid_on": "2027-07-01"},
            {"category": "verwaltung", "label": "Verwaltungspauschale", "percent": 10},
        ],
        "financing": {
            "sources": [{"kind": "own_cash", "label": "Vereinskasse", "amount_eur": None}],
            "volunteer_hours": 300,
            "requested_eur": None,
        },
    }  # fmt: skip
    report = check_budget(data)
    f = report.figures
    _balances(report)
    assert report.verdict == "ok_unchecked"  # Ehrenamt and the own-share kinds are not known
    assert f.own_cash >= f.own_min  # the 5 % stay with the Verein
    assert f.grant == f.total - f.own_cash
    assert "overhead" not in _ids(report, "error")  # 10 % are allowed
    assert "inventory" in _ids(report, "warning")  # the Hofküche is one unit of 1.050 € net
