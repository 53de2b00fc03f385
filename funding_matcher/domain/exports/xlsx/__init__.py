"""XLSX export with openpyxl: the Kosten- und Finanzierungsplan (budget rules v2), live formulas.

Sheets: "Gesamtplan" (lines by category, totals, financing by kind, the caps, the grant as the
least of its caps, own cash, key figures), "Haushaltsjahre" (each line, the financing and the
grant per Haushaltsjahr; own funds per year as formulas) and "Bedingungen" (the terms as named
input cells). Yellow cells are inputs; everything else is computed, so a user can change an
amount and the grant follows. Recalculated, the workbook shows the app's figures to the cent.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from funding_matcher.domain.german import format_date

from ..content import NO_PLAN, source_text
from ..document import ApplicationDocument
from .plan import write_plan
from .style import NOTE, TITLE, put, widths
from .terms import write_terms
from .years import write_years

PLAN = "Gesamtplan"


def export_xlsx(doc: ApplicationDocument) -> bytes:
    """The plan as an .xlsx workbook with live formulas (a note sheet if no plan exists)."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = PLAN
    if doc.budget is None:
        _no_plan(ws, doc)
    else:
        layout = write_plan(wb, ws, doc, doc.budget)
        write_years(wb, doc.budget, layout)
        write_terms(wb, doc, doc.budget)
    wb.properties.title = f"Kosten- und Finanzierungsplan: {doc.title}"[:250]
    wb.properties.creator = doc.applicant[:250]
    wb.properties.subject = doc.programme_title[:250]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _no_plan(ws: Worksheet, doc: ApplicationDocument) -> None:
    put(ws, "A1", f"Kosten- und Finanzierungsplan – {doc.title}")
    ws["A1"].font = TITLE
    put(ws, "A2", f"{doc.applicant} · {doc.programme_title} · Stand {format_date(doc.stand)}")
    put(ws, "A4", NO_PLAN, bold=True)
    put(ws, "A6", source_text(doc))
    ws["A6"].font = NOTE
    widths(ws, (120,))
