"""The facts of a profile as pieces of text, one list per topic (drafting contract § 3).

The user's words are kept verbatim (rule 3); the sentences written here only use structured
facts: counts, indicators, months, titles, roles. Without details for a topic, the description's
sentences of that topic stand in (rule 4). The plan's figures are added by ``finance``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from funding_matcher.domain import taxonomy
from funding_matcher.domain.applications.generated import evaluation, zeitplan, zusammenfassung
from funding_matcher.domain.applications.pieces import (
    DraftContext,
    Piece,
    context,
    profile_period,
)
from funding_matcher.domain.applications.sentences import Sentence
from funding_matcher.domain.applications.wording import (
    count_words,
    join_and,
    month_span,
    with_article,
)
from funding_matcher.domain.catalogue.records import OUTLINE_TOPICS
from funding_matcher.domain.german import format_number
from funding_matcher.domain.profile import Activity, Goal

__all__ = ["DraftContext", "Piece", "context", "profile_period", "topic_pieces"]


# -- the eleven user topics -------------------------------------------------------------------


def _verbatim(topic: str, text: str | None, label: str) -> list[Piece]:
    return [Piece(topic, text.strip(), label, user=True)] if text and text.strip() else []


def ausgangslage(ctx: DraftContext) -> list[Piece]:
    d = ctx.details
    pieces = _verbatim("ausgangslage", d.need, "Ausgangslage und Bedarf")
    if d.need_figures:
        rows = []
        for f in d.need_figures:
            source = f" (Quelle: {f.source})" if f.source else ""
            rows.append(f"- {f.label}: {f.value}{source}")
        intro = "Kennzahlen zur Ausgangslage:" if len(rows) > 1 else "Kennzahl zur Ausgangslage:"
        pieces.append(Piece("ausgangslage", "\n".join([intro, *rows]), "Kennzahlen"))
    if ctx.profile.designated_area is True and ctx.profile.municipality and not d.need:
        pieces.append(
            Piece(
                "ausgangslage",
                "Das Projektgebiet liegt in einem Fördergebiet der Städtebauförderung in "
                f"{ctx.profile.municipality}.",
                "Fördergebiet",
            )
        )
    return pieces


def zielgruppen(ctx: DraftContext) -> list[Piece]:
    group = ctx.details.target_group
    if group is None:
        return []
    # A lead-in wherever it stands: a description of people often has no verb of its own.
    pieces = [
        Piece(p.topic, f"Zielgruppe: {p.text}", p.label, user=True)
        for p in _verbatim("zielgruppen", group.description, "Zielgruppe")
    ]
    parts = []
    for sub in group.subgroups:
        parts.append(
            f"{format_number(sub.count)} {sub.label}" if sub.count is not None else sub.label
        )
    if group.count is not None:
        text = f"Erreicht werden sollen insgesamt {format_number(group.count)} Menschen"
        text += f", darunter {join_and(parts)}." if parts else "."
        pieces.append(Piece("zielgruppen", text, "Zahl der Menschen"))
    elif parts:
        pieces.append(
            Piece("zielgruppen", f"Zur Zielgruppe gehören {join_and(parts)}.", "Teilgruppen")
        )
    return pieces


def _goal_line(goal: Goal, with_measure: bool, number: int | None = None) -> str:
    lead = f"Ziel {number}: " if number is not None else ""
    line = f"- {lead}{goal.goal.rstrip('.')}"
    if with_measure and (goal.indicator or goal.target):
        measure = [f"Indikator: {goal.indicator}" if goal.indicator else ""]
        measure.append(f"Zielwert: {goal.target}" if goal.target else "")
        line += " – " + "; ".join(m for m in measure if m)
    return line


def ziele(ctx: DraftContext) -> list[Piece]:
    goals = ctx.details.goals
    if not goals:
        return []
    intro = f"Das Vorhaben verfolgt {count_words(len(goals), 'Ziel', 'Ziele')}:"
    # Numbered where the indicators stand apart and refer to them ("Ziel 2: …").
    numbers = list(range(1, len(goals) + 1)) if len(goals) > 1 else [None]
    plain = "\n".join(
        [intro, *(_goal_line(g, False, n) for g, n in zip(goals, numbers, strict=False))]
    )
    merged = "\n".join([intro, *(_goal_line(g, True) for g in goals)])
    return [
        Piece("ziele", plain, "Ziele", when="alone:evaluation"),
        Piece("ziele", merged, "Ziele mit Indikatoren", when="merged:evaluation"),
    ]


def _activity_line(activity: Activity, start: date | None) -> str:
    span = month_span(start, activity.from_month, activity.to_month)
    line = f"- {activity.title.rstrip('.:')}"
    if span:
        line += f" ({span})"
    if activity.description:
        line += f": {activity.description}"
    return line


def massnahmen(ctx: DraftContext) -> list[Piece]:
    activities = ctx.details.activities
    if not activities:
        return []
    n = len(activities)
    # "Maßnahmen", the word every grantor's form uses ("Arbeitspakete" is research funding's).
    intro = (
        f"Geplant sind {count_words(n, 'Maßnahme', 'Maßnahmen', 'eine')}:"
        if n > 1
        else "Geplant ist eine Maßnahme:"
    )
    lines = [_activity_line(a, ctx.start) for a in activities]
    return [Piece("massnahmen", "\n".join([intro, *lines]), "Maßnahmen")]


def kooperation(ctx: DraftContext) -> list[Piece]:
    partners = ctx.profile.partner_list
    if not partners:
        return []
    n = len(partners)
    # "wirken mit", not "übernehmen feste Aufgaben": a partner may also be a funder whose money
    # is only applied for, and "fest" would claim an agreement the tool does not know of.
    if n == 1:
        intro = "Ein Partner wirkt mit:"
    else:
        words = count_words(n, "Partner", "Partner")
        intro = f"{words[0].upper() + words[1:]} wirken mit:"
    lines = [f"- {p.name}: {p.role}" if p.role else f"- {p.name}" for p in partners]
    return [Piece("kooperation", "\n".join([intro, *lines]), "Partner")]


LEGAL_FORMS = {
    "e. v.": "ein eingetragener Verein",
    "e.v.": "ein eingetragener Verein",
    "eingetragener verein": "ein eingetragener Verein",
    "ggmbh": "eine gemeinnützige GmbH",
    "gemeinnützige gmbh": "eine gemeinnützige GmbH",
    "gmbh": "eine GmbH",
    "stiftung": "eine Stiftung",
    "stiftung bürgerlichen rechts": "eine Stiftung bürgerlichen Rechts",
    "gebietskörperschaft": "eine Gebietskörperschaft",
    "körperschaft des öffentlichen rechts": "eine Körperschaft des öffentlichen Rechts",
    "eg": "eine eingetragene Genossenschaft",
    "gag": "eine gemeinnützige Aktiengesellschaft",
}


def _register_words(entry: str) -> str:
    """'ist im Vereinsregister eingetragen (VR 100, Amtsgericht Hildesheim)'."""
    kinds = {
        "VR": "Vereinsregister",
        "HRB": "Handelsregister",
        "HRA": "Handelsregister",
        "GnR": "Genossenschaftsregister",
    }
    head = entry.split()[0] if entry.split() else ""
    register = kinds.get(head.rstrip(".,"))
    where = f"im {register}" if register else "im Register"
    return f"ist {where} eingetragen ({entry})"


def traeger(ctx: DraftContext) -> list[Piece]:
    """The applicant in one sentence (always content), then the user's experience."""
    a, name = ctx.applicant, with_article(ctx.name)
    form = LEGAL_FORMS.get((a.legal_form or "").strip().lower())
    if form is None and ctx.profile.applicant_type == "kommune" and not a.legal_form:
        form = "eine Gebietskörperschaft"
    shown = (
        a.legal_form and a.legal_form.replace(" ", "").lower() in ctx.name.replace(" ", "").lower()
    )
    clauses = []
    if form and not shown:
        clauses.append(f"ist {form}")
    elif a.legal_form and not shown:
        clauses.append(f"hat die Rechtsform {a.legal_form}")
    if a.municipality_key:
        clauses.append(f"hat den Amtlichen Gemeindeschlüssel {a.municipality_key}")
    if a.register_entry:
        clauses.append(_register_words(a.register_entry))
    notice = a.tax_exempt_line()
    if notice:
        clauses.append(f"ist als gemeinnützig anerkannt ({notice})")
    if clauses:
        text = f"{name} {_join_clauses(clauses)}."
    else:
        kind = taxonomy.label("applicant_types", ctx.profile.applicant_type)
        text = f"Antragsteller ist {with_article(ctx.name, capital=False)} ({kind})."
    pieces = [Piece("traeger", text, "Antragsteller")]
    return pieces + _verbatim("traeger", ctx.details.experience, "Erfahrung des Trägers")


