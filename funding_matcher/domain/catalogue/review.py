"""Curator review (Prüfbedarf): which records are due for re-checking, and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.catalogue.rounds import round_state
from funding_matcher.domain.catalogue.status import (
    EVIDENCE_VALID_MONTHS,
    LEGACY_STATUSES,
    dated_round_ahead,
    evidence_expires,
)
from funding_matcher.domain.german import format_date, format_percent

STALE_AFTER_DAYS = 180
EXPIRING_WITHIN_DAYS = 90


@dataclass(frozen=True)
class ReviewItem:
    """One record a curator should look at, with every reason in German."""

    programme: Programme
    reasons: tuple[str, ...]


def stale(programmes: Iterable[Programme], today: date, older_than_days: int) -> list[Programme]:
    """Records whose facts were last checked more than ``older_than_days`` ago, oldest first."""
    due = [p for p in programmes if (today - p.checked_on).days > older_than_days]
    return sorted(due, key=lambda p: (p.checked_on, p.slug))


def review_reasons(
    programme: Programme,
    today: date,
    older_than_days: int = STALE_AFTER_DAYS,
    expiring_within_days: int = EXPIRING_WITHIN_DAYS,
) -> list[str]:
    """Why a record needs a curator now; empty when it does not."""
    reasons = []
    age = (today - programme.checked_on).days
    if age > older_than_days:
        reasons.append(f"zuletzt geprüft am {format_date(programme.checked_on)} (vor {age} Tagen)")
    if programme.status == "open" and round_state(programme, today) == "next":
        past = programme.deadline.dates + [w.closes for w in programme.deadline.windows]
        reasons.append(
            f"offen erfasst, aber letzte Frist am {format_date(max(past))} vorbei: neue Runde "
            "oder status between_rounds erfassen"
            if past
            else "offen erfasst, aber keine offene Frist erfasst"
        )
    reasons.extend(_evidence_reasons(programme, today, expiring_within_days))
    until = programme.guideline_valid_until
    if until is not None and programme.status != "closed":
        if until < today:
            reasons.append(f"Richtlinie am {format_date(until)} ausgelaufen")
        elif until <= today + timedelta(days=expiring_within_days):
            reasons.append(f"Richtlinie läuft am {format_date(until)} aus")
    return reasons


def _evidence_reasons(programme: Programme, today: date, within_days: int) -> list[str]:
    """The status evidence is old or turns twelve months old within ``within_days``."""
    if programme.status in LEGACY_STATUSES:
        return [f"Status „{programme.status}“ aus früheren Runden: Status mit Beleg erfassen"]
    evidence, expires = programme.status_evidence, evidence_expires(programme)
    if evidence is None or expires is None or programme.status == "closed":
        return []
    dated = format_date(evidence.date)
    if programme.status == "open" and dated_round_ahead(programme, today):
        return []  # the call's own end date is checked once it has passed
    if programme.status == "unclear":
        return [f"Status unklar (neuester Beleg vom {dated}): beim Fördergeber nachfragen"]
    if expires <= today:
        return [f"Statusbeleg vom {dated} ist älter als {EVIDENCE_VALID_MONTHS} Monate"]
    days = (expires - today).days
    if days <= within_days:
        return [
            f"Statusbeleg vom {dated} wird am {format_date(expires)} "
            f"{EVIDENCE_VALID_MONTHS} Monate alt (in {days} Tagen)"
        ]
    return []


@dataclass(frozen=True)
class FinancingCoverage:
    """How many reviewed records state their financing terms (the budget checks need them)."""

    records: int
    with_type: int
    with_any_term: int

    def share(self, count: int) -> str:
        """``count`` as a German percentage of the reviewed records, one decimal."""
        percent = 100 * count / self.records if self.records else 0.0
        return format_percent(percent, 1)


def financing_coverage(programmes: Iterable[Programme]) -> FinancingCoverage:
    """Count the non-draft records with a known Finanzierungsart and with any known term.

    The terms are those the budget checks use: Finanzierungsart, minimum own contribution,
    overhead cap and volunteer work; ``null`` means unknown.
    """
    reviewed = [p for p in programmes if p.status != "draft"]
    with_type = sum(1 for p in reviewed if p.financing_type is not None)
    with_any = sum(
        1
        for p in reviewed
        if p.financing_type is not None
        or p.own_contribution_min_percent is not None
        or p.overhead_max_percent is not None
        or p.volunteer_work is not None
    )
    return FinancingCoverage(len(reviewed), with_type, with_any)


def review_due(
    programmes: Iterable[Programme],
    today: date,
    older_than_days: int = STALE_AFTER_DAYS,
    expiring_within_days: int = EXPIRING_WITHIN_DAYS,
) -> list[ReviewItem]:
    """Every non-draft record with a reason to be checked, oldest check first."""
    items = []
    for programme in programmes:
        if programme.status == "draft":
            continue
        reasons = review_reasons(programme, today, older_than_days, expiring_within_days)
        if reasons:
            items.append(ReviewItem(programme, tuple(reasons)))
    return sorted(items, key=lambda item: (item.programme.checked_on, item.programme.slug))
