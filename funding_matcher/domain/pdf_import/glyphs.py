"""Characters a font gives no Unicode for: recovered from the font's own encoding, or marked.

Office documents print bullets, arrows and check marks with the Symbol and Wingdings fonts; a
PDF without a ToUnicode map then yields Private Use codes (U+F0B7 for the Symbol bullet) that
show as empty boxes. For those fonts the code's low byte names the glyph in the font's built-in
encoding, which this module knows for the glyphs guidelines use; a symbolic TrueType font of
text (Arial, Calibri) puts plain Latin-1 behind U+F020–U+F0FF. Whatever stays unknown becomes
``UNREADABLE``, so a quote never shows a box, U+FFFD or a private-use character.

Loaded by the worker in a bare interpreter: imports nothing from the application.
"""

from __future__ import annotations

import re

UNREADABLE = "[unlesbar]"
# Adobe Symbol encoding: the glyphs that appear in German administrative documents.
SYMBOL = {
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅",
    0x41: "Α", 0x42: "Β", 0x43: "Χ", 0x44: "Δ", 0x45: "Ε", 0x46: "Φ", 0x47: "Γ", 0x48: "Η",
    0x49: "Ι", 0x4B: "Κ", 0x4C: "Λ", 0x4D: "Μ", 0x4E: "Ν", 0x4F: "Ο", 0x50: "Π", 0x51: "Θ",
    0x52: "Ρ", 0x53: "Σ", 0x54: "Τ", 0x55: "Υ", 0x57: "Ω", 0x58: "Ξ", 0x59: "Ψ", 0x5A: "Ζ",
    0x5C: "∴", 0x5E: "⊥", 0x61: "α", 0x62: "β", 0x63: "χ", 0x64: "δ", 0x65: "ε", 0x66: "φ",
    0x67: "γ", 0x68: "η", 0x69: "ι", 0x6A: "ϕ", 0x6B: "κ", 0x6C: "λ", 0x6D: "μ", 0x6E: "ν",
    0x6F: "ο", 0x70: "π", 0x71: "θ", 0x72: "ρ", 0x73: "σ", 0x74: "τ", 0x75: "υ", 0x76: "ϖ",
    0x77: "ω", 0x78: "ξ", 0x79: "ψ", 0x7A: "ζ", 0x7E: "∼", 0xA0: "€", 0xA2: "′", 0xA3: "≤",
    0xA4: "⁄", 0xA5: "∞", 0xA7: "♣", 0xA8: "♦", 0xA9: "♥", 0xAA: "♠", 0xAB: "↔", 0xAC: "←",
    0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±", 0xB2: "″", 0xB3: "≥", 0xB4: "×",
    0xB5: "∝", 0xB6: "∂", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡", 0xBB: "≈", 0xBC: "…",
    0xC6: "∅", 0xC7: "∩", 0xC8: "∪", 0xCE: "∈", 0xCF: "∉", 0xD7: "⋅", 0xD8: "¬", 0xD9: "∧",
    0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐", 0xDE: "⇒", 0xE0: "◊",
}  # fmt: skip
# Wingdings: bullets, boxes, arrows and check marks of lists and forms.
WINGDINGS = {
    0x6C: "●", 0x6D: "○", 0x6E: "■", 0x6F: "□", 0x70: "◻", 0x71: "❑", 0x72: "❒", 0x73: "⬧",
    0x74: "⧫", 0x75: "◆", 0x76: "❖", 0x77: "⬥", 0x9F: "•", 0xA1: "○", 0xA7: "▪", 0xA8: "◻",
    0xD8: "➢", 0xDF: "←", 0xE0: "→", 0xE8: "➔", 0xEF: "⇦", 0xF0: "⇨", 0xFB: "✗", 0xFC: "✓",
    0xFD: "☒", 0xFE: "☑",
}  # fmt: skip
TABLES = {"symbol": SYMBOL, "wingdings": WINGDINGS}
_PRIVATE = re.compile("[\ue000-\uf8ff\ufffd]")
_RUN = re.compile(r"(?:\[unlesbar\]\s*){2,}")


def font_kind(base_name: str) -> str:
    """ "symbol", "wingdings" or "" for a font's /BaseFont name (subset prefix allowed)."""
    name = base_name.lower()
    if "wingding" in name:
        return "wingdings"
    if "symbol" in name:
        return "symbol"
    return ""


def recover(text: str, kind: str = "") -> str:
    """``text`` with private-use codes read through the font's table, the rest marked."""
    if not _PRIVATE.search(text):
        return text
    table = TABLES.get(kind)

    def one(match: re.Match[str]) -> str:
        code = ord(match.group(0))
        if 0xF020 <= code <= 0xF0FF:
            low = code & 0xFF
            if table is not None:
                return table.get(low, UNREADABLE)
            if 0x20 <= low <= 0x7E:
                return chr(low)  # a symbolic TrueType text font: ASCII behind U+F0xx
            # Above ASCII, Office's Symbol bullets and arrows are far more common than Latin-1.
            return SYMBOL.get(low, chr(low) if low >= 0xC0 else UNREADABLE)
        return UNREADABLE

    return _RUN.sub(UNREADABLE + " ", _PRIVATE.sub(one, text))
