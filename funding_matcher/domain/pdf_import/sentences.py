"""Sentences of a document with their page, the section they stand in and the rules' version."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from funding_matcher.domain.pdf_import.german import MONTH_NAMES
from funding_matcher.domain.pdf_import.sections import Heading, Version

# A line that starts a new block: a bullet, "a)", "(1)", "1." or a numbered paragraph.
_BLOCK_START = re.compile(
    r"^(?:[–•▪■●○o\-]\s|[a-z]\)\s|\(\d{1,2}\)\s|\d+(?:\.\d+)+\s"
    rf"|\d{{1,2}}\.\s(?!(?:{'|'.join(MONTH_NAMES)})\b))"
)
# Sentence ends: . ! ? followed by a space and a capital, a digit or an opening quote.
_LIST_ITEM = re.compile(r"^(?:[–•▪■●○o\-]\s|[a-z]\)\s|\(\d{1,2}\)\s)")
_ANNEX = re.compile(r"^(?:Anlage|Anhang)(?:\s+(?:\d+|[A-Z]\d?|zu\b.*))?\s*$")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"(0-9])")
_ABBREVIATIONS = {
    "nr",
    "abs",
    "art",
    "bzw",
    "ca",
    "mio",
    "mrd",
    "s",
    "vgl",
    "gem",
    "inkl",
    "max",
    "min",
    "tsd",
    "ggf",
    "evtl",
    "sog",
    "lt",
    "ziff",
    "buchst",
    "anh",
    "insb",
    "zzgl",
    "abzgl",
    "etc",
    "str",
    "dr",
    "prof",
    "z",
    "b",
    "d",
    "h",
    "u",
    "a",
    "i",
    "v",
    "o",
    "e",
    "g",
    "bspw",
    "usw",
    "rd",
    "einschl",
    "ausschl",
    "ff",
    "f",
    "kap",
    "tz",
    "gez",
    "jh",
    "bzgl",
    "st",
    "verw",
    "nrn",
    "abl",
    "bgbl",
    "banz",
    "gbl",
    "mbl",
    "vo",
    "anl",
    "anm",
    "bd",
    "hrsg",
    "jan",
    "feb",
    "aug",
    "sept",
    "okt",
    "nov",
    "dez",
    "geb",
    "tel",
    "ust",
    "mwst",
    "zt",
    "allg",
    "bes",
}
MAX_QUOTE = 320


@dataclass(frozen=True)
class Sentence:
    """A sentence (or list item, or heading) and where it stands."""

    text: str
    page: int
    kind: str | None  # the section kind (see sections.KIND_KEYWORDS), None outside any
    heading: str  # titles of the headings above it, outermost first, joined by " / "
    outdated: bool  # stands in a further, not current set of the rules in the same file
    is_heading: bool = False
    lead: str = ""  # for a list item, the sentence that introduces the list ("… sind:")
    in_annex: bool = False  # after an "Anlage"/"Anhang" line: annexed material, not the rules


def split_sentences(
    pages: Sequence[Sequence[str]],
    headings: Sequence[Heading],
    versions: Sequence[Version] = (),
    current: int = 0,
) -> list[Sentence]:
    """Every sentence in reading order, tagged with page, section kind, heading and version.

    ``versions`` are further sets of the rules in the file; ``current`` the one in force
    (0 for the first); sentences of the others are marked ``outdated``.
    """
    by_place = {(h.page, h.line): h for h in headings}
    starts = sorted((v.page, v.line) for v in versions)
    state = _State(stack=[], starts=starts, current=current)
    out: list[Sentence] = []
    block: list[str] = []
    block_at = (1, 0)  # page and line where the current block starts
    for page, lines in enumerate(pages, start=1):
        for index, line in enumerate(lines):
            heading = by_place.get((page, index))
            # A sentence may run on over the page break; it keeps the page where it starts.
            page_break = index == 0 and block and block[-1][-1:] in ".!?:;"
            starts_block = _BLOCK_START.match(line) or (block and block[-1].endswith(":"))
            if heading or page_break or starts_block:
                out.extend(state.block(block, block_at))
                block = []
            if (index < 3 or heading) and _ANNEX.match(line):
                state.in_annex = True
            if heading is None:
                if not block:
                    block_at = (page, index)
                block.append(line)
                continue
            out.append(state.heading(heading, line))
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

    def block(self, block: list[str], at: tuple[int, int]) -> list[Sentence]:
        """The sentences of a block of lines, with its context."""
        if not block:
            return []
        kind, title = _context(self.stack)
        outdated = _version(self.starts, *at) != self.current
        is_item = bool(_LIST_ITEM.match(block[0]))
        lead = self.lead if is_item else ""
        texts = _sentences(" ".join(block))
        if not is_item:
            self.lead = texts[-1] if texts and texts[-1].endswith(":") else ""
        return [
            Sentence(text, at[0], kind, title, outdated, lead=lead, in_annex=self.in_annex)
            for text in texts
        ]


def _version(starts: list[tuple[int, int]], page: int, line: int) -> int:
    return sum(1 for start in starts if start <= (page, line))


def _context(stack: Sequence[Heading]) -> tuple[str | None, str]:
    """The kind of the innermost heading that has one, and the path of heading titles."""
    kind = next((h.kind for h in reversed(stack) if h.kind), None)
    return kind, " / ".join(h.title for h in stack)


def _sentences(text: str) -> list[str]:
    """Split a block at sentence ends, not after abbreviations, ordinals or dates."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    pieces: list[str] = []
    start = 0
    for match in _SPLIT.finditer(text):
        before = text[start : match.start()]
        word = re.search(r"(\S+)\.$", before)
        token = word.group(1) if word else ""
        if token.lower().strip('(„"') in _ABBREVIATIONS:
            continue
        if re.fullmatch(r"\d{1,3}", token) or re.search(r"\.\d{1,2}$", token):
            continue  # "31. Dezember", "Nr. 5.", "1.1."
        pieces.append(before.strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def quote(text: str, start: int = 0, end: int | None = None) -> str:
    """The sentence as a quote, cut around ``start:end`` with "…" when it is very long."""
    if len(text) <= MAX_QUOTE:
        return text
    end = start if end is None else end
    half = (MAX_QUOTE - (end - start)) // 2
    left = max(0, start - max(half, 40))
    right = min(len(text), end + max(half, 40))
    if left > 0:
        left = text.find(" ", left) + 1 or left
    if right < len(text):
        right = text.rfind(" ", end, right) if text.rfind(" ", end, right) > end else right
    return ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(text) else "")
