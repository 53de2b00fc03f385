"""PDF export with reportlab (no office suite on the server): the same blocks as the DOCX.

Fonts are embedded TrueType subsets (DejaVu Sans, see ``fonts.py``), so umlauts, ß, € and
German quotes print everywhere. Headings become PDF bookmarks and a table of contents with page
numbers (reportlab's two-pass ``multiBuild``); table headers repeat on each page.
"""

from __future__ import annotations

import io
import threading
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus.tableofcontents import TableOfContents

from .blocks import (
    Block,
    BulletList,
    Checklist,
    Facts,
    Heading,
    Paragraph,
    Table,
    TitlePage,
    checklist_table,
)
from .content import build_blocks
from .document import ApplicationDocument
from .fonts import font_files
from .letterhead import Letterhead, draw_letterhead, image_size, read_letterhead

DARK_BLUE = colors.HexColor("#1F3864")
MID_BLUE = colors.HexColor("#2E5597")
RED = colors.HexColor("#C00000")
GREY = colors.HexColor("#595959")
RULE = colors.HexColor("#A6A6A6")
HEADER_FILL = colors.HexColor("#D9E2F3")
GROUP_FILL = colors.HexColor("#F2F2F2")
MARGIN = 2.3 * cm
SHORT_TABLE_ROWS = 25
FACT_LABEL = 5.2 * cm  # "Durchführungszeitraum" and "Vertretungsberechtigt" fit on one line

_register_lock = threading.Lock()
_registered: dict[str, str] = {}


def _font_family() -> str:
    """Register the embedded font family once per process; its name for the styles."""
    with _register_lock:
        if "family" not in _registered:
            files = font_files()
            name = files.family
            faces = {
                name: files.regular,
                f"{name}-Bold": files.bold,
                f"{name}-Italic": files.italic,
                f"{name}-BoldItalic": files.bold_italic,
            }
            for face, path in faces.items():
                pdfmetrics.registerFont(TTFont(face, str(path)))
            pdfmetrics.registerFontFamily(
                name,
                normal=name,
                bold=f"{name}-Bold",
                italic=f"{name}-Italic",
                boldItalic=f"{name}-BoldItalic",
            )
            _registered["family"] = name
        return _registered["family"]


def _styles(font: str) -> dict[str, ParagraphStyle]:
    bold, italic = f"{font}-Bold", f"{font}-Italic"
    body = ParagraphStyle(
        "body", fontName=font, bulletFontName=font, fontSize=9.5, leading=13.5, spaceAfter=5
    )
    cell = ParagraphStyle("cell", fontName=font, fontSize=8.2, leading=10.5)
    return {
        "body": body,
        "note": ParagraphStyle("note", body, fontName=italic, fontSize=8.2, textColor=GREY),
        "warning": ParagraphStyle("warning", body, fontName=bold, textColor=RED),
        "bullet": ParagraphStyle("bullet", body, leftIndent=14, bulletIndent=3, spaceAfter=3),
        "h1": ParagraphStyle(
            "h1",
            body,
            fontName=bold,
            fontSize=15,
            leading=19,
            textColor=DARK_BLUE,
            spaceBefore=14,
            spaceAfter=7,
            keepWithNext=True,
        ),
        "h2": ParagraphStyle(
            "h2",
            body,
            fontName=bold,
            fontSize=11.5,
            leading=15,
            textColor=MID_BLUE,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=True,
        ),
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", cell, fontName=bold),
        "cell_right": ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        "cell_right_bold": ParagraphStyle(
            "cell_right_bold", cell, fontName=bold, alignment=TA_RIGHT
        ),
        "mark": ParagraphStyle(
            "mark", body, fontName=bold, fontSize=26, leading=32, textColor=RED, spaceAfter=18
        ),
        "kicker": ParagraphStyle("kicker", body, fontSize=11.5, leading=15, textColor=GREY),
        "title": ParagraphStyle(
            "title",
            body,
            fontName=bold,
            fontSize=20,
            leading=25,
            textColor=DARK_BLUE,
            spaceBefore=6,
            spaceAfter=20,
        ),
        "fact_label": ParagraphStyle("fact_label", body, fontName=bold, textColor=GREY),
        "toc_title": ParagraphStyle(
            "toc_title", body, fontName=bold, fontSize=14, leading=18, spaceAfter=10
        ),
        "toc1": ParagraphStyle("toc1", body, fontName=bold, spaceBefore=4, spaceAfter=1),
        "toc2": ParagraphStyle("toc2", body, leftIndent=14, spaceAfter=1),
    }


