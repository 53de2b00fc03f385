"""Validity of the guideline (in force from, valid until) and application deadlines.

A date is a deadline only by the words around it: "Anträge sind bis zum 31. März einzureichen",
"Antragsfrist ist der 2. Februar", "Bewerbungsschluss am …". A date after "vom", in an official
gazette, after "nach dem" or "zwischen dem", or one by which a project must have started, ended or
been decided on is no application deadline.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from funding_matcher.domain.german import MONTH_NAMES
from funding_matcher.domain.pdf_import.evidence import candidate, kept, section_bonus
from funding_matcher.domain.pdf_import.german import (
    DAY_MONTH,
    NUMERIC_DAY_MONTH,
    find_dates,
    month_day,
)
from funding_matcher.domain.pdf_import.results import Proposal
from funding_matcher.domain.pdf_import.sentences import Sentence

_I = re.IGNORECASE
IN_FORCE = re.compile(
    r"(?:tritt|treten)\b(?:(?!außer).){0,80}?\bin Kraft|(?<!die am )in Kraft getreten|"
    r"Inkrafttreten am|"
    r"gilt (?:ab|für (?:alle )?Anträge)|in Kraft ab|"
    r"gültig ab|Fassung ab|für Anträge ab|Anträge,? die ab|anzuwenden ab|Anwendung ab",
    _I,
)
EXPIRES = re.compile(
    r"außer Kraft|befristet|gilt bis|gültig bis|Geltungsdauer|Laufzeit dieser|Laufzeit der|"
    r"endet am|läuft\b.{0,40}\baus|Gültigkeit",
    _I,
)
# "endet am", "läuft aus" speak of the guideline only when the guideline is the subject.
RULES_SUBJECT = re.compile(
    r"Richtlinie|Förderprogramm|Programm|Vorschrift|Regelung|Bekanntmachung|Förderaufruf|"
    r"Geltung|Gültigkeit|Merkblatt|Förderung (?:nach|auf Grundlage)",
    _I,
)
WEAK_EXPIRY = re.compile(r"endet am|läuft\b.{0,40}\baus", _I)
CONDITIONAL = re.compile(r"\bSollte\b|verlängert sich|verlängert werden|Nachfolge", _I)
# The guideline this one replaces: its dates are not this one's.
FORMER = re.compile(
    r"vorherige|bisherige|bis dahin gültige|ersetzt|vorangegangene|alte Richtlinie|"
    r"vor dem .{0,20}gültigen|verlieren .{0,20}Gültigkeit",
    _I,
)
VERSION_TABLE = re.compile(r"\b(?:Version|Fassung|Änderung|Stand)\b", _I)
PUBLISHED = re.compile(
    r"(?:\bvom|\bVom|BAnz AT|ABl\.|BGBl\.|Bekanntmachung vom|veröffentlicht am|Amtsblatt"
    r"\w*(?: Nr\. \d+)?(?: vom)?)\s*$"
)
# Words that make a sentence about applications.
APPLICATION = re.compile(
    r"Antr[aä]ge?\b|Antrags(?:frist|stellung|eingang|schluss|stichtag|unterlagen|formular|"
    r"termin)|Antragstellung|Bewerbung|bewerben|einreich|eingereicht|einzureichen|Einreichung|"
    r"Skizze|fördern lassen|beantragen|"
    r"Interessen(?:s)?bekundung|Förderansuchen|Stichtag|Antragsfrist|Frist|vorzulegen|"
    r"vorgelegt|vorliegen|eingehen|eingegangen|entgegen|beantragt|Bewerbungsschluss|"
    r"Antragsschluss|Einsendeschluss",
    _I,
)
# The words right before a deadline date.
DEADLINE_BEFORE = re.compile(
    r"(?:\bbis\b(?:\s+(?:spätestens|einschließlich|zum|am|spätestens zum|spätestens am))*|"
    r"\bspätestens\b(?:\s+(?:bis|zum|am|bis zum))*|Frist\w*(?:\s+\w+){0,3}?\s+(?:ist|endet|"
    r"läuft|sind|ist der|endet am|läuft am)(?:\s+(?:der|am|bis|zum))*|Frist\w*:|"
    r"Stichtag\w*(?:\s+(?:ist|sind|der|:))*|Stichtag\w*:|endet(?:\s+\w+){0,2}\s+am|"
    r"schließt am|(?:Antragsschluss|Bewerbungsschluss|Einsendeschluss|Einreichungsschluss)"
    r"(?:\s+(?:ist|der|am|:))*|(?:Antragstellung|Einreichung|Antragsstichtag)\s+(?:zum|bis zum|"
    r"bis|am)|\bAntr[aä]ge?\s+zum|\bist der|\bsind der|jeweils(?:\s+(?:zum|am|bis zum))?|"
    r"\bbzw\.(?:\s+(?:der|zum|"
    r"bis zum|am))?|\bund(?:\s+(?:der|zum|am|bis zum))?|\boder(?:\s+(?:der|zum|am))?|"
    r"\bsowie(?:\s+(?:der|zum|am))?)[\s:,]*$",
    _I,
)
# Verbs of applying: a period they happen in ends with the deadline.
APPLYING = re.compile(
    r"\bbewerben\b|einreichen|eingereicht werden|Anträge? (?:\w+ ){0,3}stellen|"
    r"gestellt werden|beantragen|beantragt werden|fördern lassen",
    _I,
)
# A deadline word earlier in the clause, then the date: "Stichtage sind jeweils der 15. April".
DEADLINE_NOUN = re.compile(
    r"Frist|Stichtag|Antragsschluss|Bewerbungsschluss|Einsendeschluss|Einreichungsschluss|"
    r"Abgabetermin|Termin, bis|Antragstermin",
    _I,
)
DATE_LEAD = re.compile(r"(?:\bder|\bam|\bzum|\bbis(?: zum)?|\bist|\bsind|:|\bjeweils)\s*$", _I)
# Words near a date that give it another role: start, end or decision of a project, a window.
NOT_DEADLINE_BEFORE = re.compile(
    r"(?:\bvom|\bnach dem|\bab dem|\bab|\bseit|\bzwischen dem|\bfrühestens(?:\s+am)?|\bbeginnt"
    r"\s+am|\bBeginn\w*(?:\s+\w+){0,2}|Sitzung(?:\s+\w+){0,2}\s+am|Laufzeit\w*(?:\s+\w+){0,2}|"
    r"veröffentlicht\w*(?:\s+\w+){0,2}|Amtsblatt\w*(?:\s+\w+){0,3}|Projektstart\w*:?)\s*$",
    _I,
)
NOT_DEADLINE_NEAR = re.compile(
    r"abgeschlossen|umgesetzt|abgerechnet|beginnen|begonnen|beenden|beendet|durchgeführt|"
    r"entscheid|Entscheidung|Rückmeldung|Bewilligungszeitraum|Projektzeitraum|Förderzeitraum|"
    r"Verwendungsnachweis|Zwischennachweis|Auszahlung|ausgezahlt|Abrechnung|Inbetriebnahme|"
    r"Fertigstellung|fertiggestellt|in Betrieb|Zweckbindung|aufzubewahren|starten|Projektstart|"
    r"Durchführung|gekauft|erworben|installiert|Vorhabenbeginn|Kauf",
    _I,
)
# "Förderquoten für Anträge, die bis zum 30. Juni gestellt werden: …" is a condition.
CONDITION = re.compile(r"für (?:alle )?Anträge,? die", _I)
NOT_APPLICATION = re.compile(
    r"Verwendungsnachweis|Zwischennachweis|Auszahlung|Abrechnung|Rechnung|Nachweis|Bericht|"
    r"Zweckbindung|aufzubewahren|Altanträge|eingereichte Projektanträge",
    _I,
)
EVERY_YEAR = re.compile(
    r"jeden Jahres|jährlich|jeweils|eines jeden|pro Jahr|im Jahr|des Vorjahres", _I
)
ROLLING = re.compile(
    r"(?:Antr[aä]g\w*|Skizzen?|Bewerbung\w*|Antragstellung|Antragszeitraum)\b.{0,60}\b"
    r"(?:laufend|jederzeit|ganzjährig|fortlaufend)\b|"
    r"\b(?:laufend|jederzeit|ganzjährig|fortlaufend)\b.{0,40}(?:gestellt|eingereicht|beantragt|"
    r"möglich)|Keine Antragsfrist|Windhund|Reihenfolge (?:des|ihres) (?:Antrags)?[Ee]ingang|"
    r"Reihenfolge des Eingangsdatums",
    _I,
)
ROLLING_WORDS = (
    "aufend",
    "ederzeit",
    "anzjährig",
    "ortlaufend",
    "Antragsfrist",
    "Windhund",
    "Eingang",
)
WINDOW_BETWEEN = re.compile(r"^\s*(?:-|–|bis|bis zum)?\s*$", _I)
FORMER_DOUBT = "Satz über die abgelöste Fassung; Datum bitte prüfen"
CONDITION_DOUBT = "Datum in einer Bedingung (für Anträge bis …), keine Antragsfrist"


def propose_validity(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``valid_from`` and ``valid_until``."""
    found = []
    for index, sentence in enumerate(sentences):
        text = sentence.text
        if not any(char.isdigit() for char in text) and " ab" not in text:
            continue  # cheap test first: no date and no table header
        dates = [
            (value, start, end)
            for value, start, end in find_dates(text)
            if not PUBLISHED.search(text[max(0, start - 30) : start])
        ]
        if not dates:
            if " ab" not in text and "Kraft" not in text:
                continue
            table = _version_table(sentences, index)
            if table is not None:
                found.append(table)
            continue
        penalty = 4.0 if FORMER.search(text) else 0.0
        start_cue = IN_FORCE.search(text)
        if start_cue:
            if len(dates) >= 3 and VERSION_TABLE.search(text):
                # a table of versions: the latest date a version applies from is in force
                value, start, end = max(dates)
            else:
                value, start, end = _nearest(dates, start_cue.start(), start_cue.end())
            if re.search(r"\bnach dem\s*$", text[max(0, start - 12) : start]):
                value += timedelta(days=1)  # "Anträge, die nach dem 30.06.2026 eingehen"
            score = 4.0 + section_bonus(sentence, "validity") - penalty
            score -= 1.0 if "Anträge" in start_cue.group(0) else 0.0
            doubt = FORMER_DOUBT if penalty else None
            found.append(candidate("valid_from", value, sentence, start, end, score, doubt))
        end_cue = EXPIRES.search(text)
        if (
            end_cue
            and WEAK_EXPIRY.fullmatch(end_cue.group(0))
            and not (RULES_SUBJECT.search(text) or sentence.kind == "validity")
        ):
            end_cue = None  # "Der Bewerbungszeitraum endet am …" is a deadline, not validity
        if end_cue:
            value, start, end = _expiry(text, dates, end_cue)
            score = 4.0 + section_bonus(sentence, "validity") - penalty
            score -= 2.5 if CONDITIONAL.search(text) else 0.0
            doubt = FORMER_DOUBT if penalty else None
            found.append(candidate("valid_until", value, sentence, start, end, score, doubt))
    return found


