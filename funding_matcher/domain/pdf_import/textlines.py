"""Helpers of the fast text reader: lines from shown strings, string decoding, matrices.

Part of the worker's fast text reader (see ``textlayer``); imports nothing from the application.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

if __name__.startswith("_pdf_import_"):  # loaded by path in the worker, after its sibling
    glyphs = sys.modules["_pdf_import_glyphs"]
else:
    from funding_matcher.domain.pdf_import import glyphs


class Unsupported(Exception):
    """The fast reader cannot read this content; the caller falls back to pypdf."""


class TooComplex(Exception):
    """The page exceeds a work limit (tokens or form XObjects): treated like a bomb."""


_WS = rb"\x00\t\n\x0c\r "
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(\r\n|\r|\n)|(.))", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_NAME_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")


@dataclass
class Line:
    """One line of text and, for upright pages, its baseline as a share of the page height;
    its font size in points and whether it is set in bold (for headings and footnotes)."""

    text: str
    top: float | None
    size: float | None = None
    bold: bool = False


@dataclass
class PageText:
    """The lines of one page and whether it paints images (for the scan verdict)."""

    lines: list[Line]
    has_images: bool


@dataclass
class FontInfo:
    """A font of the file: pypdf's model, its width scale, decoded strings."""

    font: Any
    width_scale: float  # glyph units -> text space: 1/1000, or FontMatrix[0] for Type3
    decoded: dict[bytes, tuple[str, float, int, int]] = field(default_factory=dict)
    bold: bool = False
    kind: str = ""  # "symbol" or "wingdings": how to read codes without a Unicode map


@dataclass
class LineBuilder:
    """Collects shown strings into lines by baseline, in content order."""

    lines: list[tuple[str, float, bool, float, bool]] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    chars: int = 0
    bold_chars: int = 0
    direction: tuple[int, int] = (0, 0)
    baseline: float = 0.0
    end: float = 0.0
    size: float = 0.0
    device_y: float = 0.0
    upright: bool = True

    def add(
        self,
        text: str,
        start: tuple[float, float],
        vec: tuple[float, float],
        advance: float,
        size: float,
        space: float,
        bold: bool = False,
    ) -> None:
        """Place ``text`` starting at device point ``start`` along unit vector ``vec``."""
        ux, uy = vec
        direction = (round(ux * 8), round(uy * 8))
        pos = start[0] * ux + start[1] * uy
        baseline = start[1] * ux - start[0] * uy
        tolerance = 0.5 * max(size, self.size)
        if (
            self.parts
            and direction == self.direction
            and abs(baseline - self.baseline) <= tolerance
            and pos >= self.end - max(size, 1.0)
        ):
            if pos - self.end > space and self.parts[-1][-1:] != " " and text[:1] != " ":
                self.parts.append(" ")
            self.parts.append(text)
            self.end = max(self.end, pos + advance)
            self.chars += len(text)
            self.bold_chars += len(text) if bold else 0
            self.size = max(self.size, size)
            return
        self.flush()
        self.parts = [text]
        self.chars = len(text)
        self.bold_chars = len(text) if bold else 0
        self.direction = direction
        self.baseline = baseline
        self.end = pos + advance
        self.size = size
        self.device_y = start[1]
        self.upright = direction == (8, 0)

    def flush(self) -> None:
        """Close the current line."""
        if self.parts:
            text = "".join(self.parts).strip()
            if text:
                bold = self.bold_chars >= 0.8 * max(self.chars, 1)
                self.lines.append((text, self.device_y, self.upright, self.size, bold))
        self.parts = []


def decode(info: FontInfo, raw: bytes) -> tuple[str, float, int, int]:
    """Display text, width in text-space units per point of size, glyph and space counts."""
    cached = info.decoded.get(raw)
    if cached is not None:
        return cached
    font = info.font
    encoding = font.encoding
    if isinstance(encoding, str):
        try:
            text = raw.decode(encoding, "surrogatepass")
        except UnicodeDecodeError:
            text = raw.decode(encoding, "replace")
        except LookupError as exc:
            raise Unsupported(f"unbekannte Kodierung {encoding}") from exc
        width_chars = text
        spaces = 0
    else:
        text = "".join(encoding.get(b, chr(b)) for b in raw)
        width_chars = "".join(chr(b) for b in raw)
        spaces = raw.count(32)
    widths = font.character_widths
    default = widths.get("default", 500)
    space_char = font.space_char
    width = sum(
        font.space_width if ch == space_char else widths.get(ch, default) for ch in width_chars
    )
    cmap = font.character_map
    display = "".join(cmap.get(ch, ch) for ch in text) if cmap else text
    display = glyphs.recover(display, info.kind)
    result = (display, width * info.width_scale, len(width_chars), spaces)
    if len(info.decoded) < 50_000:
        info.decoded[raw] = result
    return result


def space_width(info: FontInfo) -> float:
    """Width of the font's space in text-space units per point of size."""
    return float(info.font.space_width or 250) * info.width_scale


def name_string(raw: bytes) -> str:
    """A PDF name token as text, #xx escapes resolved."""
    if b"#" in raw:
        raw = _NAME_HEX.sub(lambda m: bytes.fromhex(m.group(1).decode()), raw)
    return raw.decode("latin-1")


def literal(raw: bytes) -> bytes:
    """The bytes of a literal string token, escapes resolved."""
    if b"\\" not in raw:
        return raw
    return _ESCAPE.sub(_unescape, raw)


def _unescape(m: re.Match[bytes]) -> bytes:
    octal, newline, char = m.groups()
    if octal is not None:
        return bytes((int(octal, 8) & 0xFF,))
    if newline is not None:
        return b""
    return _ESCAPES.get(char, char)


def hex_string(raw: bytes) -> bytes:
    """The bytes of a hexadecimal string token."""
    digits = re.sub(rb"[" + _WS + rb"]", b"", raw)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def multiply(m: list[float], n: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]."""
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def matrix(operands: list[Any]) -> list[float] | None:
    """The six numbers of a Tm or cm, or None when the operands are not that."""
    if len(operands) != 6:
        return None
    for value in operands:
        if type(value) is not float:
            return None
    return operands


def number(value: Any) -> float:
    """An operand as a number; anything else counts as 0."""
    return value if isinstance(value, float) else 0.0
