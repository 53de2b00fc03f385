"""A Kommune's way to the application (planning.md § 5): Verwaltungsentscheidung or the
Beratungsfolge ending in the council's decision, the Sitzungsvorlage before the first body,
and the Haushalt steps for the Eigenanteil and a Verpflichtungsermächtigung."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

from funding_matcher.domain.german import format_date, format_eur, format_eur_compact

from .meetings import COMMITTEE_ORDER, MeetingCalendar
from .model import Milestone, PlanBuilder
from .request import Resolved
from .steps import Decision, intern, join, sitzung

VORLAGE_PHRASE = "der Sitzungsvorlage"


def council_needed(r: Resolved) -> bool:
    """True when the council decides: the programme says so, or the settings do for amount A."""
    if r.requires_council:
        return True
    rule = r.settings.council
    if not rule.required:
        return False
    if rule.threshold_eur is None or r.amount is None:
        return True
    return r.amount > rule.threshold_eur


def chain_of(settings: MeetingCalendar) -> list[str]:
    """B1 … Bn: the settings' bodies, else the committees that meet, then Kreistag or Rat."""
    if settings.bodies:
        return [b.body for b in settings.bodies]
    chain = [body for body in COMMITTEE_ORDER if settings.meets(body)]
    return [*chain, "kreistag" if settings.meets("kreistag") else "rat"]


def council_decision(r: Resolved, plan: PlanBuilder) -> Decision:
    """The decision rows of a Kommune; D is the Vorlage or the Verwaltungsentscheidung."""
    settings = r.settings
    t0 = r.anchor.t0
    if not council_needed(r):
        days = settings.board_buffer_days
        if settings.council.required and settings.council.threshold_eur is not None:
            reason = (
                "Wertgrenze für einen Ratsbeschluss "
                f"({format_eur_compact(settings.council.threshold_eur)}) nicht überschritten"
            )
        else:
            reason = "laut Einstellungen entscheidet die Verwaltung ohne Ratsbeschluss"
        row = intern(
            r,
            "verwaltungsentscheidung",
            "Entscheidung der Verwaltungsspitze, Mitzeichnung Kämmerei",
            t0 - timedelta(days=days),
            join(f"Antragsfrist minus {days} Tage", reason),
        )
        return Decision(row.due, "der Entscheidung der Verwaltungsspitze", [row])
    chain = chain_of(settings)
    decider = chain[-1]
    latest = t0 - timedelta(days=settings.council_buffer_days)
    decision_title = _decision_title(settings, decider)
    if not settings.meets(decider):
        plan.warn(
            "no_meetings",
            f"Keine Sitzungstermine für {settings.body_title(decider)} hinterlegt: Beschluss und "
            "Sitzungsvorlage lassen sich nicht terminieren. Tragen Sie die Sitzungstermine ein "
            "oder übernehmen Sie den Sitzungskalender aus dem Ratsinformationssystem.",
        )
        return Decision(
            None,
            VORLAGE_PHRASE,
            [
                sitzung("ratsbeschluss", decision_title, None, "Sitzungskalender fehlt"),
                intern(
                    r, "vorlage", _vorlage_title(settings, chain), None, "Sitzungskalender fehlt"
                ),
            ],
        )
    dates: list[date | None] = [None] * len(chain)
    fitting = [d for d in settings.days_of(decider) if d <= latest]
    if not fitting:
        plan.warn(
            "council_not_reachable",
            f"Keine Sitzung ({settings.body_title(decider)}) bis spätestens {format_date(latest)} "
            f"im Sitzungskalender (Antragsfrist minus {settings.council_buffer_days} Tage): Der "
            "Beschluss ist nicht rechtzeitig erreichbar. Prüfen Sie eine Sondersitzung oder "
            "Dringlichkeitsentscheidung oder planen Sie den Antrag für den nächsten Förderaufruf.",
        )
    else:
        dates[-1] = max(fitting)
        for k in range(len(chain) - 2, -1, -1):
            upper = dates[k + 1]
            assert upper is not None  # noqa: S101 - set in the step before
            limit = upper - timedelta(days=settings.ladungsfrist(chain[k + 1]))
            found = [d for d in settings.days_of(chain[k]) if d <= limit]
            if not found:
                plan.warn("body_not_reachable", _not_reachable(settings, chain, k, limit))
                break
            dates[k] = max(found)
    rows = [
        sitzung(
            f"beratung_{body}",
            f"Beratung {settings.body_title(body)}",
            dates[k],
            "Beratungsfolge: Empfehlung muss in die Ladung des nächsten Gremiums"
            if dates[k]
            else "keine passende Sitzung im Kalender",
        )
        for k, body in enumerate(chain[:-1])
    ]
    rows.append(
        sitzung(
            "ratsbeschluss",
            decision_title,
            dates[-1],
            f"letzte Sitzung bis {format_date(latest)} "
            f"(Frist minus {settings.council_buffer_days} Tage)"
            + ("" if dates[-1] else ": keine im Kalender"),
        )
    )
    first = dates[0]
    vorlage_title = _vorlage_title(settings, chain)
    if first is None:
        rows.append(intern(r, "vorlage", vorlage_title, None, "hängt von der Beratungsfolge ab"))
        return Decision(None, VORLAGE_PHRASE, rows)
    ladung = settings.ladungsfrist(chain[0])
    lead = settings.internal_lead_days
    schedule = ", ".join(
        f"{settings.body_title(body)} {format_date(day)}"
        for body, day in zip(chain, dates, strict=True)
        if day is not None
    )
    vorlage = intern(
        r,
        "vorlage",
        vorlage_title,
        first - timedelta(days=ladung + lead),
        f"erste Sitzung minus Ladungsfrist {ladung} Tage minus interner Vorlauf {lead} Tage; "
        f"Termine der Beratungsfolge: {schedule}",
    )
    rows.append(vorlage)
    return Decision(vorlage.due, VORLAGE_PHRASE, rows)


