"""Bad budget input is refused with the field path and a German message, never half-read."""

from __future__ import annotations

from typing import Any

import pytest

from funding_matcher.domain.budget import check_budget, parse_budget
from funding_matcher.domain.errors import InvalidData

from .conftest import build_budget, source

SACH = {"category": "sach", "label": "Material", "amount_eur": 100, "paid_on": "2027-05-01"}


def _problems(data: Any) -> dict[str, str]:
    with pytest.raises(InvalidData) as caught:
        parse_budget(data)
    return {problem.field: problem.message for problem in caught.value.problems}


@pytest.mark.parametrize(
    ("overrides", "path", "fragment"),
    [
        ({"financing": {"sources": [{"kind": "lotto", "label": "x", "amount_eur": 1}]}},
         "financing.sources[0].kind", "unbekannter Wert"),
        ({"costs": [{**SACH, "paid_on": "2029-01-01"}]}, "costs[0].paid_on", "außerhalb"),
        ({"costs": [{**SACH, "amount_eur": -5}]}, "costs[0].amount_eur", "negativ"),
        ({"costs": [{**SACH, "paid_on": None, "unit_price_net_eur": 900, "unit_group": "g",
                     "amount_eur": None},
                    {"category": "personal", "label": "x", "unit_price_net_eur": 10,
                     "unit_group": "g"}]},
         "costs[1].unit_group", "einer Kategorie"),
        ({"costs": [{**SACH, "monthly_eur": 100, "months": 2}]}, "costs[0].amount_eur",
         "nur eine Betragsform"),
        ({"costs": [{**SACH, "quantity": 2}]}, "costs[0].quantity", "passt nicht"),
        ({"costs": [{"category": "sach", "label": "x", "unit_price_net_eur": 10,
                     "vat_percent": 16}]}, "costs[0].vat_percent", "0, 7 oder 19"),
        ({"costs": [{"category": "personal", "label": "x", "monthly_eur": 10, "months": 2,
                     "share": 1.5}]}, "costs[0].share", "zwischen 0 und 1"),
        ({"costs": [{"category": "personal", "label": "x", "monthly_eur": 10, "months": 241}]},
         "costs[0].months", "240"),
        ({"costs": [{"category": "personal", "label": "x", "monthly_eur": 10, "months": 13}]},
         "costs[0].months", "über das Projektende"),
        ({"costs": [{"category": "sach", "label": "x", "by_year": {"2030": 5}}]},
         "costs[0].by_year.2030", "außerhalb"),
        ({"costs": [{"category": "sach", "label": "x", "percent": 5}]}, "costs[0].percent",
         "Verwaltungsausgaben"),
        ({"period": {"start": "2027-04-01", "end": "2027-03-01"}}, "period.end", "vor dem Beginn"),
        ({"financing": {"sources": [{"kind": "own_cash", "label": "x", "amount_eur": 5,
                                     "by_year": {"2027": 5}}]}},
         "financing.sources[0].by_year", "Eigenmittel"),
        ({"financing": {"sources": [source("donation", 100, by_year={"2027": 50})]}},
         "financing.sources[0].amount_eur", "weicht"),
        ({"financing": {"sources": [source("own_cash", None), source("own_cash", None)]}},
         "financing.sources", "nur eine"),
        ({"financing": {"sources": [source("donation", 1, by_year={"2031": 1})]}},
         "financing.sources[0].by_year.2031", "außerhalb"),
        ({"applied_on": None}, "applied_on", "Pflichtangabe"),
        ({"version": 3}, "version", "nicht unterstützte Version"),
        ({"surprise": 1}, "surprise", "unbekanntes Feld"),
        ({"terms": {"rate_base": "brutto"}}, "terms.rate_base", "unbekannter Wert"),
        ({"terms": {"own_contribution_counts": ["own_cash", "lotto"]}},
         "terms.own_contribution_counts[1]", "unbekannter Wert"),
        ({"de_minimis_received": [{"date": "2025-01-01", "amount_eur": 5}]},
         "de_minimis_received[0].grantor", "Pflichtangabe"),
    ],
)  # fmt: skip
def test_bad_input_names_the_field(overrides: dict[str, Any], path: str, fragment: str) -> None:
    problems = _problems(build_budget(**overrides))
    assert path in problems, problems
    assert fragment in problems[path]


def test_every_problem_is_reported_at_once() -> None:
    problems = _problems(build_budget(applied_on="gestern", costs=[{**SACH, "amount_eur": "viel"}]))
    assert set(problems) == {"applied_on", "costs[0].amount_eur"}


def test_not_an_object() -> None:
    assert _problems([1, 2]) == {"": "Der Finanzierungsplan muss ein JSON-Objekt sein"}


def test_v1_fields_are_read_as_typed_sources() -> None:
    v1 = build_budget(
        version=1,
        financing={
            "sources": [],
            "own_funds_eur": None,
            "third_party_eur": 500,
            "income_eur": 300,
            "other_public": [
                {"programme": "stadt-fonds", "amount_eur": 1200, "status": "bewilligt"}
            ],
        },
    )
    budget = parse_budget(v1)
    kinds = [(s.kind, s.amount_eur) for s in budget.financing.sources]
    assert [k for k, _ in kinds] == ["own_cash", "private_third_party", "income", "public_grant"]
    assert budget.third_party_alias
    report = check_budget(v1)
    assert report.figures.grant == 8000  # 80 % of 10.000 €, the gap (8.000 €) allows it
    assert report.figures.own_cash == 0
    assert report.verdict != "errors"


def test_v1_monthly_lines_are_paid_over_the_project_months() -> None:
    v1 = build_budget(
        version=1,
        period={"start": "2027-07-01", "end": "2028-06-30"},
        costs=[{"category": "personal", "label": "Stelle", "monthly_eur": 1000, "months": 24}],
    )
    line = check_budget(v1).figures.lines[0]
    assert line.amount == 24000
    assert line.by_year == {2027: 12000, 2028: 12000}
