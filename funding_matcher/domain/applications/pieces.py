"""A piece of draft text and the context the drafting sentences may use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.sentences import Sentence, assign
from funding_matcher.domain.applications.wording import PUBLIC, Vocabulary
from funding_matcher.domain.profile import Details, Profile


@dataclass(frozen=True)
class Piece:
    """A paragraph or list placed in a section; ``label`` names its fact for the working list."""

    topic: str
    text: str
    label: str
    user: bool = False
    # A variant used only when another topic shares the section ("merged:topic") or does not
    # ("alone:topic"), or when that topic is not in the very next section ("apart:topic");
    # "lead": the sentence that says what the project is, placed first in its section.
    when: str = ""


@dataclass(frozen=True)
class DraftContext:
    """What the generated sentences may use besides the profile."""

    profile: Profile
    applicant: Applicant
    programme_title: str
    period: tuple[date, date] | None = None
    requested: Decimal | None = None
    requested_provisional: bool = False
    sentences: tuple[Sentence, ...] = field(default=())
    vocabulary: Vocabulary = PUBLIC

    @property
    def details(self) -> Details:
        return self.profile.details or Details()

    @property
    def name(self) -> str:
        return self.applicant.name or self.profile.organisation or "Der Antragsteller"

    @property
    def start(self) -> date | None:
        return self.period[0] if self.period else None


def context(
    profile: Profile,
    applicant: Applicant,
    programme_title: str,
    period: tuple[date, date] | None,
    requested: Decimal | None,
    requested_provisional: bool,
    vocabulary: Vocabulary = PUBLIC,
) -> DraftContext:
    """The context with the description split into topic sentences (rule 4)."""
    return DraftContext(
        profile,
        applicant,
        programme_title,
        period,
        requested,
        requested_provisional,
        tuple(assign(profile.description)),
        vocabulary,
    )


def profile_period(profile: Profile) -> tuple[date, date] | None:
    """The project period from the profile's start and duration, where both are known."""
    if profile.start_date is None or profile.project_end is None:
        return None
    return profile.start_date, profile.project_end
