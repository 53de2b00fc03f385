"""``funding-matcher pdf``: field proposals from a guideline PDF, a profile draft from a concept.

Thin: the domain reads the file in its sandbox; a bad file becomes its one German sentence on
stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from funding_matcher.domain.pdf_import import (
    GuidelineImport,
    PdfImportError,
    import_concept,
    import_guideline,
    import_guidelines,
)

password_option = click.option(
    "--password", default=None, help="Passwort zum Öffnen einer geschützten PDF-Datei"
)


@click.group("pdf")
def pdf_group() -> None:
    """PDF-Dateien lesen: Förderrichtlinien und Projektkonzepte."""


def _unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file, as one German sentence; None when it can."""
    if not path.exists():
        return f"Die Datei „{path}“ gibt es nicht; bitte den Pfad prüfen."
    if not path.is_file():
        return f"„{path}“ ist keine Datei, sondern ein Verzeichnis; bitte eine PDF-Datei angeben."
    return None


def _run(importer: Callable[..., Any], path: Path, password: str | None) -> Any:
    """The importer's result; exit 2 with one sentence on stderr for a bad path or file."""
    reason = _unreadable(path)
    if reason is None:
        try:
            return importer(path, password=password)
        except PdfImportError as exc:
            reason = exc.message
        except OSError as exc:
            reason = f"Die Datei „{path}“ lässt sich nicht lesen ({exc.strerror or exc})."
    click.echo(reason, err=True)
    sys.exit(2)


@pdf_group.command("guideline")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=True))
@password_option
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True
)
def guideline(files: tuple[Path, ...], password: str | None, fmt: str) -> None:
    """Felder aus einer Förderrichtlinie vorschlagen, jeweils mit Seite und Satz.

    Mehrere Dateien werden nebeneinander gelesen (jede in ihrem eigenen Prüfprozess); die
    Ausgabe ist dann eine JSON-Liste, eine nicht lesbare Datei steht darin mit ihrem Satz.
    """
    if len(files) == 1:
        result = _run(import_guideline, files[0], password)
        click.echo(result.to_json() if fmt == "json" else result.to_text(), nl=fmt == "json")
        return
    readable = [path for path in files if _unreadable(path) is None]
    results = dict(zip(readable, import_guidelines(readable, password=password), strict=True))
    failed = False
    entries: list[dict[str, Any]] = []
    for path in files:
        result = results.get(path)
        if isinstance(result, GuidelineImport):
            entries.append(result.to_dict())
            if fmt == "text":
                click.echo(result.to_text())
            continue
        failed = True
        reason = result.message if isinstance(result, PdfImportError) else _unreadable(path)
        entries.append({"file": path.name, "error": reason})
        click.echo(f"{path.name}: {reason}", err=True)
    if fmt == "json":
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(2)


@pdf_group.command("concept")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@password_option
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def concept(file: Path, password: str | None, fmt: str) -> None:
    """Ein Projektprofil (Entwurf) aus einem Projektkonzept, jedes Feld mit seiner Seite."""
    result = _run(import_concept, file, password)
    click.echo(result.to_json())
