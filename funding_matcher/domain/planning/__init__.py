"""Deadlines and planning (rules v2): working days, backward plan, award dates, calendar feed,
reminders, council calendars from a Ratsinformationssystem."""

from .award import AwardRequest, check_award_period, plan_award
from .deadline import Deadline, application_deadline
from .digest import Digest, NewMatch, ProgrammeChange, compose_digest
from .funder import AWARD_PROFILES, FUNDER_LEVELS, award_profile, check_funder_level
from .ics import CalendarEvent, build_calendar, event_uid, next_sequence
from .inputs import check_applicant_type, check_plausible_day, parse_date
from .meetings import BODIES, Meeting, MeetingCalendar
from .model import AwardPlan, Milestone, PlanWarning, SubmissionPlan
from .reminders import (
    DEFAULT_REMINDER_OFFSETS,
    DueReminder,
    OverdueReminder,
    ReminderItem,
    check_reminder_offsets,
    due_reminders,
    overdue_reminders,
    reminder_key,
)
from .render import render_award_text, render_submission_text
from .request import SubmissionRequest
from .settings_reader import parse_meetings, parse_meetings_json
from .submission import plan_submission
from .terms import ProgrammeTerms, TermRow, programme_terms, term_rows
from .workdays import (
    add_months,
    check_state,
    holiday_name,
    is_working_day,
    next_working_day,
    previous_working_day,
    working_days_before,
)

__all__ = [
    "AWARD_PROFILES",
    "BODIES",
    "DEFAULT_REMINDER_OFFSETS",
    "FUNDER_LEVELS",
    "AwardPlan",
    "AwardRequest",
    "CalendarEvent",
    "Deadline",
    "Digest",
    "DueReminder",
    "Meeting",
    "MeetingCalendar",
    "Milestone",
    "NewMatch",
    "OverdueReminder",
    "PlanWarning",
    "ProgrammeChange",
    "ProgrammeTerms",
    "ReminderItem",
    "SubmissionPlan",
    "SubmissionRequest",
    "TermRow",
    "add_months",
    "application_deadline",
    "award_profile",
    "build_calendar",
    "check_applicant_type",
    "check_award_period",
    "check_plausible_day",
    "check_funder_level",
    "check_reminder_offsets",
    "check_state",
    "compose_digest",
    "due_reminders",
    "event_uid",
    "holiday_name",
    "is_working_day",
    "next_sequence",
    "next_working_day",
    "overdue_reminders",
    "parse_date",
    "parse_meetings",
    "parse_meetings_json",
    "plan_award",
    "plan_submission",
    "previous_working_day",
    "programme_terms",
    "reminder_key",
    "render_award_text",
    "render_submission_text",
    "term_rows",
    "working_days_before",
]
