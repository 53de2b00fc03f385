"""How much of a project's need a programme can carry: caps per unit, rates, coverage.

The need is what the project asks for: total budget less own funds. A programme's cap for this
project is the smallest of its maximum (counted per project, per year times the project's years,
or per Wohneinheit / participant, which the profile cannot count and which is then not applied),
its annual maximum times the years, its maximum rate of the total budget, and what a first
application may ask. When the budget is split by cost type and the programme funds only some of
the project's types (costs.py), its rate applies to the costs of those types and its cap is never
more than those costs (an unknown cap stays unknown). A programme whose
cap covers only part of the need is a co-funder, not a misfit: it is ranked and its share shown
("bis 6.000 € je Jahr – deckt 15 % des Bedarfs, als Kofinanzierung"); only a minimum far above
the need excludes (rules.py). ``amount_arrays`` computes the same caps for the whole catalogue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.cost_split import COST_TYPES
from funding_matcher.domain.german import format_eur_compact, format_percent
from funding_matcher.domain.matching.costs import funded_costs, funded_costs_text
from funding_matcher.domain.matching.kinds import funding_kind
from funding_matcher.domain.matching.weights import COFUNDING_SHARE
from funding_matcher.domain.money import cents
from funding_matcher.domain.profile import Profile

UNCOUNTABLE = {"wohneinheit": "je Wohneinheit", "teilnehmende": "je Teilnehmerin/Teilnehmer"}
HUNDRED = Decimal(100)


def project_years(profile: Profile) -> int:
    """Haushaltsjahre a yearly cap is counted for: the duration in started years, else one."""
    if profile.duration_months is None:
        return 1
    return max(1, math.ceil(profile.duration_months / 12))


@dataclass(frozen=True)
class Cap:
    """The most a programme can give this project (None: unknown), and how that reads."""

    eur: Decimal | None
    text: str | None  # "6.000 € je Jahr (12.000 € für 2 Jahre)", "50.000 € je Wohneinheit"


def programme_cap(programme: Programme, profile: Profile) -> Cap:
    """The programme's cap for this project from its maximum, annual maximum and rate."""
    years = project_years(profile)
    highest = programme.limit("amount_max_eur")
    per = programme.amount_max_per or "project"
    annual = programme.limit("annual_max_eur")
    rate = programme.planning_rate
    caps: list[tuple[Decimal, str]] = []
    unit_text = None
    if highest is not None and per in UNCOUNTABLE:
        unit_text = f"{format_eur_compact(highest)} {UNCOUNTABLE[per]}"
    elif highest is not None and per == "jahr":
        total = Decimal(str(highest)) * years
        span = f" ({format_eur_compact(total)} für {years} Jahre)" if years > 1 else ""
        caps.append((total, f"{format_eur_compact(highest)} je Jahr{span}"))
    elif highest is not None:
        caps.append((Decimal(str(highest)), format_eur_compact(highest)))
    if annual is not None and (highest is None or per == "project"):
        total = Decimal(str(annual)) * years
        caps.append((total, f"{format_eur_compact(annual)} je Jahr"))
    funded = funded_costs(programme, profile)
    costs = funded_costs_text(programme, profile)
    if rate is not None and profile.budget_total_eur:
        base = Decimal(str(profile.budget_total_eur)) if funded is None else funded
        share = cents(Decimal(str(rate)) * base / HUNDRED)
        caps.append((share, rate_text(programme, f" der {costs or 'Kosten'}")))
    first = programme.first_application_max_eur
    if first is not None:
        caps.append((Decimal(str(first)), f"{format_eur_compact(first)} bei Erstbewerbung"))
    if not caps:
        return Cap(None, unit_text)
    if funded is not None:
        caps.append((funded, f"zur Höhe der {costs} ({format_eur_compact(funded)})"))
    eur, text = min(caps, key=lambda c: c[0])
    return Cap(cents(eur), text if unit_text is None else f"{text}, {unit_text}")


def rate_text(programme: Programme, of: str = "") -> str:
    """The rate a project plans with, as the cards say it: "80 %", or with a regular rate below
    the maximum "50 % in der Regel, bis 90 % als Ausnahme"; ``of`` follows the first figure
    (" der Kosten"). Empty without a rate."""
    rate = programme.planning_rate
    if rate is None:
        return ""
    highest = programme.limit("funding_rate_max_percent")
    if programme.funding_rate_regular_percent is None or highest is None or highest == rate:
        return f"{format_percent(rate)}{of}"
    return f"{format_percent(rate)}{of} in der Regel, bis {format_percent(highest)} als Ausnahme"


def provisional_request(programme: Programme | None, profile: Profile) -> Decimal | None:
    """What the project can ask of the programme before a financing plan exists: its need
    (Gesamtkosten minus Eigenmittel), at most the programme's cap for this project (the figure
    the results show as "Höchstens für dieses Projekt"). None when the need is unknown."""
    if profile.requested_eur is None:
        return None
    need = cents(Decimal(str(profile.requested_eur)))
    cap = programme_cap(programme, profile).eur if programme is not None else None
    return need if cap is None else min(need, cap)


