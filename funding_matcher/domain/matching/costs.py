"""Which of the project's costs a programme funds, and with a split budget how much of them.

A programme that names cost types funds only those. Without the project's costs by type
(``Profile.costs_by_type_eur``) the matcher knows only which types the project has: a programme
that leaves out its staff or investment cannot carry it. With the split it knows the euros: the
programme's rate applies to the costs of the types it funds, it never gives more than those
costs, and a funding mix plans it on them (``Uncovered``).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.cost_split import COST_NAMES, COST_TYPES, cost_names
from funding_matcher.domain.german import format_eur_compact
from funding_matcher.domain.money import CENT, ZERO
from funding_matcher.domain.profile import Profile


def project_cost_types(profile: Profile) -> list[str]:
    """The cost types the project has: those with costs when the budget is split by type, else
    those ticked."""
    split = profile.cost_split
    if split is None:
        return list(profile.cost_types)
    return [code for code in COST_TYPES if split[code] > ZERO]


def funded_types(programme: Programme) -> tuple[str, ...]:
    """The cost types the programme funds (all when it names none)."""
    return tuple(programme.cost_types) or COST_TYPES


def unfunded_costs(programme: Programme, profile: Profile) -> list[str]:
    """The project's staff or investment costs (material costs go along with either) that the
    programme does not fund; none when it names no cost types."""
    if not programme.cost_types:
        return []
    has = project_cost_types(profile)
    return [c for c in ("personal", "investiv") if c in has and c not in programme.cost_types]


def unfunded_text(programme: Programme, profile: Profile) -> str | None:
    """The unfunded staff or investment costs in words, with their euros when the budget is
    split: "Personalkosten (40.000 €) und Investitionen (30.000 €)"; None when there are none."""
    unfunded = unfunded_costs(programme, profile)
    if not unfunded:
        return None
    split = profile.cost_split
    if split is None:
        return " und ".join(COST_NAMES[c] for c in unfunded)
    return " und ".join(f"{COST_NAMES[c]} ({format_eur_compact(split[c])})" for c in unfunded)


def funds_the_project(programme: Programme, profile: Profile) -> bool:
    """Funds the project's staff and investment costs, if it has any: a programme for building
    and equipment cannot carry a project that is mostly staff."""
    return not unfunded_costs(programme, profile)


def may_cofund(programme: Programme, profile: Profile) -> bool:
    """May be planned as a co-funder: without a split only one that funds the project's staff
    and investment (its figure would be a share of the whole budget); with a split any that
    funds some of its costs, planned on those (``Uncovered``)."""
    if profile.cost_split is None:
        return funds_the_project(programme, profile)
    return any(code in funded_types(programme) for code in project_cost_types(profile))


def partly_funded(programme: Programme, profile: Profile) -> list[str] | None:
    """The project's cost types the programme funds when the budget is split and it leaves some
    of them out; None when the split is unknown or it funds all the project has."""
    if profile.cost_split is None or not programme.cost_types:
        return None
    has = project_cost_types(profile)
    funded = [code for code in has if code in programme.cost_types]
    return funded if len(funded) < len(has) else None


def funded_costs(programme: Programme, profile: Profile) -> Decimal | None:
    """The project's costs of the types the programme funds, when it funds only some of the
    types with costs (``partly_funded``); None otherwise: its rate applies to the whole budget."""
    funded = partly_funded(programme, profile)
    split = profile.cost_split
    if funded is None or split is None:
        return None
    return sum((split[code] for code in funded), ZERO)


def funded_costs_text(programme: Programme, profile: Profile) -> str:
    """The funded costs in words for a rate or a cap: "Personal- und Sachkosten"; "" when the
    rate applies to all costs."""
    funded = partly_funded(programme, profile)
    return cost_names(funded) if funded else ""


class Uncovered:
    """What is still uncovered of each cost type while a funding mix is planned (with a split).

    A programme's part takes from the types it funds in proportion to what is left of them: a
    rate applies to each of its cost lines alike, so 80 % of Personal- and Sachkosten leaves
    20 % of each for the next funder. Without a split nothing is tracked and nothing bounds.
    """

    def __init__(self, profile: Profile) -> None:
        split = profile.cost_split
        self.known = split is not None
        self.split: dict[str, Decimal] = dict(split or {})
        self.left: dict[str, Decimal] = dict(split or {})
        self.taken: dict[str, dict[str, Decimal]] = {}

    def room(self, programme: Programme) -> Decimal | None:
        """The still uncovered costs of the types the programme funds; None without a split."""
        if not self.known:
            return None
        return sum((self.left[code] for code in funded_types(programme)), ZERO)

    def take(self, programme: Programme, amount: Decimal) -> None:
        """Count ``amount`` (at most ``room``) as covering the programme's types, exact to the
        cent: each type its share rounded down, the cents left to the largest remainders."""
        if not self.known or amount <= ZERO:
            return
        codes = [code for code in funded_types(programme) if self.left[code] > ZERO]
        room = sum((self.left[code] for code in codes), ZERO)
        amount = min(amount, room)
        exact = {code: amount * self.left[code] / room for code in codes}
        shares = {code: exact[code].quantize(CENT, rounding=ROUND_DOWN) for code in codes}
        leftover = int((amount - sum(shares.values(), ZERO)) / CENT)
        for code in sorted(codes, key=lambda c: shares[c] - exact[c])[:leftover]:
            shares[code] += CENT
        for code, share in shares.items():
            self.left[code] -= share
        self.taken[programme.slug] = shares

    def covered_by(self, slug: str, code: str) -> Decimal:
        """What the planned part of programme ``slug`` covers of cost type ``code``."""
        return self.taken.get(slug, {}).get(code, ZERO)


def investment_note(main: Programme, planned: list[Programme], uncovered: Uncovered) -> str:
    """The funding mix's note on the investment its main programme does not fund; with a split
    its euros and the co-funders the plan puts it on."""
    said = f"{main.short_title} fördert keine Investitionen"
    rest = "über Eigenmittel oder einen weiteren Förderer decken."
    if not uncovered.known:
        return f"{said}: die investiven Kosten {rest}"
    total, left = uncovered.split["investiv"], uncovered.left["investiv"]
    said += f" ({format_eur_compact(total)})"
    carriers = ", ".join(p.short_title for p in planned if uncovered.covered_by(p.slug, "investiv"))
    if not carriers:
        return f"{said}: die investiven Kosten {rest}"
    if left <= ZERO:
        return f"{said}: sie sind über {carriers} eingeplant."
    return (
        f"{said}: davon sind {format_eur_compact(total - left)} über {carriers} eingeplant, den "
        f"Rest ({format_eur_compact(left)}) {rest}"
    )
