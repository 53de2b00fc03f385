"""The Erklärungen of an application (drafting contract § 5) in the applicant's voice.

Not begun (in the programme's start rule; with the plan's consent to an early start), the
Vorsteuerabzug (the plan's answer, else the applicant block's), complete and correct, and the
subventionserhebliche Tatsachen only where the record lists them or the programme is EU money.
"""

from __future__ import annotations

from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.wording import vocabulary
from funding_matcher.domain.budget import BudgetReport
from funding_matcher.domain.catalogue.records import Programme

NOT_BEGUN = {
    "after_application": "Mit dem Vorhaben wurde vor der Antragstellung nicht begonnen.",
    "after_bescheid": (
        "Mit dem Vorhaben wurde noch nicht begonnen; es wird vor Bekanntgabe des "
        "Zuwendungsbescheids nicht begonnen."
    ),
    "after_bestandskraft": (
        "Mit dem Vorhaben wurde noch nicht begonnen; es wird vor Bestandskraft des "
        "Zuwendungsbescheids nicht begonnen."
    ),
    "after_written_commitment": (
        "Mit dem Vorhaben wurde noch nicht begonnen; es wird vor der schriftlichen "
        "Förderzusage nicht begonnen."
    ),
}
BEGIN_MEANS = (
    "Als Beginn gilt bereits der Abschluss eines der Ausführung zuzurechnenden Lieferungs- oder "
    "Leistungsvertrags."
)
EARLY_START = (
    "Mit dem Vorhaben wurde vor Bekanntgabe des Zuwendungsbescheids nur mit Zustimmung zum "
    "vorzeitigen Maßnahmebeginn begonnen."
)
VAT = {
    True: (
        "Der Antragsteller ist für dieses Vorhaben zum Vorsteuerabzug nach § 15 UStG berechtigt; "
        "die Ausgaben sind ohne Umsatzsteuer (netto) angegeben."
    ),
    False: (
        "Der Antragsteller ist für dieses Vorhaben nicht zum Vorsteuerabzug nach § 15 UStG "
        "berechtigt; die Ausgaben sind einschließlich Umsatzsteuer angegeben."
    ),
}
COMPLETE = "Die Angaben in diesem Antrag und seinen Anlagen sind vollständig und richtig."
# The grantor's own declarations, where the catalogue record lists them (``declarations``; a
# record lists one only where the grantor's guideline states the rule behind it).
GRANTOR_DECLARATIONS = {
    "keine_andere_lotterie": (
        "Für das Vorhaben wird keine Förderung einer anderen bundesweiten Soziallotterie oder "
        "eines staatlichen Lotterieveranstalters beantragt oder in Anspruch genommen."
    ),
    "nachrang": (
        "Öffentliche Mittel, die für das Vorhaben in Betracht kommen, werden vorrangig "
        "eingesetzt; alle beantragten und bewilligten öffentlichen Mittel stehen im "
        "Finanzierungsplan."
    ),
}
SUBSIDY = (
    "Dem Antragsteller ist bekannt, dass die Angaben in diesem Antrag, von denen Bewilligung, "
    "Gewährung, Rückforderung, Weitergewährung oder das Belassen der Zuwendung abhängen, "
    "subventionserhebliche Tatsachen im Sinne des § 264 des Strafgesetzbuchs sind."
)


def vat_deductible(report: BudgetReport | None, applicant: Applicant) -> bool | None:
    """The plan's answer where it gives one, else the applicant block's; None when unknown."""
    if report is not None and report.budget.vat_deductible is not None:
        return report.budget.vat_deductible
    return applicant.vat_deductible


def start_rule(programme: Programme, report: BudgetReport | None) -> str | None:
    """When the project may start: the plan's terms (record plus the user's entries), else the
    record's; None when unknown."""
    if report is not None:
        value = report.terms.start_rule.value
        if isinstance(value, str):
            return value
    return programme.start_rule


def subsidy_relevant(programme: Programme) -> bool:
    """Only where the record lists it or the money is the EU's; never inferred otherwise."""
    return "subventionserheblich" in programme.declarations or programme.level == "eu"


def declarations(
    programme: Programme, applicant: Applicant, report: BudgetReport | None
) -> list[str]:
    """The Erklärungen, one sentence (or two) each, in the order forms use."""
    rule = start_rule(programme, report)
    if report is not None and report.budget.early_start_approved:
        begun = EARLY_START
    elif rule in NOT_BEGUN:
        begun = NOT_BEGUN[rule]
        if rule != "after_application":
            begun = f"{begun} {BEGIN_MEANS}"
    else:
        # The programme's rule is unknown: say only what is true now, promise no date.
        begun = f"Mit dem Vorhaben wurde noch nicht begonnen. {BEGIN_MEANS}"
    found = [begun]
    vat = vat_deductible(report, applicant)
    if vat is not None:
        # A foundation or lottery speaks of Kosten (review 2026-12-07, change 4).
        expenses = vocabulary(programme.level).expenses
        found.append(VAT[vat].replace("die Ausgaben sind", f"die {expenses} sind"))
    found += [GRANTOR_DECLARATIONS[c] for c in programme.declarations if c in GRANTOR_DECLARATIONS]
    found.append(COMPLETE)
    if subsidy_relevant(programme):
        found.append(SUBSIDY)
    return found
