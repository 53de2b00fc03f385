"""WordprocessingML details python-docx has no API for: fields, borders, shading, header rows.

Word rejects properties in the wrong order, so each element goes to its place in the schema's
sequence (ECMA-376 Part 1, CT_TcPr and CT_TblPr) instead of being appended.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

_TC_ORDER = (
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
)
_TBL_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
)
LINE_COLOUR = "A6A6A6"


def _place(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]) -> None:
    """Replace ``child``'s namesake in ``parent`` or insert it at its place in ``order``."""
    tag = child.tag
    old = parent.find(tag)
    if old is not None:
        parent.replace(old, child)
        return
    rank = order.index(next(name for name in order if qn(name) == tag))
    later = {qn(name) for name in order[rank + 1 :]}
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return
    parent.append(child)


def _border(edge: str, size: int, colour: str, val: str = "single") -> BaseOxmlElement:
    element = OxmlElement(f"w:{edge}")
    element.set(qn("w:val"), val)
    element.set(qn("w:sz"), str(size))
    element.set(qn("w:space"), "0")
    element.set(qn("w:color"), colour)
    return element


def set_table_borders(table: Table) -> None:
    """Horizontal rules only (top, bottom, between rows): calm and easy to read."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "bottom", "insideH"):
        borders.append(_border(edge, 4, LINE_COLOUR))
    for edge in ("left", "right", "insideV"):
        borders.append(_border(edge, 0, "auto", "nil"))
    # python-docx's CT_Tbl always has a tblPr.
    _place(table._tbl.tblPr, borders, _TBL_ORDER)


def set_cell_border(cell: _Cell, edge: str, *, size: int = 8, colour: str = "000000") -> None:
    """One border of a cell, e.g. the rule above a total."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        _place(tc_pr, borders, _TC_ORDER)
    borders.append(_border(edge, size, colour))


def set_shading(cell: _Cell, fill: str) -> None:
    """Background colour of a cell (hex RGB)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    _place(cell._tc.get_or_add_tcPr(), shd, _TC_ORDER)


def repeat_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _fld_char(kind: str, *, dirty: bool = False) -> BaseOxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if dirty:
        element.set(qn("w:dirty"), "true")
    return element


def field(
    paragraph: Paragraph,
    instruction: str,
    placeholder: str | None,
    *,
    dirty: bool = False,
    end: bool = True,
) -> None:
    """A complex field (PAGE, NUMPAGES, TOC ...) with its shown result; ``dirty`` makes Word
    recompute it on opening, ``end=False`` leaves it open for a result spanning paragraphs."""
    paragraph.add_run()._r.append(_fld_char("begin", dirty=dirty))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(_fld_char("separate"))
    if placeholder is not None:
        paragraph.add_run(placeholder)
    if end:
        paragraph.add_run()._r.append(_fld_char("end"))
