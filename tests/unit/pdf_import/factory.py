"""Small PDFs made in test code: text pages, a decompression bomb, many pages, encrypted files."""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
)

PAGE_WIDTH, PAGE_HEIGHT = 595, 842


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: Sequence[str], header: str | None, footer: str | None) -> bytes:
    ops = [b"BT", b"/F1 11 Tf", b"14 TL"]
    if header:
        ops += [b"1 0 0 1 72 810 Tm", b"(" + _escape(header) + b") Tj"]
    ops.append(b"1 0 0 1 72 760 Tm")
    for line in lines:
        ops += [b"(" + _escape(line) + b") Tj", b"T*"]
    if footer:
        ops += [b"1 0 0 1 72 30 Tm", b"(" + _escape(footer) + b") Tj"]
    ops.append(b"ET")
    return b"\n".join(ops)


def _font() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def text_pdf(
    pages: Sequence[Sequence[str]],
    *,
    header: str | None = None,
    footer: str | None = None,
    password: str | None = None,
) -> bytes:
    """A PDF with one text line per entry; ``footer`` may hold {page} and {pages}."""
    writer = PdfWriter()
    font = writer._add_object(_font())
    for number, lines in enumerate(pages, start=1):
        page = writer.add_blank_page(PAGE_WIDTH, PAGE_HEIGHT)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        foot = footer.format(page=number, pages=len(pages)) if footer else None
        stream.set_data(_content(lines, header, foot))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if password is not None:
        writer.encrypt(
            user_password=password, owner_password=password + "-owner", algorithm="AES-256"
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def content_pdf(content: bytes, forms: dict[str, bytes] | None = None) -> bytes:
    """One page with a hand-written content stream, font /F1 (Helvetica) and form XObjects.

    A form's content may paint other forms by name: all forms share one resource dictionary,
    so "/Loop Do" inside the form /Loop makes a cycle.
    """
    writer = PdfWriter()
    page = writer.add_blank_page(PAGE_WIDTH, PAGE_HEIGHT)
    font = writer._add_object(_font())
    resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    if forms:
        xobjects = DictionaryObject()
        resources[NameObject("/XObject")] = xobjects
        for name, form_content in forms.items():
            form = DecodedStreamObject()
            form.set_data(form_content)
            form[NameObject("/Type")] = NameObject("/XObject")
            form[NameObject("/Subtype")] = NameObject("/Form")
            form[NameObject("/BBox")] = ArrayObject(
                [
                    NumberObject(0),
                    NumberObject(0),
                    NumberObject(PAGE_WIDTH),
                    NumberObject(PAGE_HEIGHT),
                ]
            )
            form[NameObject("/Resources")] = resources
            xobjects[NameObject("/" + name)] = writer._add_object(form)
    page[NameObject("/Resources")] = resources
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def bomb_pdf(megabytes: int = 100, layers: int = 3) -> bytes:
    """One page whose content stream is zeros packed with Flate ``layers`` times."""
    writer = PdfWriter()
    page = writer.add_blank_page(PAGE_WIDTH, PAGE_HEIGHT)
    packer = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    data = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    stream = StreamObject()
    stream._data = data
    stream[NameObject("/Filter")] = ArrayObject([NameObject("/FlateDecode")] * layers)
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def many_pages_pdf(count: int) -> bytes:
    """``count`` blank pages."""
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(PAGE_WIDTH, PAGE_HEIGHT)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def layout_pdf(pages: Sequence[dict], *, body_size: float = 10.0) -> bytes:
    """Pages laid out line by line with reportlab, as guidelines print them.

    Each page is a mapping with ``columns`` (one or two lists of lines, drawn top-down in
    reading order), and optionally ``header`` and ``footer`` (a running line; ``{page}`` is
    replaced), ``footnotes`` (small type at the foot) and ``headings`` (lines of the columns set
    in bold, one size larger).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    width, height = A4
    for number, page in enumerate(pages, start=1):
        if page.get("header"):
            canvas.setFont("Helvetica", 8)
            canvas.drawString(56, height - 40, page["header"].format(page=number))
        columns = page["columns"]
        column_width = (width - 112) / len(columns)
        headings = set(page.get("headings", ()))
        for index, lines in enumerate(columns):
            y = height - 80
            for line in lines:
                bold = line in headings
                canvas.setFont(
                    "Helvetica-Bold" if bold else "Helvetica", body_size + 1 if bold else body_size
                )
                canvas.drawString(56 + index * column_width, y, line)
                y -= body_size * 1.4
        y = 90
        for note in page.get("footnotes", ()):
            canvas.setFont("Helvetica", body_size - 2)
            canvas.drawString(56, y, note)
            y -= (body_size - 2) * 1.3
        if page.get("footer"):
            canvas.setFont("Helvetica", 8)
            canvas.drawString(56, 30, page["footer"].format(page=number))
        canvas.showPage()
    canvas.save()
    return out.getvalue()


CONCEPT_LETTERHEAD = [
    "Diakonisches Werk Hannover e. V.",
    "Burgstraße 8 · 30159 Hannover · Telefon 0511 3687-0 · info@diakonie-hannover.example",
]
CONCEPT_TITLE = ["Miteinander der Generationen –", "Nachbarschaftszentrum Linden-Süd"]
CONCEPT_SECTIONS: list[tuple[str, list[str]]] = [
    (
        "1. Ausgangslage und Bedarf",
        [
            "Im Stadtteil Linden-Süd leben viele ältere Menschen allein, Familien fehlt ein Ort",
            "für Begegnung. Die SGB-II-Quote im Quartier liegt bei 24 % (Sozialbericht 2025).",
            "Der Stadtteil ist Fördergebiet der Städtebauförderung (Sozialer Zusammenhalt).",
        ],
    ),
    (
        "2. Zielgruppe",
        [
            "Das Zentrum richtet sich an 120 Personen aus dem Quartier, davon 20 Menschen mit",
            "Behinderung und 40 Kinder.",
        ],
    ),
    (
        "3. Ziele",
        [
            "- Begegnung der Generationen stärken; Indikator: Besuche je Woche; Zielwert: 150",
            "- Ehrenamtliche gewinnen; Indikator: aktive Ehrenamtliche; Zielwert: 25",
        ],
    ),
    (
        "4. Maßnahmen",
        [
            "- Offenes Café: dreimal pro Woche ein Treffpunkt mit Mittagstisch (Monate 1-24)",
            "- Hausaufgabenhilfe: Schülerinnen und Schüler lernen mit Ehrenamtlichen (Monate 3-24)",
        ],
    ),
    (
        "5. Kooperationspartner",
        [
            "- Stadtteilbibliothek Linden (Räume und Lesepatenschaften)",
            "- Grundschule am Lindener Markt: Vermittlung der Kinder",
        ],
    ),
    (
        "6. Verstetigung",
        ["Nach der Förderung trägt ein Förderverein das Café; die Stadt prüft eine Förderung."],
    ),
    (
        "7. Zeitplan und Finanzierung",
        [
            "Projektbeginn ist der 01.09.2027, die Laufzeit beträgt 24 Monate.",
            "Die Gesamtkosten betragen 150.000 Euro, davon Eigenmittel 15.000 Euro.",
            "Personalkosten Koordination 96.000 Euro",
            "Honorare und Sachkosten 34.000 Euro",
            "Ausstattung des Cafés 20.000 Euro",
        ],
    ),
    (
        "8. Erfahrung des Trägers",
        [
            "Das Diakonische Werk Hannover ist Mitglied im Spitzenverband der freien",
            "Wohlfahrtspflege und betreibt seit 1998 Stadtteilarbeit in Hannover.",
        ],
    ),
]


def concept_pdf() -> bytes:
    """A two-page project concept as a grant writer sets it: a letterhead in small type, a
    title over two lines in large type, numbered bold headings and a cost list."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    width, height = A4
    y = height - 50
    canvas.setFont("Helvetica", 8)
    for line in CONCEPT_LETTERHEAD:
        canvas.drawString(56, y, line)
        y -= 11
    y -= 30
    canvas.setFont("Helvetica-Bold", 18)
    for line in CONCEPT_TITLE:
        canvas.drawString(56, y, line)
        y -= 24
    y -= 10
    for heading, lines in CONCEPT_SECTIONS:
        if y < 160 or heading.startswith("5."):
            canvas.showPage()
            y = height - 70
        y -= 8
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawString(56, y, heading)
        y -= 16
        canvas.setFont("Helvetica", 10)
        for line in lines:
            canvas.drawString(56, y, line)
            y -= 14
    canvas.showPage()
    canvas.save()
    return out.getvalue()