def _join_clauses(clauses: list[str]) -> str:
    """'ist ein eingetragener Verein, im Vereinsregister eingetragen (…) und als gemeinnützig
    anerkannt (…)': a repeated 'ist' is dropped after the first clause."""
    out = [clauses[0]]
    for clause in clauses[1:]:
        out.append(
            clause[4:] if clause.startswith("ist ") and clauses[0].startswith("ist ") else clause
        )
    return join_and(out) if len(out) > 1 else out[0]


# -- all topics --------------------------------------------------------------------------------

VERBATIM = {
    "beteiligung": ("participation", "Beteiligung"),
    "barrierefreiheit": ("accessibility", "Barrierefreiheit"),
    "verstetigung": ("sustainability", "Verstetigung"),
    "oeffentlichkeitsarbeit": ("publicity", "Öffentlichkeitsarbeit"),
    "notwendigkeit": ("funding_need", "Notwendigkeit der Förderung"),
}
BUILDERS = {
    "ausgangslage": ausgangslage,
    "zielgruppen": zielgruppen,
    "ziele": ziele,
    "massnahmen": massnahmen,
    "kooperation": kooperation,
    "traeger": traeger,
    "zusammenfassung": zusammenfassung,
    "zeitplan": zeitplan,
    "evaluation": evaluation,
}


