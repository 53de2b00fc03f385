"""Sentences of a document with their page, the section they stand in and the rules' version.

Every character keeps the page it was printed on: a block of lines may run over a page break
(and the block keeps going), but each sentence knows where it starts, where it ends and on which
page any part of it stands, so a value is cited with the page it is printed on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from funding_matcher.domain.german import MONTH_NAMES
from funding_matcher.domain.pdf_import.german import ABBREVIATIONS
from funding_matcher.domain.pdf_import.sections import Heading, Version

# A line that starts a new block: a bullet, "a)", "(1)", "1." or a numbered paragraph.
_BLOCK_START = re.compile(
    r"^(?:[–•▪■●○o\-]\s|[a-z]\)\s|\(\d{1,2}\)\s"
    r"|(?!\d{1,2}\.\d{1,2}\.(?:19|20)?\d\d\b)\d{1,2}(?:\.\d{1,2})+\.?\s(?!€|Euro|EUR)"
    rf"|\d{{1,2}}\.\s(?!(?:{'|'.join(MONTH_NAMES)})\b))"
)
_LIST_ITEM = re.compile(r"^(?:[–•▪■●○o\-]\s|[a-z]\)\s|\(\d{1,2}\)\s)")
_ANNEX = re.compile(r"^(?:Anlage|Anhang)(?:\s+(?:\d+|[A-Z]\d?|zu\b.*))?\s*$")
# Sentence ends: . ! ? followed by a space and a capital, a digit or an opening quote.
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"(0-9])")
MAX_QUOTE = 320


@dataclass(frozen=True)
class Sentence:
    """A sentence (or list item, or heading) and where it stands.

    ``page`` is where the sentence starts; ``breaks`` holds (offset, page) for every page the
    sentence runs on to, so ``page_at(offset)`` names the page of any of its characters.
    """

    text: str
    page: int
    kind: str | None  # the section kind (see sections.KIND_KEYWORDS), None outside any
    heading: str  # titles of the headings above it, outermost first, joined by " / "
    outdated: bool  # stands in a further, not current set of the rules in the same file
    is_heading: bool = False
    lead: str = ""  # for a list item, the sentence that introduces the list ("… sind:")
    in_annex: bool = False  # after an "Anlage"/"Anhang" line: annexed material, not the rules
    breaks: tuple[tuple[int, int], ...] = ()
    is_footnote: bool = False
    context: str = ""  # the sentence before it in the same block (for "Diese beträgt …")

    def page_at(self, offset: int) -> int:
        """The page the character at ``offset`` was printed on."""
        page = self.page
        for start, later in self.breaks:
            if offset >= start:
                page = later
        return page

    @property
    def pages(self) -> tuple[int, ...]:
        """Every page the sentence stands on, first to last."""
        return (self.page, *(page for _, page in self.breaks))


def split_sentences(
    pages: Sequence[Sequence[str]],
    headings: Sequence[Heading],
    versions: Sequence[Version] = (),
    current: int = 0,
    footnotes: Sequence[Sequence[str]] = (),
) -> list[Sentence]:
    """Every sentence in reading order, tagged with page, section kind, heading and version.

    ``versions`` are further sets of the rules in the file; ``current`` the one in force
    (0 for the first); sentences of the others are marked ``outdated``. ``footnotes`` are the
    lines set aside at the foot of each page: they become sentences of their own page and never
    interrupt a sentence that runs on to the next page.
    """
    by_place = {(h.page, h.line): h for h in headings}
    starts = sorted((v.page, v.line) for v in versions)
    state = _State(stack=[], starts=starts, current=current)
    out: list[Sentence] = []
    block: list[tuple[str, int]] = []
    block_at = (1, 0)  # page and line where the current block starts
    for page, lines in enumerate(pages, start=1):
        for index, line in enumerate(lines):
            heading = by_place.get((page, index))
            # A block goes on over a page break unless the last page ended a sentence.
            page_break = index == 0 and block and block[-1][0][-1:] in ".!?:;"
            starts_block = _BLOCK_START.match(line) or (block and block[-1][0].endswith(":"))
            if heading or page_break or starts_block:
                out.extend(state.block(block, block_at))
                block = []
            if (index < 3 or heading) and _ANNEX.match(line):
                state.in_annex = True
            if heading is None:
                if not block:
                    block_at = (page, index)
                block.append((line, page))
                continue
            out.append(state.heading(heading, line))
        notes = footnotes[page - 1] if page - 1 < len(footnotes) else ()
        out.extend(state.footnote(note, page) for note in notes)
    out.extend(state.block(block, block_at))
    return out


@dataclass
class _State:
    """Where the reader stands: the open headings, the list intro, annex and version."""

    stack: list[Heading]
    starts: list[tuple[int, int]]
    current: int
    lead: str = ""
    in_annex: bool = False

    def heading(self, heading: Heading, line: str) -> Sentence:
        """Open a heading (closing those at its level) and return it as a sentence."""
        while self.stack and self.stack[-1].level >= heading.level:
            self.stack.pop()
        self.stack.append(heading)
        self.lead = ""
        kind, title = _context(self.stack)
        outdated = _version(self.starts, heading.page, heading.line) != self.current
        return Sentence(
            line, heading.page, kind, title, outdated, is_heading=True, in_annex=self.in_annex
        )

    def footnote(self, line: str, page: int) -> Sentence:
        """A footnote as a sentence of its page, in the section it annotates."""
        kind, title = _context(self.stack)
        outdated = _version(self.starts, page, 0) != self.current
        return Sentence(line, page, kind, title, outdated, in_annex=self.in_annex, is_footnote=True)

    def block(self, block: list[tuple[str, int]], at: tuple[int, int]) -> list[Sentence]:
        """The sentences of a block of lines, each with its pages and the block's context."""
        if not block:
            return []
        kind, title = _context(self.stack)
        outdated = _version(self.starts, *at) != self.current
        is_item = bool(_LIST_ITEM.match(block[0][0]))
        # a list item, or the answer to a question ("Wer ist antragsberechtigt? …"), is read
        # with the sentence that introduces it
        lead = self.lead
        text, line_starts, line_pages = _join(block)
        pieces = _sentences(text)
        if not is_item:
            self.lead = pieces[-1][0] if pieces and pieces[-1][0][-1:] in ":?" else ""
        found = []
        previous = ""
        for piece, start, end in pieces:
            first = line_pages[bisect_right(line_starts, start) - 1]
            breaks = []
            page = first
            for line_start, line_page in zip(line_starts, line_pages, strict=True):
                if start < line_start < end and line_page != page:
                    breaks.append((line_start - start, line_page))
                    page = line_page
            found.append(
                Sentence(
                    piece,
                    first,
                    kind,
                    title,
                    outdated,
                    lead=(lead if is_item or not previous else "")
                    or (previous if previous[-1:] in ":?" else ""),
                    in_annex=self.in_annex,
                    breaks=tuple(breaks),
                    context=previous,
                )
            )
            previous = piece
        return found


