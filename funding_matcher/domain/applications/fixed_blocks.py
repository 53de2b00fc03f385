"""The fixed parts of an application around its sections: the cover with the filing date, one
signature line per representative, and attachment titles that name the applicant's documents.

Review 2026-12-07, change 5: the date is the plan's ``applied_on`` (the day the application goes
out), never the day the record was created, and never a day before a council decision the text
cites; without such a date the version for the grantor prints none (the signature line has a
field for it) and the working version asks for it.
"""

from __future__ import annotations

import re
from datetime import date

from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.wording import Vocabulary
from funding_matcher.domain.budget import BudgetReport
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.german import format_date, format_eur
from funding_matcher.domain.profile import Profile

DATE_LABEL = "Datum"
BLANK = "______________________________"
_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# A sentence citing a decision of a council or committee ("Der Rat hat … am 14.03.2027 …").
_DECISION = re.compile(
    r"\b(Rat|Rates|Ratsbeschluss\w*|Stadtrat|Gemeinderat|Kreistag|Ausschuss\w*|Beschluss\w*|"
    r"beschlossen|beschließt|festgelegt)\b"
)


def cited_decisions(texts: list[str]) -> list[date]:
    """The dates of council or committee decisions cited in the texts (dd.mm.yyyy in a sentence
    that names a decision)."""
    found = []
    for text in texts:
        for sentence in re.split(r"(?<=[.!?;])\s+", text):
            if not _DECISION.search(sentence):
                continue
            for day, month, year in _DATE.findall(sentence):
                try:
                    found.append(date(int(year), int(month), int(day)))
                except ValueError:
                    continue
    return found


def filing_date(plan: BudgetReport | None, texts: list[str]) -> tuple[date | None, str]:
    """The date the application is signed and why there is none ('' when there is one)."""
    if plan is None or plan.budget.applied_on is None:
        return None, "Antragsdatum: noch offen (es kommt aus dem Kosten- und Finanzierungsplan)."
    applied = plan.budget.applied_on
    later = [d for d in cited_decisions(texts) if d > applied]
    if later:
        decision = max(later)
        return None, (
            f"Antragsdatum {format_date(applied)} (Finanzplan) liegt vor dem Beschluss vom "
            f"{format_date(decision)}, den der Antrag nennt: bitte das Antragsdatum im Finanzplan "
            "prüfen; bis dahin trägt die Fassung zum Einreichen kein Datum."
        )
    return applied, ""


def cover(
    profile: Profile,
    programme: Programme,
    applicant: Applicant,
    plan: BudgetReport | None,
    requested: tuple,
    words: Vocabulary,
    filed_on: date | None,
    submission: bool,
) -> list[tuple[str, str]]:
    """The cover's facts; the date is the filing date, a blank field in the working version
    while it is open, and left out of the version for the grantor then."""
    amount, provisional = requested
    rows = [("Antragsteller", applicant.name or "Antragsteller")]
    if profile.municipality:
        rows.append(("Ort", profile.municipality))
    rows.append(("Förderprogramm", programme.title))
    if programme.funder:
        rows.append(("Fördergeber", programme.funder))
    if plan is not None:
        start, end = plan.budget.period.start, plan.budget.period.end
        rows.append(("Durchführungszeitraum", f"{format_date(start)} bis {format_date(end)}"))
        rows.append((words.total, format_eur(plan.figures.total)))
    elif profile.start_date and profile.project_end:
        rows.append(
            (
                "Durchführungszeitraum",
                f"{format_date(profile.start_date)} bis {format_date(profile.project_end)}",
            )
        )
    if amount is not None:
        shown = format_eur(amount)
        rows.append(
            (
                f"Beantragte {words.grant}",
                f"{shown} – vorläufig (ohne Finanzplan)" if provisional else shown,
            )
        )
    if filed_on is not None:
        rows.append((DATE_LABEL, format_date(filed_on)))
    elif not submission:
        rows.append((DATE_LABEL, BLANK))
    return rows


def signature_lines(applicant: Applicant) -> str:
    """Place and date, then one line per person who signs (one line each, as forms have it)."""
    lines = [f"Ort, Datum: {BLANK}"]
    people = applicant.representatives
    if not people:
        return "\n".join([*lines, f"Rechtsverbindliche Unterschrift: {BLANK}"])
    for person in people:
        who = f"{person.name} ({person.function})" if person.function else person.name
        lines.append(f"Rechtsverbindliche Unterschrift {who}: {BLANK}")
    return "\n".join(lines)


def attachment_title(key: str, title: str, applicant: Applicant, profile: Profile) -> str:
    """An attachment named as the document the applicant block already knows ("Freistellungs-
    bescheid des Finanzamts Leipzig I vom 20.11.2024"); the usual title where it knows none."""
    if key == "freistellungsbescheid":
        notice = applicant.tax_exempt_line()
        if notice and applicant.tax_exempt_notice and applicant.tax_exempt_notice.date:
            return notice
    if key == "registerauszug" and applicant.register_entry:
        kind = applicant.register_entry.split()[0].rstrip(".,") if applicant.register_entry else ""
        name = {
            "VR": "Auszug aus dem Vereinsregister",
            "HRB": "Auszug aus dem Handelsregister",
            "HRA": "Auszug aus dem Handelsregister",
            "GnR": "Auszug aus dem Genossenschaftsregister",
        }.get(kind)
        if name:
            return f"{name} ({applicant.register_entry}) mit dem aktuellen Vorstand"
    if key == "kooperationsvereinbarungen":
        partners = [p.name for p in profile.partner_list]
        if partners:
            return f"{title} ({', '.join(partners)})"
    return title
