"""One application as the ordered blocks that DOCX, PDF and Markdown all render."""

from __future__ import annotations

from .blocks import (
    Block,
    BulletList,
    Checklist,
    Heading,
    Item,
    Paragraph,
    Task,
    TitlePage,
    clean,
    text_blocks,
)
from .document import ApplicationDocument, Section, count, normalised, open_checks
from .plan import de_minimis_blocks, plan_blocks

DRAFT_MARK = "ENTWURF"
NO_PLAN = (
    "Für diesen Antrag wurde noch kein Kosten- und Finanzierungsplan erfasst. Legen Sie ihn im "
    "Fördermittel-Matcher an, damit Zuwendung, Förderquote und Eigenanteil geprüft werden."
)
NO_SECTIONS = "Für diesen Antrag ist noch keine Gliederung angelegt."
EMPTY_SECTION = "[Noch kein Text]"

# The headings every format shows (tests and the DOCX navigation pane rely on them).
H_OUTLINE = "Vorhabenbeschreibung"
H_PLAN = "Kosten- und Finanzierungsplan"
H_DE_MINIMIS = "De-minimis-Erklärung (Entwurf)"
H_ATTACHMENTS = "Anlagen"
H_OPEN = "Vor dem Einreichen prüfen"
H_SOURCE = "Quelle und Stand der Programmangaben"


def title_page(doc: ApplicationDocument) -> TitlePage:
    """The cover: draft mark, programme, project title and the key facts."""
    facts = [("Antragsteller", clean(doc.applicant))]
    if doc.municipality:
        facts.append(("Kommune", clean(doc.municipality)))
    facts.append(("Förderprogramm", clean(doc.programme_title)))
    if doc.funder:
        facts.append(("Fördergeber", clean(doc.funder)))
    if doc.deadline is not None:
        facts.append(("Einreichungsfrist", f"{doc.deadline:%d.%m.%Y}"))
    if doc.status_label:
        facts.append(("Bearbeitungsstand", clean(doc.status_label)))
    facts.append(("Angelegt am", f"{doc.created_on:%d.%m.%Y}"))
    facts.append(("Stand", f"{doc.stand:%d.%m.%Y}"))
    return TitlePage(
        mark=DRAFT_MARK,
        kicker=f"Antrag auf Förderung aus dem Programm „{clean(doc.programme_title)}“",
        title=clean(doc.title),
        facts=tuple(facts),
        remark=(
            "Entwurf aus dem Fördermittel-Matcher, nicht eingereicht. Vor dem Einreichen prüfen "
            "und in die Formulare des Fördergebers übertragen."
        ),
    )


def section_blocks(section: Section) -> list[Block]:
    """One outline section: its heading, its text and, if the funder limits it, the length."""
    blocks: list[Block] = [Heading(clean(section.title), 2)]
    text = normalised(section.text)
    blocks += text_blocks(text) if text else [Paragraph(EMPTY_SECTION, "warning")]
    if section.limit_chars is not None:
        chars, limit = section.chars, section.limit_chars
        if chars > limit:
            blocks.append(
                Paragraph(
                    f"{count(chars)} Zeichen (mit Leerzeichen), {count(chars - limit)} mehr als "
                    f"die erlaubten {count(limit)}.",
                    "warning",
                )
            )
        else:
            blocks.append(
                Paragraph(
                    f"{count(chars)} von höchstens {count(limit)} Zeichen (mit Leerzeichen).",
                    "note",
                )
            )
    return blocks


def source_text(doc: ApplicationDocument) -> str:
    """Where the programme facts come from, when they were checked, and the advice to verify."""
    where = f" stammen aus {doc.source_url}" if doc.source_url else ""
    when = (
        f" und wurden zuletzt am {doc.checked_on:%d.%m.%Y} geprüft"
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
    """Title page, outline, plan, De-minimis, attachments, open checks, source, in this order."""
    blocks: list[Block] = [title_page(doc), Heading(H_OUTLINE, 1)]
    if doc.sections:
        for section in doc.sections:
            blocks += section_blocks(section)
    else:
        blocks.append(Paragraph(NO_SECTIONS, "warning"))
    blocks.append(Heading(H_PLAN, 1))
    blocks += plan_blocks(doc.budget) if doc.budget is not None else [Paragraph(NO_PLAN, "warning")]
    if doc.de_minimis is not None:
        blocks += [Heading(H_DE_MINIMIS, 1), *de_minimis_blocks(doc.de_minimis)]
    blocks.append(Heading(H_ATTACHMENTS, 1))
    if doc.checklist:
        blocks.append(
            Checklist(
                tuple(
                    Task(clean(item.title), item.done, item.required, clean(item.note))
                    for item in doc.checklist
                )
            )
        )
    else:
        blocks.append(Paragraph("Für diesen Antrag sind keine Anlagen erfasst."))
    blocks.append(Heading(H_OPEN, 1))
    checks = open_checks(doc)
    if checks:
        blocks.append(BulletList(tuple(Item(clean(c.text), f"{c.label}:") for c in checks)))
    else:
        blocks.append(
            Paragraph(
                "Keine offenen Punkte gefunden: Finanzplan ohne Beanstandung, alle "
                "Pflichtunterlagen liegen vor, alle Abschnitte sind ausgefüllt."
            )
        )
    blocks += [Heading(H_SOURCE, 1), Paragraph(source_text(doc))]
    return blocks
