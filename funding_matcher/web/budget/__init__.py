"""The budget area: the Kosten- und Finanzierungsplan page (``views``), its forms (``forms``),
the mapping between page and budget rules v2 (``mapping``), what the page shows besides the form
(``page``) and the De-minimis register with the Erklärung (``register``)."""

from funding_matcher.web.budget import register, views
from funding_matcher.web.budget.blueprint import bp

__all__ = ["bp", "register", "views"]
