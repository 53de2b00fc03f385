"""The base document of a DOCX export: python-docx's default or an organisation's template.

A template keeps its page setup, headers, footers (letterhead) and styles; its body is cleared.
Missing Heading 1/2 styles are added with an outline level, so the navigation pane and a table
of contents still work with a template that never used headings.
"""

from __future__ import annotations

import contextlib
import io
import zipfile

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from lxml import etree

from funding_matcher.domain.errors import FieldProblem, InvalidData

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
# A .docx is a zip: refuse archives that unpack to far more than any letterhead needs (a logo,
# headers, footers and styles). Counted while unpacking, not taken from the zip's own claims.
MAX_UNPACKED_BYTES = 25 * 1024 * 1024
# The XML python-docx parses into memory (a tree takes ten times the text and more).
MAX_XML_BYTES = 8 * 1024 * 1024
_CHUNK = 64 * 1024

BODY_FONT = "Arial"
DARK_BLUE = RGBColor(0x1F, 0x38, 0x64)
MID_BLUE = RGBColor(0x2E, 0x55, 0x97)

_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def _invalid(message: str) -> InvalidData:
    return InvalidData([FieldProblem("template", message)])


def _unpacked_sizes(archive: zipfile.ZipFile) -> None:
    """Unpack every member to nowhere, counting: InvalidData as soon as a limit is passed."""
    total = xml = 0
    for info in archive.infolist():
        if info.file_size > MAX_UNPACKED_BYTES:
            raise _too_big()
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if info.filename.endswith((".xml", ".rels")):
                    xml += len(chunk)
                if total > MAX_UNPACKED_BYTES or xml > MAX_XML_BYTES:
                    raise _too_big()


def _too_big() -> InvalidData:
    return _invalid(
        f"Die Vorlage ist entpackt zu groß (höchstens {MAX_UNPACKED_BYTES // 2**20} MB, "
        f"davon {MAX_XML_BYTES // 2**20} MB Text und Formate). Ein Briefkopf braucht nur "
        "Kopf- und Fußzeile, Logo und Formatvorlagen."
    )


def _checked_package(data: bytes) -> bytes:
    """The template's bytes, a Word template (.dotx) relabelled as a document; or InvalidData."""
    if not isinstance(data, bytes | bytearray):
        raise _invalid("Die Vorlage muss als Datei (Bytes) übergeben werden.")
    if len(data) > MAX_TEMPLATE_BYTES:
        raise _invalid("Die Vorlage ist zu groß (höchstens 20 MB).")
    source = io.BytesIO(data)
    if not zipfile.is_zipfile(source):
        raise _invalid("Die Vorlage ist keine Word-Datei (.docx).")
    try:
        with zipfile.ZipFile(source) as archive:
            return _relabelled(archive, data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise _invalid("Die Vorlage ist beschädigt (kein lesbares .docx).") from None


def _relabelled(archive: zipfile.ZipFile, data: bytes) -> bytes:
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _invalid("Die Vorlage ist keine Word-Datei (.docx).")
    _unpacked_sizes(archive)
    types = archive.read("[Content_Types].xml")
    if _TEMPLATE_TYPE.encode() not in types:
        return bytes(data)
    # A .dotx differs from a .docx only in this content type; rewrite it so it opens.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            content = archive.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(_TEMPLATE_TYPE.encode(), _DOCUMENT_TYPE.encode())
            copy.writestr(info, content)
    return out.getvalue()


def open_template(data: bytes) -> DocxDocument:
    """An organisation's .docx/.dotx with its body cleared; InvalidData if it is not one."""
    package = _checked_package(data)
    try:
        document = Document(io.BytesIO(package))
    except (ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError, etree.LxmlError):
        raise _invalid(
            "Die Vorlage lässt sich nicht als Word-Dokument öffnen (beschädigt, "
            "kennwortgeschützt oder kein .docx)."
        ) from None
    body = document.element.body
    for child in list(body):
        # The last sectPr holds page size, margins and the references to headers and footers.
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    ensure_heading_styles(document)
    return document


def checked_letterhead(data: bytes) -> bytes:
    """The form in which a letterhead is stored: checked once at upload (size unpacked, a Word
    file python-docx opens), its body cleared, saved again. Exports open only this form, so
    none of them unpacks or parses the uploaded file again."""
    document = open_template(data)
    out = io.BytesIO()
    document.save(out)
    checked = out.getvalue()
    _checked_package(checked)  # what was saved keeps the limits, too
    return checked


def new_document() -> DocxDocument:
    """python-docx's default document set up for German A4 with a calm, professional look."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, BODY_FONT, 10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    _language(normal, "de-DE")
    for level, size, color, before in ((1, 16, DARK_BLUE, 18), (2, 12.5, MID_BLUE, 12)):
        heading = styles[f"Heading {level}"]
        _font(heading, BODY_FONT, size)
        heading.font.bold = True
        heading.font.color.rgb = color
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        _font(styles[name], BODY_FONT, 8)
    return document


def _font(style: ParagraphStyle, name: str, size: float) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    # Word takes the East Asian and complex-script font from separate attributes.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    # Theme fonts (Calibri Light in the default headings) win over named ones; drop them.
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def _language(style: ParagraphStyle, tag: str) -> None:
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def ensure_heading_styles(document: DocxDocument) -> None:
    """Add Heading 1/2 where a template lacks them, with the outline level Word navigates by."""
    styles = document.styles
    try:
        normal: ParagraphStyle | None = styles["Normal"]
    except KeyError:
        normal = None
    for level, size in ((1, 16), (2, 13)):
        name = f"Heading {level}"
        try:
            styles[name]
            continue
        except KeyError:
            pass
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if normal is not None:
            style.base_style = normal
            style.next_paragraph_style = normal
        style.quick_style = True
        style.font.bold = True
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.keep_with_next = True
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        style.element.get_or_add_pPr().append(outline)


TABLE_STYLES = {
    (False, False): "Tabelle",
    (False, True): "Tabelle rechts",
    (True, False): "Tabelle fett",
    (True, True): "Tabelle fett rechts",
}


def table_styles(document: DocxDocument) -> dict[tuple[bool, bool], ParagraphStyle]:
    """Paragraph styles for table cells by (bold, right-aligned); a template's own win.

    One style per kind of cell instead of direct formatting keeps the file small and fast to
    write, and lets a user restyle every table at once in Word.
    """
    styles = document.styles
    found: dict[tuple[bool, bool], ParagraphStyle] = {}
    for (bold, right), name in TABLE_STYLES.items():
        try:
            found[(bold, right)] = styles[name]
            continue
        except KeyError:
            pass
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        with contextlib.suppress(KeyError):
            style.base_style = styles["Normal"]
        style.font.size = Pt(9)
        style.font.bold = bold
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(1)
        fmt.line_spacing = 1.0
        fmt.keep_with_next = True
        if right:
            fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        found[(bold, right)] = style
    return found
