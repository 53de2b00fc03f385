"""Notices on how the plan read its input: VAT, assumed payment dates and years, v1 aliases."""

from __future__ import annotations

from .base import Check, Context


def vat(ctx: Context) -> list[Check]:
    """Gross amounts unless the applicant may deduct input tax."""
    deductible = ctx.budget.vat_deductible
    if deductible is None:
        return [
            Check(
                "vat_assumed",
                "notice",
                "Vorsteuerabzug nicht angegeben: Bruttobeträge (mit Umsatzsteuer) angenommen.",
                field="vat_deductible",
            )
        ]
    if deductible:
        return [
            Check(
                "vat_net",
                "notice",
                "Vorsteuerabzugsberechtigt: alle Beträge netto (ohne Umsatzsteuer) eintragen.",
                field="vat_deductible",
            )
        ]
    return []


def assumptions(ctx: Context) -> list[Check]:
    """Payment dates and source years the plan had to assume; the v1 third-party field."""
    found = []
    dated = [i for i in ctx.figures.lines if i.assumed]
    if dated:
        found.append(
            Check(
                "payment_date_assumed",
                "notice",
                "Zahlungsdatum angenommen (erster Projektmonat): "
                + ", ".join(i.line.label for i in dated)
                + ".",
                line=dated[0].index,
            )
        )
    undated = ctx.figures.undated
    if undated:
        found.append(
            Check(
                "source_years_assumed",
                "notice",
                "Ohne Jahresangabe auf die Jahre mit noch offenen Ausgaben verteilt (Annahme): "
                + ", ".join(p.source.label for p in undated)
                + ".",
                field="financing.sources",
            )
        )
    if ctx.budget.third_party_alias:
        found.append(
            Check(
                "third_party_alias",
                "notice",
                "Leistungen Dritter wurden als private Drittmittel gelesen. Sind darin Spenden "
                "enthalten? Dann als Spenden eintragen; manche Programme zählen sie zum "
                "Eigenanteil.",
                field="financing.sources",
            )
        )
    return found
