"""The wording test set: key sentences of 44 real guidelines, built into PDFs and scored.

``guidelines.yaml`` holds each programme's sentences and the facts checked by hand in them
(see its header). ``build_pdf`` lays an entry out with reportlab (wrapped paragraphs, headings,
page breaks, a running header with the funder's name), so the whole import runs on it: the
sandboxed reader, the page assembly and the rules. ``score`` compares the proposals with the
facts. Used by ``test_wording_set.py`` and ``benchmarks/pdf_wording_bench.py``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus.doctemplate import LayoutError

from funding_matcher.domain.pdf_import.results import GuidelineImport, Proposal

SET_FILE = Path(__file__).resolve().with_name("wordings") / "guidelines.yaml"
KINDS = ("bund", "land", "kommune", "eu", "stiftung", "lotterie")


@dataclass(frozen=True)
class Entry:
    """One guideline of the set: who issued it, where it is from, its text and its facts."""

    id: str
    kind: str
    funder: str
    title: str
    source: str
    text: str
    facts: dict[str, dict[str, Any]]
    also: dict[str, list[Any]]


@dataclass
class Score:
    """How the proposals for one entry compare with its facts."""

    entry: Entry
    found: list[str] = field(default_factory=list)  # facts proposed as values to accept
    hinted: list[str] = field(default_factory=list)  # facts proposed only as a hint
    missed: list[str] = field(default_factory=list)
    wrong: list[Proposal] = field(default_factory=list)  # confident and contradicting the text
    wrong_hints: list[Proposal] = field(default_factory=list)
    proposals: int = 0
    confident: int = 0


def load_set(path: Path = SET_FILE) -> list[Entry]:
    """Every entry of the set file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Entry(
            id=item["id"],
            kind=item["kind"],
            funder=item["funder"],
            title=item["title"],
            source=item["source"],
            text=item["text"],
            facts=item.get("facts") or {},
            also=item.get("also") or {},
        )
        for item in raw
    ]


def build_pdf(entry: Entry) -> bytes:
    """The entry's text as a PDF: headings, wrapped paragraphs, a page break per ``---``."""
    styles = getSampleStyleSheet()
    body, heading = styles["BodyText"], styles["Heading3"]
    story: list[Any] = [Paragraph(_escape(entry.title), styles["Heading2"]), Spacer(1, 6)]
    for block in _blocks(entry.text):
        if block == "---":
            story.append(PageBreak())
        elif block.startswith("# "):
            story.append(Paragraph(_escape(block[2:]), heading))
        else:
            story.append(Paragraph(_escape(block), body))

    def header(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, A4[1] - 1.2 * cm, entry.funder[:110])
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Seite {doc.page}")
        canvas.restoreState()

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, topMargin=2.2 * cm, bottomMargin=2 * cm, title=entry.title
    )
    try:
        document.build(story, onFirstPage=header, onLaterPages=header)
    except LayoutError as exc:  # pragma: no cover - a set entry that does not fit a page
        raise ValueError(f"{entry.id}: {exc}") from exc
    return out.getvalue()


def _blocks(text: str) -> Iterable[str]:
    block: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == "---" or stripped.startswith("# ") or not stripped:
            if block:
                yield " ".join(block)
                block = []
            if stripped:
                yield stripped
            continue
        block.append(stripped)
    if block:
        yield " ".join(block)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def score(entry: Entry, result: GuidelineImport) -> Score:
    """Facts found (as value or hint) or missed, and the proposals that contradict the text."""
    outcome = Score(entry, proposals=len(result.proposals))
    for name, fact in entry.facts.items():
        hits = [p for p in result.candidates(name) if matches(p, fact["value"], fact["page"])]
        label = f"{name}={_show(fact['value'])}@{fact['page']}"
        if any(not p.is_hint for p in hits):
            outcome.found.append(label)
        elif hits:
            outcome.hinted.append(label)
        else:
            outcome.missed.append(label)
    for proposal in result.proposals:
        outcome.confident += not proposal.is_hint
        if not right(entry, proposal):
            (outcome.wrong_hints if proposal.is_hint else outcome.wrong).append(proposal)
    return outcome


def right(entry: Entry, proposal: Proposal) -> bool:
    """Whether a proposal states what the text says: a fact (on its page) or an ``also`` value."""
    fact = entry.facts.get(proposal.field)
    if fact and matches(proposal, fact["value"], fact["page"]):
        return True
    allowed = [fact["value"]] if fact else []
    allowed += entry.also.get(proposal.field, [])
    if proposal.field == "applicant_types":
        codes = {
            code for value in allowed for code in (value if isinstance(value, list) else [value])
        }
        return bool(allowed) and set(proposal.value) <= codes
    return any(matches(proposal, value, None) for value in allowed)


def matches(proposal: Proposal, value: Any, page: int | None) -> bool:
    """Whether a proposal has ``value`` (on ``page`` when one is given)."""
    if page is not None and proposal.page != page:
        return False
    found = proposal.value
    if isinstance(value, list):  # applicant types: the proposal names every one of them
        return set(value) <= set(found)
    if isinstance(value, dict):
        if not isinstance(found, dict) or found.get("kind") != value["kind"]:
            return False
        if value["kind"] == "fixed":
            return set(value["dates"]) <= set(found.get("dates", []))
        if value["kind"] == "annual":
            annual = found.get("annual", {})
            return (annual.get("month"), annual.get("day")) == (value["month"], value["day"])
        return True
    if isinstance(value, date):
        return found == value
    if isinstance(value, bool) or isinstance(found, bool):
        return found is value
    if isinstance(value, int | float):
        return isinstance(found, Decimal) and found == Decimal(str(value))
    return found == value


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return (
            value["kind"]
            + (":" + ",".join(map(str, value["dates"])) if value.get("dates") else "")
            + (f":{value['day']}.{value['month']}." if "day" in value else "")
        )
    return str(value)
