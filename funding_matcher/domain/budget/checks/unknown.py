"""Unknown terms: which checks are skipped or run on a reading, and one notice per term.

A check never guesses: each row of the contract's table says when a term is needed, how it is read
while unknown and which checks that leaves unchecked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from funding_matcher.domain.german import format_eur, format_percent

from ..terms import CHECK_NAMES, TERM_LABELS
from .base import Check


@dataclass
class Assessment:
    """What the unknown terms of a plan leave unchecked, and the notices that say so."""

    skipped: set[str] = field(default_factory=set)
    on_reading: set[str] = field(default_factory=set)
    notices: list[Check] = field(default_factory=list)
    term_of: dict[str, str] = field(default_factory=dict)  # check id -> the unknown term

    @property
    def unchecked(self) -> set[str]:
        """Every check id that is skipped or rests on a reading."""
        return self.skipped | self.on_reading

    def add(
        self,
        term: str,
        reading: str,
        *,
        skipped: tuple[str, ...] = (),
        on_reading: tuple[str, ...] = (),
        check_id: str = "terms_unknown",
        label: str | None = None,
    ) -> None:
        """Record one unknown term: its reading, the checks it leaves unchecked, its notice."""
        self.skipped.update(skipped)
        self.on_reading.update(on_reading)
        for left_open in (*skipped, *on_reading):
            self.term_of.setdefault(left_open, term.split(".")[0])
        names = ", ".join(CHECK_NAMES[c] for c in (*skipped, *on_reading))
        unchecked = f" Nicht geprüft: {names}." if names else ""
        self.notices.append(
            Check(
                check_id,
                "notice",
                f"Förderbedingung „{label or TERM_LABELS[term.split('.')[0]]}“ ist unbekannt; "
                f"gerechnet wird mit: {reading}.{unchecked}",
                field=f"terms.{term}",
                term=term,
            )
        )


def assess(budget, terms, figures) -> Assessment:  # noqa: ANN001 - the domain types, see Context
    """Walk the contract's table of unknown terms in its order."""
    a = Assessment()
    if not terms.is_grant:
        return a
    kind = terms.financing_type.value
    q = terms.funding_rate_max_percent
    m_known = terms.own_contribution_min_percent.number is not None
    sources = budget.financing.sources
    lines = budget.costs
    if kind is None:
        a.add("financing_type", "keine Zuwendung vorgeschlagen (0,00 €)", skipped=("grant_max",))
    elif kind == "festbetrag" and terms.fixed_amount_eur.number is None:
        a.add("fixed_amount_eur", "keine Zuwendung vorgeschlagen (0,00 €)", skipped=("grant_max",))
    if q.value is None:
        if kind == "anteil":
            a.add("funding_rate_max_percent", "keine Zuwendung vorgeschlagen (0,00 €)",
                  skipped=("grant_max", "rate"))  # fmt: skip
        else:
            a.add("funding_rate_max_percent", "kein Höchstfördersatz", skipped=("rate",))
    if q.number is not None and terms.rate_base.value is None:
        f = figures
        reading = (
            f"der niedrigeren Bemessungsgrundlage: {format_percent(q.number)} von "
            f"{format_eur(f.rate_base)} = {format_eur(f.caps['rate'])} statt "
            f"{format_percent(q.number)} von {format_eur(f.eligible)} = "
            f"{format_eur(f.rate_base_eligible)}"
        )
        if f.rate_base == f.eligible:
            # No Einnahmen or Leistungen Dritter: both readings give the same figure.
            reading = (
                f"den zuwendungsfähigen Ausgaben ({format_percent(q.number)} von "
                f"{format_eur(f.eligible)} = {format_eur(f.caps['rate'])}; ohne Einnahmen und "
                "Leistungen Dritter ergibt jede Lesart denselben Betrag)"
            )
        a.add("rate_base", reading, on_reading=("rate",), check_id="rate_base_unknown")
    for term, check_id in (
        ("amount_max_eur", "amount_max"),
        ("amount_min_eur", "amount_min"),
        ("annual_max_eur", "annual_max"),
        ("public_funding_cap_percent", "public_cap"),
    ):
        if terms.term(term).value is None:
            a.add(term, "keine Grenze", skipped=(check_id,))
    if terms.subsidiarity.value is None:
        counted = terms.own_contribution_counts.value or ()
        reading_ids = ("own_share",) if m_known and "public_grant" in counted else ()
        a.add(
            "subsidiarity",
            "kein Nachrang; öffentliche Mittel zählen nur ausdrücklich als Eigenanteil",
            skipped=("public_claims",),
            on_reading=reading_ids,
        )
    if not m_known and terms.own_contribution_min_percent.value is None:
        a.add("own_contribution_min_percent", "kein Mindesteigenanteil", skipped=("own_share",))
    if m_known and terms.own_contribution_base.value is None:
        a.add(
            "own_contribution_base",
            "den zuwendungsfähigen Ausgaben als Bezugsgröße",
            on_reading=("own_share",),
        )
    if m_known and terms.own_contribution_counts.value is None:
        others = [s.label for s in sources if s.kind != "own_cash"]
        question = f"; zählen auch {', '.join(others)}?" if others else ""
        a.add(
            "own_contribution_counts",
            f"nur bare Eigenmittel{question}",
            on_reading=("own_share",),
            check_id="own_definition_unknown",
        )
    volunteer = terms.volunteer
    if budget.financing.volunteer_hours > 0 and terms.volunteer_work.value is None:
        a.add(
            "volunteer_work",
            "Ehrenamt nicht bewertet",
            skipped=("volunteer_not_accepted", "volunteer_cap"),
        )
    if volunteer is not None and figures.volunteer_value > 0:
        if volunteer.max_percent is None:
            a.add("volunteer_work.max_percent", "keine Obergrenze", skipped=("volunteer_cap",),
                  label="Obergrenze für Ehrenamt")  # fmt: skip
        if m_known and volunteer.may_meet_own_min is None:
            a.add(
                "volunteer_work.may_meet_own_min",
                "Ehrenamt zählt nicht zum Mindesteigenanteil",
                on_reading=("own_share",),
                label="Anrechnung von Ehrenamt auf den Eigenanteil",
            )
    has_overhead = any(line.category == "verwaltung" for line in lines)
    if has_overhead:
        for term, check_id in (
            ("overhead_max_percent", "overhead"),
            ("overhead_fixed_eur_per_year", "overhead_fixed"),
        ):
            if terms.term(term).value is None:
                a.add(term, "keine Grenze", skipped=(check_id,))
    has_percent = any(line.percent is not None for line in lines)
    overhead_capped = has_overhead and terms.overhead_max_percent.number is not None
    if (has_percent or overhead_capped) and terms.overhead_base.value is None:
        a.add(
            "overhead_base",
            "allen direkten zuwendungsfähigen Ausgaben als Bezugsgröße",
            on_reading=("overhead",) if overhead_capped else (),
        )
    for term, check_id, category in (
        ("investment_max_percent", "investment_cap", "investition"),
        ("sach_max_percent", "sach_cap", "sach"),
    ):
        has_line = any(i.eligible and i.line.category == category for i in figures.lines)
        if has_line and terms.term(term).value is None:
            a.add(term, "keine Grenze", skipped=(check_id,))
    if any(s.kind == "in_kind" for s in sources) and terms.in_kind_accepted.value is None:
        a.add("in_kind_accepted", "Sachleistungen bleiben außerhalb des Plans",
              skipped=("in_kind_not_accepted",))  # fmt: skip
    if any(line.own_staff for line in lines) and terms.own_staff_eligible.value is None:
        a.add("own_staff_eligible", "eigenes Personal wie eingegeben zuwendungsfähig",
              skipped=("own_staff",))  # fmt: skip
    combined = any(s.kind in ("public_grant", "foundation_grant") for s in sources)
    if combined and terms.not_combinable_with.value is None:
        a.add("not_combinable_with", "keine Ausschlüsse", skipped=("not_combinable",))
    if terms.de_minimis.value is None:
        a.add("de_minimis", "keine Prüfung der De-minimis-Höchstbeträge", skipped=("de_minimis",))
    return a
