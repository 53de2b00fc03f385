"""Factories for application documents and the real programs (LibreOffice, pdftotext).

Tests that need ``soffice`` or ``pdftotext`` are skipped only on a developer machine without
them; with ``CI`` set a missing program fails the test, so CI cannot pass by skipping.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from funding_matcher.domain.budget import BudgetReport, check_budget
from funding_matcher.domain.exports import ApplicationDocument, ChecklistItem, Section

BUDGET_DEV = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "budget-dev"
DEV_NAMES = sorted(p.stem for p in BUDGET_DEV.glob("*.json") if not p.stem.endswith(".expected"))
OFFICE_TIMEOUT = 240


def missing(program: str) -> bool:
    """Skip condition: the program is absent and this is not CI."""
    return shutil.which(program) is None and not os.environ.get("CI")


needs_soffice = pytest.mark.skipif(
    missing("soffice"), reason="LibreOffice (soffice) ist nicht installiert"
)
needs_pdftotext = pytest.mark.skipif(
    missing("pdftotext"), reason="pdftotext (poppler-utils) ist nicht installiert"
)


def program(name: str) -> str:
    """The program's path; in CI its absence is a failure, not a skip."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} fehlt: in CI müssen LibreOffice und poppler-utils installiert sein")
    return path


def _derived() -> dict[str, dict[str, Any]]:
    """Plans beyond the worked examples: Ehrenamt valued, De-minimis aid received."""
    volunteer = _example("d2-subsidiarity-lottery")
    volunteer["terms"]["volunteer_work"] = {
        "rate_eur_per_hour": 15,
        "max_percent": 20,
        "may_meet_own_min": True,
    }
    volunteer["financing"]["volunteer_hours"] = 400
    de_minimis = _example("d1-anteil-other-funding")
    de_minimis["terms"]["de_minimis"] = "general"
    de_minimis["de_minimis_received"] = [
        {"date": "2025-06-30", "grantor": "Stadt", "amount_eur": 250000, "dawi": False},
        {"date": "2024-02-01", "grantor": "Land NRW", "amount_eur": 1500.5, "dawi": True},
    ]
    return {"volunteer": volunteer, "de-minimis": de_minimis}


def _example(name: str) -> dict[str, Any]:
    return json.loads((BUDGET_DEV / f"{name}.json").read_text(encoding="utf-8"))


def dev_budget(name: str) -> dict[str, Any]:
    """A worked example of shared/eval/budget-dev (or a plan derived from one) as JSON data."""
    derived = _derived()
    return derived[name] if name in derived else _example(name)


def dev_expected(name: str) -> dict[str, Any]:
    """The expected output of a worked example."""
    return json.loads((BUDGET_DEV / f"{name}.expected.json").read_text(encoding="utf-8"))


def report_of(name: str) -> BudgetReport:
    """The app's checked budget of a worked example."""
    return check_budget(dev_budget(name))


SECTIONS = (
    Section("kurz", "Kurzbeschreibung", "Ein Treffpunkt für Jung und Alt im Quartier.", 1000),
    Section(
        "bedarf",
        "Ausgangslage und Bedarf",
        "Viele Ältere leben allein.\n\n- kaum Treffpunkte\n- lange Wege",
    ),
    Section("ziele", "Ziele und Zielgruppen", "Begegnung, Teilhabe, Nachbarschaftshilfe.", 500),
)
CHECKLIST = (
    ChecklistItem("Satzung", required=True, done=True),
    ChecklistItem("Freistellungsbescheid", required=True, done=False, note="liegt beim Vorstand"),
    ChecklistItem("Empfehlungsschreiben", required=False, done=False),
)


