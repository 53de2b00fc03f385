"""The generated topics (drafting contract § 3): the summary, the time plan and the indicators,
written only from structured facts (counts, months, indicators), never from labels."""

from __future__ import annotations

from funding_matcher.domain.applications.pieces import DraftContext, Piece
from funding_matcher.domain.applications.wording import (
    count_words,
    month_span,
    months_between,
    with_article,
)
from funding_matcher.domain.german import format_date, format_eur, format_number


def zusammenfassung(ctx: DraftContext) -> list[Piece]:
    """Who asks for how much, where and when, for how many, with how many goals (contract § 3).

    The target-group count is left out when the very next section carries the target group
    (it would say the same thing twice on one page); partners are not part of the summary.
    """
    p, d, words = ctx.profile, ctx.details, ctx.vocabulary
    ask = f"{with_article(ctx.name)} beantragt für das {words.project} „{p.title}“"
    if ctx.requested is not None:
        amount = format_eur(ctx.requested)
        if ctx.requested_provisional:
            amount += " (vorläufig, ohne Finanzplan)"
        ask += f" eine {words.grant} von {amount}"
    else:
        ask += f" eine {words.grant}"
    sentences = [f"{ask} aus dem Programm „{ctx.programme_title}“."]
    where = f" in {p.municipality}" if p.municipality else ""
    # "Das Vorhaben läuft …", not "Es läuft …": the nearest neuter noun is "Programm".
    subject = f"Das {words.project}"
    if ctx.period:
        start, end = ctx.period
        sentences.append(
            f"{subject} läuft vom {format_date(start)} bis zum {format_date(end)}{where}."
        )
    elif p.duration_months:
        tail = f" und findet{where} statt." if where else "."
        sentences.append(f"{subject} ist auf {p.duration_months} Monate angelegt{tail}")
    elif where:
        sentences.append(f"{subject} findet{where} statt.")
    group = d.target_group
    reach = (
        f"richtet sich an {format_number(group.count)} Menschen."
        if group is not None and group.count is not None
        else ""
    )
    goals = ""
    if d.goals:
        count = count_words(len(d.goals), "Ziel", "Ziele")
        measured = all(g.indicator or g.target for g in d.goals) and len(d.goals) > 1
        goals = (
            f"verfolgt {count}, deren Erreichung an Indikatoren gemessen wird."
            if measured
            else f"verfolgt {count}."
        )

    def text(parts: list[str]) -> str:
        # "Es" only after a sentence whose subject is the project.
        out = list(sentences)
        for part in (p for p in parts if p):
            out.append(f"{'Es' if len(out) > 1 else subject} {part}")
        return " ".join(out)

    if not reach:
        return [Piece("zusammenfassung", text([goals]), "Kurzbeschreibung")]
    return [
        Piece(
            "zusammenfassung", text([reach, goals]), "Kurzbeschreibung", when="apart:zielgruppen"
        ),
        Piece("zusammenfassung", text([goals]), "Kurzbeschreibung", when="next:zielgruppen"),
    ]


def zeitplan(ctx: DraftContext) -> list[Piece]:
    """The period, then each activity with its calendar months."""
    pieces = []
    if ctx.period:
        start, end = ctx.period
        months = months_between(start, end)
        pieces.append(
            Piece(
                "zeitplan",
                f"Die Laufzeit beträgt {count_words(months, 'Monat', 'Monate', 'einen')}, vom "
                f"{format_date(start)} bis zum {format_date(end)}.",
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
