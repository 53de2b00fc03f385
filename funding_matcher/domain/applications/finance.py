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
from funding_matcher.domain.applications.wording import PUBLIC, Vocabulary, join_and
from funding_matcher.domain.budget import BudgetReport, report_to_json
from funding_matcher.domain.budget.arithmetic import counts_as_own
from funding_matcher.domain.budget.model import OTHER_KINDS, SOURCE_STATUSES
from funding_matcher.domain.exports.plan import (
    SOURCE_ROWS,
    own_base_words,
    rate_base_words,
)
from funding_matcher.domain.german import format_eur, format_percent
from funding_matcher.domain.profile import Profile

PROVISIONAL = "vorläufig (ohne Finanzplan)"


@dataclass(frozen=True)
class Figure:
    """An amount or percentage printed in a draft and the plan key it stands for."""

    key: str
    value: Decimal


class _Printer:
    """Formats plan figures and remembers which key each came from."""

    def __init__(self) -> None:
        self.figures: list[Figure] = []

    def eur(self, key: str, value: Decimal) -> str:
        self.figures.append(Figure(key, value))
        return format_eur(value)

    def pct(self, key: str, value: Decimal) -> str:
        self.figures.append(Figure(key, value))
        return format_percent(value, 2)


def _source_note(source) -> str:
    """'Stadt Hildesheim, beantragt' for one source (name and status)."""
    status = SOURCE_STATUSES.get(source.status or "", "")
    return f"{source.label}, {status}" if status else source.label


def _sources_text(report: BudgetReport, kind: str) -> str:
    """'Stadt Hildesheim, beantragt' for the sources of one kind (names and status, no sums)."""
    notes = [_source_note(s) for s in report.budget.financing.sources if s.kind == kind]
    return "; ".join(n for n in notes if n)


def _own_source_words(report: BudgetReport) -> str:
    """Where the own cash comes from, as the plan names it ("Haushaltsmittel der Stadt",
    "Mitgliedsbeiträge"), in brackets after "Eigenmittel"; '' when the label says nothing more."""
    own = [s for s in report.budget.financing.sources if s.kind == "own_cash"]
    labels = [s.label.strip() for s in own if s.label and s.label.strip()]
    if len(labels) != 1 or any(w in labels[0].lower() for w in ("eigenmittel", "eigenanteil")):
        return ""
    return f" ({labels[0]})"


# What may count as Eigenanteil, in the words of a finance paragraph.
COUNTED = {
    "own_cash": "Eigenmittel",
    "donation": "Spenden",
    "income": "Einnahmen",
    "private_third_party": "Leistungen Dritter",
    "public_grant": "andere öffentliche Mittel",
    "foundation_grant": "Stiftungsmittel",
    "in_kind": "Sachleistungen",
}


def _counted_sources(report: BudgetReport) -> list:
    """The sources other than own cash that count as Eigenanteil (the plan's own rule)."""
    return [
        s
        for s in report.budget.financing.sources
        if s.kind != "own_cash" and s.total and counts_as_own(s, report.terms)
    ]


def finance_pieces(
    report: BudgetReport,
    *,
    applicant: str = "Der Antragsteller",
    words: Vocabulary = PUBLIC,
) -> tuple[list[Piece], list[Figure]]:
    """The finance paragraphs from a plan without errors, and the figures they print (the
    Haushaltsjahre follow as the plan's table).

    Written so that a reader can add them up (review 2026-12-07, change 3): the Fördersatz
    names its base with the amount; where grant and Eigenanteil make up that base, it says so;
    sources counted as Eigenanteil are named there and nowhere else; what covers the
    expenses that are not eligible is said; under Nachrang, why the rate is below the maximum.
    """
    f, out = report.figures, _Printer()
    paragraphs = [
        f"{_totals(f, out, words)} {_grant(report, out, words)}",
        _own(report, out, words, applicant),
        _others(report, out),
        _below_maximum(report, words),
    ]
    pieces = [Piece("finanzierung", p, "Finanzierung laut Plan") for p in paragraphs if p]
    return pieces, out.figures


