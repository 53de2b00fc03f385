"""The one builder of an application draft: profile, programme, applicant and plan in, the export
document out (web and CLI both call it; drafting contract §§ 3-6).

The sections are composed from the facts (stored texts the user edited are kept as written);
every amount comes from a plan whose verdict is not ``errors``. The version for the grantor is
refused with a German list of what is missing (``DraftNotReady``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from funding_matcher.domain.applications.applicant import Applicant
from funding_matcher.domain.applications.checklist import build_checklist, item_kind
from funding_matcher.domain.applications.compose import compose, guidance
from funding_matcher.domain.applications.declarations import declarations
from funding_matcher.domain.applications.draft_checks import (
    applicant_points,
    description_points,
    open_points,
    profile_points,
    section_points,
)
from funding_matcher.domain.applications.facts import (
    context,
    profile_period,
    topic_pieces,
    unused_sentences,
)
from funding_matcher.domain.applications.finance import (
    Figure,
    figure_mismatches,
    finance_pieces,
    provisional_pieces,
)
from funding_matcher.domain.applications.fixed_blocks import (
    attachment_title,
    cover,
    filing_date,
    signature_lines,
)
from funding_matcher.domain.applications.outline import outline_of
from funding_matcher.domain.applications.short_form import (
    SHORT_FORM_LIMIT,
    short_form_missing,
    short_form_sections,
)
from funding_matcher.domain.applications.topics import topics_in_words
from funding_matcher.domain.applications.wording import vocabulary, with_article
from funding_matcher.domain.budget import BudgetReport, de_minimis_declaration
from funding_matcher.domain.catalogue.records import OUTLINE_TOPICS, Programme
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.exports import ApplicationDocument, ChecklistItem, OpenCheck, Section
from funding_matcher.domain.matching.amounts import provisional_request
from funding_matcher.domain.profile import Profile

VERSIONS = ("arbeitsfassung", "einreichung")
PLAN_MISSING = (
    "Es fehlt ein Kosten- und Finanzierungsplan ohne Fehler: Bitte den Plan erfassen und "
    "speichern; alle Beträge des Antrags kommen aus ihm."
)


class DraftNotReady(InvalidData):
    """The version for the grantor cannot be written yet; ``missing`` says why, in German."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__([FieldProblem("version", text) for text in missing])


@dataclass(frozen=True)
class StoredSection:
    """A section as the application stores it; ``prefilled``: still the tool's text."""

    key: str
    title: str
    text: str
    prefilled: bool = True


@dataclass(frozen=True)
class StoredItem:
    """A checklist item as the application stores it."""

    key: str
    title: str
    required: bool
    done: bool
    note: str = ""


@dataclass(frozen=True)
class DraftRequest:
    """Everything a draft is built from; ``sections`` and ``checklist`` None: fresh (CLI)."""

    profile: Profile
    programme: Programme
    today: date
    applicant: Applicant = field(default_factory=Applicant)
    report: BudgetReport | None = None
    version: str = "arbeitsfassung"
    created_on: date | None = None
    status_label: str = ""
    deadline: date | None = None
    sections: Sequence[StoredSection] | None = None
    checklist: Sequence[StoredItem] | None = None
    submitted_eur: Decimal | None = None  # the amount entered on submission without a plan


def plan_for_draft(report: BudgetReport | None) -> BudgetReport | None:
    """The plan a draft may use: only one whose verdict is not ``errors``."""
    return report if report is not None and report.verdict != "errors" else None


def requested_amount(
    profile: Profile,
    plan: BudgetReport | None,
    programme: Programme | None,
    submitted: Decimal | None = None,
) -> tuple[Decimal | None, bool]:
    """The requested amount (plan's grant, else the amount entered on submission, else the
    profile's need within the programme's cap) and whether it is provisional."""
    if plan is not None:
        return plan.figures.grant, False
    if submitted is not None:
        return submitted, False
    return provisional_request(programme, profile), True


def is_short_form(programme: Programme, requested: Decimal | None) -> bool:
    """§ 6: requested at most 10.000,00 € (the tool's default) or the programme says so."""
    return bool(programme.short_form) or (requested is not None and requested <= SHORT_FORM_LIMIT)


