"""The applications area: the list, start, checklist and status (``views``), the project details
asked on the application page (``details``), the outline sections with versions and autosave
(``sections``) and their forms (``forms``). Each page group has its own blueprint."""

from funding_matcher.web.applications import details, sections, views

__all__ = ["details", "sections", "views"]
