"""What the working version lists as open points beyond the plan's own checks: euro amounts in
the text that the plan does not hold, gaps in the applicant block, an unknown Vorsteuerabzug,
sections with topics to fill, description sentences left out, profile facts the draft does not
follow, a bank code that does not fit the bank (review 2026-12-07, changes 1, 2, 3 and 5)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from funding_matcher.domain.applications.applicant import Applicant, bank_code_problem
from funding_matcher.domain.applications.compose import Composition
from funding_matcher.domain.applications.declarations import vat_deductible
from funding_matcher.domain.applications.sentences import Sentence
from funding_matcher.domain.applications.topics import topic_title, topics_in_words
from funding_matcher.domain.budget import BudgetReport, report_to_json
from funding_matcher.domain.exports import OpenCheck, Section
from funding_matcher.domain.german import format_eur
from funding_matcher.domain.profile import Profile

_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?\s?(?:€|Euro\b|EUR\b)"
    r"|(?:€|EUR)\s?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?"
)


def amounts_in(text: str) -> list[tuple[str, Decimal]]:
    """Euro amounts written in a text: ('460.000 €', Decimal('460000'))."""
    found = []
    for m in _AMOUNT.finditer(text):
        whole, frac = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        try:
            value = Decimal(whole.replace(".", "") + (f".{frac}" if frac else ""))
        except InvalidOperation:
            continue
        found.append((m.group(0).strip(), value))
    return found


def plan_amounts(report: BudgetReport) -> set[Decimal]:
    """Every amount the plan holds: its output (totals, rows, years, lines) and what was entered
    (monthly rates, unit prices, sources), so "500 € Miete im Monat" is no surprise."""
    values: set[Decimal] = set()

    def add(value: object) -> None:
        if isinstance(value, dict):
            for v in value.values():
                add(v)
        elif isinstance(value, list | tuple):
            for v in value:
                add(v)
        elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            values.add(Decimal(str(value)).quantize(Decimal("0.01")))

    add(report_to_json(report))
    for line in report.budget.costs:
        add([line.monthly_eur, line.amount_eur, line.unit_price_net_eur])
        add(dict(line.by_year or {}))
    for source in report.budget.financing.sources:
        add([source.amount_eur, dict(source.by_year or {})])
    values.discard(None)  # type: ignore[arg-type]
    return values


def open_points(
    plan: BudgetReport | None,
    sections: list[Section],
    applicant: Applicant,
) -> list[OpenCheck]:
    """The working version's own open points (the plan's checks come with the plan)."""
    checks: list[OpenCheck] = []
    if plan is not None:
        known = plan_amounts(plan)
        for section in sections:
            for shown, value in amounts_in(section.text):
                if value.quantize(Decimal("0.01")) not in known:
                    checks.append(
                        OpenCheck(
                            "warning",
                            f"Betrag im Text prüfen: „{shown}“ im Abschnitt „{section.title}“ "
                            "steht so nicht im Kosten- und Finanzierungsplan.",
                            "draft",
                        )
                    )
    gaps = applicant.missing()
    if gaps:
        checks.append(
            OpenCheck(
                "warning",
                "Antragsteller: noch ohne " + ", ".join(gaps) + " (Organisation → Antragsteller).",
                "draft",
            )
        )
    if vat_deductible(plan, applicant) is None:
        checks.append(
            OpenCheck(
                "notice",
                "Vorsteuerabzug: weder im Finanzplan noch bei den Antragsteller-Angaben "
                "angegeben; die Erklärung dazu fehlt deshalb.",
                "draft",
            )
        )
    return checks


def _note(text: str, severity: str = "notice") -> OpenCheck:
    return OpenCheck(severity, text, "draft")  # type: ignore[arg-type]


def section_points(composition: Composition, prefilled: list[bool]) -> list[OpenCheck]:
    """Per section written by the tool: topics it carries with nothing to say yet (missing
    goals in "Ziele und Zielgruppe"), and topics whose facts already stand in an earlier
    section, so the section needs the applicant's own words (rule 1 of the contract § 3)."""
    checks = []
    titles = [s.title for s in composition.sections]
    for index, section in enumerate(composition.sections):
        if not prefilled[index]:
            continue
        unfilled = [t for t in composition.unfilled(index) if t != "finanzierung"]
        if unfilled:
            checks.append(
                _note(
                    f"Abschnitt „{section.title}“: noch keine Angaben zu "
                    f"{topics_in_words(unfilled)} – bitte auf der Antragsseite ergänzen.",
                    "warning",
                )
            )
        earlier = composition.said_before(index)
        if earlier and section.empty:
            where = sorted({titles[i] for i in earlier.values()})
            checks.append(
                _note(
                    f"Abschnitt „{section.title}“: Die Angaben zu "
                    f"{topics_in_words(list(earlier))} stehen schon im Abschnitt "
                    f"„{'“, „'.join(where)}“; was dieser Abschnitt darüber hinaus verlangt, "
                    "bitte selbst schreiben.",
                    "warning",
                )
            )
    return checks