def _decision_title(settings: MeetingCalendar, body: str) -> str:
    if body == "rat":
        return "Ratsbeschluss"
    if body == "kreistag":
        return "Kreistagsbeschluss"
    return f"Beschluss {settings.body_title(body)}"


def _vorlage_title(settings: MeetingCalendar, chain: list[str]) -> str:
    return f"Sitzungsvorlage fertig (für {settings.body_title(chain[0])})"


def _not_reachable(settings: MeetingCalendar, chain: list[str], k: int, limit: date) -> str:
    body = settings.body_title(chain[k])
    following = settings.body_title(chain[k + 1])
    return (
        f"Keine Sitzung ({body}) bis {format_date(limit)} im Kalender, rechtzeitig vor der Ladung "
        f"zur Sitzung ({following}): Die Beratungsfolge ist so nicht einzuhalten. Wählen Sie "
        "eine frühere Ratssitzung, beantragen Sie eine Sondersitzung oder "
        "Dringlichkeitsentscheidung oder planen Sie den nächsten Förderaufruf."
    )


# -- Haushalt --------------------------------------------------------------------------------


def haushalt_rows(r: Resolved, plan: PlanBuilder, finanzplan_due: date | None) -> list[Milestone]:
    """One row per year with own funds (registration or cover), and the VE for later years."""
    budget = r.settings.budget
    rows: list[Milestone] = []
    for year in sorted(r.own_funds):
        amount = r.own_funds[year]
        if amount <= 0:
            continue
        if year in budget.adopted_years:
            rows.append(
                intern(
                    r,
                    "haushalt_deckung",
                    f"Deckung des Eigenanteils {year} im beschlossenen Haushalt {year} bestätigen",
                    finanzplan_due,
                    f"Eigenanteil {format_eur(amount)}: Produkt/Sachkonto benennen, sonst über- "
                    "oder außerplanmäßige Mittel beantragen; zusammen mit dem Finanzplan",
                    year=year,
                )
            )
        else:
            raw = _registration(r, plan, year)
            note = (
                f"Eigenanteil {format_eur(amount)}; Anmeldeschluss für den Haushalt {year}: "
                f"{format_date(raw)}"
                if raw
                else f"Eigenanteil {format_eur(amount)}; Anmeldeschluss für den Haushalt "
                f"{year} unbekannt"
            )
            rows.append(
                intern(
                    r,
                    "haushalt_eigenanteil",
                    f"Maßnahme (Auszahlungen, Zuwendung) und Eigenanteil {year} zum "
                    f"Haushaltsentwurf {year} anmelden",
                    raw,
                    note,
                    year=year,
                )
            )
    ve = _commitment(r, plan, finanzplan_due)
    if ve is not None:
        rows.append(ve)
    return rows


def _registration(r: Resolved, plan: PlanBuilder, year: int) -> date | None:
    """The day in ``year - 1`` by which measures are registered for the Haushalt ``year``."""
    registration = r.settings.budget.registration
    if registration is None:
        plan.warn(
            "budget_deadline_unknown",
            "Anmeldeschluss für den Haushaltsentwurf unbekannt: Tragen Sie in den Einstellungen "
            "unter „Haushalt“ ein, bis wann Maßnahmen für den nächsten Haushalt angemeldet "
            "werden.",
        )
        return None
    month, day = registration
    last = calendar.monthrange(year - 1, month)[1]
    return date(year - 1, month, min(day, last))


def _commitment(r: Resolved, plan: PlanBuilder, finanzplan_due: date | None) -> Milestone | None:
    """`haushalt_ve`: investments paid after the first year need a Verpflichtungsermächtigung."""
    if r.project_start is not None:
        first = r.project_start.year
    else:
        years = [*r.own_funds, *r.investments]
        if not years:
            return None
        first = min(years)
    later = {year: v for year, v in sorted(r.investments.items()) if v > 0 and year > first}
    if not later:
        return None
    total = sum(later.values(), Decimal(0))
    title = (
        f"Verpflichtungsermächtigung über {format_eur(total)} (Auszahlungen "
        f"{', '.join(str(y) for y in later)}) im Haushalt {first} veranschlagen"
    )
    if first in r.settings.budget.adopted_years:
        plan.warn(
            "ve_adopted_budget",
            f"Der Haushalt {first} ist schon beschlossen: Die Verpflichtungsermächtigung für die "
            "Auszahlungen der Folgejahre braucht einen Nachtragshaushalt oder eine "
            "außerplanmäßige Verpflichtungsermächtigung.",
        )
        note = (
            "Haushalt schon beschlossen: Nachtrag oder außerplanmäßige VE; "
            "zusammen mit dem Finanzplan"
        )
        return intern(r, "haushalt_ve", title, finanzplan_due, note, year=first)
    raw = _registration(r, plan, first)
    note = (
        f"mit dem Haushaltsentwurf {first}: Anmeldeschluss {format_date(raw)}"
        if raw
        else f"mit dem Haushaltsentwurf {first}: Anmeldeschluss unbekannt"
    )
    return intern(r, "haushalt_ve", title, raw, note, year=first)
