"""Who writes the concept: the organisation from the letterhead or the text, its legal form,
its applicant type, its address and its Kommune; and whether the Quartier is a Fördergebiet.

"Diakonisches Werk Hannover e. V." is a registered association and a welfare organisation: its
applicant type is ``freier_traeger``, not ``verein``; so is an "e. V." whose text says it belongs
to a Wohlfahrtsverband. The address's postcode line names the Kommune ("30159 Hannover").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from funding_matcher.domain.pdf_import.document import PdfText
from funding_matcher.domain.pdf_import.sentences import Sentence

_I = re.IGNORECASE
ORGANISATION_LABEL = re.compile(
    r"^(?:Träger|Projektträger|Antragsteller(?:in)?|Antragstellende Organisation|Organisation|"
    r"Einrichtung)\s*:\s*(?P<value>[^,(;]{3,200})",
    _I,
)
# A name with its legal form, or a public body's name: "Diakonisches Werk Hannover e. V."
LEGAL_NAME = re.compile(
    r"(?P<name>(?:[A-ZÄÖÜ][\w.\-&]*\s){1,7}?(?:e\.\s?V\.|gGmbH|GmbH|gUG|eG\b|AöR|KdöR)|"
    r"(?:Stadt|Gemeinde|Landkreis|Markt|Kreis|Samtgemeinde|Verbandsgemeinde)\s[A-ZÄÖÜ][\w\-]+|"
    r"(?:Ev\.\-luth\.\s|Evangelische\s|Katholische\s|Kath\.\s)?Kirchengemeinde\s(?:[A-ZÄÖÜ][\w.\-]*\s?){1,4}|"
    r"(?:[A-ZÄÖÜ][\w\-]*\s){0,4}Stiftung(?:\s[A-ZÄÖÜ][\w\-]*){0,3})"
)
LEGAL_FORMS = (
    (re.compile(r"gGmbH|gemeinnützige GmbH", _I), "gGmbH"),
    (re.compile(r"\bgUG\b"), "gUG (haftungsbeschränkt)"),
    (re.compile(r"\bGmbH\b"), "GmbH"),
    (re.compile(r"e\.\s?V\.|eingetragener Verein", _I), "e. V."),
    (re.compile(r"\beG\b"), "eG"),
    (re.compile(r"\bAöR\b"), "AöR"),
    (re.compile(r"Kirchengemeinde|\bKdöR\b", _I), "Körperschaft des öffentlichen Rechts"),
    (
        re.compile(r"^(?:Stadt|Gemeinde|Landkreis|Markt|Kreis|Samtgemeinde)\b"),
        "Gebietskörperschaft",
    ),
    (re.compile(r"Stiftung", _I), "Stiftung"),
)
WELFARE_NAME = re.compile(
    r"Diakoni|Caritas|\bAWO\b|Arbeiterwohlfahrt|\bDRK\b|Rotes Kreuz|Roten Kreuz|Paritätisch|"
    r"Wohlfahrt|Volkssolidarität|Lebenshilfe|Johanniter|Malteser|Arbeiter-Samariter|\bASB\b|"
    r"Jugendhilfe|Jugendwerk|Sozialwerk|Innere Mission",
    _I,
)
WELFARE_TEXT = re.compile(
    r"Wohlfahrtsverband|Spitzenverband|freien Wohlfahrtspflege|Träger der (?:freien )?"
    r"(?:Kinder- und )?Jugendhilfe|Mitglied (?:im|des|der) (?:\w+ )?(?:Paritätischen|Diakoni\w*|"
    r"Caritas\w*|AWO|Deutschen Roten Kreuz)",
    _I,
)
APPLICANT_NAMES = (
    ("kirchengemeinde", re.compile(r"Kirchengemeinde|Pfarrei|Gemeinde St\.", _I)),
    ("kommune", re.compile(r"^(?:Stadt|Gemeinde|Landkreis|Kreis|Markt|Amt|Samtgemeinde)\b")),
    ("wohnungsunternehmen", re.compile(r"Wohnungs|Wohnbau|Baugenossenschaft", _I)),
    ("freier_traeger", re.compile(WELFARE_NAME.pattern + r"|gGmbH", _I)),
    ("verein", re.compile(r"e\.\s?V\.|Verein|Initiative|Stiftung", _I)),
    ("unternehmen", re.compile(r"GmbH|\bAG\b|\bKG\b|\bUG\b", _I)),
)
STREET = re.compile(
    r"(?P<street>[A-ZÄÖÜ][\w.\-]*(?:\s[A-ZÄÖÜ][\w.\-]*)*?(?:straße|str\.|weg|platz|allee|gasse|"
    r"ring|damm|ufer|markt|chaussee|steig|pfad)\s\d+\s?[a-z]?)",
    _I,
)
POSTCODE = re.compile(
    r"\b(?P<postcode>\d{5})\s(?P<city>[A-ZÄÖÜ][\wäöüß\-.]+(?:\s[A-ZÄÖÜ][\w\-.]+)?)"
)
PLACE_IN_TEXT = re.compile(
    r"\b(?:in der (?:Landeshauptstadt|Stadt|Gemeinde)|in|im Stadtteil [\w\-]+ (?:in|der Stadt))\s"
    r"(?P<city>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\b"
)
DESIGNATED = re.compile(
    r"Fördergebiet (?:der|des|im) (?:\w+ )?(?:Städtebauförderung|Programms?|Sozialen Stadt|"
    r"Sozialer Zusammenhalt)|Gebiet der Sozialen Stadt|Programmgebiet|Sanierungsgebiet|"
    r"Gebiet des Programms „?(?:Soziale Stadt|Sozialer Zusammenhalt)|"
    r"(?:Soziale Stadt|Sozialer Zusammenhalt)\W{0,3}-?(?:Gebiet|Quartier)|"
    r"ist (?:ein |als )?Fördergebiet|als Fördergebiet (?:ausgewiesen|festgelegt)",
    _I,
)
NOT_DESIGNATED = re.compile(
    r"\bkein(?:e[nms]?)? (?:\w+ )?(?:Förder|Programm|Sanierungs)gebiet|"
    r"nicht (?:\w+ ){0,3}(?:Förder|Programm|Sanierungs)gebiet",
    _I,
)
_LETTERHEAD_LINES = 10


@dataclass
class Applicant:
    """The concept's organisation as the drafting contract's applicant block names it, with
    the page and line each part came from."""

    name: str | None = None
    legal_form: str | None = None
    applicant_type: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    sources: dict[str, tuple[int, str]] = field(default_factory=dict)

    def block(self) -> dict[str, object]:
        """``{"name", "legal_form", "address": {"street", "postcode", "city"}}`` as far as known."""
        data: dict[str, object] = {}
        if self.name:
            data["name"] = self.name
        if self.legal_form:
            data["legal_form"] = self.legal_form
        address = {
            key: value
            for key, value in (
                ("street", self.street),
                ("postcode", self.postcode),
                ("city", self.city),
            )
            if value
        }
        if address:
            data["address"] = address
        return data


def find_applicant(document: PdfText, sentences: Sequence[Sentence]) -> Applicant:
    """The organisation from a "Träger:" label, the letterhead or the text, and its address."""
    applicant = Applicant()
    named = _labelled(sentences) or _letterhead(document) or _in_text(sentences)
    if named:
        name, page, line = named
        applicant.name = name
        applicant.sources["name"] = (page, line)
        applicant.legal_form = next(
            (form for pattern, form in LEGAL_FORMS if pattern.search(name)), None
        )
        applicant.applicant_type = _applicant_type(name, sentences)
    first = document.pages[0] if document.pages else None
    head = list(first.lines[:_LETTERHEAD_LINES]) + list(first.furniture) if first else []
    for line in head:
        street = STREET.search(line)
        if street and not applicant.street:
            applicant.street = street.group("street").strip()
        place = POSTCODE.search(line)
        if place and not applicant.postcode:
            applicant.postcode, applicant.city = place.group("postcode"), place.group("city")
            applicant.sources["city"] = (1, line)
    if not applicant.city:
        for sentence in sentences:
            place = POSTCODE.search(sentence.text)
            if place:
                applicant.postcode, applicant.city = place.group("postcode"), place.group("city")
                applicant.sources["city"] = (sentence.page, sentence.text)
                break
    return applicant


def _labelled(sentences: Sequence[Sentence]) -> tuple[str, int, str] | None:
    for sentence in sentences:
        for part in re.split(
            r"\s(?=(?:Träger|Projektträger|Antragsteller\w*|Organisation)\s*:)", sentence.text
        ):
            match = ORGANISATION_LABEL.match(part)
            if match:
                return match.group("value").strip(), sentence.page, part
    return None


def _letterhead(document: PdfText) -> tuple[str, int, str] | None:
    """A name with a legal form in the first lines or the running header of page 1."""
    if not document.pages:
        return None
    first = document.pages[0]
    for line in (*first.furniture, *first.lines[:_LETTERHEAD_LINES]):
        match = LEGAL_NAME.search(line)
        if match:
            return match.group("name").strip(), 1, line
    return None


def _in_text(sentences: Sequence[Sentence]) -> tuple[str, int, str] | None:
    for sentence in sentences[:40]:
        match = LEGAL_NAME.search(sentence.text)
        if match:
            return match.group("name").strip(), sentence.page, sentence.text
    return None


def _applicant_type(name: str, sentences: Sequence[Sentence]) -> str | None:
    """The taxonomy code the name says; an "e. V." that belongs to a Wohlfahrtsverband, by its
    name or by what the concept says of it, is a freier Träger."""
    kind = next((code for code, words in APPLICANT_NAMES if words.search(name)), None)
    if kind == "verein" and any(WELFARE_TEXT.search(s.text) for s in sentences):
        return "freier_traeger"
    return kind


def find_municipality(
    applicant: Applicant, sentences: Sequence[Sentence]
) -> tuple[str, int, str] | None:
    """The Kommune: the city of the address, else one the concept places the project in."""
    if applicant.city:
        page, line = applicant.sources.get("city", (1, applicant.city))
        return applicant.city, page, line
    for sentence in sentences:
        match = PLACE_IN_TEXT.search(sentence.text)
        if match and match.group("city") not in ("Deutschland", "Zukunft"):
            return match.group("city"), sentence.page, sentence.text
    return None


def find_designated_area(sentences: Sequence[Sentence]) -> tuple[bool, int, str] | None:
    """Whether the concept says its Quartier is (or is not) a Fördergebiet."""
    for sentence in sentences:
        if NOT_DESIGNATED.search(sentence.text):
            return False, sentence.page, sentence.text
        if DESIGNATED.search(sentence.text):
            return True, sentence.page, sentence.text
    return None
