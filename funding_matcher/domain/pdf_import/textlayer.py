"""A page's text as positioned lines, read straight from its content stream (child side only).

pypdf's ``extract_text`` spends ~20 µs per text operator; guidelines re-saved by macOS place
every glyph in its own ``BT … ET`` block, which makes it crawl at 4 pages/s. This reader tokenises
the content with one regular expression, keeps only the text state, and lets pypdf do everything
that needs PDF knowledge: stream filters (with pypdf's limits), fonts, encodings and ToUnicode maps.
Anything it does not understand raises ``Unsupported``; the worker then uses ``extract_text``.

This module imports nothing from ``funding_matcher``: the worker runs it in a bare interpreter.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, replace
from typing import Any

from pypdf import PageObject
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

if __name__.startswith("_pdf_import_"):  # loaded by path in the worker, after its siblings
    glyphs = sys.modules["_pdf_import_glyphs"]
    textlines = sys.modules["_pdf_import_textlines"]
else:
    from funding_matcher.domain.pdf_import import glyphs, textlines

try:  # pypdf's font model (encodings, ToUnicode maps, widths); private, hence the fallback
    from pypdf.generic._font import Font
except ImportError:  # pragma: no cover - a pypdf without it takes the extract_text path
    Font = None  # type: ignore[assignment,misc]

_WS = rb"\x00\t\n\x0c\r "
_S = rb"[" + _WS + rb"]+"
# One glyph in its own block, as macOS writes it: BT a b c d e f Tm /F size Tf (text) Tj ET
_GLYPH = (
    rb"BT~(?P<g0>~N)~(?P<g1>~N)~(?P<g2>~N)~(?P<g3>~N)~(?P<g4>~N)~(?P<g5>~N)~Tm"
    rb"~(?P<gfont>/[^~W()<>\[\]{}/%]+)~(?P<gsize>~N)~Tf[~W]*\((?P<gstr>[^()\\]*)\)[~W]*Tj"
    rb"~ET(?=[~W]|\Z)"
)
_TOKEN = re.compile(
    (
        rb"[~W]*(?:(?P<glyph>" + _GLYPH + rb")"
        rb"|(?P<num>[-+.\d]+)"
        rb"|(?P<op>[A-Za-z'\"*][A-Za-z0-9'\"*]{0,15})"
        rb"|(?P<name>/[^~W()<>\[\]{}/%]*)"
        rb"|\((?P<str>[^()\\]*(?:(?:\\.|\((?:[^()\\]|\\.)*\))[^()\\]*)*)\)"
        rb"|(?P<aopen>\[)|(?P<aclose>\])|(?P<dopen><<)|(?P<dclose>>>)"
        rb"|<(?P<hex>[0-9A-Fa-f~W]*)>"
        rb"|(?P<comment>%[^\r\n]*)"
        rb"|(?P<end>\Z)"
        rb"|(?P<bad>.))"
    )
    .replace(b"~N", rb"[-+.\d]+")
    .replace(b"~W", _WS)
    .replace(b"~", _S),
    re.DOTALL,
)
# Inline image data is binary: cut out everything from BI to the EI that stands alone.
_INLINE_IMAGE = re.compile(
    rb"(?<![^" + _WS + rb"])BI(?=[" + _WS + rb"/]).*?[" + _WS + rb"]ID[" + _WS + rb"].*?"
    rb"[" + _WS + rb"]EI(?=[" + _WS + rb"]|\Z)",
    re.DOTALL,
)
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_GLYPH_GROUPS = ("g0", "g1", "g2", "g3", "g4", "g5", "gfont", "gsize", "gstr")
_BOLD = re.compile(r"Bold|Black|Heavy|Semibold|Demi", re.IGNORECASE)

# Operators that neither show text nor change where it goes: paths, colours, marked content.
_NO_TEXT = frozenset(
    b"ET m l c v y h re S s f F f* B B* b b* n W W* w J j M d ri i gs CS cs SC SCN sc scn G g "
    b"RG rg K k sh BMC BDC EMC MP DP d0 d1 BX EX".split()
)
MAX_FORM_DEPTH = 12
MAX_FORM_CALLS = 5000


Unsupported = textlines.Unsupported
TooComplex = textlines.TooComplex


@dataclass(slots=True)
class _State:
    """The graphics and text state that ``q`` saves and ``Q`` restores."""

    ctm: list[float]
    font: textlines.FontInfo | None = None
    size: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    h_scale: float = 1.0
    leading: float = 0.0


class _Reader:
    """Interprets one page's content (and the forms it paints) for text."""

    def __init__(self, fonts: dict[Any, textlines.FontInfo], token_budget: int) -> None:
        self.fonts = fonts
        self.budget = token_budget
        self.form_calls = 0
        self.has_images = False
        self.out = textlines.LineBuilder()
        self.tm = list(_IDENTITY)
        self.tlm = list(_IDENTITY)

    def font_for(self, resources: DictionaryObject | None, name: str) -> textlines.FontInfo | None:
        """pypdf's model of the font ``name``, built once per file."""
        try:
            fonts = resources["/Font"].get_object() if resources else None  # type: ignore[index]
            ref = fonts.raw_get(name) if fonts is not None else None
        except (KeyError, AttributeError, TypeError):
            return None
        if ref is None:
            return None
        key = (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(ref)
        info = self.fonts.get(key)
        if info is None:
            font_dict = ref.get_object()
            if not isinstance(font_dict, DictionaryObject) or Font is None:
                raise Unsupported("Schrift ohne Wörterbuch")
            font = Font.from_font_resource(font_dict)
            scale = 0.001
            matrix = font_dict.get("/FontMatrix")
            if font_dict.get("/Subtype") == "/Type3" and isinstance(matrix, ArrayObject) and matrix:
                scale = abs(float(matrix[0])) or 0.001
            base = str(font_dict.get("/BaseFont", ""))
            descriptor = font_dict.get("/FontDescriptor")
            weight = 0
            if isinstance(descriptor, IndirectObject | DictionaryObject):
                descriptor = descriptor.get_object()
                weight = int(descriptor.get("/FontWeight", 0) or 0) if descriptor else 0
            bold = weight >= 600 or bool(_BOLD.search(base))
            info = textlines.FontInfo(font, scale, bold=bold, kind=glyphs.font_kind(base))
            self.fonts[key] = info
        return info

    def run(
        self,
        data: bytes,
        resources: DictionaryObject | None,
        ctm: list[float],
        depth: int,
        seen: tuple[int, ...],
    ) -> None:
        """Interpret ``data``; text operators add to ``self.out``."""
        if b"BI" in data:
            data, images = _INLINE_IMAGE.subn(b" ", data)
            self.has_images = self.has_images or images > 0
        state = _State(ctm)
        stack: list[_State] = []
        fonts: dict[str, textlines.FontInfo | None] = {}
        operands: list[Any] = []
        arrays: list[list[Any]] = []
        dict_depth = 0
        budget = self.budget
        for m in _TOKEN.finditer(data):
            kind = m.lastgroup
            budget -= 1
            if kind == "num":
                if not dict_depth:
                    try:
                        number = float(m.group(kind))
                    except ValueError as exc:
                        raise Unsupported("unlesbare Zahl") from exc
                    (arrays[-1] if arrays else operands).append(number)
            elif kind == "op":
                op = m.group(kind)
                if op not in _NO_TEXT:
                    if arrays or dict_depth:
                        raise Unsupported("Operator in Array oder Wörterbuch")
                    if op == b"q":
                        stack.append(replace(state))
                    elif op == b"Q":
                        state = stack.pop() if stack else state
                    elif op == b"Do":
                        self.budget = budget
                        self.paint(operands, resources, state.ctm, depth, seen)
                        budget = self.budget
                    else:
                        self.operate(op, operands, state, resources, fonts)
                operands = []
                if budget < 0:
                    raise TooComplex("zu viele Anweisungen im Inhaltsstrom")
            elif kind == "str" or kind == "hex":
                if not dict_depth:
                    raw = m.group(kind)
                    value = textlines.literal(raw) if kind == "str" else textlines.hex_string(raw)
                    (arrays[-1] if arrays else operands).append(value)
            elif kind == "name":
                if not dict_depth:
                    (arrays[-1] if arrays else operands).append(
                        textlines.name_string(m.group(kind))
                    )
            elif kind == "glyph":
                # BT a b c d e f Tm /F size Tf (x) Tj ET: one glyph placed on its own.
                a, b, c, d, e, f, font_name, size, raw = m.group(*_GLYPH_GROUPS)
                font = fonts.get(font_name)
                if font is None and font_name not in fonts:
                    font = fonts[font_name] = self.font_for(
                        resources, textlines.name_string(font_name)
                    )
                state.font = font
                state.size = float(size)
                self.glyph(float(a), float(b), float(c), float(d), float(e), float(f), raw, state)
                budget -= 12
            elif kind == "aopen":
                arrays.append([])
            elif kind == "aclose":
                if not arrays:
                    raise Unsupported("] ohne [")
                done = arrays.pop()
                if not dict_depth:
                    (arrays[-1] if arrays else operands).append(done)
            elif kind == "dopen":
                dict_depth += 1
            elif kind == "dclose":
                dict_depth -= 1
            elif kind == "end":
                break
            elif kind == "bad":
                raise Unsupported(f"unerwartetes Zeichen {m.group(kind)!r}")
        self.budget = budget

    def operate(
        self,
        op: bytes,
        operands: list[Any],
        state: _State,
        resources: DictionaryObject | None,
        fonts: dict[str, textlines.FontInfo | None],
    ) -> None:
        """Apply one text-state or text-showing operator."""
        if op == b"Tj" or op == b"TJ" or op == b"'" or op == b'"':
            if op == b'"' and len(operands) >= 3:
                state.word_space, state.char_space = (
                    textlines.number(operands[0]),
                    textlines.number(operands[1]),
                )
                operands = operands[2:]
            if op == b"'" or op == b'"':
                self.next_line(0.0, -state.leading)
            items = operands[0] if op == b"TJ" and operands else operands[:1]
            if isinstance(items, list):
                self.show(items, state)
        elif op == b"Tm":
            matrix = textlines.matrix(operands)
            if matrix is not None:
                self.tm = matrix
                self.tlm = matrix.copy()
        elif op == b"Tf":
            if len(operands) >= 2 and isinstance(operands[0], str):
                name = operands[0]
                if name not in fonts:
                    fonts[name] = self.font_for(resources, name)
                state.font = fonts[name]
                state.size = textlines.number(operands[1])
        elif op == b"Td" or op == b"TD":
            if len(operands) >= 2:
                if op == b"TD":
                    state.leading = -textlines.number(operands[1])
                self.next_line(textlines.number(operands[0]), textlines.number(operands[1]))
        elif op == b"T*":
            self.next_line(0.0, -state.leading)
        elif op == b"BT":
            self.tm = list(_IDENTITY)
            self.tlm = list(_IDENTITY)
        elif op == b"cm":
            matrix = textlines.matrix(operands)
            if matrix is not None:
                state.ctm = textlines.multiply(matrix, state.ctm)
        elif op == b"Tc":
            state.char_space = textlines.number(operands[0]) if operands else 0.0
        elif op == b"Tw":
            state.word_space = textlines.number(operands[0]) if operands else 0.0
        elif op == b"Tz":
            state.h_scale = (textlines.number(operands[0]) if operands else 100.0) / 100.0
        elif op == b"TL":
            state.leading = textlines.number(operands[0]) if operands else 0.0

    def glyph(
        self, a: float, b: float, c: float, d: float, e: float, f: float, raw: bytes, state: _State
    ) -> None:
        """One glyph placed by its own text matrix: ``show`` without its loops, for the files
        that place every glyph in its own block (most of a re-saved guideline's time)."""
        self.tm = [a, b, c, d, e, f]
        font = state.font
        if font is None:
            return
        text, width, glyphs, spaces = textlines.decode(font, textlines.literal(raw))
        if not text:
            return
        m = state.ctm
        vx, vy = a * m[0] + b * m[2], a * m[1] + b * m[3]
        norm = math.hypot(vx, vy)
        if norm == 0:
            return
        size, h_scale = state.size, state.h_scale
        space = max(0.5 * textlines.space_width(font) * size * h_scale, 0.1 * abs(size))
        advance = (width * size + state.char_space * glyphs + state.word_space * spaces) * h_scale
        self.out.add(
            text,
            (e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5]),
            (vx / norm, vy / norm),
            advance * norm,
            math.hypot(c * m[0] + d * m[2], c * m[1] + d * m[3]) * abs(size),
            space * norm,
            font.bold,
        )

    def next_line(self, tx: float, ty: float) -> None:
        """Td: move to the start of the next line, offset from the current line's start."""
        tlm = self.tlm
        tlm[4] += tx * tlm[0] + ty * tlm[2]
        tlm[5] += tx * tlm[1] + ty * tlm[3]
        self.tm = tlm.copy()

    def show(self, items: list[Any], state: _State) -> None:
        """Tj/TJ: place the strings as one run and move the text matrix past them."""
        font = state.font
        if font is None:
            return
        tm, c = self.tm, state.ctm
        size, h_scale = state.size, state.h_scale
        space = max(0.5 * textlines.space_width(font) * size * h_scale, 0.1 * abs(size))
        parts: list[str] = []
        start: float | None = None
        moved = 0.0  # text-space distance from the current text position
        for item in items:
            if type(item) is float:
                shift = -item / 1000.0 * size * h_scale
                if parts and shift > space and parts[-1][-1:] != " ":
                    parts.append(" ")  # a kerning gap as wide as a space separates words
                moved += shift
                continue
            if type(item) is not bytes or not item:
                continue
            text, width, glyphs, spaces = textlines.decode(font, item)
            if text:
                if start is None:
                    start = moved
                parts.append(text)
            moved += (
                width * size + state.char_space * glyphs + state.word_space * spaces
            ) * h_scale
        if start is not None:
            vx = tm[0] * c[0] + tm[1] * c[2]
            vy = tm[0] * c[1] + tm[1] * c[3]
            norm = math.hypot(vx, vy)
            if norm > 0:
                x, y = tm[4] + start * tm[0], tm[5] + start * tm[1]
                height = math.hypot(tm[2] * c[0] + tm[3] * c[2], tm[2] * c[1] + tm[3] * c[3])
                self.out.add(
                    "".join(parts),
                    (x * c[0] + y * c[2] + c[4], x * c[1] + y * c[3] + c[5]),
                    (vx / norm, vy / norm),
                    (moved - start) * norm,
                    height * abs(size),
                    space * norm,
                    font.bold,
                )
        tm[4] += moved * tm[0]
        tm[5] += moved * tm[1]

    def paint(
        self,
        operands: list[Any],
        resources: DictionaryObject | None,
        ctm: list[float],
        depth: int,
        seen: tuple[int, ...],
    ) -> None:
        """Follow ``Do``: read a form XObject's text, note an image."""
        if not operands or not isinstance(operands[0], str):
            return
        try:
            ref = resources["/XObject"].get_object().raw_get(operands[0])  # type: ignore[index]
        except (KeyError, AttributeError, TypeError):
            return
        xobject = ref.get_object() if ref is not None else None
        if not isinstance(xobject, DictionaryObject):
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self.has_images = True
            return
        if subtype != "/Form":
            return
        key = ref.idnum if isinstance(ref, IndirectObject) else id(xobject)
        self.form_calls += 1
        if key in seen or depth >= MAX_FORM_DEPTH:
            raise TooComplex("Formularobjekte verweisen im Kreis")
        if self.form_calls > MAX_FORM_CALLS:
            raise TooComplex("zu viele Formularobjekte")
        matrix = xobject.get("/Matrix")
        form_ctm = list(_IDENTITY)
        if isinstance(matrix, ArrayObject) and len(matrix) == 6:
            form_ctm = [float(v) for v in matrix]
        form_resources = xobject.get("/Resources")
        form_resources = form_resources.get_object() if form_resources is not None else resources
        data = xobject.get_data()  # type: ignore[attr-defined]
        saved = (self.tm, self.tlm)
        self.out.flush()
        self.run(data, form_resources, textlines.multiply(form_ctm, ctm), depth + 1, (*seen, key))
        self.out.flush()
        self.tm, self.tlm = saved


def read_page(
    page: PageObject, fonts: dict[Any, textlines.FontInfo], token_budget: int
) -> textlines.PageText:
    """The page's text lines in content order; raises Unsupported or TooComplex."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    contents = page.get_contents()
    reader = _Reader(fonts, token_budget)
    if contents is not None:
        reader.run(contents.get_data(), resources, list(_IDENTITY), 0, ())
    reader.out.flush()
    box = page.cropbox
    bottom, height = float(box.bottom), float(box.height)
    positioned = int(page.get("/Rotate", 0) or 0) % 360 == 0 and height > 0
    lines = [
        textlines.Line(
            text,
            (1.0 - (y - bottom) / height) if positioned and upright else None,
            round(size, 1),
            bold,
        )
        for text, y, upright, size, bold in reader.out.lines
    ]
    return textlines.PageText(lines, reader.has_images)
