"""A project concept PDF becomes a profile v1 draft (``profile``), from the organisation and its
place (``org``), the topics and target groups (``words``) and the project details
(``details``)."""

from funding_matcher.domain.pdf_import.concept.profile import import_concept, propose_profile

__all__ = ["import_concept", "propose_profile"]
