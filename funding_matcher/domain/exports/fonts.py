"""The TrueType fonts the PDF embeds: DejaVu Sans from Debian, else Bitstream Vera from reportlab.

Both cover German (ä ö ü ß), the euro sign and typographic quotes. No font file is part of the
project: DejaVu comes from the Debian package fonts-dejavu-core, Vera ships inside reportlab.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import reportlab

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
# Lets a server with DejaVu elsewhere (another distribution) point to it.
FONT_DIR_ENV = "FUNDING_MATCHER_FONT_DIR"


@dataclass(frozen=True)
class FontFiles:
    """The four faces of one family; ``family`` names it in the PDF."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


def _dejavu(folder: Path) -> FontFiles:
    return FontFiles(
        "DejaVuSans",
        folder / "DejaVuSans.ttf",
        folder / "DejaVuSans-Bold.ttf",
        folder / "DejaVuSans-Oblique.ttf",
        folder / "DejaVuSans-BoldOblique.ttf",
    )


def _vera() -> FontFiles:
    folder = Path(reportlab.__file__).parent / "fonts"
    return FontFiles(
        "Vera",
        folder / "Vera.ttf",
        folder / "VeraBd.ttf",
        folder / "VeraIt.ttf",
        folder / "VeraBI.ttf",
    )


def _complete(files: FontFiles) -> bool:
    return all(
        path.is_file() for path in (files.regular, files.bold, files.italic, files.bold_italic)
    )


def font_files() -> FontFiles:
    """DejaVu Sans (``$FUNDING_MATCHER_FONT_DIR`` or Debian's folder) if complete, else Vera."""
    folders = [Path(os.environ[FONT_DIR_ENV])] if os.environ.get(FONT_DIR_ENV) else []
    for folder in [*folders, DEJAVU_DIR]:
        files = _dejavu(folder)
        if _complete(files):
            return files
    return _vera()
