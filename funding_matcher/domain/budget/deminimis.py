"""De-minimis: the three-year look-back, the ceilings and the draft Erklärung.

The window: every aid dated on or after the same calendar day three years before ``applied_on``
counts (29 February falls back to 28 February). Aid dated after ``applied_on`` counts as well: it
will have been received before the new grant. Including the boundary day errs on the safe side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from funding_matcher.domain.german import format_date, format_eur
from funding_matcher.domain.money import ZERO, json_number

from .model import DeMinimisAid


@dataclass(frozen=True)
class Regulation:
    """One De-minimis regulation with its ceiling over three years."""

    short: str
    title: str
    ceiling: Decimal


GENERAL = Regulation(
    "VO (EU) 2023/2831",
    "Verordnung (EU) 2023/2831 der Kommission vom 13. Dezember 2023 über die Anwendung der "
    "Artikel 107 und 108 des Vertrags über die Arbeitsweise der Europäischen Union auf "
    "De-minimis-Beihilfen",
    Decimal(300_000),
)
DAWI = Regulation(
    "VO (EU) 2023/2832",
    "Verordnung (EU) 2023/2832 der Kommission vom 13. Dezember 2023 über die Anwendung der "
    "Artikel 107 und 108 des Vertrags über die Arbeitsweise der Europäischen Union auf "
    "De-minimis-Beihilfen an Unternehmen, die Dienstleistungen von allgemeinem wirtschaftlichem "
    "Interesse erbringen",
    Decimal(750_000),
)
REGULATIONS: dict[str, Regulation] = {"general": GENERAL, "dawi": DAWI}


def window_start(applied_on: date) -> date:
    """First day of the three-year look-back window before ``applied_on``."""
    try:
        return applied_on.replace(year=applied_on.year - 3)
    except ValueError:  # 29 February in a year without one
        return applied_on.replace(year=applied_on.year - 3, day=28)


def regulation_of(aid: DeMinimisAid) -> Regulation:
    """The regulation an aid was granted under (DAWI or general)."""
    return DAWI if aid.dawi else GENERAL


@dataclass(frozen=True)
class DeMinimisSums:
    """The aid in the window and its sums, general and DAWI apart."""

    window_start: date
    applied_on: date
    aids: tuple[DeMinimisAid, ...]
    general: Decimal
    dawi: Decimal

    @property
    def total(self) -> Decimal:
        """All De-minimis aid in the window."""
        return self.general + self.dawi


def de_minimis_sums(aids: Iterable[DeMinimisAid], applied_on: date) -> DeMinimisSums:
    """The aid counted for an application on ``applied_on``, oldest first."""
    start = window_start(applied_on)
    counted = tuple(sorted((aid for aid in aids if aid.date >= start), key=lambda aid: aid.date))
    return DeMinimisSums(
        window_start=start,
        applied_on=applied_on,
        aids=counted,
        general=sum((aid.amount_eur for aid in counted if not aid.dawi), ZERO),
        dawi=sum((aid.amount_eur for aid in counted if aid.dawi), ZERO),
    )


@dataclass(frozen=True)
class Exceedance:
    """One ceiling the new grant would break: aid already counted, the grant, the ceiling."""

    regulation: Regulation
    counted: Decimal
    grant: Decimal
    scope: str

    @property
    def with_grant(self) -> Decimal:
        """Aid in the window plus the new grant."""
        return self.counted + self.grant

    @property
    def excess(self) -> Decimal:
        """By how much the ceiling is broken."""
        return self.with_grant - self.regulation.ceiling


def exceedances(regime: str, sums: DeMinimisSums, grant: Decimal) -> list[Exceedance]:
    """Ceilings broken by ``grant`` under ``regime`` (general: 300.000 € and 750.000 € overall)."""
    broken = []
    if regime == "general" and sums.general + grant > GENERAL.ceiling:
        broken.append(Exceedance(GENERAL, sums.general, grant, "allgemeine De-minimis-Beihilfen"))
    if regime in ("general", "dawi") and sums.total + grant > DAWI.ceiling:
        broken.append(Exceedance(DAWI, sums.total, grant, "De-minimis-Beihilfen insgesamt"))
    return broken


@dataclass(frozen=True)
class DeclarationRow:
    """One aid listed in the Erklärung."""

    date: date
    grantor: str
    amount_eur: Decimal
    regulation: str


@dataclass(frozen=True)
class DeMinimisDeclaration:
    """The content of a De-minimis-Erklärung, ready for an export or a form."""

    applicant: str
    regulation: Regulation
    applied_on: date
    window_start: date
    rows: tuple[DeclarationRow, ...]
    total_eur: Decimal
    requested_eur: Decimal | None

    @property
    def total_with_request_eur(self) -> Decimal:
        """Aid received in the window plus the aid now applied for."""
        return self.total_eur + (self.requested_eur or ZERO)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (ISO dates, amounts as numbers)."""
        return {
            "applicant": self.applicant,
            "regulation": self.regulation.short,
            "regulation_title": self.regulation.title,
            "ceiling_eur": json_number(self.regulation.ceiling),
            "applied_on": self.applied_on.isoformat(),
            "window_start": self.window_start.isoformat(),
            "aids": [
                {
                    "date": row.date.isoformat(),
                    "grantor": row.grantor,
                    "amount_eur": json_number(row.amount_eur),
                    "regulation": row.regulation,
                }
                for row in self.rows
            ],
            "total_eur": json_number(self.total_eur),
            "requested_eur": (
                None if self.requested_eur is None else json_number(self.requested_eur)
            ),
            "total_with_request_eur": json_number(self.total_with_request_eur),
        }


