"""De-minimis: the three-year window before the application and the draft Erklärung."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from funding_matcher.domain.budget import (
    DeMinimisAid,
    de_minimis_declaration,
    de_minimis_sums,
    declaration_text,
)
from funding_matcher.domain.budget.deminimis import window_start

AIDS = (
    DeMinimisAid(date(2025, 3, 1), "Land NRW", Decimal(150000)),
    DeMinimisAid(date(2024, 5, 2), "Stadt Bochum", Decimal("1234.56"), dawi=True),
    DeMinimisAid(date(2023, 11, 30), "Kreis", Decimal(99999)),
)


@pytest.mark.parametrize(
    ("applied_on", "start"),
    [
        (date(2026, 12, 1), date(2023, 12, 1)),
        (date(2028, 2, 29), date(2025, 2, 28)),
    ],
)
def test_window_starts_three_years_earlier(applied_on: date, start: date) -> None:
    assert window_start(applied_on) == start


def test_sums_count_only_aid_in_the_window() -> None:
    sums = de_minimis_sums(AIDS, date(2026, 12, 1))
    assert [aid.grantor for aid in sums.aids] == ["Stadt Bochum", "Land NRW"]
    assert sums.general == Decimal(150000)
    assert sums.dawi == Decimal("1234.56")
    assert sums.total == Decimal("151234.56")


def test_aid_on_the_first_day_of_the_window_counts() -> None:
    aid = DeMinimisAid(date(2023, 12, 1), "Kreis", Decimal(1))
    assert de_minimis_sums([aid], date(2026, 12, 1)).total == Decimal(1)


def test_declaration_lists_aid_with_dates_grantors_and_sum() -> None:
    declaration = de_minimis_declaration(
        "Quartiersverein Nord e. V.", AIDS, date(2026, 12, 1), "general", Decimal(80000)
    )
    text = declaration_text(declaration)
    assert "Quartiersverein Nord e. V." in text
    assert "Verordnung (EU) 2023/2831" in text
    assert "02.05.2024" in text
    assert "Stadt Bochum" in text
    assert "1.234,56 €" in text
    assert "VO (EU) 2023/2832" in text  # the DAWI aid keeps its own legal basis
    assert "151.234,56 €" in text
    assert "231.234,56 €" in text
    assert "300.000,00 €" in text
    assert "Kreis" not in text
    assert "seit dem 01.12.2023" in text


def test_declaration_without_aid_says_so() -> None:
    text = declaration_text(de_minimis_declaration("Verein", [], date(2026, 12, 1), "dawi"))
    assert "keine De-minimis-Beihilfen" in text
    assert "2023/2832" in text


def test_declaration_as_data() -> None:
    out = de_minimis_declaration("Verein", AIDS, date(2026, 12, 1), "general").as_dict()
    assert out["regulation"] == "VO (EU) 2023/2831"
    assert out["ceiling_eur"] == 300000
    assert out["aids"][0] == {
        "date": "2024-05-02",
        "grantor": "Stadt Bochum",
        "amount_eur": 1234.56,
        "regulation": "VO (EU) 2023/2832",
    }
    assert out["total_eur"] == 151234.56
    assert out["requested_eur"] is None


def test_declaration_needs_a_de_minimis_regime() -> None:
    with pytest.raises(ValueError, match="keine De-minimis-Regelung"):
        de_minimis_declaration("Verein", AIDS, date(2026, 12, 1), "none")
