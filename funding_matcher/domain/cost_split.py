"""The project's costs by type (Kosten nach Art): Personal-, Sachkosten and Investitionen in euros.

A profile may split its budget by the taxonomy's cost types (``costs_by_type_eur``). The split is
the whole budget: a type left out has no costs, and given a total the amounts add up to it to
the cent. Given no total, the total is the split's sum.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from funding_matcher.domain import taxonomy
from funding_matcher.domain.german import format_eur
from funding_matcher.domain.money import ZERO, cents

COST_TYPES = tuple(taxonomy.COST_TYPES)
# The cost types as a sentence names them ("Fördert keine Personalkosten", "80 % der Sachkosten").
COST_NAMES = {"personal": "Personalkosten", "sach": "Sachkosten", "investiv": "Investitionen"}

Amount = float | int | Decimal


def check_cost_type(code: str) -> str:
    """The code if it is a cost type of the taxonomy; else ValueError naming the allowed ones."""
    if code not in taxonomy.COST_TYPES:
        raise ValueError(f"unbekannte Kostenart „{code}“ ({taxonomy.allowed_hint('cost_types')})")
    return code


def exact_sum(costs: Mapping[str, Amount]) -> Decimal:
    """The amounts added up exactly (not rounded: the total may hold a fraction of a cent)."""
    return sum((Decimal(str(value)) for value in costs.values()), ZERO)


def in_cents(costs: Mapping[str, Amount]) -> dict[str, Decimal]:
    """Every cost type with its amount in cents; a type left out has none."""
    return {code: cents(Decimal(str(costs.get(code, 0)))) for code in COST_TYPES}


def costed_types(costs: Mapping[str, Amount]) -> list[str]:
    """The cost types with an amount above zero, in the taxonomy's order."""
    return [code for code in COST_TYPES if Decimal(str(costs.get(code, 0))) > ZERO]


def filled_in(
    costs: Mapping[str, Amount], total: float | None, cost_types: list[str]
) -> tuple[float | None, list[str]]:
    """The total and cost types a split brings: its sum when no total is given, and every type
    with costs among the project's cost types (nobody ticks a type twice)."""
    if not costs:
        return total, cost_types
    if total is None:
        total = float(exact_sum(costs))
    return total, [*cost_types, *(c for c in costed_types(costs) if c not in cost_types)]


def split_mismatch(costs: Mapping[str, Amount], total: Amount) -> str | None:
    """Why the split does not fit the total (compared to the cent), or None when it does."""
    parts, whole = cents(exact_sum(costs)), cents(Decimal(str(total)))
    if parts == whole:
        return None
    return (
        f"Die Kosten nach Art ergeben {format_eur(parts)}, das Gesamtbudget ist "
        f"{format_eur(whole)}."
    )


def cost_names(codes: list[str]) -> str:
    """The cost types in words: "Sachkosten", "Personal- und Sachkosten",
    "Sachkosten und Investitionen"."""
    names = [COST_NAMES[code] for code in codes]
    if len(names) == 2 and all(name.endswith("kosten") for name in names):
        return f"{names[0].removesuffix('kosten')}- und {names[1]}"
    if len(names) > 1:
        return f"{', '.join(names[:-1])} und {names[-1]}"
    return names[0] if names else ""
