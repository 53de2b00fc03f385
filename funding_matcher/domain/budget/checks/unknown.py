"""Notices for terms a check needed but nobody knows: named, never guessed."""

from __future__ import annotations

from ..money import ZERO
from ..terms import TERM_LABELS
from .base import Check, Context


def _unknown_terms(ctx: Context) -> list[tuple[str, str]]:
    """(term key, what that means for the checks) for every needed term that is unknown."""
    terms, budget, figures = ctx.terms, ctx.budget, ctx.figures
    volunteer = terms.volunteer_work.value
    hours = budget.financing.volunteer_hours
    found: list[tuple[str, str]] = []
    if not terms.financing_type.known:
        found.append(
            (
                "financing_type",
                "die höchstmögliche Zuwendung wird wie bei einer Anteilfinanzierung geschätzt",
            )
        )
    if not terms.funding_rate_max_percent.known and terms.financing_type.value in (
        None,
        "anteil",
    ):
        found.append(
            (
                "funding_rate_max_percent",
                "die Förderquote wird nicht geprüft; als höchstmögliche Zuwendung gelten "
                "die vollen zuwendungsfähigen Ausgaben",
            )
        )
    if not terms.amount_max_eur.known:
        found.append(("amount_max_eur", "ein Höchstbetrag wird nicht geprüft"))
    if not terms.amount_min_eur.known:
        found.append(("amount_min_eur", "ein Mindestbetrag wird nicht geprüft"))
    if not terms.own_contribution_min_percent.known:
        found.append(("own_contribution_min_percent", "der Eigenanteil wird nicht geprüft"))
    if not terms.overhead_max_percent.known and any(
        line.category == "verwaltung" for line in budget.costs
    ):
        found.append(
            ("overhead_max_percent", "die Verwaltungspauschale wird nicht begrenzt geprüft")
        )
    if hours > ZERO and volunteer is None:
        found.append(("volunteer_work", "die ehrenamtlichen Stunden werden mit 0,00 € bewertet"))
    if hours > ZERO and volunteer is not None and volunteer.rate_eur_per_hour is None:
        found.append(
            (
                "volunteer_work.rate_eur_per_hour",
                "die ehrenamtlichen Stunden werden mit 0,00 € bewertet",
            )
        )
    if figures.volunteer_value > ZERO and volunteer is not None and volunteer.max_percent is None:
        found.append(
            ("volunteer_work.max_percent", "die Obergrenze für Ehrenamt wird nicht geprüft")
        )
    if not terms.de_minimis.known:
        found.append(
            (
                "de_minimis",
                "ob die Zuwendung eine De-minimis-Beihilfe ist, bleibt offen; die "
                "Höchstbeträge werden nicht geprüft",
            )
        )
    if not terms.not_combinable_with.known and budget.financing.other_public:
        found.append(
            (
                "not_combinable_with",
                "die Kombinierbarkeit der anderen Förderungen wird nicht geprüft",
            )
        )
    return found


def terms_unknown(ctx: Context) -> list[Check]:
    """One notice per unknown term a check needed, naming the term and the consequence."""
    notices = []
    for key, consequence in _unknown_terms(ctx):
        top = key.split(".")[0]
        source = ctx.terms.term(top).source
        if source == "eingabe":
            why = "von Ihnen als unbekannt angegeben"
        elif source == "katalog":
            why = "im Katalog nicht belegt"
        else:
            why = "nicht angegeben"
        notices.append(
            Check(
                "terms_unknown",
                "notice",
                f"Förderbedingung „{TERM_LABELS[key]}“ ({key}) ist unbekannt ({why}): "
                f"{consequence}.",
                field=f"terms.{key}",
                term=key,
            )
        )
    return notices
