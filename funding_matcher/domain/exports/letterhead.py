"""The organisation's letterhead read from its Word template, for the PDF (as on the DOCX).

A PDF cannot take over a Word header as it is; it takes its texts (header and footer lines,
also from tables in them) and its first picture (the logo), and draws them on every page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from .docx.base import open_template

MAX_LINES = 6
MAX_LOGO_BYTES = 2 * 1024 * 1024
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif")


@dataclass(frozen=True)
class Letterhead:
    """What a PDF page shows of the letterhead."""

    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    logo: bytes | None = None

    @property
    def empty(self) -> bool:
        return not (self.header or self.footer or self.logo)


def _lines(part) -> list[str]:
    """Non-empty text lines of a header or footer, table cells included, in order."""
    lines: list[str] = []
    for element in part._element.iter(qn("w:p")):
        text = "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()
        if text and text not in lines:
            lines.append(" ".join(text.split()))
    return lines[:MAX_LINES]


def _logo(part) -> bytes | None:
    for rel in part.part.rels.values():
        target = getattr(rel, "target_part", None) if not rel.is_external else None
        if target is not None and getattr(target, "content_type", "") in IMAGE_TYPES:
            blob = target.blob
            return blob if len(blob) <= MAX_LOGO_BYTES else None
    return None


def read_letterhead(template: bytes) -> Letterhead:
    """Header and footer lines and the logo of a .docx/.dotx (InvalidData if it is none)."""
    document = open_template(template)
    section = document.sections[-1]
    header, footer = section.header, section.footer
    return Letterhead(
        header=tuple(_lines(header)) if not header.is_linked_to_previous else (),
        footer=tuple(_lines(footer)) if not footer.is_linked_to_previous else (),
        logo=_logo(header) if not header.is_linked_to_previous else None,
    )


def image_size(data: bytes) -> tuple[int, int] | None:
    """Pixel size of a PNG/JPEG/GIF through reportlab's reader; None if unreadable."""
    from reportlab.lib.utils import ImageReader

    try:
        return ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # noqa: BLE001 - a broken logo must not stop the export
        return None


def draw_letterhead(
    canvas: Any, letterhead: Letterhead, font: str, logo_size: tuple[int, int] | None, margin: float
) -> None:
    """The header lines and logo at the top of a PDF page, the footer lines at its foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.lib.utils import ImageReader

    width, height = A4
    canvas.saveState()
    canvas.setFont(font, 7.5)
    canvas.setFillColorRGB(0.35, 0.35, 0.35)
    y = height - 1.2 * cm
    for line in letterhead.header:
        canvas.drawString(margin, y, line[:110])
        y -= 9
    if letterhead.logo and logo_size and logo_size[1]:
        w, h = logo_size
        draw_h = 1.6 * cm
        draw_w = min(draw_h * w / h, 6 * cm)
        canvas.drawImage(
            ImageReader(io.BytesIO(letterhead.logo)),
            width - margin - draw_w,
            height - 0.8 * cm - draw_h,
            width=draw_w,
            height=draw_h,
            preserveAspectRatio=True,
            mask="auto",
        )
    y = 1.6 * cm
    for line in reversed(letterhead.footer):
        canvas.drawCentredString(width / 2, y, line[:140])
        y += 9
    canvas.restoreState()