def topic_pieces(
    ctx: DraftContext, topics: Iterable[str], *, with_description: bool = True
) -> dict[str, list[Piece]]:
    """Pieces per topic: details first; the description's sentences where a topic has none."""
    found: dict[str, list[Piece]] = {}
    for topic in topics:
        if topic in VERBATIM:
            name, label = VERBATIM[topic]
            found[topic] = _verbatim(topic, getattr(ctx.details, name), label)
        elif topic in BUILDERS:
            found[topic] = BUILDERS[topic](ctx)
        else:
            found[topic] = []
    return _with_description(ctx, found) if with_description else found


# The topics of a sentence that can say what the project is (not the situation, not money).
LEAD_TOPICS = ("zusammenfassung", "massnahmen", "ziele")


def lead_sentence(sentences: Iterable[Sentence]) -> Sentence | None:
    """The description's first sentence that says what the project is or does."""
    return next((s for s in sentences if s.topic in LEAD_TOPICS and not s.bullet), None)


def _covered(ctx: DraftContext, found: dict[str, list[Piece]]) -> set[str]:
    """Topics the details already speak for: their own words or structured facts."""
    covered = {t for t, pieces in found.items() if any(p.user for p in pieces)}
    covered |= {"zielgruppen"} if ctx.details.target_group else set()
    covered |= {"massnahmen"} if ctx.details.activities else set()
    covered |= {"ziele"} if ctx.details.goals else set()
    covered |= {"kooperation"} if ctx.profile.details and ctx.profile.details.partners else set()
    if ctx.profile.details is not None:
        # Money is the plan's (or, without one, the profile's amounts): a euro sentence of the
        # description next to the finance paragraph reads like a stray line.
        covered.add("finanzierung")
    return covered


def description_use(
    ctx: DraftContext, found: dict[str, list[Piece]]
) -> tuple[dict[str, list[Sentence]], Sentence | None, list[Sentence]]:
    """How the description is used: its sentences by topic, the lead sentence (with details),
    and the sentences left out because the details already cover their topic."""
    covered = _covered(ctx, found)
    lead = lead_sentence(ctx.sentences) if ctx.profile.details is not None else None
    by_topic: dict[str, list[Sentence]] = {}
    unused: list[Sentence] = []
    for sentence in ctx.sentences:
        if sentence is lead:
            continue
        topic = sentence.topic
        if topic in covered:
            unused.append(sentence)  # listed in the working version, never silently lost
            continue
        if topic not in found:
            topic = "zusammenfassung"
        by_topic.setdefault(topic, []).append(sentence)
    return by_topic, lead, unused


def unused_sentences(ctx: DraftContext) -> list[Sentence]:
    """The description's sentences no section carries (for the working version's list)."""
    return description_use(ctx, topic_pieces(ctx, OUTLINE_TOPICS, with_description=False))[2]


def _with_description(ctx: DraftContext, found: dict[str, list[Piece]]) -> dict[str, list[Piece]]:
    """Rule 4: each description sentence once, under its topic unless details cover it; with
    details the sentence that says what the project is leads (change 1 of the review)."""
    by_topic, lead, _ = description_use(ctx, found)
    if lead is not None and lead.topic == "zusammenfassung":
        # The summary's other sentences of the description follow the lead in one paragraph.
        with_lead = [lead, *by_topic.pop("zusammenfassung", [])]
        lead = Sentence(_paragraphs(with_lead), lead.topic, lead.position)
    for topic, sentences in by_topic.items():
        piece = Piece(topic, _paragraphs(sentences), "Projektbeschreibung", user=True)
        # The user's words come first, the summary's generated sentences after them.
        found.setdefault(topic, []).insert(0, piece)
    if lead is not None:
        found.setdefault(lead.topic, []).insert(
            0,
            Piece(
                lead.topic, lead.text, "Projektbeschreibung (was das Vorhaben ist)", True, "lead"
            ),
        )
    return found


def _paragraphs(sentences: list[Sentence]) -> str:
    """Sentences back into text: running sentences joined, list items as "- " lines."""
    blocks: list[list[str]] = []
    last_bullet: bool | None = None
    for s in sentences:
        if last_bullet is None or s.bullet != last_bullet:
            blocks.append([])
        blocks[-1].append(f"- {s.text}" if s.bullet else s.text)
        last_bullet = s.bullet
    out = []
    for block in blocks:
        out.append("\n".join(block) if block[0].startswith("- ") else " ".join(block))
    return "\n\n".join(out)
