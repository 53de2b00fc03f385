"""Validity of the guideline (in force from, valid until) and application deadlines."""

from __future__ import annotations

import re
from datetime import date, timedelta

from funding_matcher.domain.pdf_import.german import (
    DAY_MONTH,
    MONTH_NAMES,
    NUMERIC_DAY_MONTH,
    find_dates,
    month_day,
)
from funding_matcher.domain.pdf_import.results import Proposal
from funding_matcher.domain.pdf_import.rules_money import kept, section_bonus
from funding_matcher.domain.pdf_import.sentences import Sentence, quote

_I = re.IGNORECASE
IN_FORCE = re.compile(
    r"tritt\b(?:(?!außer).){0,80}?\bin Kraft|(?<!die am )in Kraft getreten|Inkrafttreten am|"
    r"gilt (?:ab|für (?:alle )?Anträge)|"
    r"gültig ab|Fassung ab|für Anträge ab|Anträge,? die ab|anzuwenden ab|Anwendung ab",
    _I,
)
EXPIRES = re.compile(
    r"außer Kraft|befristet|gilt bis|gültig bis|Geltungsdauer|Laufzeit dieser|Laufzeit der|"
    r"endet am|läuft\b.{0,40}\baus|Gültigkeit",
    _I,
)
CONDITIONAL = re.compile(r"\bSollte\b|verlängert sich|verlängert werden|Nachfolge", _I)
# The guideline this one replaces: its dates are not this one's.
FORMER = re.compile(
    r"vorherige|bisherige|bis dahin gültige|ersetzt|vorangegangene|alte Richtlinie", _I
)
PUBLISHED = re.compile(r"(?:\bvom|\bVom|BAnz AT|ABl\.|BGBl\.|Bekanntmachung vom)\s*$")
DEADLINE_CUES = re.compile(
    r"Frist|Stichtag|einzureichen|eingereicht werden|vorzulegen|vorgelegt werden|Einreichung|"
    r"Bewerbungsschluss|Antragsschluss|spätestens (?:bis|zum|am)|gestellt werden|eingegangen|"
    r"Projektskizzen? .{0,40}bis|Anträge .{0,60}bis",
    _I,
)
NOT_APPLICATION = re.compile(
    r"Verwendungsnachweis|Zwischennachweis|Auszahlung|Abrechnung|Rechnung|Nachweis|Bericht|"
    r"Inbetriebnahme|Fertigstellung|abgeschlossen|Umsetzung|Durchführung|Bewilligungszeitraum|"
    r"Zweckbindung|aufzubewahren|Altanträge|eingereichte Projektanträge|Vorhabenbeginn",
    _I,
)
DAY_LEAD = re.compile(r"(?:bis|zum|am|spätestens|jeweils|ab dem|Stichtag|und)\s*$", _I)
EVERY_YEAR = re.compile(r"jeden Jahres|jährlich|jeweils|eines jeden|pro Jahr|im Jahr", _I)
ROLLING = re.compile(
    r"(?:Antr[aä]g\w*|Skizzen?)\b.{0,60}\b(?:laufend|jederzeit|ganzjährig|fortlaufend)\b|"
    r"\b(?:laufend|jederzeit|ganzjährig|fortlaufend)\b.{0,40}(?:gestellt|eingereicht|beantragt)|"
    r"Windhund|Reihenfolge (?:des|ihres) (?:Antrags)?[Ee]ingang",
    _I,
)
_MONTHS = "|".join(MONTH_NAMES)


