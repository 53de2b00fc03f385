"""Portal text (drafting contract § 7): one block per section to paste into a grantor's web form,
each with its character count and the programme's limit where the catalogue knows one."""

from __future__ import annotations

from funding_matcher.domain.german import format_number

from .blocks import clean
from .document import ApplicationDocument, normalised

RULE = "=" * 72


def export_portal(doc: ApplicationDocument) -> str:
    """Plain text: per section the title, the count line (over-long blocks marked), the text."""
    head = [clean(doc.title), f"Texte für das Antragsportal: {clean(doc.programme_title)}"]
    if not doc.submission:
        head.append("Arbeitsfassung – Zeichen mit Leerzeichen und Zeilenumbrüchen gezählt.")
    parts = ["\n".join(head)]
    for i, section in enumerate(doc.sections, start=1):
        text = normalised(section.text)
        chars = len(text)
        if section.limit_chars is None:
            status = f"{format_number(chars)} Zeichen (keine Höchstlänge bekannt)"
        elif chars > section.limit_chars:
            over = chars - section.limit_chars
            status = (
                f"ZU LANG: {format_number(chars)} von höchstens "
                f"{format_number(section.limit_chars)} Zeichen ({format_number(over)} zu viel)"
            )
        else:
            status = (
                f"{format_number(chars)} von höchstens {format_number(section.limit_chars)} Zeichen"
            )
        parts.append(f"{RULE}\n{i}. {clean(section.title)}\n[{status}]\n{RULE}\n{text}")
    return "\n\n".join(parts).rstrip() + "\n"
