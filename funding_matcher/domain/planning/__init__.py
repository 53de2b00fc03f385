"""Deadlines and planning: working days, backward plan, award dates, calendar feed, reminders."""

from .award import AWARD_TITLES, plan_award
from .digest import Digest, NewMatch, ProgrammeChange, compose_digest
from .ics import CalendarEvent, build_calendar, event_uid, next_sequence
from .inputs import check_applicant_type, parse_date
from .meetings import BODIES, Meeting, MeetingCalendar, parse_meetings, parse_meetings_json
from .model import AwardPlan, Milestone, PlanWarning, SubmissionPlan
from .offsets import DEFAULT_OFFSETS, PlanningOffsets
from .reminders import (
    DEFAULT_REMINDER_OFFSETS,
    DueReminder,
    ReminderItem,
    check_reminder_offsets,
    due_reminders,
    reminder_key,
)
from .render import render_award_text, render_submission_text
from .submission import SUBMISSION_TITLES, plan_submission
from .workdays import (
    add_months,
    check_state,
    holiday_name,
    is_working_day,
    previous_working_day,
    working_days_before,
)

__all__ = [
    "AWARD_TITLES",
    "BODIES",
    "DEFAULT_OFFSETS",
    "DEFAULT_REMINDER_OFFSETS",
    "SUBMISSION_TITLES",
    "AwardPlan",
    "CalendarEvent",
    "Digest",
    "DueReminder",
    "Meeting",
    "MeetingCalendar",
    "Milestone",
    "NewMatch",
    "PlanWarning",
    "PlanningOffsets",
    "ProgrammeChange",
    "ReminderItem",
    "SubmissionPlan",
    "add_months",
    "build_calendar",
    "check_applicant_type",
    "check_reminder_offsets",
    "check_state",
    "compose_digest",
    "due_reminders",
    "event_uid",
    "holiday_name",
    "is_working_day",
    "next_sequence",
    "parse_date",
    "parse_meetings",
    "parse_meetings_json",
    "plan_award",
    "plan_submission",
    "previous_working_day",
    "reminder_key",
    "render_award_text",
    "render_submission_text",
    "working_days_before",
]