def _markup(text: str) -> str:
    """Plain text as reportlab paragraph markup: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


class _Document(BaseDocTemplate):
    """Title page without header; body pages with header and page number; bookmarks + TOC."""

    def __init__(
        self, out: io.BytesIO, doc: ApplicationDocument, font: str, letterhead: Letterhead
    ) -> None:
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=(3.2 if letterhead.header or letterhead.logo else 2.2) * cm,
            bottomMargin=2.0 * cm,
            title=doc.title,
            author=doc.applicant,
            subject=doc.programme_title,
            creator="Fördermittel-Matcher",
            lang="de-DE",
            # Otherwise every page references Helvetica, a font the PDF does not embed.
            initialFontName=font,
        )
        self.header_text = doc.title if doc.submission else f"Arbeitsfassung · {doc.title}"
        self.font = font
        self.letterhead = letterhead
        self.logo_size = image_size(letterhead.logo) if letterhead.logo else None
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        # The letterhead goes on every page, the cover included; the running header only on
        # body pages (the short form has no cover page of its own).
        title_page = self._letterhead if not letterhead.empty else None
        self.addPageTemplates(
            [
                PageTemplate("title", [frame], onPage=title_page or (lambda c, d: None)),
                PageTemplate("body", [frame], onPage=self._furniture),
            ]
        )

    def _letterhead(self, canvas: Canvas, _doc: Any) -> None:
        draw_letterhead(canvas, self.letterhead, self.font, self.logo_size, MARGIN)

    def _furniture(self, canvas: Canvas, _doc: Any) -> None:
        if not self.letterhead.empty:
            self._letterhead(canvas, _doc)
        canvas.saveState()
        canvas.setFont(self.font, 7.5)
        canvas.setFillColor(GREY)
        width, height = A4
        if self.letterhead.empty:
            canvas.drawRightString(width - MARGIN, height - 1.3 * cm, self.header_text[:120])
            canvas.drawCentredString(width / 2, 1.1 * cm, f"Seite {canvas.getPageNumber()}")
        else:
            canvas.drawRightString(width - MARGIN, 0.8 * cm, f"Seite {canvas.getPageNumber()}")
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's hook, hence the name
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        text = flowable.getPlainText()
        key = f"h{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level - 1, closed=False)
        self.notify("TOCEntry", (level - 1, text, self.page, key))


def export_pdf(doc: ApplicationDocument, template: bytes | None = None) -> bytes:
    """The application as a PDF (A4, embedded fonts, bookmarks, table of contents);
    ``template`` is the organisation's .docx letterhead, drawn on every page."""
    font = _font_family()
    styles = _styles(font)
    out = io.BytesIO()
    letterhead = read_letterhead(template) if template is not None else Letterhead()
    template_doc = _Document(out, doc, font, letterhead)
    story: list[Flowable] = []
    blocks = build_blocks(doc)
    i = 0
    while i < len(blocks):
        group = _heading_with_table(blocks, i)
        if group:
            # A heading, its note and a short table move to the next page together.
            flowables = [f for b in group for f in _flowables(b, styles, template_doc.width, False)]
            story.append(KeepTogether(flowables))
            i += len(group)
        else:
            story += _flowables(blocks[i], styles, template_doc.width)
            i += 1
    template_doc.multiBuild(story)
    return out.getvalue()


def _short(block: Block) -> bool:
    if isinstance(block, Checklist):
        return len(block.tasks) <= SHORT_TABLE_ROWS
    return isinstance(block, Table) and len(block.rows) <= SHORT_TABLE_ROWS


def _heading_with_table(blocks: list[Block], start: int) -> list[Block]:
    """[heading, (note,) short table] starting at ``start``, or [] if the blocks differ."""
    if not isinstance(blocks[start], Heading):
        return []
    end = start + 1
    if end < len(blocks) and isinstance(blocks[end], Paragraph):
        end += 1
    if end < len(blocks) and _short(blocks[end]):
        return blocks[start : end + 1]
    return []


