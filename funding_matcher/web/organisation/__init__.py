"""The organisation area: members and their roles (``views``), the applicant block every draft
prints (``applicant``) and their forms (``forms``). Each page group has its own blueprint."""

from funding_matcher.web.organisation import applicant, views

__all__ = ["applicant", "views"]
