"""One application as the ordered blocks that DOCX, PDF and Markdown all render.

Two versions (drafting contract § 5): the working version (``arbeitsfassung``) carries guidance,
facts placed by fallback, empty sections marked, open checks and the programme source; the
version for the grantor (``einreichung``) carries none of them, no draft mark and no
placeholder. Both carry the Antragsteller block, the Erklärungen and the Anlagenverzeichnis.
"""

from __future__ import annotations

from funding_matcher.domain.german import format_date, format_number

from .blocks import (
    Block,
    BulletList,
    Checklist,
    Facts,
    Heading,
    Item,
    Paragraph,
    Task,
    TitlePage,
    clean,
    text_blocks,
)
from .document import ApplicationDocument, Section, normalised, open_checks
from .plan import de_minimis_blocks, plan_blocks

DRAFT_MARK = "ARBEITSFASSUNG"
NO_PLAN = (
    "Für diesen Antrag wurde noch kein Kosten- und Finanzierungsplan erfasst. Legen Sie ihn im "
    "Fördermittel-Matcher an, damit Zuwendung, Förderquote und Eigenanteil geprüft werden."
)
NO_SECTIONS = "Für diesen Antrag ist noch keine Gliederung angelegt."
EMPTY_SECTION = "Noch leer: Bitte die Fragen zu diesem Abschnitt auf der Antragsseite beantworten."

# The headings every format shows (tests and the DOCX navigation pane rely on them).
H_APPLICANT = "Antragsteller"
H_PLAN = "Kosten- und Finanzierungsplan"
H_DE_MINIMIS = "De-minimis-Erklärung"
H_DECLARATIONS = "Erklärungen"
H_ATTACHMENTS = "Anlagenverzeichnis"
H_CONDITIONS = "Fördervoraussetzungen (bitte prüfen)"
H_OPEN = "Vor dem Einreichen prüfen"
H_SOURCE = "Quelle und Stand der Programmangaben"


def title_page(doc: ApplicationDocument) -> TitlePage:
    """The cover: programme, project title and the key facts; the mark in the working version."""
    facts = list(doc.cover) or [("Antragsteller", clean(doc.applicant))]
    if not doc.cover:
        if doc.municipality:
            facts.append(("Kommune", clean(doc.municipality)))
        facts.append(("Förderprogramm", clean(doc.programme_title)))
        if doc.funder:
            facts.append(("Fördergeber", clean(doc.funder)))
    if not doc.submission:
        if doc.deadline is not None:
            facts.append(("Einreichungsfrist", format_date(doc.deadline)))
        if doc.status_label:
            facts.append(("Bearbeitungsstand", clean(doc.status_label)))
    if not doc.cover:
        # A draft's cover carries its own date (the filing date, or none yet).
        facts.append(("Datum", format_date(doc.stand)))
    return TitlePage(
        mark="" if doc.submission else DRAFT_MARK,
        kicker=f"Antrag auf Förderung aus dem Programm „{clean(doc.programme_title)}“",
        title=clean(doc.title),
        facts=tuple(facts),
        remark=""
        if doc.submission
        else (
            "Arbeitsfassung aus dem Fördermittel-Matcher mit Hinweisen und offenen Punkten; "
            "zum Einreichen die Einreichungsfassung erzeugen."
        ),
        compact=doc.short_form,
    )


def section_blocks(section: Section, doc: ApplicationDocument) -> list[Block]:
    """One outline section: heading, (guidance,) text, (length,) (moved facts,) (plan)."""
    working = not doc.submission
    blocks: list[Block] = [Heading(clean(section.title), 1)]
    if working and section.guidance:
        blocks.append(Paragraph(f"Hinweis: {section.guidance}", "note"))
    text = normalised(section.text)
    if text:
        blocks += text_blocks(text)
    elif working and not (section.plan and doc.plan):
        blocks.append(Paragraph(EMPTY_SECTION, "warning"))
    if working and section.limit_chars is not None:
        blocks.append(_limit_note(section))
    if working and section.moved:
        blocks.append(
            Paragraph(
                "Hierher gesetzt, weil kein eigener Abschnitt dafür vorgesehen ist: "
                + "; ".join(section.moved)
                + ".",
                "note",
            )
        )
    if section.plan:
        blocks += _plan(doc)
    return blocks


def _limit_note(section: Section) -> Paragraph:
    chars, limit = section.chars, section.limit_chars or 0
    if chars > limit:
        return Paragraph(
            f"{format_number(chars)} Zeichen (mit Leerzeichen), "
            f"{format_number(chars - limit)} mehr als die erlaubten {format_number(limit)}.",
            "warning",
        )
    return Paragraph(
        f"{format_number(chars)} von höchstens {format_number(limit)} Zeichen (mit Leerzeichen).",
        "note",
    )


def _plan(doc: ApplicationDocument) -> list[Block]:
    """The plan's tables, or in the working version why there are none."""
    if doc.plan is not None:
        return plan_blocks(doc.plan, short=doc.short_form)
    if doc.submission:
        return []
    reason = doc.plan_problem or NO_PLAN
    return [Paragraph(reason, "warning")]


