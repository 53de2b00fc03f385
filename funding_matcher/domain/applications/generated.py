"""The generated topics (drafting contract § 3): the summary, the time plan and the indicators,
written only from structured facts (counts, months, indicators), never from labels."""

from __future__ import annotations

from funding_matcher.domain.applications.pieces import DraftContext, Piece
from funding_matcher.domain.applications.wording import (
    count_words,
    de_date,
    join_and,
    month_span,
    months_between,
    number,
    with_article,
)
from funding_matcher.domain.money import format_eur


def zusammenfassung(ctx: DraftContext) -> list[Piece]:
    """3-5 sentences: who asks for how much, where and when, for how many, with which goals."""
    p, d = ctx.profile, ctx.details
    ask = f"{with_article(ctx.name)} beantragt für das Vorhaben „{p.title}“"
    if ctx.requested is not None:
        amount = format_eur(ctx.requested)
        if ctx.requested_provisional:
            amount += " (vorläufig, ohne Finanzplan)"
        ask += f" eine Zuwendung von {amount}"
    else:
        ask += " eine Zuwendung"
    sentences = [f"{ask} aus dem Programm „{ctx.programme_title}“."]
    where = f" in {p.municipality}" if p.municipality else ""
    if ctx.period:
        start, end = ctx.period
        sentences.append(f"Es läuft vom {de_date(start)} bis zum {de_date(end)}{where}.")
    elif p.duration_months:
        tail = f" und findet{where} statt." if where else "."
        sentences.append(f"Es ist auf {p.duration_months} Monate angelegt{tail}")
    elif where:
        sentences.append(f"Es findet{where} statt.")
    group = d.target_group
    if group is not None and group.count is not None:
        sentences.append(f"Es richtet sich an {number(group.count)} Menschen.")
    if d.goals:
        measured = all(g.indicator or g.target for g in d.goals)
        goals = count_words(len(d.goals), "Ziel", "Ziele")
        sentences.append(
            f"Es verfolgt {goals}, deren Erreichung an Indikatoren gemessen wird."
            if measured and len(d.goals) > 1
            else f"Es verfolgt {goals}."
        )
    partners = ctx.profile.partner_list
    if partners and len(sentences) < 5:
        names = join_and([x.name for x in partners[:4]])
        more = " sowie weitere" if len(partners) > 4 else ""
        sentences.append(f"Als Partner wirken mit: {names}{more}.")
    return [Piece("zusammenfassung", " ".join(sentences[:5]), "Kurzbeschreibung")]


def zeitplan(ctx: DraftContext) -> list[Piece]:
    """The period, then each activity with its calendar months."""
    pieces = []
    if ctx.period:
        start, end = ctx.period
        months = months_between(start, end)
        pieces.append(
            Piece(
                "zeitplan",
                f"Die Laufzeit beträgt {months} Monate, vom {de_date(start)} bis zum "
                f"{de_date(end)}.",
                "Projektzeitraum",
            )
        )
    elif ctx.profile.duration_months:
        pieces.append(
            Piece(
                "zeitplan",
                f"Das Vorhaben ist auf {ctx.profile.duration_months} Monate angelegt; der Beginn "
                "richtet sich nach der Bewilligung.",
                "Laufzeit",
            )
        )
    timed = sorted(
        (a for a in ctx.details.activities if a.from_month or a.to_month),
        key=lambda a: (a.from_month or a.to_month or 0, a.to_month or 0),
    )
    if timed:
        lines = [
            f"- {month_span(ctx.start, a.from_month, a.to_month)}: {a.title.rstrip('.')}"
            for a in timed
        ]
        pieces.append(
            Piece(
                "zeitplan",
                "\n".join(["Ablauf:", *lines]),
                "Ablauf der Arbeitspakete",
                when="alone:massnahmen",
            )
        )
    return pieces


def evaluation(ctx: DraftContext) -> list[Piece]:
    """Each goal's indicator and target; goals are referred to by number, not repeated."""
    goals = ctx.details.goals
    lines = []
    for index, g in enumerate(goals, start=1):
        if not (g.indicator or g.target):
            continue
        parts = [g.indicator or ""]
        if g.target:
            parts.append(f"Zielwert: {g.target}")
        lead = f"Ziel {index}: " if len(goals) > 1 else ""
        lines.append(f"- {lead}{'; '.join(p for p in parts if p)}")
    if not lines:
        return []
    return [
        Piece(
            "evaluation",
            "\n".join(["Die Zielerreichung wird an diesen Indikatoren gemessen:", *lines]),
            "Indikatoren und Zielwerte",
            when="alone:ziele",
        )
    ]