def most_for_project(cap: Cap, profile: Profile) -> Decimal | None:
    """The most a programme can give this project: its cap, never more than the need (a cap
    of 200.000 € reads "Höchstens für dieses Projekt: 5.500 €" for a 6.000 € garden). None
    when the cap is unknown."""
    if cap.eur is None:
        return None
    if not profile.requested_eur or profile.requested_eur <= 0:
        return cap.eur
    return min(cap.eur, cents(Decimal(str(profile.requested_eur))))


def coverage(cap: Cap, profile: Profile) -> float | None:
    """Share of the need the cap covers (0..1); None when cap or need is unknown or zero."""
    need = profile.requested_eur
    if cap.eur is None or not need:
        return None
    return min(float(cap.eur) / need, 1.0)


def amount_reason(programme: Programme, profile: Profile) -> str | None:
    """One line on amount and need: 'bis 6.000 € je Jahr – deckt 15 % des Bedarfs, als
    Kofinanzierung', or None when neither cap nor need is known."""
    cap = programme_cap(programme, profile)
    # A loan is repaid: it is said as a loan, not as funding that "covers" the need.
    what = "Darlehen" if funding_kind(programme) == "loan" else "Förderung"
    if cap.text is None:
        return None
    share = coverage(cap, profile)
    if share is None:
        return f"{what} bis {cap.text}"
    if share >= 1.0:
        return f"{what} bis {cap.text} – deckt den Bedarf"
    percent = max(1, round(share * 100))
    role = ", als Kofinanzierung" if share < COFUNDING_SHARE else ""
    return f"{what} bis {cap.text} – deckt {format_percent(percent)} des Bedarfs{role}"


class AmountArrays:
    """The numbers ``programme_cap`` reads, one entry per programme, for vectorised coverage."""

    def __init__(self, programmes: list[Programme]) -> None:
        def column(name: str) -> np.ndarray:
            values = [p.limit(name) for p in programmes]
            return np.array([np.nan if v is None else v for v in values], dtype=np.float64)

        self.highest = column("amount_max_eur")
        self.annual = column("annual_max_eur")
        rates = [p.planning_rate for p in programmes]
        self.rate = np.array([np.nan if r is None else r for r in rates], dtype=np.float64)
        per = [p.amount_max_per or "project" for p in programmes]
        self.per_year = np.array([u == "jahr" for u in per], dtype=bool)
        self.per_project = np.array([u == "project" for u in per], dtype=bool)
        self.uncountable = np.array([u in UNCOUNTABLE for u in per], dtype=bool)
        self.lowest = column("amount_min_eur")
        self.first = column("first_application_max_eur")
        # Which cost types each programme funds (costs.py): those it names, all if none.
        self.names_costs = np.array([bool(p.cost_types) for p in programmes], dtype=bool)
        self.funds = np.array(
            [[not p.cost_types or c in p.cost_types for c in COST_TYPES] for p in programmes],
            dtype=bool,
        ).reshape(len(programmes), len(COST_TYPES))

    def _funded_costs(self, profile: Profile) -> tuple[np.ndarray, np.ndarray] | None:
        """Per programme the costs of the types it funds and whether it funds only some of the
        types with costs (``costs.partly_funded``); None without a split."""
        split = profile.cost_split
        if split is None:
            return None
        amounts = np.array([float(split[c]) for c in COST_TYPES], dtype=np.float64)
        partly = self.names_costs & (~self.funds & (amounts > 0)).any(axis=1)
        return self.funds @ amounts, partly

    def caps(self, profile: Profile, with_rate: bool = True) -> np.ndarray:
        """Each programme's cap for this project in euros (nan: unknown), as programme_cap;
        ``with_rate=False``: the euro caps only (maximum, annual maximum, with a split the costs
        of the types it funds), not the rate."""
        years = project_years(profile)
        cap = np.where(self.per_year, self.highest * years, self.highest)
        cap = np.where(self.uncountable, np.nan, cap)
        annual_applies = np.isnan(self.highest) | self.per_project
        cap = np.fmin(cap, np.where(annual_applies, self.annual * years, np.nan))
        cap = np.fmin(cap, self.first)
        split = self._funded_costs(profile)
        if with_rate and profile.budget_total_eur:
            base = (
                profile.budget_total_eur
                if split is None
                else np.where(split[1], split[0], profile.budget_total_eur)
            )
            cap = np.fmin(cap, self.rate / 100.0 * base)
        if split is not None:
            # np.minimum keeps nan: an unknown cap stays unknown, as in programme_cap.
            cap = np.minimum(cap, np.where(split[1], split[0], np.inf))
        return cap

    def coverage(self, profile: Profile, with_rate: bool = True) -> np.ndarray:
        """Share of the need each programme's cap covers, 0..1 (nan: unknown)."""
        need = profile.requested_eur
        if not need:
            return np.full(len(self.highest), np.nan)
        # A need of a fraction of a cent (accepted by the API's schema) makes cap / need overflow
        # to infinity: such a cap covers the whole need, which is what the minimum says.
        with np.errstate(invalid="ignore", over="ignore"):
            return np.minimum(self.caps(profile, with_rate) / need, 1.0)
