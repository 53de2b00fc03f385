"""DOCX export with python-docx: title page, real Word headings, the plan as Word tables.

Headings use the styles Heading 1/2, so Word's navigation pane lists them and the table of
contents field (filled in by Word on opening, F9 later) finds them. With an organisation's
template the letterhead, page setup and styles are kept and only the body is written.
"""

from __future__ import annotations

import io
from datetime import datetime

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from ..blocks import (
    Block,
    BulletList,
    Checklist,
    Facts,
    Heading,
    Paragraph,
    Table,
    TitlePage,
    checklist_table,
    keep_units,
)
from ..content import build_blocks
from ..document import ApplicationDocument
from .base import DARK_BLUE, new_document, open_template, table_styles
from .xml import field, repeat_header, set_cell_border, set_shading, set_table_borders

RED = RGBColor(0xC0, 0x00, 0x00)
GREY = RGBColor(0x59, 0x59, 0x59)
HEADER_FILL = "D9E2F3"
GROUP_FILL = "F2F2F2"


def export_docx(doc: ApplicationDocument, template: bytes | None = None) -> bytes:
    """The application as a .docx file; ``template`` is an optional .docx/.dotx letterhead.

    Raises InvalidData (field ``template``) if the template is not a readable Word file.
    """
    document = open_template(template) if template is not None else new_document()
    blocks = build_blocks(doc)
    writer = _Writer(document, own_layout=template is None)
    if template is None:
        writer.page_furniture(doc)
    for block in blocks:
        writer.add(block, blocks)
    props = document.core_properties
    props.title = doc.title
    props.subject = doc.programme_title
    props.author = doc.applicant
    props.language = "de-DE"
    props.keywords = "Förderantrag" if doc.submission else "Arbeitsfassung, Förderantrag"
    # Fixed dates instead of python-docx's template dates: the file says when it was made.
    stamp = datetime(doc.stand.year, doc.stand.month, doc.stand.day)
    props.created = props.modified = stamp
    props.last_modified_by = doc.applicant
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Writer:
    """Appends blocks to a python-docx document."""

    def __init__(self, document: DocxDocument, *, own_layout: bool) -> None:
        self.doc = document
        self.own_layout = own_layout
        section = document.sections[-1]
        width = None
        if section.page_width and section.left_margin is not None and section.right_margin:
            width = section.page_width - section.left_margin - section.right_margin
        self.width = Emu(width) if width and width > 0 else Cm(16)
        self.bullet_style = _style_name(document, "List Bullet")
        self.cell_styles = {key: style.style_id for key, style in table_styles(document).items()}
        self.heading_styles = {
            level: document.styles[f"Heading {level}"].style_id for level in (1, 2)
        }

    def page_furniture(self, doc: ApplicationDocument) -> None:
        """Header "Arbeitsfassung · title" (the title alone for the grantor) and footer
        "Seite x von y", not on the title page (the short form has none of its own)."""
        section = self.doc.sections[-1]
        section.different_first_page_header_footer = not doc.short_form
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(doc.title if doc.submission else f"Arbeitsfassung · {doc.title}")
        run.font.color.rgb = GREY
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Seite ")
        field(footer, "PAGE", "1")
        footer.add_run(" von ")
        field(footer, "NUMPAGES", "1")

    def add(self, block: Block, blocks: list[Block]) -> None:
        """Append one block (``blocks`` is the whole list, for the table of contents)."""
        if isinstance(block, TitlePage):
            self.title_page(block)
            if not block.compact:
                self.contents([b for b in blocks if isinstance(b, Heading)])
        elif isinstance(block, Facts):
            self.facts(block.rows)
        elif isinstance(block, Heading):
            # As add_heading does, with the style id looked up once instead of per heading.
            self.doc.add_paragraph(block.text)._p.style = self.heading_styles[block.level]
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, BulletList):
            for item in block.items:
                p = self._bullet()
                if item.lead:
                    p.add_run(f"{item.lead} ").bold = True
                p.add_run(item.text)
        elif isinstance(block, Checklist):
            self.table(checklist_table(block))
        else:
            self.table(block)

    def paragraph(self, block: Paragraph) -> None:
        p = self.doc.add_paragraph()
        run = p.add_run(block.text)  # python-docx turns "\n" into a line break
        if block.tone == "note":
            run.italic = True
            run.font.size = Pt(9)
            run.font.color.rgb = GREY
        elif block.tone == "warning":
            run.bold = True
            run.font.color.rgb = RED

    def _bullet(self) -> DocxParagraph:
        if self.bullet_style:
            return self.doc.add_paragraph(style=self.bullet_style)
        p = self.doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(0.6)
        p.paragraph_format.first_line_indent = Cm(-0.4)
        p.add_run("•\u00a0")
        return p

    def title_page(self, page: TitlePage) -> None:
        if page.mark:
            mark = self.doc.add_paragraph()
            mark.paragraph_format.space_before = Pt(36 if self.own_layout else 6)
            run = mark.add_run(page.mark)
            run.bold = True
            run.font.size = Pt(20 if page.compact else 28)
            run.font.color.rgb = RED
        kicker = self.doc.add_paragraph()
        kicker.paragraph_format.space_before = Pt(6 if page.compact else 24)
        run = kicker.add_run(page.kicker)
        run.font.size = Pt(12)
        run.font.color.rgb = GREY
        title = self.doc.add_paragraph()
        title.paragraph_format.space_after = Pt(12 if page.compact else 24)
        run = title.add_run(page.title)
        run.bold = True
        run.font.size = Pt(18 if page.compact else 22)
        run.font.color.rgb = DARK_BLUE
        self.facts(page.facts)
        if page.remark:
            remark = self.doc.add_paragraph()
            remark.paragraph_format.space_before = Pt(12 if page.compact else 24)
            run = remark.add_run(page.remark)
            run.italic = True
            run.font.size = Pt(9)
        if not page.compact:
            self._page_break()

    def facts(self, rows: tuple[tuple[str, str], ...]) -> None:
        """Label/value pairs as a borderless two-column table (labels grey and bold)."""
        facts = self.doc.add_table(rows=len(rows), cols=2)
        facts.autofit = False
        widths = (Cm(5.2), Emu(self.width - Cm(5.2)))
        for column, width in zip(facts.columns, widths, strict=True):
            column.width = width
        for row, (label, value) in zip(facts.rows, rows, strict=True):
            for cell, text, width, bold in zip(
                row.cells, (label, value), widths, (True, False), strict=True
            ):
                cell.width = width
                run = _cell_paragraph(cell).add_run(text)
                run.bold = bold
                if bold:
                    run.font.color.rgb = GREY

    def contents(self, headings: list[Heading]) -> None:
        """A TOC field prefilled with the headings; Word refreshes it with page numbers."""
        title = self.doc.add_paragraph()
        run = title.add_run("Inhalt")
        run.bold = True
        run.font.size = Pt(14)
        first = self.doc.add_paragraph()
        field(first, 'TOC \\o "1-2" \\h \\z \\u', None, dirty=True, end=False)
        paragraphs = [first]
        for i, heading in enumerate(headings):
            p = first if i == 0 else self.doc.add_paragraph()
            p.paragraph_format.space_after = Pt(2)
            if heading.level > 1:
                p.paragraph_format.left_indent = Cm(0.6)
            p.add_run(heading.text)
            paragraphs.append(p)
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        paragraphs[-1].add_run()._r.append(end)
        self._page_break()

    def _page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, block: Table) -> None:
        columns = block.columns
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(columns))
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        set_table_borders(table)
        total = sum(c.width for c in columns)
        widths = [Emu(int(self.width * c.width / total)) for c in columns]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        rights = [c.align == "right" for c in columns]
        rows = table.rows
        repeat_header(rows[0])
        for cell, column, width, right in zip(rows[0].cells, columns, widths, rights, strict=True):
            cell.width = width
            set_shading(cell, HEADER_FILL)
            self._write(cell, column.title, True, right)
        for docx_row, row in zip(rows[1:], block.rows, strict=True):
            cells = docx_row.cells
            bold = row.kind != "body"
            for cell, text, width, right in zip(cells, row.cells, widths, rights, strict=True):
                cell.width = width
                if row.kind == "total":
                    set_cell_border(cell, "top", size=8)
                if row.kind == "group":
                    set_shading(cell, GROUP_FILL)
                if row.kind != "group" or cell is cells[0]:
                    self._write(cell, text, bold, right)
            if row.kind == "group":
                cells[0].merge(cells[-1])
        # The cell styles keep each row with the next, so a short table stays on one page
        # (Word and LibreOffice still break a longer one); the last row lets go.
        for cell in rows[-1].cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = False
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def _write(self, cell: _Cell, text: str, bold: bool, right: bool) -> None:
        p = cell.paragraphs[0]
        # Paragraph.style= compares with the default style by scanning all styles; setting
        # the style id on the element directly is the same markup, much faster.
        p._p.style = self.cell_styles[(bold, right)]
        p.add_run(keep_units(text))


def _style_name(document: DocxDocument, name: str) -> str | None:
    try:
        document.styles[name]
    except KeyError:
        return None
    return name


def _cell_paragraph(cell: _Cell) -> DocxParagraph:
    p = cell.paragraphs[0]
    p.paragraph_format.space_after = Pt(1)
    p.paragraph_format.space_before = Pt(1)
    return p
