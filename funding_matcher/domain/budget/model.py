"""Typed domain objects of a Kosten- und Finanzierungsplan (budget v1, validated)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

CATEGORIES: dict[str, str] = {
    "personal": "Personalausgaben",
    "sach": "Sachausgaben",
    "honorar": "Honorare",
    "reise": "Reisekosten",
    "investition": "Investitionen und Gegenstände",
    "verwaltung": "Verwaltungspauschale",
}

FINANCING_TYPES: dict[str, str] = {
    "anteil": "Anteilfinanzierung",
    "fehlbedarf": "Fehlbedarfsfinanzierung",
    "festbetrag": "Festbetragsfinanzierung",
    "voll": "Vollfinanzierung",
}

DE_MINIMIS_REGIMES: dict[str, str] = {
    "none": "keine De-minimis-Beihilfe",
    "general": "De-minimis-Beihilfe nach VO (EU) 2023/2831",
    "dawi": "DAWI-De-minimis-Beihilfe nach VO (EU) 2023/2832",
}

OTHER_PUBLIC_STATUSES: dict[str, str] = {
    "beantragt": "beantragt",
    "bewilligt": "bewilligt",
}


@dataclass(frozen=True)
class CostLine:
    """One line of the Ausgabenplan; which amount fields are set depends on the category."""

    category: str
    label: str
    eligible: bool = True
    amount_eur: Decimal | None = None
    monthly_eur: Decimal | None = None
    share: Decimal | None = None
    months: int | None = None
    unit_price_net_eur: Decimal | None = None
    quantity: Decimal | None = None
    percent: Decimal | None = None

    @property
    def category_label(self) -> str:
        """German label of the category."""
        return CATEGORIES.get(self.category, self.category)


@dataclass(frozen=True)
class OtherPublic:
    """Andere öffentliche Förderung for the same project."""

    programme: str
    amount_eur: Decimal
    status: str = "beantragt"


@dataclass(frozen=True)
class Financing:
    """The Finanzierungsplan apart from the grant: own funds, volunteer hours, third parties."""

    own_funds_eur: Decimal = Decimal(0)
    volunteer_hours: Decimal = Decimal(0)
    third_party_eur: Decimal = Decimal(0)
    income_eur: Decimal = Decimal(0)
    other_public: tuple[OtherPublic, ...] = ()
    requested_eur: Decimal | None = None


@dataclass(frozen=True)
class Period:
    """Durchführungszeitraum, both days inclusive."""

    start: date
    end: date


@dataclass(frozen=True)
class DeMinimisAid:
    """One De-minimis aid already received (date of the Bescheid, Beihilfegeber, amount)."""

    date: date
    grantor: str
    amount_eur: Decimal
    dawi: bool = False


@dataclass(frozen=True)
class Budget:
    """A validated budget v1; ``terms_entered`` holds only the terms keys the user gave."""

    programme: str | None
    period: Period
    applied_on: date
    costs: tuple[CostLine, ...]
    financing: Financing
    early_start_approved: bool = False
    terms_entered: Mapping[str, Any] = field(default_factory=dict)
    de_minimis_received: tuple[DeMinimisAid, ...] = ()