def _version_table(sentences: list[Sentence], index: int) -> Proposal | None:
    """A table of versions under a header such as "Version Datum gültig ab": the last date of
    the latest row is the date the current version applies from."""
    header = sentences[index]
    if not (IN_FORCE.search(header.text) and len(header.text) <= 80):
        return None
    rows = []
    for row in sentences[index + 1 : index + 13]:
        dates = find_dates(row.text)
        if not dates or len(row.text) > 80:
            break
        rows.append((dates[-1], row))
    if not rows:
        return None
    (value, start, end), row = max(rows, key=lambda item: item[0][0])
    score = 3.0 + section_bonus(row, "validity")
    return candidate("valid_from", value, row, start, end, score)


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
        if not any(char.isdigit() for char in text) and not any(
            word in text for word in ROLLING_WORDS
        ):
            continue  # cheap test first: no date and none of the words of a rolling deadline
        rolling = ROLLING.search(text)
        if not APPLICATION.search(text) and rolling is None:
            continue
        score = 3.0 + section_bonus(sentence, "procedure", 2.0)
        score -= 3.0 if NOT_APPLICATION.search(text) else 0.0
        score -= 3.0 if sentence.kind == "validity" else 0.0
        value, start, end, doubt = _deadline(text)
        if value is None and rolling:
            value, start, end, doubt = {"kind": "rolling"}, rolling.start(), rolling.end(), None
            score -= 0.5  # a dated deadline in the same text comes first
        if value is not None and kept(score, sentence, 2.0):
            found.append(candidate("deadline", value, sentence, start, end, score, doubt))
    return found


