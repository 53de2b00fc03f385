"""The arithmetic of budget rules v2: lines, totals, own share, the caps, the grant, the years.

Letters follow the contract (``../shared/contract/budget.md``): G total, NZ ineligible, Zf eligible,
V volunteer value, K in-kind, D_fix the other Deckungsmittel, M the own minimum, B the rate base.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from funding_matcher.domain.german import format_eur, format_number, format_percent
from funding_matcher.domain.money import ZERO, cents, percent_of, ratio_percent

from .model import MONTHLY, OTHER_KINDS, WITH_BASE, Budget, CostLine, Source
from .terms import Terms
from .years import (
    SourceYears,
    YearMap,
    dated_sources,
    floor_cents,
    line_by_year,
    period_months,
    place_undated,
    split,
    total_of,
)

HUNDRED = Decimal(100)
VAT_DEFAULT = Decimal(19)


@dataclass(frozen=True)
class LineAmount:
    """A cost line with its index, its amount in cents, its eligibility and its years."""

    index: int
    line: CostLine
    amount: Decimal
    eligible: bool
    by_year: YearMap
    assumed: bool = False
    formula: str | None = None


@dataclass(frozen=True)
class YearFigures:
    """One Haushaltsjahr of the plan."""

    year: int
    expenses: Decimal  # G_y
    cash_expenses: Decimal  # c_y
    eligible_cash: Decimal  # w_y
    ineligible: Decimal  # c_y - w_y: not zuwendungsfähig, paid by the applicant
    volunteer: Decimal  # V_y
    sources: dict[str, Decimal]  # per kind but own cash
    grant: Decimal
    own_cash_required: Decimal
    investment: Decimal
    assumed: bool


@dataclass(frozen=True)
class Figures:
    """Every figure of the contract's arithmetic, each rounded to cents."""

    lines: tuple[LineAmount, ...]
    overhead_base: Decimal  # E_o
    volunteer_value: Decimal  # V
    in_kind: Decimal  # K
    total: Decimal  # G
    ineligible: Decimal  # NZ
    eligible: Decimal  # Zf
    eligible_cash: Decimal  # Zf_cash
    sources: dict[str, Decimal]  # S, I, T, P, L, K by kind
    own_declared: Decimal  # O_decl
    own_on_demand: bool  # a source nach Bedarf exists
    other_financing: Decimal  # D_fix
    own_min: Decimal  # M
    own_min_known: bool
    own_base: Decimal  # base_own
    own_counted_other: Decimal  # C_other
    ineligible_own: Decimal  # NZ_own
    own_required_min: Decimal  # R_own
    rate_base: Decimal | None  # B
    rate_base_eligible: Decimal  # q applied to Zf, for the notice on an unknown base
    caps: dict[str, Decimal | None]
    grant_max: Decimal
    grant: Decimal
    own_cash_required: Decimal
    own_cash: Decimal  # O
    delta: Decimal  # Δ
    own_contribution: Decimal  # C_own
    rate_effective_percent: Decimal | None
    rate_on_base_percent: Decimal | None
    own_share_percent: Decimal | None
    years: tuple[YearFigures, ...]
    limited_by: tuple[str, ...] = ()  # the caps that set grant_max
    annual_weights: YearMap = field(default_factory=dict)  # π (or g_y under fehlbedarf)
    undated: tuple[SourceYears, ...] = ()

    @property
    def grant_by_year(self) -> YearMap:
        """The grant per Haushaltsjahr."""
        return {y.year: y.grant for y in self.years}

    @property
    def own_by_year(self) -> YearMap:
        """The own cash each Haushaltsjahr must provide."""
        return {y.year: y.own_cash_required for y in self.years}

    @property
    def investment_by_year(self) -> YearMap:
        """inv_y: all investition lines per year (Verpflichtungsermächtigung)."""
        return {y.year: y.investment for y in self.years}


def _vat_factor(line: CostLine, vat_deductible: bool | None) -> Decimal:
    if vat_deductible:
        return Decimal(1)
    vat = line.vat_percent if line.vat_percent is not None else VAT_DEFAULT
    return 1 + vat / HUNDRED