def propose_validity(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``valid_from`` and ``valid_until``."""
    found = []
    for sentence in sentences:
        text = sentence.text
        dates = [
            (value, start, end)
            for value, start, end in find_dates(text)
            if not PUBLISHED.search(text[max(0, start - 14) : start])
        ]
        if not dates:
            continue
        penalty = 4.0 if FORMER.search(text) else 0.0
        start_cue = IN_FORCE.search(text)
        if start_cue:
            value, start, end = _nearest(dates, start_cue.start(), start_cue.end())
            if re.search(r"\bnach dem\s*$", text[max(0, start - 12) : start]):
                value += timedelta(days=1)  # "Anträge, die nach dem 30.06.2026 eingehen"
            score = 4.0 + section_bonus(sentence, "validity") - penalty
            score -= 2.0 if "Anträge" in start_cue.group(0) else 0.0
            found.append(_proposal("valid_from", value, sentence, start, end, score))
        end_cue = EXPIRES.search(text)
        if end_cue:
            value, start, end = _expiry(text, dates, end_cue)
            score = 4.0 + section_bonus(sentence, "validity") - penalty
            score -= 2.5 if CONDITIONAL.search(text) else 0.0
            found.append(_proposal("valid_until", value, sentence, start, end, score))
    return found


def _expiry(
    text: str, dates: list[tuple[date, int, int]], cue: re.Match[str]
) -> tuple[date, int, int]:
    """The end date a validity sentence names: "bis zum …" after the cue, else the nearest."""
    if cue.group(0).lower().startswith("außer"):
        return _nearest(dates, cue.start(), cue.end())
    after = [item for item in dates if item[1] >= cue.start() - 60] or dates
    until = [
        item
        for item in after
        if re.search(r"\bbis\b[^.]{0,25}$", text[max(0, item[1] - 30) : item[1]])
    ]
    return (until or after)[0]


def propose_deadlines(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``deadline``: fixed dates, a yearly day, several cut-off days, rolling."""
    found = []
    for sentence in sentences:
        text = sentence.text
        cue = DEADLINE_CUES.search(text)
        rolling = ROLLING.search(text)
        if cue is None and rolling is None:
            continue
        score = 3.0 + section_bonus(sentence, "procedure", 2.0)
        score -= 3.0 if NOT_APPLICATION.search(text) else 0.0
        score -= 3.0 if sentence.kind == "validity" else 0.0
        value, start, end = _deadline(text) if cue else (None, 0, 0)
        if value is None and rolling:
            value, start, end = {"kind": "rolling"}, rolling.start(), rolling.end()
            score -= 1.0
        if value is not None and kept(score, sentence, 2.0):
            found.append(_proposal("deadline", value, sentence, start, end, score))
    return found


def _deadline(text: str) -> tuple[dict[str, object] | None, int, int]:
    full = [
        item
        for item in find_dates(text)
        if not PUBLISHED.search(text[max(0, item[1] - 14) : item[1]])
    ]
    days = []
    for pattern in (DAY_MONTH, NUMERIC_DAY_MONTH):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for _, start, end in full):
                continue
            lead = text[max(0, match.start() - 14) : match.start()]
            if pattern is NUMERIC_DAY_MONTH and not DAY_LEAD.search(lead):
                continue  # "6.2. Die Installation …" is a section number, not 6 February
            day = month_day(match)
            if day is not None:
                days.append((day, match.start(), match.end()))
    days.sort(key=lambda item: item[1])
    if full and not (days and EVERY_YEAR.search(text)):
        values = sorted({value for value, _, _ in full})
        return {"kind": "fixed", "dates": values}, full[0][1], full[-1][2]
    if days:
        unique = list(dict.fromkeys(day for day, _, _ in days))
        value: dict[str, object] = {
            "kind": "annual",
            "annual": {"month": unique[0][0], "day": unique[0][1]},
        }
        if len(unique) > 1:
            value["note"] = "jährliche Stichtage: " + " und ".join(
                f"{day}. {MONTH_NAMES[month - 1]}" for month, day in unique
            )
        return value, days[0][1], days[-1][2]
    return None, 0, 0


def _nearest(dates: list[tuple[date, int, int]], start: int, end: int) -> tuple[date, int, int]:
    """The date closest to the cue, preferring one inside or right after it."""
    return min(
        dates, key=lambda item: abs(item[1] - end) if item[1] >= start else (start - item[2]) * 2
    )


def _proposal(
    name: str, value: object, sentence: Sentence, start: int, end: int, score: float
) -> Proposal:
    note = "aus einer nicht mehr geltenden Fassung der Richtlinie" if sentence.outdated else None
    return Proposal(name, value, sentence.page, quote(sentence.text, start, end), score, note)
