"""The rule families that find a guideline's fields in its sentences, one module per family:
``money`` (funding rate, Finanzierungsart), ``amounts`` (minimum and maximum grant), ``dates``
(validity, application deadlines) and ``terms`` (applicants, De-minimis, page limit)."""

from funding_matcher.domain.pdf_import.rules import amounts, dates, money, terms

__all__ = ["amounts", "dates", "money", "terms"]