def direct_amount(line: CostLine, vat_deductible: bool | None) -> tuple[Decimal, str | None]:
    """A line's amount (every form but ``percent``) and how it was computed."""
    if line.schedule == MONTHLY and line.monthly_eur is not None and line.months is not None:
        share_text = "" if line.share == 1 else f" × {format_number(line.share)}"
        formula = f"{format_eur(line.monthly_eur)}{share_text} × {line.months} Monate"
        return cents(line.monthly_eur * line.share * line.months), formula
    if line.unit_price_net_eur is not None:
        factor = _vat_factor(line, vat_deductible)
        vat_text = "" if factor == 1 else f" + {format_percent((factor - 1) * HUNDRED)} USt."
        formula = f"{format_number(line.quantity)} × {format_eur(line.unit_price_net_eur)} netto"
        return cents(line.unit_price_net_eur * line.quantity * factor), formula + vat_text
    if line.by_year is not None:
        return sum(line.by_year.values(), ZERO), None
    return cents(line.amount_eur or ZERO), None


def line_eligible(line: CostLine, terms: Terms) -> bool:
    """Eligible when marked so and not own staff of a programme that excludes it."""
    return line.eligible and not (line.own_staff and terms.own_staff_eligible.value is False)


def _in_overhead_base(line: CostLine, eligible: bool, terms: Terms) -> bool:
    if not eligible or line.category == "verwaltung":
        return False
    if terms.overhead_base.value == "direct_staff":
        return line.category == "personal"
    return True


def line_amounts(budget: Budget, terms: Terms) -> tuple[tuple[LineAmount, ...], Decimal]:
    """Every line's amount and years; percent lines on E_o, computed after the others."""
    period, version = budget.period, budget.version
    direct: list[LineAmount | None] = []
    for index, line in enumerate(budget.costs):
        eligible = line_eligible(line, terms)
        if line.schedule == WITH_BASE:
            direct.append(None)
            continue
        amount, formula = direct_amount(line, budget.vat_deductible)
        by_year, assumed = line_by_year(line, amount, period, version)
        direct.append(LineAmount(index, line, amount, eligible, by_year, assumed, formula))
    in_base = [
        item
        for item in direct
        if item is not None and _in_overhead_base(item.line, item.eligible, terms)
    ]
    base = sum((item.amount for item in in_base), ZERO)
    base_years = total_of((item.by_year for item in in_base), period.years)
    result = []
    for index, line in enumerate(budget.costs):
        item = direct[index]
        if item is None:
            amount = percent_of(line.percent or ZERO, base)
            formula = f"{format_percent(line.percent or ZERO)} von {format_eur(base)}"
            by_year = split(amount, base_years, period.years)
            item = LineAmount(
                index, line, amount, line_eligible(line, terms), by_year, False, formula
            )
        result.append(item)
    return tuple(result), base


def volunteer_value(budget: Budget, terms: Terms) -> Decimal:
    """V = hours x rate when the programme values volunteer work, else 0."""
    volunteer = terms.volunteer
    if volunteer is None:
        return ZERO
    return cents(budget.financing.volunteer_hours * volunteer.rate_eur_per_hour)


def included_sources(budget: Budget, terms: Terms) -> tuple[Source, ...]:
    """The sources in the plan: in-kind ones only where the programme recognises them."""
    accepted = terms.in_kind_accepted.value is True
    return tuple(s for s in budget.financing.sources if s.kind != "in_kind" or accepted)


def counts_as_own(source: Source, terms: Terms) -> bool:
    """Whether a source other than own cash counts towards the Eigenanteil."""
    if source.counts_as_own is not None:
        return source.counts_as_own
    counted = terms.own_contribution_counts.value or ()
    if source.kind not in counted:
        return False
    return source.kind != "public_grant" or terms.subsidiarity.value == "none"


def rate_base(
    terms: Terms, eligible: Decimal, sources: dict[str, Decimal], total: Decimal
) -> Decimal:
    """B, the amount the Höchstfördersatz applies to (the lower reading while unknown)."""
    income, third = sources["income"], sources["private_third_party"]
    foundation, donation, public = (
        sources["foundation_grant"],
        sources["donation"],
        sources["public_grant"],
    )
    base = {
        "eligible": eligible,
        "eligible_minus_income": eligible - income,
        "eligible_minus_all_other_funding": (
            eligible - income - third - donation - public - foundation
        ),
        "total_cost": total,
    }.get(terms.rate_base.value or "", eligible - income - third - foundation)
    return max(base, ZERO)


@dataclass
class _Plan:
    """Working state of one computation (kept private; Figures is the result)."""

    budget: Budget
    terms: Terms
    lines: tuple[LineAmount, ...] = ()
    years: tuple[int, ...] = ()
    cash_y: YearMap = field(default_factory=dict)
    eligible_y: YearMap = field(default_factory=dict)
    dated_y: YearMap = field(default_factory=dict)
    undated: tuple[Source, ...] = ()


