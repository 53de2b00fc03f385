"""Markdown export: the outline and the plan as plain text for pasting into funders' web forms.

Headings with #, the plan as GitHub-style tables, the attachments as a task list. Section texts
stay as the user wrote them (a web form takes them verbatim), with two exceptions, because a
Markdown file is also shown as HTML by many tools: no raw HTML passes (``<`` becomes ``&lt;``),
and a link may only lead to http(s) or mailto (any other target, ``javascript:`` above all, is
written as plain text). Table cells are escaped as well.
"""

from __future__ import annotations

import re

from .blocks import (
    Block,
    BulletList,
    Checklist,
    Facts,
    Heading,
    Paragraph,
    Row,
    Table,
    TitlePage,
)
from .content import build_blocks
from .document import ApplicationDocument

_ALLOWED_TARGET = r"\s*(?:https?://|mailto:)"
# "<" starts raw HTML or an autolink; only an autolink to an allowed target may stay.
_TAG_START = re.compile(r"<(?!(?:https?://|mailto:)[^\s<>\"'`]*>)", re.IGNORECASE)
# "](" starts an inline link's target, "]:" a reference definition's.
_LINK_TARGET = re.compile(rf"\]\((?!{_ALLOWED_TARGET})", re.IGNORECASE)
_DEFINITION = re.compile(rf"\]:(?!{_ALLOWED_TARGET})", re.IGNORECASE)


def safe_text(text: str) -> str:
    """Text that renders as itself: no HTML, links only to http(s) and mailto."""
    text = _TAG_START.sub("&lt;", text)
    text = _LINK_TARGET.sub("]\\(", text)
    return _DEFINITION.sub("]\\:", text)


def export_markdown(doc: ApplicationDocument) -> str:
    """The application as Markdown text (UTF-8 when encoded), ending in one newline."""
    parts = [safe_text(_block(block)) for block in build_blocks(doc)]
    return "\n\n".join(part for part in parts if part).rstrip() + "\n"


def _block(block: Block) -> str:
    if isinstance(block, TitlePage):
        return _title(block)
    if isinstance(block, Heading):
        return f"{'#' * (block.level + 1)} {_one_line(block.text)}"
    if isinstance(block, Paragraph):
        if block.tone == "note":
            return f"_{block.text}_"
        if block.tone == "warning":
            return f"**{block.text}**"
        return block.text
    if isinstance(block, BulletList):
        return "\n".join(
            f"- **{item.lead}** {item.text}" if item.lead else f"- {item.text}"
            for item in block.items
        )
    if isinstance(block, Facts):
        return "\n".join(f"- **{label}:** {_one_line(value)}" for label, value in block.rows)
    if isinstance(block, Checklist):
        return "\n".join(
            f"- [{'x' if task.done else ' '}] {task.text} "
            f"({'Pflicht' if task.required else 'optional'})"
            + (f" – {_one_line(task.note)}" if task.note else "")
            for task in block.tasks
        )
    return _table(block)


def _title(page: TitlePage) -> str:
    facts = "\n".join(f"- **{label}:** {value}" for label, value in page.facts)
    kicker = f"**{page.mark}** – {page.kicker}" if page.mark else page.kicker
    text = f"# {_one_line(page.title)}\n\n{kicker}\n\n{facts}"
    return f"{text}\n\n_{page.remark}_" if page.remark else text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def _table(table: Table) -> str:
    head = "| " + " | ".join(_cell(c.title) for c in table.columns) + " |"
    rule = "| " + " | ".join("---:" if c.align == "right" else "---" for c in table.columns) + " |"
    return "\n".join([head, rule, *(_row(row) for row in table.rows)])


def _row(row: Row) -> str:
    cells = [_cell(text) for text in row.cells]
    if row.kind == "group":
        cells[0] = f"**{cells[0]}**"
    elif row.kind in ("subtotal", "total"):
        cells = [f"**{text}**" if text else "" for text in cells]
    return "| " + " | ".join(cells) + " |"