def _deadline(text: str) -> tuple[dict[str, object] | None, int, int, str | None]:
    """The deadline a sentence states, from the dates whose words make them one."""
    full = [(value, start, end) for value, start, end in find_dates(text)]
    days = []
    for pattern in (DAY_MONTH, NUMERIC_DAY_MONTH):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for _, start, end in full):
                continue
            lead = text[max(0, match.start() - 14) : match.start()]
            if pattern is NUMERIC_DAY_MONTH and not re.search(
                r"(?:bis|zum|am|spätestens|jeweils|Stichtag|und|der|bzw\.)\s*$", lead, _I
            ):
                continue  # "6.2. Die Installation …" is a section number, not 6 February
            day = month_day(match)
            if day is not None:
                days.append((day, match.start(), match.end()))
    spans = sorted([(s, e) for _, s, e in full] + [(s, e) for _, s, e in days])
    roles = {span: _role(text, *span, spans) for span in spans}
    doubt = None
    chosen_full = [item for item in full if roles[(item[1], item[2])] == "deadline"]
    chosen_days = [item for item in days if roles[(item[1], item[2])] == "deadline"]
    if not chosen_full and not chosen_days:
        conditional = [item for item in full if roles[(item[1], item[2])] == "condition"]
        if not conditional:
            return None, 0, 0, None
        chosen_full, doubt = conditional, CONDITION_DOUBT
    if chosen_full and not (chosen_days and EVERY_YEAR.search(text)):
        values = sorted({value for value, _, _ in chosen_full})
        return {"kind": "fixed", "dates": values}, chosen_full[0][1], chosen_full[-1][2], doubt
    unique = list(dict.fromkeys(day for day, _, _ in chosen_days))
    value: dict[str, object] = {
        "kind": "annual",
        "annual": {"month": unique[0][0], "day": unique[0][1]},
    }
    if len(unique) > 1:
        value["note"] = "jährliche Stichtage: " + " und ".join(
            f"{day}. {MONTH_NAMES[month - 1]}" for month, day in unique
        )
    return value, chosen_days[0][1], chosen_days[-1][2], doubt


