"""One German e-mail digest per user: due dates, changed watched programmes, new matches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from funding_matcher.domain.german import format_date, format_weekday_date

from .reminders import KIND_LABELS, DueReminder, OverdueReminder


@dataclass(frozen=True)
class ProgrammeChange:
    """A programme on the user's Merkliste that changed; ``changes`` are German sentences."""

    title: str
    changes: tuple[str, ...]
    url: str | None = None


@dataclass(frozen=True)
class NewMatch:
    """A programme that newly matches one of the user's projects."""

    title: str
    reason: str = ""
    url: str | None = None


@dataclass(frozen=True)
class Digest:
    """Subject and plain-text body of one e-mail."""

    subject: str
    body: str


def compose_digest(
    reminders: Sequence[DueReminder],
    changed_programmes: Sequence[ProgrammeChange],
    new_matches: Sequence[NewMatch],
    *,
    today: date,
    recipient_name: str | None = None,
    settings_url: str | None = None,
    overdue: Sequence[OverdueReminder] = (),
) -> Digest | None:
    """The digest for one user, or None when there is nothing new to tell (overdue milestones
    named before are listed again, but never send a digest on their own)."""
    if not (reminders or changed_programmes or new_matches or any(o.new for o in overdue)):
        return None
    greeting = f"Guten Tag {recipient_name}," if recipient_name else "Guten Tag,"
    lines = [greeting, "", f"hier ist Ihre Übersicht vom {format_date(today)}."]
    if overdue:
        lines += _heading("Überfällig: noch nicht als erledigt markiert")
        for late in overdue:
            item = late.item
            days = "1 Tag" if late.days_over == 1 else f"{late.days_over} Tage"
            lines.append(
                f"- seit {format_weekday_date(item.due)} überfällig ({days}): {item.title}"
            )
            lines += [f"  {text}" for text in (item.context, item.url) if text]
    if reminders:
        lines += _heading("Fristen und Meilensteine")
        for reminder in reminders:
            item = reminder.item
            label = KIND_LABELS[item.kind]
            lines.append(f"- {_when(reminder.days_left, item.due)}: {label} – {item.title}")
            lines += [f"  {text}" for text in (item.context, item.url) if text]
    if changed_programmes:
        lines += _heading("Geänderte Programme auf der Merkliste")
        for programme in changed_programmes:
            lines.append(f"- {programme.title}")
            lines += [f"  * {change}" for change in programme.changes]
            if programme.url:
                lines.append(f"  {programme.url}")
    if new_matches:
        lines += _heading("Neue Treffer")
        for match in new_matches:
            lines.append(f"- {match.title}" + (f" – {match.reason}" if match.reason else ""))
            if match.url:
                lines.append(f"  {match.url}")
    lines += ["", "-- ", "Diese Nachricht hat der Fördermittel-Matcher automatisch erstellt."]
    if settings_url:
        lines.append(f"Erinnerungen einstellen oder abbestellen: {settings_url}")
    subject = _subject(reminders, changed_programmes, new_matches, len(overdue))
    return Digest(subject=subject, body="\n".join(lines) + "\n")


def _heading(text: str) -> list[str]:
    return ["", text, "=" * len(text)]


def _when(days_left: int, due: date) -> str:
    if days_left == 0:
        return f"heute ({format_weekday_date(due)})"
    if days_left == 1:
        return f"morgen ({format_weekday_date(due)})"
    return f"in {days_left} Tagen ({format_weekday_date(due)})"


def _subject(
    reminders: Sequence[DueReminder],
    changed_programmes: Sequence[ProgrammeChange],
    new_matches: Sequence[NewMatch],
    overdue: int = 0,
) -> str:
    parts = [f"{overdue} überfällig"] if overdue else []
    if reminders:
        nearest = min(reminders, key=lambda r: r.days_left)
        count = "1 Termin" if len(reminders) == 1 else f"{len(reminders)} Termine"
        when = _when(nearest.days_left, nearest.item.due).split(" (")[0]
        parts.append(f"{count} (nächster {when})")
    if changed_programmes:
        n = len(changed_programmes)
        parts.append("1 geändertes Programm" if n == 1 else f"{n} geänderte Programme")
    if new_matches:
        n = len(new_matches)
        parts.append("1 neuer Treffer" if n == 1 else f"{n} neue Treffer")
    return "Fördermittel-Matcher: " + ", ".join(parts)