def applicant_blocks(doc: ApplicationDocument) -> list[Block]:
    """The Antragsteller block: the organisation's facts as a two-column table."""
    rows = tuple(doc.applicant_rows) or (("Name", clean(doc.applicant)),)
    blocks: list[Block] = [Heading(H_APPLICANT, 1), Facts(rows)]
    for text in doc.applicant_text:
        blocks += text_blocks(text)
    return blocks


def declaration_blocks(doc: ApplicationDocument) -> list[Block]:
    """The Erklärungen with the signature line."""
    if not doc.declarations:
        return []
    items = tuple(Item(text) for text in doc.declarations)
    blocks: list[Block] = [
        Heading(H_DECLARATIONS, 1),
        Paragraph("Der Antragsteller erklärt:"),
        BulletList(items),
    ]
    # One paragraph per line: place and date, then one signature line per representative.
    blocks += [Paragraph(line) for line in doc.signature.split("\n") if line.strip()]
    return blocks


def attachment_blocks(doc: ApplicationDocument) -> list[Block]:
    """The Anlagenverzeichnis: documents only, numbered; the working version shows their state."""
    documents = [item for item in doc.checklist if item.kind == "document"]
    if doc.submission:
        # The grantor gets what is attached: every required document and optional ones at hand.
        documents = [item for item in documents if item.required or item.done]
    blocks: list[Block] = [Heading(H_ATTACHMENTS, 1)]
    if not documents:
        blocks.append(Paragraph("Diesem Antrag liegen keine Anlagen bei."))
        return blocks
    if doc.submission:
        blocks.append(
            BulletList(
                tuple(
                    Item(clean(item.title), f"Anlage {i}:") for i, item in enumerate(documents, 1)
                )
            )
        )
    else:
        blocks.append(
            Checklist(
                tuple(
                    Task(clean(item.title), item.done, item.required, clean(item.note))
                    for item in documents
                )
            )
        )
    return blocks


def condition_blocks(doc: ApplicationDocument) -> list[Block]:
    """The programme's conditions, apart from the documents (working version only)."""
    conditions = [item for item in doc.checklist if item.kind == "condition"]
    if doc.submission or not conditions:
        return []
    return [
        Heading(H_CONDITIONS, 1),
        BulletList(
            tuple(
                Item(clean(item.title), "erfüllt:" if item.done else "offen:")
                for item in conditions
            )
        ),
    ]


def source_text(doc: ApplicationDocument) -> str:
    """Where the programme facts come from, when they were checked, and the advice to verify."""
    where = f" stammen aus {doc.source_url}" if doc.source_url else ""
    when = (
        f" und wurden zuletzt am {format_date(doc.checked_on)} geprüft"
        if doc.checked_on is not None
        else "; das Datum der letzten Prüfung ist nicht bekannt"
    )
    return (
        f"Die Angaben zum Programm „{clean(doc.programme_title)}“{where}{when}. "
        "Förderbedingungen, Fristen und Vordrucke ändern sich: Maßgeblich ist allein die "
        "aktuelle Förderrichtlinie bzw. der Förderaufruf des Fördergebers. Bitte prüfen Sie "
        "die Angaben dort vor dem Einreichen."
    )


def build_blocks(doc: ApplicationDocument) -> list[Block]:
    """Cover, Antragsteller, sections (with the plan), Erklärungen, Anlagen; the working
    version adds conditions, open checks and the programme source."""
    blocks: list[Block] = [title_page(doc), *applicant_blocks(doc)]
    if doc.sections:
        for section in doc.sections:
            blocks += section_blocks(section, doc)
    elif not doc.submission:
        blocks.append(Paragraph(NO_SECTIONS, "warning"))
    if not any(section.plan for section in doc.sections):
        plan = _plan(doc)
        if plan or doc.plan_text:
            blocks.append(Heading(doc.plan_heading, 1))
            for text in doc.plan_text:
                blocks += text_blocks(text)
            blocks += plan
    if doc.de_minimis is not None:
        blocks += [Heading(H_DE_MINIMIS, 1), *de_minimis_blocks(doc.de_minimis)]
    blocks += declaration_blocks(doc)
    blocks += attachment_blocks(doc)
    if doc.submission:
        return blocks
    blocks += condition_blocks(doc)
    blocks.append(Heading(H_OPEN, 1))
    checks = open_checks(doc)
    if checks:
        blocks.append(BulletList(tuple(Item(clean(c.text), f"{c.label}:") for c in checks)))
    else:
        blocks.append(
            Paragraph(
                "Keine offenen Punkte gefunden: Finanzplan ohne Beanstandung, alle "
                "Anlagen liegen vor, alle Abschnitte sind ausgefüllt."
            )
        )
    blocks += [Heading(H_SOURCE, 1), Paragraph(source_text(doc))]
    return blocks
