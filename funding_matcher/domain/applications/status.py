"""The status pipeline of an application: idee -> in_vorbereitung -> eingereicht -> decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.limits import (
    AMOUNT_MESSAGE,
    DATE_MESSAGE,
    MAX_AMOUNT_EUR,
    date_in_window,
)

STATUSES: dict[str, str] = {
    "idee": "Idee",
    "in_vorbereitung": "In Vorbereitung",
    "eingereicht": "Eingereicht",
    "bewilligt": "Bewilligt",
    "abgelehnt": "Abgelehnt",
    "zurueckgezogen": "Zurückgezogen",
}

# Where an application may go from each status; one step back stays possible for corrections.
# Statuses in which the team still works towards submission: plans, deadlines and reminders.
BEFORE_SUBMISSION: tuple[str, ...] = ("idee", "in_vorbereitung")

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "idee": ("in_vorbereitung", "eingereicht", "zurueckgezogen"),
    "in_vorbereitung": ("idee", "eingereicht", "zurueckgezogen"),
    "eingereicht": ("in_vorbereitung", "bewilligt", "abgelehnt", "zurueckgezogen"),
    "bewilligt": ("eingereicht", "zurueckgezogen"),
    "abgelehnt": ("eingereicht", "in_vorbereitung", "idee"),
    "zurueckgezogen": ("idee", "in_vorbereitung"),
}

MAX_AMOUNT = MAX_AMOUNT_EUR


@dataclass(frozen=True)
class StatusChange:
    """A validated change: the new status, its date and the amount it records (if any)."""

    status: str
    on: date
    amount_eur: Decimal | None


def check_status_change(
    current: str,
    new: str,
    on: date | None,
    amount_eur: Decimal | None,
    missing_required: list[str],
    today: date,
) -> StatusChange:
    """The change if it is allowed; else InvalidData naming the field and the reason."""
    if new not in STATUSES:
        raise InvalidData(
            [FieldProblem("status", f"unbekannter Status „{new}“ (erlaubt: {', '.join(STATUSES)})")]
        )
    if new == current:
        raise InvalidData(
            [FieldProblem("status", f"Der Antrag hat bereits den Status „{STATUSES[new]}“.")]
        )
    if new not in TRANSITIONS[current]:
        allowed = ", ".join(STATUSES[s] for s in TRANSITIONS[current])
        raise InvalidData(
            [
                FieldProblem(
                    "status",
                    f"Von „{STATUSES[current]}“ geht es nur weiter zu: {allowed}.",
                )
            ]
        )
    problems = []
    if new == "eingereicht" and missing_required:
        problems.append(
            FieldProblem(
                "status",
                "Noch nicht einreichbar: Pflichtunterlagen fehlen in der Checkliste ("
                + "; ".join(missing_required)
                + ").",
            )
        )
    on = on or today
    if on > today:
        problems.append(FieldProblem("date", "Das Datum darf nicht in der Zukunft liegen."))
    elif not date_in_window(on):
        problems.append(FieldProblem("date", DATE_MESSAGE))
    if amount_eur is not None and not (
        amount_eur.is_finite() and Decimal(0) <= amount_eur <= MAX_AMOUNT
    ):
        problems.append(FieldProblem("amount_eur", AMOUNT_MESSAGE))
    if new == "bewilligt" and amount_eur is None:
        problems.append(FieldProblem("amount_eur", "Bitte den bewilligten Betrag angeben."))
    if problems:
        raise InvalidData(problems)
    return StatusChange(new, on, amount_eur)