def _flowables(
    block: Block, styles: dict[str, ParagraphStyle], width: float, keep: bool = True
) -> list[Flowable]:
    """``keep=False`` inside a KeepTogether group (reportlab does not nest them)."""
    if isinstance(block, TitlePage):
        return _title_page(block, styles, width)
    if isinstance(block, Heading):
        heading = RLParagraph(_markup(block.text), styles["h1" if block.level == 1 else "h2"])
        heading.outline_level = block.level  # type: ignore[attr-defined]
        # A heading never stands alone at the foot of a page.
        return [CondPageBreak(3 * cm), heading] if keep else [heading]
    if isinstance(block, Paragraph):
        return [RLParagraph(_markup(block.text), styles[block.tone])]
    if isinstance(block, BulletList):
        return [
            RLParagraph(
                (f"<b>{_markup(item.lead)}</b> " if item.lead else "") + _markup(item.text),
                styles["bullet"],
                bulletText="•",
            )
            for item in block.items
        ]
    if isinstance(block, Checklist):
        return _table(checklist_table(block), styles, width, keep)
    if isinstance(block, Facts):
        return [_facts(block.rows, styles, width), Spacer(1, 6)]
    return _table(block, styles, width, keep)


def _facts(
    rows: tuple[tuple[str, str], ...], styles: dict[str, ParagraphStyle], width: float
) -> RLTable:
    table = RLTable(
        [
            [
                RLParagraph(_markup(label), styles["fact_label"]),
                RLParagraph(_markup(value), styles["body"]),
            ]
            for label, value in rows
        ],
        colWidths=[FACT_LABEL, width - FACT_LABEL],
        hAlign="LEFT",
    )
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return table


def _title_page(page: TitlePage, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    facts = _facts(page.facts, styles, width)
    head: list[Flowable] = [] if page.compact else [Spacer(1, 2.5 * cm)]
    if page.mark:
        head.append(RLParagraph(_markup(page.mark), styles["mark"]))
    head += [
        RLParagraph(_markup(page.kicker), styles["kicker"]),
        RLParagraph(_markup(page.title), styles["title"]),
        facts,
    ]
    if page.remark:
        head += [Spacer(1, 0.5 * cm if page.compact else 1 * cm)]
        head.append(RLParagraph(_markup(page.remark), styles["note"]))
    if page.compact:
        # The short form: no cover page, no table of contents; body pages from page 2 on.
        return [*head, Spacer(1, 0.4 * cm), NextPageTemplate("body")]
    toc = TableOfContents(
        tableStyle=[
            ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    toc.levelStyles = [styles["toc1"], styles["toc2"]]
    toc.dotsMinLevel = 0
    return [
        *head,
        NextPageTemplate("body"),
        PageBreak(),
        RLParagraph("Inhalt", styles["toc_title"]),
        toc,
        PageBreak(),
    ]


def _table(
    block: Table, styles: dict[str, ParagraphStyle], width: float, keep: bool
) -> list[Flowable]:
    total = sum(c.width for c in block.columns)
    widths = [width * c.width / total for c in block.columns]
    rights = [c.align == "right" for c in block.columns]

    def cell(text: str, right: bool, bold: bool) -> RLParagraph:
        name = "cell_right" if right else "cell"
        return RLParagraph(_markup(text), styles[f"{name}_bold" if bold else name])

    data = [[cell(c.title, r, True) for c, r in zip(block.columns, rights, strict=True)]]
    commands: list[tuple[Any, ...]] = [
        # Tables set their own font on the canvas (Helvetica unless told otherwise).
        ("FONTNAME", (0, 0), (-1, -1), styles["cell"].fontName),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # reportlab breaks lines at any space, even a no-break one, so amounts get room instead.
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for i, row in enumerate(block.rows, start=1):
        bold = row.kind != "body"
        data.append([cell(t, r, bold) for t, r in zip(row.cells, rights, strict=True)])
        if row.kind == "group":
            commands += [("SPAN", (0, i), (-1, i)), ("BACKGROUND", (0, i), (-1, i), GROUP_FILL)]
        elif row.kind == "total":
            commands.append(("LINEABOVE", (0, i), (-1, i), 1, colors.black))
    table = RLTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(commands)
    # Short tables stay on one page; long ones split with the header repeated.
    return [KeepTogether([table]) if keep and _short(block) else table, Spacer(1, 8)]
