"""What a funding mix is (mix.py plans it): its parts, each a programme with its role, amount and
the basis of that amount, and the figures they add up to."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.money import ZERO

SourceKind = Literal["public_grant", "foundation_grant"]


@dataclass(frozen=True)
class MixPart:
    programme: Programme
    role: Literal["main", "cofunder"]
    amount_eur: Decimal | None  # None: no amount published, to be asked of the funder
    basis: str  # how the amount was found, in German
    source_kind: SourceKind  # the budget's financing source kind (budget.md, rules v2)


@dataclass(frozen=True)
class FundingMix:
    total_eur: Decimal
    own_eur: Decimal
    need_eur: Decimal
    parts: list[MixPart]
    notes: list[str] = field(default_factory=list)

    @property
    def covered_eur(self) -> Decimal:
        """What the programmes of the mix give together."""
        return sum_parts(self.parts)

    @property
    def gap_eur(self) -> Decimal:
        """What is still missing after own funds and the mix (0 when covered)."""
        return max(self.need_eur - self.covered_eur, ZERO)

    @property
    def main(self) -> MixPart:
        return next(p for p in self.parts if p.role == "main")

    @property
    def cofunders(self) -> list[MixPart]:
        return [p for p in self.parts if p.role == "cofunder"]


def source_kind(programme: Programme) -> SourceKind:
    """Foundations and lotteries are foundation grants, everything else public money."""
    return "foundation_grant" if programme.level == "stiftung" else "public_grant"


def sum_parts(parts: list[MixPart]) -> Decimal:
    """The known amounts of the parts added up (a part to be asked for counts nothing)."""
    return sum((p.amount_eur for p in parts if p.amount_eur is not None), ZERO)
