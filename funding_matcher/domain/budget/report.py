"""One call from decoded JSON to the contract's result: parse, merge terms, compute, check."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.money import json_number

from .arithmetic import Figures, compute
from .checks import Check, run_checks
from .model import OTHER_KINDS, Budget
from .parsing import parse_budget
from .terms import CHECK_NAMES, Terms, merge_terms

# What each cap of the grant is called for a reader ("begrenzt durch …").
CAP_NAMES = {
    "rate": "den Höchstfördersatz",
    "fixed": "den Festbetrag",
    "voll": "die Vollfinanzierung (andere Mittel gehen vor)",
    "max": "den Höchstbetrag",
    "annual": "den Höchstbetrag je Haushaltsjahr",
    "gap": "den Ausgleich des Plans (keine Überfinanzierung, Mindesteigenanteil)",
    "public": "die Obergrenze aller öffentlichen Mittel",
    "cash": "die zuwendungsfähigen Barausgaben",
}

VERDICT_LABELS = {
    "ok": "in Ordnung",
    "ok_unchecked": "keine Fehler gefunden – nicht geprüft",
    "errors": "Fehler",
}


@dataclass(frozen=True)
class BudgetReport:
    """A checked budget: the input, its effective terms, its figures, findings and gaps."""

    budget: Budget
    terms: Terms
    figures: Figures
    checks: tuple[Check, ...]
    unchecked: tuple[str, ...] = ()
    # check id -> the unknown term that left it unchecked
    unchecked_terms: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True unless a check has level error."""
        return not any(check.level == "error" for check in self.checks)

    @property
    def verdict(self) -> str:
        """``errors``, ``ok_unchecked`` (no error, but unknown terms) or ``ok``."""
        if not self.ok:
            return "errors"
        return "ok_unchecked" if self.unchecked else "ok"

    @property
    def verdict_text(self) -> str:
        """The verdict in German; only ``ok`` reads "in Ordnung"."""
        if self.verdict == "ok_unchecked":
            names = ", ".join(CHECK_NAMES[c] for c in self.unchecked)
            return f"keine Fehler gefunden – nicht geprüft: {names}"
        if self.verdict == "errors":
            count = sum(1 for check in self.checks if check.level == "error")
            return f"{count} Fehler"
        return "in Ordnung"

    @property
    def limited_by_text(self) -> str | None:
        """ "begrenzt durch den Höchstfördersatz" and the like; None without a proposal."""
        names = [CAP_NAMES[name] for name in self.figures.limited_by]
        return f"begrenzt durch {' und '.join(names)}" if names else None

    def ids(self, level: str) -> list[str]:
        """The sorted distinct ids of the checks of one level."""
        return sorted({check.id for check in self.checks if check.level == level})


def evaluate(budget: Budget, programme: Mapping[str, Any] | None = None) -> BudgetReport:
    """Check a parsed budget against its terms (the programme record supplies the defaults)."""
    if programme is not None and budget.programme is not None:
        slug = programme.get("slug")
        if slug is not None and slug != budget.programme:
            raise InvalidData(
                [FieldProblem("programme", f"passt nicht zum übergebenen Programm „{slug}“")]
            )
    terms = merge_terms(budget.terms_entered, programme)
    figures = compute(budget, terms)
    checks, assessment = run_checks(budget, terms, figures)
    return BudgetReport(
        budget,
        terms,
        figures,
        tuple(checks),
        tuple(sorted(assessment.unchecked)),
        dict(assessment.term_of),
    )


def check_budget(data: Any, programme: Mapping[str, Any] | None = None) -> BudgetReport:
    """Parse decoded budget JSON and check it; InvalidData for input that cannot be read."""
    return evaluate(parse_budget(data), programme)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else json_number(value)


def _years(values: Mapping[int, Decimal]) -> dict[str, float]:
    return {str(year): json_number(amount) for year, amount in values.items()}


def report_to_json(report: BudgetReport) -> dict[str, Any]:
    """The contract's output object (amounts as numbers with two decimals at most)."""
    f = report.figures
    return {
        "version": 2,
        "total_eur": json_number(f.total),
        "ineligible_eur": json_number(f.ineligible),
        "eligible_eur": json_number(f.eligible),
        "eligible_cash_eur": json_number(f.eligible_cash),
        "volunteer_value_eur": json_number(f.volunteer_value),
        "in_kind_eur": json_number(f.in_kind),
        "other_financing_eur": json_number(f.other_financing),
        "sources_eur": {kind: json_number(f.sources[kind]) for kind in OTHER_KINDS},
        "rate_base_eur": _number(f.rate_base),
        "grant_max_eur": json_number(f.grant_max),
        "grant_eur": json_number(f.grant),
        "caps": {name: _number(value) for name, value in f.caps.items()},
        "limited_by": list(f.limited_by),
        "own_cash_eur": json_number(f.own_cash),
        "own_cash_required_eur": json_number(f.own_cash_required),
        "own_contribution_eur": json_number(f.own_contribution),
        "own_contribution_min_eur": json_number(f.own_min) if f.own_min_known else None,
        "rate_effective_percent": _number(f.rate_effective_percent),
        "rate_on_base_percent": _number(f.rate_on_base_percent),
        "own_share_percent": _number(f.own_share_percent),
        "grant_by_year": _years(f.grant_by_year),
        "own_by_year": _years(f.own_by_year),
        "investment_by_year": _years(f.investment_by_year),
        "years": [
            {
                "year": y.year,
                "expenses_eur": json_number(y.expenses),
                "eligible_cash_eur": json_number(y.eligible_cash),
                "volunteer_eur": json_number(y.volunteer),
                "sources_eur": {kind: json_number(y.sources[kind]) for kind in OTHER_KINDS},
                "grant_eur": json_number(y.grant),
                "own_cash_required_eur": json_number(y.own_cash_required),
                "assumed": y.assumed,
            }
            for y in f.years
        ],
        "lines": [
            {
                "label": item.line.label,
                "category": item.line.category,
                "amount_eur": json_number(item.amount),
                "eligible": item.eligible,
                "schedule": item.line.schedule,
                "by_year": _years(item.by_year),
                "assumed": item.assumed,
            }
            for item in f.lines
        ],
        "checks": [check.as_dict() for check in report.checks],
        "errors": report.ids("error"),
        "warnings": report.ids("warning"),
        "notices": report.ids("notice"),
        "unchecked": list(report.unchecked),
        "verdict": report.verdict,
        "verdict_text": report.verdict_text,
        "ok": report.ok,
        "terms": report.terms.as_dict(),
    }