def compute(budget: Budget, terms: Terms) -> Figures:
    """All figures of a budget under the effective terms."""
    years = budget.period.years
    lines, overhead_base = line_amounts(budget, terms)
    volunteer = volunteer_value(budget, terms)
    sources = included_sources(budget, terms)
    kinds = {kind: ZERO for kind in OTHER_KINDS}
    for source in sources:
        if source.kind != "own_cash":
            kinds[source.kind] += source.total
    in_kind = kinds["in_kind"]
    total = sum((item.amount for item in lines), ZERO) + volunteer + in_kind
    ineligible = sum((item.amount for item in lines if not item.eligible), ZERO)
    eligible = total - ineligible
    eligible_cash = eligible - volunteer - in_kind
    own_sources = [s for s in sources if s.kind == "own_cash"]
    own_declared = sum((s.amount_eur for s in own_sources if s.amount_eur is not None), ZERO)
    on_demand = any(s.amount_eur is None for s in own_sources)
    other_financing = sum(kinds.values(), ZERO) + volunteer

    # Own contribution (Arithmetic 5).
    base_total = terms.own_contribution_base.value == "total"
    own_base = total if base_total else eligible
    m = terms.own_contribution_min_percent.number
    own_min = percent_of(m, own_base) if m is not None else ZERO
    volunteer_terms = terms.volunteer
    counted = sum(
        (s.total for s in sources if s.kind != "own_cash" and counts_as_own(s, terms)), ZERO
    )
    if volunteer_terms is not None and volunteer_terms.may_meet_own_min is True:
        counted += volunteer
    ineligible_own = ZERO if base_total else ineligible
    own_required_min = max(ZERO, own_min + ineligible_own - counted) if own_min > 0 else ZERO

    # Years before the grant (what the caps per year need).
    cash_y = total_of((item.by_year for item in lines), years)
    eligible_y = total_of((item.by_year for item in lines if item.eligible), years)
    investment_y = total_of(
        (item.by_year for item in lines if item.line.category == "investition"), years
    )
    volunteer_y = split(volunteer, period_months(budget.period), years)
    year_sources = [s for s in sources if s.kind not in ("own_cash", "in_kind")]
    dated_y = dated_sources(year_sources, years)
    undated = tuple(s for s in year_sources if s.by_year is None)
    undated_total = sum((s.total for s in undated), ZERO)
    in_kind_years = [
        SourceYears(
            s,
            {y: (s.by_year or {}).get(y, ZERO) for y in years}
            if s.by_year is not None
            else split(s.total, period_months(budget.period), years),
            s.by_year is None,
        )
        for s in sources
        if s.kind == "in_kind"
    ]

    kind = terms.financing_type.value
    own_reserved = max(own_declared, own_required_min) if kind == "fehlbedarf" else own_required_min
    free_room = {y: max(ZERO, cash_y[y] - dated_y[y]) for y in years}
    weights: YearMap = dict(eligible_y)
    need_first: YearMap = {}
    if kind in ("voll", "fehlbedarf"):
        undated_first = split(undated_total, free_room, years)
        need_y = {y: cash_y[y] - dated_y[y] - undated_first[y] for y in years}
        if kind == "voll":
            weights = {y: max(ZERO, eligible_y[y] - dated_y[y] - undated_first[y]) for y in years}
        else:
            left = own_reserved
            for y in years:
                first = min(max(ZERO, need_y[y]), left)
                left -= first
                need_first[y] = max(ZERO, need_y[y] - first)
            weights = need_first

    # Caps (Arithmetic 6).
    q = terms.funding_rate_max_percent.number
    base = rate_base(terms, eligible, kinds, total) if q is not None else None
    annual = terms.annual_max_eur.number
    caps: dict[str, Decimal | None] = {
        "rate": percent_of(q, base) if q is not None and base is not None else None,
        "fixed": None,
        "voll": None,
        "max": terms.amount_max_eur.number,
        "annual": None,
        "gap": total - other_financing - own_reserved,
        "public": None,
        "cash": eligible_cash,
    }
    if kind == "festbetrag":
        caps["fixed"] = terms.fixed_amount_eur.number
    if kind == "voll":
        caps["voll"] = eligible_cash - (other_financing - volunteer - in_kind)
    if annual is not None:
        if kind == "fehlbedarf":
            caps["annual"] = sum((min(annual, g) for g in need_first.values()), ZERO)
        else:
            weight_sum = sum(weights.values(), ZERO)
            limits = [floor_cents(annual * weight_sum / w) for w in weights.values() if w > 0]
            caps["annual"] = min(limits) if limits else None
    p = terms.public_funding_cap_percent.number
    if p is not None:
        caps["public"] = percent_of(p, eligible) - kinds["public_grant"]
    present = [cap for cap in caps.values() if cap is not None]
    grant_max = max(ZERO, min(present)) if present else ZERO
    limited_by = tuple(name for name, cap in caps.items() if cap is not None and cap == grant_max)
    if grant_max_unknown(terms) or not terms.is_grant:
        grant_max = ZERO
    requested = budget.financing.requested_eur
    grant = requested if requested is not None else grant_max

    own_cash_required = total - other_financing - grant
    own_cash = max(own_declared, own_cash_required) if on_demand else own_declared
    delta = other_financing + own_cash + grant - total
    own_contribution = max(ZERO, own_cash + counted - ineligible_own)

    # Grant per year (Years 5) and the undated money (Years 6).
    if kind == "fehlbedarf":
        grant_y = {y: ZERO for y in years}
        left = grant
        for y in years:
            placed = min(weights[y], left)
            if annual is not None:
                placed = min(placed, annual)
            grant_y[y] = placed
            left -= placed
        grant_y[years[-1]] += left
        room = free_room
    elif kind == "voll":
        grant_y = split(grant, weights, years)
        room = free_room
    else:
        grant_y = split(grant, eligible_y, years)
        room = {y: max(ZERO, cash_y[y] - dated_y[y] - grant_y[y]) for y in years}
    placed_undated = place_undated(undated, room, years) if undated else []
    undated_y = total_of((p.by_year for p in placed_undated), years)

    year_rows = []
    for y in years:
        by_kind = {k: ZERO for k in OTHER_KINDS}
        for source in year_sources:
            if source.by_year is not None:
                by_kind[source.kind] += source.by_year.get(y, ZERO)
        for placed in placed_undated:
            by_kind[placed.source.kind] += placed.by_year[y]
        for placed in in_kind_years:
            by_kind["in_kind"] += placed.by_year[y]
        assumed = (
            any(item.assumed and item.by_year[y] != 0 for item in lines)
            or any(p.by_year[y] != 0 for p in placed_undated)
            or any(p.assumed and p.by_year[y] != 0 for p in in_kind_years)
        )
        in_kind_y = sum((p.by_year[y] for p in in_kind_years), ZERO)
        year_rows.append(
            YearFigures(
                year=y,
                expenses=cash_y[y] + volunteer_y[y] + in_kind_y,
                cash_expenses=cash_y[y],
                eligible_cash=eligible_y[y],
                ineligible=cash_y[y] - eligible_y[y],
                volunteer=volunteer_y[y],
                sources=by_kind,
                grant=grant_y[y],
                own_cash_required=cash_y[y] - dated_y[y] - undated_y[y] - grant_y[y],
                investment=investment_y[y],
                assumed=assumed,
            )
        )

    return Figures(
        lines=lines,
        overhead_base=overhead_base,
        volunteer_value=volunteer,
        in_kind=in_kind,
        total=total,
        ineligible=ineligible,
        eligible=eligible,
        eligible_cash=eligible_cash,
        sources=kinds,
        own_declared=own_declared,
        own_on_demand=on_demand,
        other_financing=other_financing,
        own_min=own_min,
        own_min_known=m is not None,
        own_base=own_base,
        own_counted_other=counted,
        ineligible_own=ineligible_own,
        own_required_min=own_required_min,
        rate_base=base,
        rate_base_eligible=percent_of(q, eligible) if q is not None else ZERO,
        caps=caps,
        grant_max=grant_max,
        grant=grant,
        own_cash_required=own_cash_required,
        own_cash=own_cash,
        delta=delta,
        own_contribution=own_contribution,
        rate_effective_percent=ratio_percent(grant, eligible),
        rate_on_base_percent=ratio_percent(grant, base) if base is not None else None,
        own_share_percent=ratio_percent(own_contribution, own_base),
        years=tuple(year_rows),
        limited_by=limited_by if grant_max > 0 and not grant_max_unknown(terms) else (),
        annual_weights=weights,
        undated=tuple(placed_undated) + tuple(p for p in in_kind_years if p.assumed),
    )


def grant_max_unknown(terms: Terms) -> bool:
    """Whether the proposed grant rests on a missing term (Unknown terms, first two rows)."""
    kind = terms.financing_type.value
    if kind is None:
        return True
    if kind == "festbetrag" and terms.fixed_amount_eur.number is None:
        return True
    return kind == "anteil" and terms.funding_rate_max_percent.value is None