def description_points(unused: list[Sentence]) -> list[OpenCheck]:
    """Sentences of the project description no section carries (the details already say it):
    listed so that nothing the applicant wrote is silently lost."""
    return [
        _note(
            f"Satz aus der Projektbeschreibung nicht übernommen ({topic_title(s.topic)}: "
            f"die Projektangaben dazu stehen schon im Antrag): „{s.text}“"
        )
        for s in unused
    ]


def profile_points(profile: Profile, plan: BudgetReport | None) -> list[OpenCheck]:
    """What the profile says that the draft does not follow: own funds the plan replaced,
    partners of the first list left out, a funder listed as a partner."""
    checks = []
    if plan is not None and profile.own_funds_eur is not None:
        stated = Decimal(str(profile.own_funds_eur)).quantize(Decimal("0.01"))
        if stated != plan.figures.own_cash:
            checks.append(
                _note(
                    f"Eigenmittel: im Projektprofil {format_eur(stated)}, im Kosten- und "
                    f"Finanzierungsplan {format_eur(plan.figures.own_cash)}; der Antrag folgt "
                    "dem Plan – bitte prüfen, ob das so gewollt ist.",
                    "warning",
                )
            )
    if profile.details is not None and profile.details.partners:
        named = {p.name.strip().lower() for p in profile.details.partners}
        left = [n for n in profile.partners if n.strip() and n.strip().lower() not in named]
        if left:
            checks.append(
                _note(
                    "Partner aus dem Projektprofil ohne Rolle nicht übernommen: "
                    f"{', '.join(left)} – bitte in den Projektangaben mit Rolle ergänzen "
                    "oder streichen."
                )
            )
    if plan is not None:
        funders = {
            s.label.strip().lower(): s.label
            for s in plan.budget.financing.sources
            if s.kind in ("public_grant", "foundation_grant") and s.label
        }
        for partner in profile.partner_list:
            if partner.name.strip().lower() in funders:
                checks.append(
                    _note(
                        f"„{partner.name}“ steht als Partner und als Geldgeber im Finanzplan: "
                        "Ein Geldgeber ist kein Kooperationspartner – bitte prüfen, ob er "
                        "unter den Partnern stehen soll."
                    )
                )
    return checks


def applicant_points(applicant: Applicant) -> list[OpenCheck]:
    """The bank code against the bank named; who signs for a Verein."""
    checks = []
    problem = bank_code_problem(applicant.iban, applicant.bank)
    if problem:
        checks.append(_note(problem, "warning"))
    form = (applicant.legal_form or "").replace(" ", "").lower()
    if form in ("e.v.", "ev") or "verein" in form:
        checks.append(
            _note(
                "Unterschriften: Wer den Verein vertritt und ob zwei Vorstandsmitglieder "
                "gemeinsam unterschreiben müssen, bestimmt die Satzung (§ 26 BGB) – bitte die "
                "Unterschriftszeilen danach prüfen."
            )
        )
    return checks