def build_document(**overrides: Any) -> ApplicationDocument:
    """A complete application (budget d1) with any field replaced."""
    fields: dict[str, Any] = {
        "title": "Quartierszentrum Grüne Mitte",
        "programme_title": "Stiftung Wohlfahrtspflege NRW",
        "programme_slug": "stiftung-wohlfahrtspflege-nrw",
        "funder": "Stiftung Wohlfahrtspflege NRW",
        "applicant": "Nachbarschaftshilfe Süd e.V.",
        "municipality": "Münster",
        "created_on": date(2026, 11, 2),
        "status_label": "In Arbeit",
        "sections": SECTIONS,
        "checklist": CHECKLIST,
        "budget": report_of("d1-anteil-other-funding"),
        "de_minimis": None,
        "source_url": "https://www.sw-nrw.de/foerderung/foerdergrundlagen/",
        "checked_on": date(2026, 10, 15),
        "deadline": date(2027, 1, 31),
        "exported_on": date(2026, 11, 29),
        "applicant_rows": APPLICANT_ROWS,
        "declarations": DECLARATIONS,
        "signature": "Ort, Datum, rechtsverbindliche Unterschrift: ____________",
    }
    fields.update(overrides)
    return ApplicationDocument(**fields)


APPLICANT_ROWS = (
    ("Name", "Nachbarschaftshilfe Süd e.V."),
    ("Anschrift", "Hammer Straße 1, 48153 Münster"),
    ("Bankverbindung", "IBAN DE89 3704 0044 0532 0130 00"),
)
DECLARATIONS = (
    "Mit dem Vorhaben wurde noch nicht begonnen.",
    "Die Angaben in diesem Antrag und seinen Anlagen sind vollständig und richtig.",
)
# Level-1 headings of the working version: the blocks around the outline sections.
H1 = [
    "Antragsteller",
    "Kurzbeschreibung",
    "Ausgangslage und Bedarf",
    "Ziele und Zielgruppen",
    "Kosten- und Finanzierungsplan",
    "Erklärungen",
    "Anlagenverzeichnis",
    "Vor dem Einreichen prüfen",
    "Quelle und Stand der Programmangaben",
]


def letterhead(*, drop_headings: bool = False) -> bytes:
    """An organisation's .docx: letterhead in the header, an own style, old body text."""
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Musterverein e.V. · Briefkopf"
    template.styles.add_style("Hausstil", 1)
    template.add_paragraph("ALTER INHALT DER VORLAGE")
    template.add_table(rows=1, cols=1).rows[0].cells[0].text = "ALTE TABELLE"
    if drop_headings:
        styles = template.styles.element
        for style in list(styles):
            name = style.find(qn("w:name"))
            if name is not None and name.get(qn("w:val")).startswith("heading"):
                styles.remove(style)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


MakeDocument = Callable[..., ApplicationDocument]


@pytest.fixture
def make_document() -> MakeDocument:
    """Factory: ``make_document(budget=None, sections=[...])``."""
    return build_document


@dataclass(frozen=True)
class Office:
    """LibreOffice headless with its own profile, and pdftotext."""

    soffice: str
    profile: Path
    home: Path

    def convert(self, files: Sequence[Path], target: str, outdir: Path) -> list[Path]:
        """Convert files with one soffice run (``target`` e.g. "pdf", "xlsx")."""
        outdir.mkdir(parents=True, exist_ok=True)
        command = [
            self.soffice,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *(str(f) for f in files),
        ]
        env = {**os.environ, "HOME": str(self.home)}
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=OFFICE_TIMEOUT, env=env, check=False
        )
        extension = target.split(":")[0]
        results = [outdir / f"{Path(f).stem}.{extension}" for f in files]
        absent = [r.name for r in results if not r.exists()]
        assert not absent, f"LibreOffice hat {absent} nicht erzeugt: {done.stdout} {done.stderr}"
        return results


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory) -> Office:
    """A LibreOffice with a writable profile of its own for this test run."""
    base = tmp_path_factory.mktemp("libreoffice")
    (base / "home").mkdir()
    return Office(program("soffice"), base / "profile", base / "home")


def pdf_text(path: Path) -> str:
    """What pdftotext reads, rows kept as lines (-layout), whitespace collapsed for searching."""
    done = subprocess.run(
        [program("pdftotext"), "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        timeout=60,
        check=True,
    )
    return " ".join(done.stdout.decode("utf-8").split())
