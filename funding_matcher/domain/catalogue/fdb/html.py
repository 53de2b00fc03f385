"""Plain text from the Förderdatenbank's rich-text fields, kept verbatim and split by headings."""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "div", "tr"}
CDATA_RE = re.compile(r"^\s*<!\[CDATA\[(.*)\]\]>\s*$", re.S)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (tag, text)
        self._tag = "p"
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in BLOCKS:
            self._flush()
            self._tag = tag
        elif tag == "br":
            self._buffer.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._buffer.append(data)

    def _flush(self) -> None:
        text = "".join(self._buffer).replace("\xa0", " ")
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
        if text:
            self.blocks.append((self._tag, text))
        self._buffer = []

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(markup: str | None) -> list[tuple[str, str]]:
    """(tag, text) per paragraph, list item or heading of a rich-text field."""
    if not markup:
        return []
    match = CDATA_RE.match(markup)
    collector = _TextCollector()
    collector.feed(match.group(1) if match else markup)
    collector.close()
    return collector.blocks


def html_text(markup: str | None) -> str:
    """The field's text, one paragraph per line."""
    return "\n".join(text for _, text in html_blocks(markup))


def sections(markup: str | None) -> dict[str, list[str]]:
    """Paragraphs grouped under their h2 heading ('' for text before the first heading)."""
    out: dict[str, list[str]] = {"": []}
    current = ""
    for tag, text in html_blocks(markup):
        if tag in ("h1", "h2", "h3"):
            current = text
            out.setdefault(current, [])
        else:
            out[current].append(text)
    return out