def _join(block: list[tuple[str, int]]) -> tuple[str, list[int], list[int]]:
    """The block's lines as one text, with the offset and the page where each line starts."""
    parts: list[str] = []
    line_starts: list[int] = []
    line_pages: list[int] = []
    offset = 0
    for line, page in block:
        clean = re.sub(r"\s+", " ", line).strip()
        if not clean:
            continue
        if parts:
            offset += 1  # the joining space
        line_starts.append(offset)
        line_pages.append(page)
        parts.append(clean)
        offset += len(clean)
    return " ".join(parts), line_starts, line_pages


def _version(starts: list[tuple[int, int]], page: int, line: int) -> int:
    return sum(1 for start in starts if start <= (page, line))


def _context(stack: Sequence[Heading]) -> tuple[str | None, str]:
    """The kind of the innermost heading that has one, and the path of heading titles."""
    kind = next((h.kind for h in reversed(stack) if h.kind), None)
    return kind, " / ".join(h.title for h in stack)


def _sentences(text: str) -> list[tuple[str, int, int]]:
    """Split a block at sentence ends (not after abbreviations, ordinals or dates), with spans."""
    pieces: list[tuple[str, int, int]] = []
    start = 0
    for match in _SPLIT.finditer(text):
        before = text[start : match.start()]
        word = re.search(r"(\S+)\.$", before)
        token = word.group(1) if word else ""
        bare = token.lower().strip('(„"')
        if bare in ABBREVIATIONS or re.fullmatch(r"(?:[a-zäöü]\.)+[a-zäöü]", bare):
            continue  # "Nr.", "z.B.", "i.d.R."
        if re.fullmatch(r"\d{1,3}", token) or re.search(r"\.\d{1,2}$", token):
            continue  # "31. Dezember", "Nr. 5.", "1.1."
        pieces.append(_span(text, start, match.start()))
        start = match.end()
    pieces.append(_span(text, start, len(text)))
    return [piece for piece in pieces if piece[0]]


def _span(text: str, start: int, end: int) -> tuple[str, int, int]:
    """``text[start:end]`` without surrounding spaces, and its exact span."""
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return text[start:end], start, end


def quote_bounds(text: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """The part of a long sentence to quote around ``start:end`` (all of a short one)."""
    if len(text) <= MAX_QUOTE:
        return 0, len(text)
    end = start if end is None else end
    half = (MAX_QUOTE - (end - start)) // 2
    left = max(0, start - max(half, 40))
    right = min(len(text), end + max(half, 40))
    if left > 0:
        left = text.find(" ", left) + 1 or left
    if right < len(text):
        cut = text.rfind(" ", end, right)
        right = cut if cut > end else right
    return left, right


def quote(text: str, start: int = 0, end: int | None = None) -> str:
    """The sentence as a quote, cut around ``start:end`` with "…" when it is very long."""
    left, right = quote_bounds(text, start, end)
    return ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def quoted_pages(sentence: Sentence, start: int = 0, end: int | None = None) -> tuple[int, ...]:
    """The pages the quote around ``start:end`` stands on, first to last."""
    left, right = quote_bounds(sentence.text, start, end)
    pages = [sentence.page_at(left)]
    for offset, page in sentence.breaks:
        if left < offset < right and page != pages[-1]:
            pages.append(page)
    return tuple(pages)
