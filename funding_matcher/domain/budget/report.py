"""One call from decoded JSON to the contract's result: parse, merge terms, compute, check."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from funding_matcher.domain.errors import FieldProblem, InvalidData

from .arithmetic import Figures, compute
from .checks import Check, run_checks
from .model import Budget
from .money import json_number
from .parsing import parse_budget
from .terms import Terms, merge_terms
from .years import YearSplit, split_by_year


@dataclass(frozen=True)
class BudgetReport:
    """A checked budget: the input, its effective terms, its figures and its findings."""

    budget: Budget
    terms: Terms
    figures: Figures
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        """True when no check has level error."""
        return not any(check.level == "error" for check in self.checks)

    def ids(self, level: str) -> list[str]:
        """The ids of the checks of one level, each once, in the contract's order."""
        return list(dict.fromkeys(check.id for check in self.checks if check.level == level))

    def years(self) -> YearSplit:
        """The split over the Haushaltsjahre of the project period."""
        return split_by_year(self.budget, self.figures)


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
    return BudgetReport(budget, terms, figures, tuple(run_checks(budget, terms, figures)))


def check_budget(data: Any, programme: Mapping[str, Any] | None = None) -> BudgetReport:
    """Parse decoded budget JSON and check it; InvalidData for input that cannot be read."""
    return evaluate(parse_budget(data), programme)


def report_to_json(report: BudgetReport, *, with_years: bool = False) -> dict[str, Any]:
    """The contract's output object (amounts as numbers with two decimals at most)."""
    f = report.figures

    def percent(value: Any) -> float | None:
        return None if value is None else json_number(value)

    out: dict[str, Any] = {
        "total_eur": json_number(f.total),
        "ineligible_eur": json_number(f.ineligible),
        "eligible_eur": json_number(f.eligible),
        "eligible_cash_eur": json_number(f.eligible_cash),
        "volunteer_value_eur": json_number(f.volunteer_value),
        "other_financing_eur": json_number(f.other_financing),
        "grant_max_eur": json_number(f.grant_max),
        "grant_eur": json_number(f.grant),
        "rate_effective_percent": percent(f.rate_effective_percent),
        "own_share_percent": percent(f.own_share_percent),
        "lines": [
            {
                "index": item.index,
                "label": item.line.label,
                "category": item.line.category,
                "amount_eur": json_number(item.amount),
                "eligible": item.line.eligible,
                "formula": item.formula,
            }
            for item in f.lines
        ],
        "checks": [check.as_dict() for check in report.checks],
        "errors": report.ids("error"),
        "warnings": report.ids("warning"),
        "notices": report.ids("notice"),
        "terms": report.terms.as_dict(),
        "ok": report.ok,
    }
    if with_years:
        out["years"] = report.years().as_dict()
    return out
