"""Kosten- und Finanzierungsplan (KFP), budget rules v2: parsing, arithmetic, years, checks.

Typical use (CLI, API, page)::

    report = check_budget(json.loads(text), programme=record_or_none)
    report_to_json(report)   # the contract's output object
    report_text(report)      # the German table for --format text
"""

from .arithmetic import Figures, LineAmount, YearFigures, compute
from .checks import CHECK_IDS, Check, run_checks
from .deminimis import (
    DeMinimisDeclaration,
    de_minimis_declaration,
    de_minimis_sums,
    declaration_text,
)
from .model import (
    CATEGORIES,
    FINANCING_TYPES,
    SOURCE_KINDS,
    Budget,
    CostLine,
    DeMinimisAid,
    Financing,
    Period,
    Source,
)
from .parsing import parse_budget
from .report import BudgetReport, check_budget, evaluate, report_to_json
from .terms import Term, Terms, VolunteerTerms, merge_terms, terms_from_programme
from .text import report_text

__all__ = [
    "CATEGORIES",
    "CHECK_IDS",
    "FINANCING_TYPES",
    "SOURCE_KINDS",
    "Budget",
    "BudgetReport",
    "Check",
    "CostLine",
    "DeMinimisAid",
    "DeMinimisDeclaration",
    "Figures",
    "Financing",
    "LineAmount",
    "Period",
    "Source",
    "Term",
    "Terms",
    "VolunteerTerms",
    "YearFigures",
    "check_budget",
    "compute",
    "de_minimis_declaration",
    "de_minimis_sums",
    "declaration_text",
    "evaluate",
    "merge_terms",
    "parse_budget",
    "report_text",
    "report_to_json",
    "run_checks",
    "terms_from_programme",
]