def _others(report: BudgetReport, out: _Printer) -> str:
    """The other financing, one row per kind; what counts as Eigenanteil is not repeated."""
    f, counted = report.figures, _counted_sources(report)
    rows = []
    for kind in OTHER_KINDS:
        if not f.sources[kind] or kind == "in_kind":
            continue
        sources = [s for s in report.budget.financing.sources if s.kind == kind]
        rest = [s for s in sources if s not in counted]
        if len(rest) == len(sources):
            row = f"- {SOURCE_ROWS[kind]}: {out.eur(f'sources_eur.{kind}', f.sources[kind])}"
            names = _sources_text(report, kind)
            rows.append(f"{row} – {names}" if names else row)
        else:  # partly counted as Eigenanteil: the rest source by source
            rows += [
                f"- {SOURCE_ROWS[kind]}: {format_eur(s.total)} – {_source_note(s)}" for s in rest
            ]
    return "\n".join(["Weitere Finanzierung:", *rows]) if rows else ""


def _totals(f, out: _Printer, words: Vocabulary) -> str:
    text = f"Die {words.total} des {words.project}s betragen {out.eur('total_eur', f.total)}"
    fictitious = []
    if f.volunteer_value:
        value = out.eur("volunteer_value_eur", f.volunteer_value)
        fictitious.append(f"{value} für bewertete ehrenamtliche Arbeit")
    if f.in_kind:
        fictitious.append(f"{out.eur('in_kind_eur', f.in_kind)} für bewertete Sachleistungen")
    if fictitious:
        text += f" (darin fiktive {words.expenses}: {join_and(fictitious)})"
    if f.ineligible:
        return text + (
            f"; davon sind {out.eur('ineligible_eur', f.ineligible)} nicht {words.eligible} "
            f"und {out.eur('eligible_eur', f.eligible)} {words.eligible}."
        )
    return text + f"; sie sind vollständig {words.eligible}."


def _grant(report: BudgetReport, out: _Printer, words: Vocabulary) -> str:
    f = report.figures
    text = f"Beantragt wird eine {words.grant} von {out.eur('grant_eur', f.grant)}"
    if f.rate_on_base_percent is None:
        return text + "."
    base = rate_base_words(report)
    rate = out.pct("rate_on_base_percent", f.rate_on_base_percent)
    text += f"; das entspricht einem Fördersatz von {rate} {base}"
    if f.rate_base is not None and f.rate_base != f.eligible:
        # The base is not the eligible total: print it, so the percentages can be checked.
        text += f" ({out.eur('rate_base_eur', f.rate_base)})"
    return text + "."


def _own(report: BudgetReport, out: _Printer, words: Vocabulary, who: str) -> str:
    """Eigenmittel with their source, what is counted with them, what covers the expenses
    that are not eligible, and the Eigenanteil with its share and base."""
    f = report.figures
    own = f"Eigenmittel{_own_source_words(report)} von {out.eur('own_cash_eur', f.own_cash)}"
    counted = _counted_sources(report)
    share = ""
    if f.own_share_percent is not None:
        base = own_base_words(report)
        share = f"{out.pct('own_share_percent', f.own_share_percent)} {base}"
    contribution = f.own_contribution
    if not counted:
        if contribution == f.own_cash:
            text = f"{who} bringt {own} ein; das ist der Eigenanteil"
            out.figures.append(Figure("own_contribution_eur", contribution))
            text += f" von {share}." if share else "."
        elif f.ineligible and f.own_cash == contribution + f.ineligible:
            text = (
                f"{who} bringt {own} ein; davon decken {out.eur('ineligible_eur', f.ineligible)} "
                f"die nicht {words.eligible}en {words.expenses}, "
                f"{out.eur('own_contribution_eur', contribution)} sind der Eigenanteil"
                + (f" ({share})." if share else ".")
            )
        else:
            text = (
                f"{who} bringt {own} ein. Der Eigenanteil beträgt "
                f"{out.eur('own_contribution_eur', contribution)}"
                + (f" ({share})." if share else ".")
            )
    else:
        kinds = []
        for s in counted:
            if COUNTED.get(s.kind, "") not in kinds:
                kinds.append(COUNTED.get(s.kind, s.kind))
        parts = [own]
        for s in counted:
            whole = (
                s.total == f.sources.get(s.kind)
                and len([x for x in counted if x.kind == s.kind]) == 1
            )
            amount = out.eur(f"sources_eur.{s.kind}", s.total) if whole else format_eur(s.total)
            parts.append(f"{COUNTED[s.kind]} ({_source_note(s)}) von {amount}")
        text = (
            f"Als Eigenanteil zählen bei diesem Programm Eigenmittel und {join_and(kinds)}: "
            f"{who} bringt {join_and(parts)} ein."
        )
        ineligible_own = f.ineligible_own
        if ineligible_own and f.own_cash + f.own_counted_other - ineligible_own == contribution:
            text += (
                f" Davon decken {out.eur('ineligible_eur', ineligible_own)} die nicht "
                f"{words.eligible}en {words.expenses}; "
                f"{out.eur('own_contribution_eur', contribution)} sind der Eigenanteil"
            )
        else:
            text += f" Der Eigenanteil beträgt {out.eur('own_contribution_eur', contribution)}"
        text += f" ({share})." if share else "."
    if (
        f.rate_base is not None
        and f.rate_base != f.eligible
        and f.grant + contribution == f.rate_base
    ):
        text += (
            f" {words.grant} und Eigenanteil ergeben zusammen die Bemessungsgrundlage von "
            f"{out.eur('rate_base_eur', f.rate_base)}."
        )
    return text


