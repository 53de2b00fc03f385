"""Result objects: the contract's JSON, and the German text for ``--format text``."""

from __future__ import annotations

import json

from funding_matcher.domain.pdf_import import import_guideline
from tests.unit.pdf_import.factory import text_pdf

GUIDELINE = [
    [
        "Förderrichtlinie Nachbarschaft",
        "5 Art, Umfang und Höhe der Zuwendung",
        "Die Zuwendung beträgt bis zu 50 % der zuwendungsfähigen Ausgaben.",
        "Die Zuwendung beträgt höchstens 20.000 Euro.",
        "Die Zuwendung wird als De-minimis-Beihilfe gewährt.",
    ],
    [
        "8 Geltungsdauer",
        "Die Richtlinie ist bis zum 31. Dezember 2025 befristet.",
    ],
]


def imported():
    return import_guideline(text_pdf(GUIDELINE), name="richtlinie.pdf")


def test_json_has_the_contract_keys_and_proposals():
    data = json.loads(imported().to_json())
    assert list(data) == [
        "file",
        "pages",
        "pages_with_text",
        "seconds",
        "title",
        "issuer",
        "proposals",
        "warnings",
    ]
    assert data["title"] == "Förderrichtlinie Nachbarschaft"
    assert (data["file"], data["pages"], data["pages_with_text"]) == ("richtlinie.pdf", 2, 2)
    assert isinstance(data["seconds"], float)
    assert data["proposals"][:2] == [
        {
            "field": "funding_rate_max_percent",
            "value": 50,
            "page": 1,
            "quote": "Die Zuwendung beträgt bis zu 50 % der zuwendungsfähigen Ausgaben.",
            "confidence": "high",
        },
        {
            "field": "amount_max_eur",
            "value": 20000,
            "page": 1,
            "quote": "Die Zuwendung beträgt höchstens 20.000 Euro.",
            "confidence": "high",
        },
    ]
    until = next(p for p in data["proposals"] if p["field"] == "valid_until")
    assert until == {
        "field": "valid_until",
        "value": "2025-12-31",
        "page": 2,
        "quote": "Die Richtlinie ist bis zum 31. Dezember 2025 befristet.",
        "confidence": "high",
    }
    assert data["warnings"] == []


def test_text_rendering_is_german_with_pages_and_quotes():
    text = imported().to_text()
    assert text.startswith(
        "Richtlinie: richtlinie.pdf – Förderrichtlinie Nachbarschaft\n2 Seiten, davon 2 mit Text"
    )
    assert "Förderquote höchstens:\n  → 50 % – Seite 1: „Die Zuwendung beträgt bis zu 50 %" in text
    assert "Zuwendung höchstens:\n  → 20.000 Euro – Seite 1:" in text
    assert "Richtlinie gilt bis:\n  → 31. Dezember 2025 – Seite 2:" in text
    assert "De-minimis-Beihilfe:\n  → ja – Seite 1:" in text


def test_best_and_candidates_helpers():
    result = imported()
    assert result.best("page_limit") is None
    assert result.candidates("valid_until")[0].page == 2


def test_low_confidence_proposals_are_hints_in_json_and_text():
    result = import_guideline(
        text_pdf(
            [
                [
                    "4 Förderhöhe",
                    "Lastenräder werden mit 25 %, maximal 500 € pro Gerät gefördert.",
                ]
            ]
        ),
        name="richtlinie.pdf",
    )
    maximum = next(p for p in result.to_dict()["proposals"] if p["field"] == "amount_max_eur")
    assert maximum["confidence"] == "low"
    assert "je Gerät" in maximum["note"]
    assert result.best("amount_max_eur") is None
    text = result.to_text()
    assert "Zuwendung höchstens:\n  Hinweis, kein Vorschlag: 500 Euro (Obergrenze für ein" in text
    assert "→ 500 Euro" not in text
