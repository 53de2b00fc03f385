"""What a funding mix says beside its figures (mix.py): the gap and own shares, the conditions
the cards name for the planned programmes, the rate of a programme named without a figure, and
why there is no mix at all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.german import format_date, format_eur, format_percent
from funding_matcher.domain.matching.amounts import rate_text
from funding_matcher.domain.matching.funding_mix import MixPart
from funding_matcher.domain.matching.standing import status_class
from funding_matcher.domain.money import ZERO, cents
from funding_matcher.domain.profile import Profile


def with_rate(programme: Programme) -> str:
    """The programme's short title with its published rate, as its card shows it: a rate is
    published even where no maximum is."""
    rate = rate_text(programme, " der Kosten")
    return f"{programme.short_title} (bis {rate})" if rate else programme.short_title


def gap_notes(parts: list[MixPart], total: Decimal, own: Decimal, gap: Decimal) -> list[str]:
    """What the plan says about own shares below a programme's minimum and the gap left."""
    notes = []
    for part in parts:
        minimum = part.programme.limit("own_contribution_min_percent")
        if minimum is not None and own < cents(Decimal(str(minimum)) * total / 100):
            required = cents(Decimal(str(minimum)) * total / 100)
            notes.append(
                f"{part.programme.short_title}: mindestens "
                f"{format_percent(minimum)} Eigenanteil ({format_eur(required)}), "
                f"geplant sind {format_eur(own)} Eigenmittel – ob andere Zuschüsse dazu zählen, "
                "legt der Fördergeber fest."
            )
    asked = next((p for p in parts if p.amount_eur is None), None)
    if asked is not None and gap > ZERO:
        notes.append(
            f"Noch offen sind {format_eur(gap)}: welchen Teil davon "
            f"{asked.programme.short_title} trägt, beim Fördergeber erfragen; den Rest über "
            "Eigenmittel, geringere Kosten oder weitere Förderer decken."
        )
    elif gap > ZERO:
        notes.append(
            f"Es fehlen noch {format_eur(gap)}: Eigenmittel erhöhen, Kosten senken oder "
            "weitere Förderer suchen."
        )
    return notes


def conditions(parts: list[MixPart]) -> list[str]:
    """What the cards say about the planned programmes and a plan must carry too: a status in
    doubt, a programme region, Nachrang."""
    out = []
    for part in parts:
        programme = part.programme
        name = programme.short_title
        if status_class(programme.status) == "unclear":
            evidence = programme.status_evidence
            since = f" (letzter Beleg vom {format_date(evidence.date)})" if evidence else ""
            out.append(
                f"{name}: Status unklar{since} – vor dem Einplanen beim Fördergeber bestätigen "
                "lassen, dass Anträge möglich sind."
            )
        if programme.needs_region:
            out.append(f"{name}: nur in bestimmten Regionen – prüfen, ob Ihr Ort dazu gehört.")
        if programme.subsidiarity == "public_first":
            out.append(f"{name}: nachrangig – öffentliche Mittel werden zuerst angerechnet.")
    return out


def no_mix_reason(
    profile: Profile, best: Programme | None = None, best_deadline: date | None = None
) -> str:
    """Why there is no funding mix, in one sentence for the results. ``best``: the programme
    that fits best, when it is one the project waits for (its next deadline, ``best_deadline``,
    after the start, or a next round without a date): the plan is built around it, not around
    a weaker fit."""
    if profile.budget_total_eur is None:
        return (
            "Für einen Vorschlag geben Sie im Profil das Budget (Gesamtkosten und Eigenmittel) an."
        )
    if (profile.own_funds_eur or 0) >= profile.budget_total_eur:
        return "Die Eigenmittel decken die Gesamtkosten: kein Förderbedarf."
    if best is not None:
        when = (
            f"nächste Frist {format_date(best_deadline)}"
            if best_deadline is not None
            else "Termin der nächsten Runde noch nicht veröffentlicht"
        )
        return (
            f"Am besten passt {best.short_title} ({when}); für diesen Projektbeginn lässt es "
            "sich nicht einplanen, und ein Plan aus weniger passenden Programmen wäre keine "
            "Grundlage – den Beginn nach der Bewilligung planen oder vorzeitigen "
            "Maßnahmebeginn beantragen."
        )
    return (
        "Kein passendes Programm lässt sich zurzeit für diesen Projektbeginn einplanen (zwischen "
        "zwei Runden, Frist nach dem Beginn oder Zugang nur über Dritte) – prüfen Sie die Liste "
        "und die Programme für die nächste Runde."
    )