def build_draft(request: DraftRequest) -> ApplicationDocument:
    """The export document of one version; DraftNotReady for an einreichung not ready yet."""
    if request.version not in VERSIONS:
        raise InvalidData(
            [FieldProblem("version", "Fassung arbeitsfassung oder einreichung angeben")]
        )
    r = request
    profile, programme = r.profile, r.programme
    applicant = r.applicant.with_name(profile.organisation)
    plan = plan_for_draft(r.report)
    requested, provisional = requested_amount(profile, plan, programme, r.submitted_eur)
    short = is_short_form(programme, requested)
    period = (plan.budget.period.start, plan.budget.period.end) if plan else None
    words = vocabulary(programme.level)
    ctx = context(
        profile,
        applicant,
        _short_title(programme),
        period or profile_period(profile),
        requested,
        provisional,
        words,
    )
    pieces = topic_pieces(ctx, OUTLINE_TOPICS)
    figures: list[Figure] = []
    if plan is not None:
        who = with_article(applicant.name) if applicant.name else "Der Antragsteller"
        money, figures = finance_pieces(plan, applicant=who, words=words)
        pieces["finanzierung"] += money
        if requested is not None:
            figures.append(Figure("grant_eur", requested))
    elif r.version == "arbeitsfassung":
        pieces["finanzierung"] += provisional_pieces(profile, requested, submitted=not provisional)
    # What an edited section still gets from the tool: the plan's figures, always current.
    generated_money = {id(p) for p in pieces["finanzierung"] if not p.user}

    four_blocks = short and not programme.outline_sections
    notes: list[OpenCheck] = []
    if four_blocks:
        sections, plan_text, applicant_text = short_form_sections(ctx, pieces)
        missing = short_form_missing(profile) if r.version == "einreichung" else []
    else:
        outline = outline_of(programme)
        composition = compose([s.title for s in outline], [s.topics for s in outline], pieces)
        stored = _matching_stored(r.sections, [s.title for s in outline])
        # The plan's tables go where its topic is placed: the first section carrying it.
        plan_index = next((i for i, s in enumerate(outline) if "finanzierung" in s.topics), -1)
        sections = []
        for i, (spec, composed) in enumerate(zip(outline, composition.sections, strict=True)):
            text = composed.text
            keep = stored[i] if stored else None
            if keep is not None and (not keep.prefilled or not spec.topics):
                # Edited by the user, or a record without topics: the stored text as it is.
                # The plan's figures are always added fresh.
                added = [p.text for p in composed.pieces if id(p) in generated_money]
                text = "\n\n".join(t for t in [keep.text.strip(), *added] if t)
            sections.append(
                Section(
                    key=keep.key if keep else spec.key,
                    title=spec.title,
                    text=text,
                    limit_chars=spec.limit_chars,
                    guidance="" if short else guidance(spec.topics),
                    moved=tuple(composed.moved_notes()),
                    plan=i == plan_index,
                )
            )
        plan_text = [p.text for p in composition.plan]
        applicant_text = [p.text for p in composition.applicant if p.user]
        prefilled = [
            not (stored and stored[i] and not stored[i].prefilled) for i in range(len(outline))
        ]
        notes = section_points(composition, prefilled)
        missing = []
        if r.version == "einreichung":
            for i, (spec, section) in enumerate(zip(outline, sections, strict=True)):
                if plan is None and set(spec.topics) == {"finanzierung"}:
                    continue  # the missing plan is named once, below
                if not section.text.strip() and not (section.plan and plan is not None):
                    missing.append(_empty_message(spec.title, spec.topics, composition, i))
    if r.version == "einreichung":
        if plan is None:
            missing.insert(0, _plan_message(r.report))
        else:
            missing += figure_mismatches(figures, plan)
        if missing:
            raise DraftNotReady(missing)

    checklist = _checklist(r, programme, profile, applicant)
    filed_on, date_note = filing_date(plan, [s.text for s in sections])
    checks = [
        *open_points(plan, sections, applicant),
        *([OpenCheck("warning", date_note, "draft")] if date_note else []),
        *notes,
        *description_points(unused_sentences(ctx)),
        *profile_points(profile, plan),
        *applicant_points(applicant),
    ]
    return ApplicationDocument(
        title=profile.title,
        programme_title=programme.title,
        programme_slug=programme.slug,
        funder=programme.funder,
        applicant=applicant.name or "Antragsteller",
        municipality=profile.municipality,
        created_on=r.created_on or r.today,
        status_label=r.status_label,
        sections=sections,
        checklist=checklist,
        budget=r.report,
        de_minimis=_de_minimis(plan, applicant),
        source_url=programme.source_url,
        checked_on=programme.checked_on,
        deadline=r.deadline,
        exported_on=r.today,
        version=r.version,
        short_form=short,
        cover=cover(
            profile,
            programme,
            applicant,
            plan,
            (requested, provisional),
            words,
            filed_on,
            r.version == "einreichung",
        ),
        applicant_rows=applicant.rows(),
        applicant_text=applicant_text,
        plan_text=plan_text,
        plan_heading="Kostenplan (Einzelansätze)"
        if four_blocks
        else "Kosten- und Finanzierungsplan",
        plan_problem=_plan_message(r.report) if plan is None else "",
        declarations=declarations(programme, applicant, plan),
        signature=signature_lines(applicant),
        checks=checks,
    )