def _role(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """ "deadline", "condition" or "other": what the words around a date make of it."""
    left = max(text.rfind(stop, 0, start) for stop in (";", ". ", "(", ")", ", "))
    before = text[max(left + 1, start - 70) : start]
    rights = [i for i in (text.find(stop, end) for stop in (";", ". ", ", ", "(")) if i != -1]
    after = text[end : min(rights, default=len(text))]
    clause = text[max(left + 1, 0) : min(rights, default=len(text))]
    if PUBLISHED.search(text[max(0, start - 30) : start]) or NOT_DEADLINE_BEFORE.search(before):
        return "other"
    following = [s for s, _ in spans if s >= end]
    if following and WINDOW_BETWEEN.match(text[end : following[0]]):
        return "other"  # "11.07. – 31.07.2025": the window opens; its end is the deadline
    if NOT_DEADLINE_NEAR.search(after) or NOT_DEADLINE_NEAR.search(before[-25:]):
        return "other"
    previous = [(s, e) for s, e in spans if e <= start]
    between = text[previous[-1][1] : start] if previous else ""
    if previous and re.fullmatch(r"\s*(?:bis|–|-)(?: zum| einschließlich)?\s*", between, _I):
        opening = text[max(0, previous[-1][0] - 12) : previous[-1][0]]
        if re.search(r"\b(?:vom|von|ab)\s*$", opening, _I):
            # "vom 1. Januar 2020 bis zum 31. Dezember 2021": a period; its end is a deadline
            # only when the period is one to apply in ("Vom 1. bis 30. November können sich
            # Organisationen … bewerben")
            return "deadline" if APPLYING.search(text) else "other"
    follows_deadline = bool(previous) and re.fullmatch(
        r"\s*(?:,|und|oder|bzw\.|sowie)?\s*(?:der|zum|am|bis zum)?\s*", between
    )
    named = DEADLINE_NOUN.search(before) and DATE_LEAD.search(before)
    if not (DEADLINE_BEFORE.search(before) or named or follows_deadline):
        return "other"
    if not APPLICATION.search(text):
        return "other"
    if CONDITION.search(clause) or CONDITION.search(text[max(0, start - 60) : start]):
        return "condition"
    return "deadline"


def _nearest(dates: list[tuple[date, int, int]], start: int, end: int) -> tuple[date, int, int]:
    """The date closest to the cue, preferring one inside or right after it."""
    return min(
        dates, key=lambda item: abs(item[1] - end) if item[1] >= start else (start - item[2]) * 2
    )