def de_minimis_declaration(
    applicant: str,
    aids: Iterable[DeMinimisAid],
    applied_on: date,
    regime: str = "general",
    requested_eur: Decimal | None = None,
) -> DeMinimisDeclaration:
    """The Erklärung's content: all De-minimis aid in the window, with dates, grantors, sums."""
    if regime not in REGULATIONS:
        raise ValueError(f"keine De-minimis-Regelung: {regime!r} (erlaubt: general, dawi)")
    sums = de_minimis_sums(aids, applied_on)
    rows = tuple(
        DeclarationRow(aid.date, aid.grantor, aid.amount_eur, regulation_of(aid).short)
        for aid in sums.aids
    )
    return DeMinimisDeclaration(
        applicant=applicant,
        regulation=REGULATIONS[regime],
        applied_on=applied_on,
        window_start=sums.window_start,
        rows=rows,
        total_eur=sums.total,
        requested_eur=requested_eur,
    )


def declaration_text(declaration: DeMinimisDeclaration) -> str:
    """The Erklärung as plain German text (a draft to check and sign)."""
    d = declaration
    out = [
        "De-minimis-Erklärung (Entwurf)",
        "",
        f"Antragsteller: {d.applicant}",
        f"Antragsdatum: {format_date(d.applied_on)}",
    ]
    if d.requested_eur is not None:
        out.append(f"Beantragte Zuwendung: {format_eur(d.requested_eur)}")
    out += [f"Rechtsgrundlage: {d.regulation.title}", ""]
    since = f"seit dem {format_date(d.window_start)} (drei Jahre vor dem Antragsdatum)"
    subject = (
        "Der Antragsteller erklärt, dass ihm und allen Unternehmen, die mit ihm ein "
        "„einziges Unternehmen“ im Sinne der genannten Verordnung bilden, "
    )
    if not d.rows:
        out.append(subject + f"{since} keine De-minimis-Beihilfen gewährt worden sind.")
    else:
        out += [subject + f"{since} folgende De-minimis-Beihilfen gewährt worden sind:", ""]
        out.append(f"{'Datum':<12}{'Beihilfegeber':<32}{'Betrag':>18}  Rechtsgrundlage")
        for row in d.rows:
            grantor = row.grantor if len(row.grantor) <= 30 else row.grantor[:29] + "…"
            amount = format_eur(row.amount_eur)
            out.append(f"{format_date(row.date)}  {grantor:<32}{amount:>18}  {row.regulation}")
        out += ["", f"Summe der erhaltenen De-minimis-Beihilfen: {format_eur(d.total_eur)}"]
    if d.requested_eur is not None:
        out.append(
            "Summe einschließlich der beantragten Zuwendung: "
            f"{format_eur(d.total_with_request_eur)} "
            f"(Höchstbetrag nach {d.regulation.short}: {format_eur(d.regulation.ceiling)})"
        )
    out += [
        "",
        "Beantragte, aber noch nicht bewilligte De-minimis-Beihilfen und andere Beihilfen für "
        "dieselben förderfähigen Kosten sind zusätzlich anzugeben.",
        "",
        "",
        "______________________________",
        "Ort, Datum, rechtsverbindliche Unterschrift",
    ]
    return "\n".join(out) + "\n"