def _short_title(programme: Programme) -> str:
    """The programme's short title for running text (a stand-in record may have none)."""
    return getattr(programme, "short_title", None) or programme.title


def _plan_message(report: BudgetReport | None) -> str:
    if report is None:
        return PLAN_MISSING
    errors = [c.message for c in report.checks if c.level == "error"]
    return (
        f"Der Kosten- und Finanzierungsplan hat noch {len(errors)} Fehler und wird deshalb "
        f"nicht verwendet: {'; '.join(errors)}"
    )


def _matching_stored(
    stored: Sequence[StoredSection] | None, titles: list[str]
) -> list[StoredSection | None] | None:
    """The stored sections by position of the outline (matched by title if the order moved)."""
    if not stored:
        return None
    by_title: dict[str, StoredSection] = {}
    for s in stored:
        by_title.setdefault(s.title, s)
    if [s.title for s in stored] == titles:
        return list(stored)
    return [by_title.get(t) for t in titles]


def _checklist(
    r: DraftRequest, programme: Programme, profile: Profile, applicant: Applicant
) -> list[ChecklistItem]:
    if r.checklist is None:
        entries = build_checklist(programme, profile)
        items = [StoredItem(e.key, e.title, e.required, False, e.note) for e in entries]
    else:
        items = list(r.checklist)
    # Titled as the documents the applicant block knows (review 2026-12-07, change 5).
    return [
        ChecklistItem(
            attachment_title(i.key, i.title, applicant, profile),
            i.required,
            i.done,
            i.note,
            item_kind(i.key, i.title),
        )
        for i in items
    ]


def _empty_message(title: str, topics, composition, index: int) -> str:
    """'Abschnitt „…“ ist leer (Angaben zu: …)', saying where those facts already stand when
    an earlier section carries every topic of this one."""
    asks = [t for t in topics if t not in ("finanzierung",)]
    if not asks:
        return f"Abschnitt „{title}“ ist leer."
    earlier = composition.said_before(index)
    if earlier and set(asks) <= set(earlier):
        where = "“, „".join(sorted({composition.sections[i].title for i in earlier.values()}))
        return (
            f"Abschnitt „{title}“ ist leer (Angaben zu: {topics_in_words(asks)}; sie stehen "
            f"schon im Abschnitt „{where}“ – diesen Abschnitt bitte selbst schreiben)."
        )
    return f"Abschnitt „{title}“ ist leer (Angaben zu: {topics_in_words(asks)})."


def _de_minimis(plan: BudgetReport | None, applicant: Applicant):
    """The De-minimis-Erklärung from the plan, when the programme's terms say it is such aid."""
    if plan is None or plan.terms.de_minimis.value not in ("general", "dawi"):
        return None
    return de_minimis_declaration(
        applicant.name or "Antragsteller",
        plan.budget.de_minimis_received,
        plan.budget.applied_on,
        plan.terms.de_minimis.value,
        plan.figures.grant,
    )
