"""PDF import: read guidelines and project concepts safely and propose fields with their source.

Reading happens in a child process with a wall-clock limit, a memory cap, a page limit and
pypdf's own limits; a bad file raises ``PdfImportError`` carrying one German sentence.

    result = import_guideline("richtlinie.pdf")          # GuidelineImport
    result.to_dict()                                      # the contract's JSON object
    draft = import_concept(upload_bytes, name="konzept.pdf")  # ConceptImport
    results = import_guidelines(paths, workers=2)          # a batch, two files at a time
"""

from funding_matcher.domain.pdf_import.batch import import_guidelines
from funding_matcher.domain.pdf_import.concept import import_concept, propose_profile
from funding_matcher.domain.pdf_import.document import Page, PdfText, read_pdf
from funding_matcher.domain.pdf_import.errors import PdfImportError
from funding_matcher.domain.pdf_import.guideline import import_guideline, propose_guideline
from funding_matcher.domain.pdf_import.results import ConceptImport, GuidelineImport, Proposal
from funding_matcher.domain.pdf_import.sandbox import Limits

__all__ = [
    "ConceptImport",
    "GuidelineImport",
    "Limits",
    "Page",
    "PdfImportError",
    "PdfText",
    "Proposal",
    "import_concept",
    "import_guideline",
    "import_guidelines",
    "propose_guideline",
    "propose_profile",
    "read_pdf",
]
