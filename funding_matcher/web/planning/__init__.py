"""The planning area on one blueprint: an application's plan, the calendar and the watch list
(``views``), the calendar of bodies with its council import and the planning settings
(``bodies``), and their forms (``forms``)."""

from funding_matcher.web.planning import bodies, views
from funding_matcher.web.planning.blueprint import bp

__all__ = ["bodies", "bp", "views"]
