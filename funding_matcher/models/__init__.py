"""ORM rows by area; domain objects live in funding_matcher.domain, operations/ converts."""

from funding_matcher.models.accounts import (
    ORGANISATION_KINDS,
    ApiToken,
    Invitation,
    Membership,
    Organisation,
    Role,
    ThrottleCounter,
    User,
)
from funding_matcher.models.applications import (
    Application,
    ApplicationSection,
    ChecklistItemRow,
    MilestoneRow,
    SectionVersion,
    StatusLogEntry,
)
from funding_matcher.models.budget import DeMinimisAidRow
from funding_matcher.models.catalogue import ProgrammeRow
from funding_matcher.models.pdf_import import GuidelineImportRow, ProgrammeCopy
from funding_matcher.models.planning import (
    AwardDates,
    BodyMeeting,
    CouncilSource,
    PlanningSettings,
    ProgrammeChangeRow,
    ReminderSettings,
    SentReminder,
    WatchedProgramme,
)
from funding_matcher.models.projects import ProjectProfile
from funding_matcher.models.trash import JobRun, TrashEntry

__all__ = [
    "AwardDates",
    "CouncilSource",
    "ORGANISATION_KINDS",
    "ApiToken",
    "Application",
    "ApplicationSection",
    "BodyMeeting",
    "ChecklistItemRow",
    "DeMinimisAidRow",
    "GuidelineImportRow",
    "Invitation",
    "JobRun",
    "MilestoneRow",
    "PlanningSettings",
    "ProgrammeCopy",
    "ProgrammeChangeRow",
    "ReminderSettings",
    "SentReminder",
    "WatchedProgramme",
    "SectionVersion",
    "StatusLogEntry",
    "Membership",
    "Organisation",
    "ProgrammeRow",
    "ProjectProfile",
    "Role",
    "ThrottleCounter",
    "TrashEntry",
    "User",
]
