"""A small, format-neutral layout model: what DOCX, PDF and Markdown each render their own way.

``content.build_blocks`` turns an application into a list of these blocks once, with every
number already formatted in German, so the three text formats cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "right"]
RowKind = Literal["body", "group", "subtotal", "total"]
Tone = Literal["body", "note", "warning"]

# Characters XML 1.0 forbids (python-docx and openpyxl refuse them); text pasted from PDFs or
# old word processors brings them along, and they carry nothing a reader could see.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text safe for every format: XML-forbidden control characters removed, line ends ``\\n``."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def keep_units(text: str) -> str:
    """Non-breaking space before € and %, so "151.013,25 €" never wraps in a narrow cell."""
    return text.replace(" €", "\u00a0€").replace(" %", "\u00a0%")


@dataclass(frozen=True)
class Heading:
    """A heading of level 1 or 2 (Word's Heading 1/2, PDF outline, Markdown ##/###)."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """Running text; ``note`` is small print, ``warning`` stands out."""

    text: str
    tone: Tone = "body"


@dataclass(frozen=True)
class Item:
    """A list entry with an optional bold lead-in (``Fehler:``)."""

    text: str
    lead: str = ""


@dataclass(frozen=True)
class BulletList:
    """An unnumbered list."""

    items: tuple[Item, ...]


@dataclass(frozen=True)
class Column:
    """A table column: title, relative width and alignment (amounts right)."""

    title: str
    width: float
    align: Align = "left"


@dataclass(frozen=True)
class Row:
    """A table row; ``group`` rows carry a caption in the first cell, sums are bold."""

    cells: tuple[str, ...]
    kind: RowKind = "body"


@dataclass(frozen=True)
class Table:
    """A table with a header row (repeated on each page where the format allows it)."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Task:
    """One attachment of the checklist: done or open, required or optional."""

    text: str
    done: bool
    required: bool
    note: str = ""


@dataclass(frozen=True)
class Checklist:
    """The attachment checklist (a task list in Markdown, a table in DOCX and PDF)."""

    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class TitlePage:
    """The cover: mark (working version only), programme, title, key facts as label/value pairs.

    ``compact`` (the short form) puts it at the top of the first page: no page of its own, no
    table of contents.
    """

    mark: str
    kicker: str
    title: str
    facts: tuple[tuple[str, str], ...]
    remark: str
    compact: bool = False


@dataclass(frozen=True)
class Facts:
    """Label/value pairs shown like a form's fields (the Antragsteller block)."""

    rows: tuple[tuple[str, str], ...]


Block = Heading | Paragraph | BulletList | Table | Checklist | TitlePage | Facts


def text_blocks(text: str) -> list[Block]:
    """Plain text as paragraphs (split at blank lines) and bullet lists (lines "- ", "* ", "• ");
    a lead-in line directly above a list ("Das Vorhaben verfolgt drei Ziele:") stays a paragraph."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", clean(text).strip()):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        run: list[str] = []
        items: list[Item] = []
        for line in lines:
            bullet = re.match(r"\s*[-*•]\s+(.*)", line)
            if bullet:
                if run:
                    blocks.append(Paragraph("\n".join(run)))
                    run = []
                items.append(Item(bullet.group(1)))
            else:
                if items:
                    blocks.append(BulletList(tuple(items)))
                    items = []
                run.append(line.strip())
        if run:
            blocks.append(Paragraph("\n".join(run)))
        if items:
            blocks.append(BulletList(tuple(items)))
    return blocks


def checklist_table(checklist: Checklist) -> Table:
    """The checklist as a table, for formats without task lists (DOCX, PDF)."""
    columns = (
        Column("Unterlage", 0.42),
        Column("Art", 0.14),
        Column("Stand", 0.14),
        Column("Hinweis", 0.30),
    )
    rows = tuple(
        Row(
            (
                task.text,
                "Pflicht" if task.required else "optional",
                "liegt vor" if task.done else "fehlt",
                task.note,
            )
        )
        for task in checklist.tasks
    )
    return Table(columns, rows)
