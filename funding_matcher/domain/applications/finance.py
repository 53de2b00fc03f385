"""The finance topic written from the plan (drafting contract § 4): one source for every figure.

Every amount printed here is the plan's figure under its key; each is recorded with its key
so the draft can prove it (``Figure``). Without a plan whose verdict is not ``errors`` only the
working version gets the profile's amounts, labelled "vorläufig (ohne Finanzplan)".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from funding_matcher.domain.applications.facts import Piece
from funding_matcher.domain.applications.wording import join_and
from funding_matcher.domain.budget import BudgetReport, report_to_json
from funding_matcher.domain.budget.model import OTHER_KINDS, SOURCE_STATUSES
from funding_matcher.domain.exports.plan import (
    SOURCE_ROWS,
    own_base_words,
    rate_base_words,
)
from funding_matcher.domain.money import format_eur, format_rate
from funding_matcher.domain.profile import Profile

PROVISIONAL = "vorläufig (ohne Finanzplan)"


@dataclass(frozen=True)
class Figure:
    """An amount or percentage printed in a draft and the plan key it stands for."""

    key: str
    value: Decimal


percent_text = format_rate


class _Printer:
    """Formats plan figures and remembers which key each came from."""

    def __init__(self) -> None:
        self.figures: list[Figure] = []

    def eur(self, key: str, value: Decimal) -> str:
        self.figures.append(Figure(key, value))
        return format_eur(value)

    def pct(self, key: str, value: Decimal) -> str:
        self.figures.append(Figure(key, value))
        return percent_text(value)


def _sources_text(report: BudgetReport, kind: str) -> str:
    """'Stadt Hildesheim, beantragt' for the sources of one kind (names and status, no sums)."""
    notes = []
    for source in report.budget.financing.sources:
        if source.kind != kind:
            continue
        status = SOURCE_STATUSES.get(source.status or "", "")
        notes.append(f"{source.label}, {status}" if status else source.label)
    return "; ".join(n for n in notes if n)


# What counts as Eigenanteil, in the words of a finance paragraph.
COUNTED = {
    "own_cash": "Eigenmittel",
    "donation": "Spenden",
    "income": "Einnahmen",
    "private_third_party": "Leistungen Dritter",
    "public_grant": "andere öffentliche Mittel",
    "foundation_grant": "Stiftungsmittel",
    "in_kind": "Sachleistungen",
}


def _counted(report: BudgetReport) -> str:
    """'Eigenmittel und Spenden' when the programme counts more than own cash; else ''."""
    kinds = report.terms.own_contribution_counts.value
    if not isinstance(kinds, tuple | list) or list(kinds) in ([], ["own_cash"]):
        return ""
    return join_and([COUNTED[k] for k in kinds if k in COUNTED])


def finance_pieces(
    report: BudgetReport, *, applicant: str = "Der Antragsteller"
) -> tuple[list[Piece], list[Figure]]:
    """The finance paragraphs from a plan without errors, and the figures they print (the
    Haushaltsjahre follow as the plan's table)."""
    f, out = report.figures, _Printer()
    first = f"Die Gesamtausgaben des Vorhabens betragen {out.eur('total_eur', f.total)}"
    fictitious = []
    if f.volunteer_value:
        value = out.eur("volunteer_value_eur", f.volunteer_value)
        fictitious.append(f"{value} für bewertete ehrenamtliche Arbeit")
    if f.in_kind:
        fictitious.append(f"{out.eur('in_kind_eur', f.in_kind)} für bewertete Sachleistungen")
    if fictitious:
        first += f" (darin fiktive Ausgaben: {join_and(fictitious)})"
    if f.ineligible:
        first += (
            f"; davon sind {out.eur('ineligible_eur', f.ineligible)} nicht zuwendungsfähig und "
            f"{out.eur('eligible_eur', f.eligible)} zuwendungsfähig."
        )
    else:
        first += "; sie sind vollständig zuwendungsfähig."
    grant = f"Beantragt wird eine Zuwendung von {out.eur('grant_eur', f.grant)}"
    if f.rate_on_base_percent is not None:
        grant += (
            f"; das entspricht einem Fördersatz von "
            f"{out.pct('rate_on_base_percent', f.rate_on_base_percent)} {rate_base_words(report)}"
        )
    own = f"{applicant} bringt Eigenmittel (bar) von {out.eur('own_cash_eur', f.own_cash)} ein"
    share_pct = (
        f"{out.pct('own_share_percent', f.own_share_percent)} {own_base_words(report)}"
        if f.own_share_percent is not None
        else ""
    )
    counted = _counted(report)
    if f.own_contribution == f.own_cash and not counted:
        # One figure, one sentence: the Eigenanteil is the own cash.
        own_text = f"{own}; das ist der Eigenanteil" + (f" von {share_pct}." if share_pct else ".")
        out.figures.append(Figure("own_contribution_eur", f.own_contribution))
    elif f.own_cash == f.own_contribution + f.ineligible and not counted:
        # The own cash also pays what is not zuwendungsfähig: say so, or two figures puzzle.
        own_text = (
            f"{own}; davon decken {out.eur('ineligible_eur', f.ineligible)} die nicht "
            f"zuwendungsfähigen Ausgaben, {out.eur('own_contribution_eur', f.own_contribution)} "
            "sind der Eigenanteil" + (f" ({share_pct})." if share_pct else ".")
        )
    else:
        kinds = report.terms.own_contribution_counts.value or ()
        others = sum((f.sources[k] for k in kinds if k in f.sources), Decimal(0))
        note = ""
        if f.ineligible and f.own_cash - f.ineligible + others == f.own_contribution:
            note = (
                f"; davon decken {out.eur('ineligible_eur', f.ineligible)} die nicht "
                "zuwendungsfähigen Ausgaben"
            )
        lead = (
            f"Als Eigenanteil zählen {counted}: zusammen "
            if counted
            else "Der Eigenanteil beträgt "
        )
        share = lead + out.eur("own_contribution_eur", f.own_contribution)
        own_text = f"{own}{note}. {share}" + (f" ({share_pct})." if share_pct else ".")
    paragraphs = [f"{first} {grant}.", own_text]
    others = []
    for kind in OTHER_KINDS:
        amount = f.sources[kind]
        if not amount or kind == "in_kind":
            continue
        row = f"- {SOURCE_ROWS[kind]}: {out.eur(f'sources_eur.{kind}', amount)}"
        names = _sources_text(report, kind)
        others.append(f"{row} – {names}" if names else row)
    if others:
        paragraphs.append("\n".join(["Weitere Finanzierung:", *others]))
    pieces = [Piece("finanzierung", p, "Finanzierung laut Plan") for p in paragraphs]
    return pieces, out.figures


def provisional_pieces(profile: Profile) -> list[Piece]:
    """Working version without a plan: the profile's amounts, labelled as provisional."""
    if profile.budget_total_eur is None:
        return []
    total = Decimal(str(profile.budget_total_eur))
    parts = [f"Gesamtkosten {format_eur(total)}"]
    if profile.own_funds_eur is not None:
        parts.append(f"Eigenmittel {format_eur(Decimal(str(profile.own_funds_eur)))}")
    if profile.requested_eur is not None:
        parts.append(f"beantragt {format_eur(Decimal(str(profile.requested_eur)))}")
    text = f"Zahlen aus dem Projektprofil, {PROVISIONAL}: {', '.join(parts)}."
    return [Piece("finanzierung", text, "Zahlen aus dem Projektprofil")]


KEY_NAMES = {
    "total_eur": "Gesamtausgaben",
    "ineligible_eur": "nicht zuwendungsfähige Ausgaben",
    "eligible_eur": "zuwendungsfähige Ausgaben",
    "volunteer_value_eur": "ehrenamtliche Arbeit",
    "in_kind_eur": "Sachleistungen",
    "own_cash_eur": "Eigenmittel (bar)",
    "own_contribution_eur": "Eigenanteil",
    "own_share_percent": "Eigenanteil in %",
    "grant_eur": "beantragte Zuwendung",
    "rate_on_base_percent": "Fördersatz",
    "sources_eur": "weitere Finanzierung",
    "grant_by_year": "Zuwendung je Haushaltsjahr",
    "own_by_year": "Eigenmittel je Haushaltsjahr",
}


def _value(data: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def figure_mismatches(figures: list[Figure], report: BudgetReport) -> list[str]:
    """German messages for printed figures that differ from the plan's output under their key."""
    output = report_to_json(report)
    wrong = []
    for figure in figures:
        expected = _value(output, figure.key)
        if expected is None or Decimal(str(expected)) != figure.value:
            name = KEY_NAMES.get(figure.key.split(".")[0], "ein Betrag")
            shown = (
                percent_text(figure.value)
                if figure.key.endswith("_percent")
                else format_eur(figure.value)
            )
            wrong.append(
                f"Der Betrag „{name}“ im Entwurf ({shown}) weicht vom Kosten- "
                "und Finanzierungsplan ab; bitte den Plan erneut speichern."
            )
    return wrong