def _below_maximum(report: BudgetReport, words: Vocabulary) -> str:
    """Why the Fördersatz is below the programme's maximum, where the plan shows why: the other
    money comes first (Nachrang, or a financing already complete) or the Höchstbetrag."""
    f = report.figures
    q = report.terms.funding_rate_max_percent.value
    if f.rate_on_base_percent is None or not isinstance(q, int | float | Decimal):
        return ""
    maximum = Decimal(str(q))
    if f.rate_on_base_percent >= maximum or report.budget.financing.requested_eur is not None:
        return ""
    limit = f"Der Fördersatz bleibt unter dem Höchstsatz von {format_percent(maximum, 2)}"
    if "gap" in f.limited_by:
        first = (
            f"die {words.grant} ist nachrangig gegenüber öffentlichen Mitteln"
            if report.terms.subsidiarity.value == "public_first"
            else "die übrigen Mittel stehen fest"
        )
        return (
            f"{limit}, denn {first}: Beantragt wird nur der Betrag, der nach dem Eigenanteil "
            "und der weiteren Finanzierung offen bleibt."
        )
    if "max" in f.limited_by and f.caps.get("max") is not None:
        cap = format_eur(f.caps["max"])
        return f"{limit}, denn das Programm begrenzt die {words.grant} auf {cap}."
    return ""


def provisional_pieces(
    profile: Profile, requested: Decimal | None, submitted: bool = False
) -> list[Piece]:
    """Working version without a plan: the profile's amounts, labelled as provisional; the
    requested amount is the need within the programme's cap (``provisional_request``), or,
    once ``submitted``, the amount entered on submission, which is not provisional."""
    if profile.budget_total_eur is None:
        return []
    total = Decimal(str(profile.budget_total_eur))
    parts = [f"Gesamtkosten {format_eur(total)}"]
    if profile.own_funds_eur is not None:
        parts.append(f"Eigenmittel {format_eur(Decimal(str(profile.own_funds_eur)))}")
    if requested is not None and not submitted:
        need = Decimal(str(profile.requested_eur)) if profile.requested_eur is not None else None
        capped = need is not None and requested < need
        parts.append(
            f"beantragt {format_eur(requested)}"
            + (f" (Bedarf {format_eur(need)}, begrenzt auf den Höchstbetrag)" if capped else "")
        )
    text = f"Zahlen aus dem Projektprofil, {PROVISIONAL}: {', '.join(parts)}."
    if requested is not None and submitted:
        text += f" Beantragt laut Einreichung: {format_eur(requested)}."
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
                format_percent(figure.value, 2)
                if figure.key.endswith("_percent")
                else format_eur(figure.value)
            )
            wrong.append(
                f"Der Betrag „{name}“ im Entwurf ({shown}) weicht vom Kosten- "
                "und Finanzierungsplan ab; bitte den Plan erneut speichern."
            )
    return wrong
