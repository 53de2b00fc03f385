"""The input of every export: one application as plain, validated, frozen dataclasses.

The web layer builds an ``ApplicationDocument`` from its rows (application, programme,
organisation, outline sections, checklist) and the checked budget; the exports only read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from funding_matcher.domain.budget import BudgetReport, DeMinimisDeclaration
from funding_matcher.domain.errors import FieldProblem, InvalidData
from funding_matcher.domain.german import format_number

from .blocks import clean

MAX_SECTIONS = 200
MAX_CHECKLIST = 500
MAX_TEXT_CHARS = 200_000
MAX_LINE_CHARS = 1_000

Severity = Literal["error", "warning", "notice"]
VERSIONS: dict[str, str] = {
    "arbeitsfassung": "Arbeitsfassung",
    "einreichung": "Einreichungsfassung",
}
ItemKind = Literal["document", "condition", "declaration", "self"]
SEVERITY_LABELS: dict[str, str] = {"error": "Fehler", "warning": "Warnung", "notice": "Hinweis"}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}
_TEXT_FIELDS = (
    "title",
    "programme_title",
    "programme_slug",
    "funder",
    "applicant",
    "municipality",
    "status_label",
    "source_url",
)


@dataclass(frozen=True)
class Section:
    """One section of the Vorhabenbeschreibung; ``limit_chars`` is the funder's maximum length.

    ``guidance`` and ``moved`` (facts placed here by fallback) show in the working version only;
    ``plan`` puts the plan's tables after the text (the section that carries the finance topic).
    """

    key: str
    title: str
    text: str
    limit_chars: int | None = None
    guidance: str = ""
    moved: tuple[str, ...] = ()
    plan: bool = False

    @property
    def chars(self) -> int:
        """Length as a web form counts it: characters including spaces and line breaks."""
        return len(normalised(self.text))

    @property
    def over_limit(self) -> bool:
        """Whether the text is longer than the funder allows."""
        return self.limit_chars is not None and self.chars > self.limit_chars


@dataclass(frozen=True)
class ChecklistItem:
    """One attachment (Anlage) of the application and whether it is ready."""

    title: str
    required: bool
    done: bool
    note: str = ""
    # document: an Anlage; condition: a Fördervoraussetzung; declaration: in the Erklärungen;
    # self: this very document (Projektbeschreibung, Finanzplan), never listed as missing.
    kind: ItemKind = "document"


@dataclass(frozen=True)
class OpenCheck:
    """One point to settle before submitting: from the budget, the checklist or the outline."""

    severity: Severity
    text: str
    origin: Literal["budget", "checklist", "section", "draft"]

    @property
    def label(self) -> str:
        """German word for the severity: Fehler, Warnung, Hinweis."""
        return SEVERITY_LABELS[self.severity]


@dataclass(frozen=True)
class ApplicationDocument:
    """One application with everything an export shows; built by the web layer from its rows.

    ``exported_on`` is the "Stand" printed on the title page (the caller's today); without it
    the title page shows ``created_on`` only.
    """

    title: str
    programme_title: str
    programme_slug: str
    funder: str
    applicant: str
    municipality: str | None
    created_on: date
    status_label: str
    sections: Sequence[Section] = ()
    checklist: Sequence[ChecklistItem] = ()
    budget: BudgetReport | None = None
    de_minimis: DeMinimisDeclaration | None = None
    source_url: str = ""
    checked_on: date | None = None
    deadline: date | None = None
    exported_on: date | None = None
    # The drafting contract's parts (§ 2-6); empty defaults give a plain working version.
    version: str = "arbeitsfassung"
    short_form: bool = False
    cover: Sequence[tuple[str, str]] = ()
    applicant_rows: Sequence[tuple[str, str]] = ()
    applicant_text: Sequence[str] = ()
    plan_text: Sequence[str] = ()
    plan_heading: str = "Kosten- und Finanzierungsplan"
    plan_problem: str = ""
    declarations: Sequence[str] = ()
    signature: str = ""
    checks: Sequence[OpenCheck] = ()

    def __post_init__(self) -> None:
        # Frozen, so the sequences become tuples through object.__setattr__ (no list aliasing).
        for name in (
            "sections",
            "checklist",
            "cover",
            "applicant_rows",
            "applicant_text",
            "plan_text",
            "declarations",
            "checks",
        ):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        problems = _problems(self)
        if problems:
            raise InvalidData(problems)
        # Text pasted from PDFs brings control characters that XML (DOCX, XLSX) refuses and no
        # reader sees: drop them once here, so no export can trip over them.
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, clean(value))
        sections = tuple(
            replace(
                s,
                key=clean(s.key),
                title=clean(s.title),
                text=clean(s.text),
                guidance=clean(s.guidance),
                moved=tuple(clean(m) for m in s.moved),
            )
            for s in self.sections
        )
        object.__setattr__(self, "sections", sections)
        checklist = tuple(
            replace(c, title=clean(c.title), note=clean(c.note)) for c in self.checklist
        )
        object.__setattr__(self, "checklist", checklist)
        for name in ("applicant_text", "plan_text", "declarations"):
            object.__setattr__(self, name, tuple(clean(t) for t in getattr(self, name)))
        for name in ("cover", "applicant_rows"):
            pairs = tuple((clean(a), clean(b)) for a, b in getattr(self, name))
            object.__setattr__(self, name, pairs)
        object.__setattr__(self, "signature", clean(self.signature))

    @property
    def submission(self) -> bool:
        """True for the version that goes to the grantor (einreichung)."""
        return self.version == "einreichung"

    @property
    def plan(self) -> BudgetReport | None:
        """The plan a draft prints: the saved one unless its verdict is ``errors``."""
        if self.budget is None or self.budget.verdict == "errors":
            return None
        return self.budget

    @property
    def stand(self) -> date:
        """The date printed as "Stand" of the export."""
        return self.exported_on or self.created_on


def normalised(text: str) -> str:
    """Text with Windows/Mac line ends as ``\\n`` and without surrounding blank space."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def open_checks(document: ApplicationDocument) -> tuple[OpenCheck, ...]:
    """Points to settle before submitting: budget findings, missing attachments, empty or
    over-long sections and the draft's own findings; errors first, then warnings, notices."""
    found: list[OpenCheck] = []
    if document.budget is None:
        missing = "Es ist noch kein Kosten- und Finanzierungsplan erfasst."
        found.append(OpenCheck("warning", missing, "budget"))
    else:
        if document.budget.verdict == "errors":
            found.append(
                OpenCheck(
                    "error",
                    "Der Kosten- und Finanzierungsplan hat Fehler und wird im Entwurf noch "
                    "nicht verwendet; die Beträge sind vorläufig.",
                    "budget",
                )
            )
        found += [
            OpenCheck(check.level, f"Finanzplan: {check.message}", "budget")
            for check in document.budget.checks
        ]
    found += [
        OpenCheck("warning", f"Anlage fehlt noch: {item.title}", "checklist")
        for item in document.checklist
        if item.required and not item.done and item.kind == "document"
    ]
    # A draft's own check that names a section already says why it is empty (what to write).
    named = {c.text.split("“", 1)[0] for c in document.checks if c.text.startswith("Abschnitt „")}
    for section in document.sections:
        if not normalised(section.text) and not (section.plan and document.plan):
            if f"Abschnitt „{section.title}" not in named:
                found.append(
                    OpenCheck("warning", f"Abschnitt „{section.title}“ ist leer.", "section")
                )
        elif section.over_limit and section.limit_chars is not None:
            found.append(
                OpenCheck(
                    "error",
                    f"Abschnitt „{section.title}“ hat {format_number(section.chars)} Zeichen, "
                    f"erlaubt sind höchstens {format_number(section.limit_chars)}; bitte um "
                    f"{format_number(section.chars - section.limit_chars)} Zeichen kürzen.",
                    "section",
                )
            )
    found += list(document.checks)
    # sorted() is stable: within one severity the order of the sources stays.
    return tuple(sorted(found, key=lambda item: _SEVERITY_ORDER[item.severity]))


def _problems(doc: ApplicationDocument) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for name in ("title", "programme_title", "applicant"):
        _text(problems, name, getattr(doc, name), required=True)
    for name in ("programme_slug", "funder", "status_label", "source_url"):
        _text(problems, name, getattr(doc, name), required=False)
    if doc.municipality is not None:
        _text(problems, "municipality", doc.municipality, required=False)
    _date(problems, "created_on", doc.created_on, required=True)
    if doc.version not in VERSIONS:
        problems.append(
            FieldProblem(
                "version", f"unbekannte Fassung „{doc.version}“ (arbeitsfassung, einreichung)"
            )
        )
    for name in ("checked_on", "deadline", "exported_on"):
        _date(problems, name, getattr(doc, name), required=False)
    if len(doc.sections) > MAX_SECTIONS:
        problems.append(FieldProblem("sections", f"höchstens {MAX_SECTIONS} Abschnitte"))
    for i, section in enumerate(doc.sections):
        _section(problems, f"sections[{i}]", section)
    if len(doc.checklist) > MAX_CHECKLIST:
        problems.append(FieldProblem("checklist", f"höchstens {MAX_CHECKLIST} Unterlagen"))
    for i, item in enumerate(doc.checklist):
        _checklist_item(problems, f"checklist[{i}]", item)
    if doc.budget is not None and not isinstance(doc.budget, BudgetReport):
        problems.append(FieldProblem("budget", "muss ein geprüfter Finanzplan (BudgetReport) sein"))
    if doc.de_minimis is not None and not isinstance(doc.de_minimis, DeMinimisDeclaration):
        problems.append(FieldProblem("de_minimis", "muss eine De-minimis-Erklärung sein"))
    return problems


def _section(problems: list[FieldProblem], path: str, section: Any) -> None:
    if not isinstance(section, Section):
        problems.append(FieldProblem(path, "muss ein Abschnitt (Section) sein"))
        return
    _text(problems, f"{path}.key", section.key, required=False)
    _text(problems, f"{path}.title", section.title, required=True)
    _text(problems, f"{path}.text", section.text, required=False, limit=MAX_TEXT_CHARS)
    limit = section.limit_chars
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        problems.append(
            FieldProblem(f"{path}.limit_chars", "muss eine positive ganze Zahl oder leer sein")
        )


def _checklist_item(problems: list[FieldProblem], path: str, item: Any) -> None:
    if not isinstance(item, ChecklistItem):
        problems.append(FieldProblem(path, "muss eine Unterlage (ChecklistItem) sein"))
        return
    _text(problems, f"{path}.title", item.title, required=True)
    _text(problems, f"{path}.note", item.note, required=False, limit=MAX_TEXT_CHARS)
    for name in ("required", "done"):
        if not isinstance(getattr(item, name), bool):
            problems.append(FieldProblem(f"{path}.{name}", "muss true oder false sein"))


def _text(
    problems: list[FieldProblem],
    path: str,
    value: Any,
    *,
    required: bool,
    limit: int = MAX_LINE_CHARS,
) -> None:
    if not isinstance(value, str):
        problems.append(FieldProblem(path, "muss ein Text sein"))
    elif required and not value.strip():
        problems.append(FieldProblem(path, "darf nicht leer sein"))
    elif len(value) > limit:
        problems.append(
            FieldProblem(path, f"ist zu lang (höchstens {format_number(limit)} Zeichen)")
        )


def _date(problems: list[FieldProblem], path: str, value: Any, *, required: bool) -> None:
    if value is None and not required:
        return
    if not isinstance(value, date):
        problems.append(FieldProblem(path, "muss ein Datum sein"))
