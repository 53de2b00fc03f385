"""Typed domain objects of a Kosten- und Finanzierungsplan (budget rules v2, validated)."""

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
    "verwaltung": "Verwaltungsausgaben",
}

FINANCING_TYPES: dict[str, str] = {
    "anteil": "Anteilfinanzierung",
    "fehlbedarf": "Fehlbedarfsfinanzierung",
    "festbetrag": "Festbetragsfinanzierung",
    "voll": "Vollfinanzierung",
}

FUNDING_TYPES: dict[str, str] = {
    "zuschuss": "Zuschuss",
    "darlehen": "Darlehen",
    "tilgungszuschuss": "Darlehen mit Tilgungszuschuss",
    "preis": "Preis oder Wettbewerb",
    "buergschaft": "Bürgschaft",
    "sonstiges": "Sonstige Förderart",
}

DE_MINIMIS_REGIMES: dict[str, str] = {
    "none": "keine De-minimis-Beihilfe",
    "general": "De-minimis-Beihilfe nach VO (EU) 2023/2831",
    "dawi": "DAWI-De-minimis-Beihilfe nach VO (EU) 2023/2832",
}

# The seven kinds of Deckungsmittel (contract "Financing"), in the order of the output.
SOURCE_KINDS: dict[str, str] = {
    "own_cash": "Eigenmittel",
    "donation": "Spenden und Sponsoring",
    "income": "Einnahmen aus der Maßnahme",
    "private_third_party": "Leistungen Dritter (privat)",
    "public_grant": "Andere öffentliche Förderung",
    "foundation_grant": "Stiftungs- und Lotteriemittel",
    "in_kind": "Bewertete Sachleistungen",
}
# Kinds reported in ``sources_eur`` (all but own cash).
OTHER_KINDS: tuple[str, ...] = tuple(kind for kind in SOURCE_KINDS if kind != "own_cash")

SOURCE_STATUSES: dict[str, str] = {
    "geplant": "geplant",
    "beantragt": "beantragt",
    "bewilligt": "bewilligt",
}

RATE_BASES: dict[str, str] = {
    "eligible": "der zuwendungsfähigen Ausgaben",
    "eligible_minus_income": "der zuwendungsfähigen Ausgaben abzüglich Einnahmen",
    "eligible_minus_private_third_party": (
        "der zuwendungsfähigen Ausgaben abzüglich Einnahmen und Leistungen Dritter"
    ),
    "eligible_minus_all_other_funding": (
        "der zuwendungsfähigen Ausgaben abzüglich aller anderen Finanzierungsmittel"
    ),
    "total_cost": "der Gesamtausgaben",
}
OWN_BASES: dict[str, str] = {
    "eligible": "der zuwendungsfähigen Ausgaben",
    "total": "der Gesamtausgaben",
}
START_RULES: dict[str, str] = {
    "after_application": "nach Antragstellung",
    "after_bescheid": "nach dem Zuwendungsbescheid",
    "after_bestandskraft": "nach Bestandskraft des Zuwendungsbescheids",
    "after_written_commitment": "nach der schriftlichen Förderzusage",
}
SUBSIDIARITY: dict[str, str] = {
    "none": "kein Nachrang",
    "public_first": "nachrangig gegenüber öffentlichen Mitteln",
}
OVERHEAD_BASES: dict[str, str] = {
    "direct": "aller direkten zuwendungsfähigen Ausgaben",
    "direct_staff": "der zuwendungsfähigen Personalausgaben",
}

# Schedules: how a line's amount is paid over the years.
MONTHLY, ONE_OFF, CUSTOM, WITH_BASE = "monthly", "one_off", "custom", "with_base"


@dataclass(frozen=True)
class CostLine:
    """One line of the Ausgabenplan with exactly one amount form (which fixes its schedule)."""

    category: str
    label: str
    schedule: str
    eligible: bool = True
    own_staff: bool = False
    # monthly: monthly_eur x share x months from ``first_month`` (year, month)
    monthly_eur: Decimal | None = None
    share: Decimal = Decimal(1)
    months: int | None = None
    first_month: tuple[int, int] | None = None
    # one_off: amount_eur, or unit price x quantity (+ VAT unless deductible)
    amount_eur: Decimal | None = None
    unit_price_net_eur: Decimal | None = None
    quantity: Decimal = Decimal(1)
    vat_percent: Decimal | None = None
    paid_on: date | None = None
    unit_group: str | None = None
    independently_usable: bool = True
    # custom: amounts per year
    by_year: Mapping[int, Decimal] | None = None
    # with_base: percent of the overhead base (verwaltung only)
    percent: Decimal | None = None

    @property
    def category_label(self) -> str:
        """German label of the category."""
        return CATEGORIES.get(self.category, self.category)


@dataclass(frozen=True)
class Source:
    """One Deckungsmittel: own cash, a donation, income, third-party or public money."""

    kind: str
    label: str
    amount_eur: Decimal | None = None  # own cash: None = nach Bedarf (the balancing item)
    by_year: Mapping[int, Decimal] | None = None
    programme: str | None = None
    status: str | None = None
    counts_as_own: bool | None = None

    @property
    def kind_label(self) -> str:
        """German label of the kind."""
        return SOURCE_KINDS[self.kind]

    @property
    def total(self) -> Decimal:
        """The source's amount (its by_year sum when only that is given)."""
        if self.amount_eur is not None:
            return self.amount_eur
        return sum((self.by_year or {}).values(), Decimal(0))


@dataclass(frozen=True)
class Financing:
    """The Finanzierungsplan apart from the grant: sources, volunteer hours, requested grant."""

    sources: tuple[Source, ...] = ()
    volunteer_hours: Decimal = Decimal(0)
    requested_eur: Decimal | None = None


@dataclass(frozen=True)
class Period:
    """Durchführungszeitraum, both days inclusive."""

    start: date
    end: date

    @property
    def years(self) -> tuple[int, ...]:
        """The calendar years (Haushaltsjahre) the period touches."""
        return tuple(range(self.start.year, self.end.year + 1))

    def months_in(self, year: int) -> int:
        """Calendar months of the period in ``year`` (start month to end month)."""
        first = self.start.month if year == self.start.year else 1
        last = self.end.month if year == self.end.year else 12
        return max(0, last - first + 1) if self.start.year <= year <= self.end.year else 0

    def contains_month(self, year: int, month: int) -> bool:
        """Whether the calendar month lies in the period."""
        return (
            (self.start.year, self.start.month)
            <= (year, month)
            <= (
                self.end.year,
                self.end.month,
            )
        )


@dataclass(frozen=True)
class DeMinimisAid:
    """One De-minimis aid already received (date of the Bescheid, Beihilfegeber, amount)."""

    date: date
    grantor: str
    amount_eur: Decimal
    dawi: bool = False


@dataclass(frozen=True)
class Budget:
    """A validated budget; ``terms_entered`` holds only the terms keys the user gave."""

    programme: str | None
    period: Period
    applied_on: date
    costs: tuple[CostLine, ...]
    financing: Financing
    version: int = 2
    early_start_approved: bool = False
    vat_deductible: bool | None = None
    terms_entered: Mapping[str, Any] = field(default_factory=dict)
    de_minimis_received: tuple[DeMinimisAid, ...] = ()
    third_party_alias: bool = False  # v1 third_party_eur > 0 was read (notice)
