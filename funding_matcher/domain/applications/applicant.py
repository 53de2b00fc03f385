"""The applicant block: who applies, with the facts every grantor's form asks for.

Stored once per organisation (settings) or read from ``--applicant FILE.json`` (drafting
contract § 2). Every field is optional; a wrong IBAN (ISO 13616 check digits) or a
Gemeindeschlüssel that is not eight digits is a field error.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from funding_matcher.domain.errors import FieldProblem, InvalidData, problems_from_pydantic
from funding_matcher.domain.german import format_date

Line = Annotated[str, Field(max_length=300)]
MAX_REPRESENTATIVES = 10

# ISO 13616: country code, two check digits, then the national account number (BBAN).
# Lengths of the countries a German applicant's bank is likely in; others: 15 to 34.
IBAN_LENGTHS = {
    "DE": 22,
    "AT": 20,
    "CH": 21,
    "LI": 21,
    "LU": 20,
    "NL": 18,
    "BE": 16,
    "FR": 27,
    "DK": 18,
    "PL": 28,
    "CZ": 24,
    "IT": 27,
    "ES": 24,
}
_IBAN_RE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")


def normalise_iban(value: str) -> str:
    """An IBAN without spaces, in capitals: 'de89 3704 …' -> 'DE893704…'."""
    return re.sub(r"\s+", "", value).upper()


def iban_problem(value: str) -> str | None:
    """Why an IBAN is not valid (German message), or None when its check digits hold."""
    iban = normalise_iban(value)
    if not _IBAN_RE.match(iban):
        return "keine gültige IBAN (zwei Buchstaben, zwei Prüfziffern, dann die Kontonummer)"
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return f"eine IBAN aus {iban[:2]} hat {expected} Zeichen, diese hat {len(iban)}"
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    if int(number) % 97 != 1:
        return "Prüfziffer stimmt nicht – bitte die IBAN vergleichen (Tippfehler?)"
    return None


# The fourth digit of a German Bankleitzahl names the group of banks (the Bundesbank's numbering:
# 4 and 8 Commerzbank, 5 Sparkassen and Landesbanken, 6 and 9 cooperative banks, 7 Deutsche
# Bank, 1 Postbank). Without the Bundesbank's bank-code file this is all that can be checked: a
# named bank of one group with a code of another is the wrong account or a typo.
BANK_GROUPS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("sparkasse",), "5", "Sparkassen"),
    (
        ("volksbank", "raiffeisen", "vr bank", "vr-bank", "sparda", "psd bank", "gls bank"),
        "69",
        "Genossenschaftsbanken",
    ),
    (("deutsche bank",), "7", "der Deutschen Bank"),
    (("commerzbank", "comdirect"), "48", "der Commerzbank"),
    (("postbank",), "1", "der Postbank"),
)


def bank_code_problem(iban: str | None, bank: str | None) -> str | None:
    """Why a German IBAN's bank code cannot belong to the bank named (German), or None."""
    if not iban or not bank:
        return None
    number = normalise_iban(iban)
    if not number.startswith("DE") or len(number) != 22:
        return None
    code, name = number[4:12], bank.lower()
    for words, digits, group in BANK_GROUPS:
        if any(w in name for w in words) and code[3] not in digits:
            return (
                f"Die Bankleitzahl in der IBAN ({code}) gehört nicht zu {group} "
                f"(vierte Ziffer {' oder '.join(digits)}), genannt ist aber „{bank}“: "
                "bitte IBAN und Kreditinstitut vergleichen."
            )
    return None


def format_iban(value: str) -> str:
    """An IBAN in groups of four, as printed on forms: 'DE89 3704 0044 0532 0130 00'."""
    iban = normalise_iban(value)
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Address(_Part):
    """Postal address."""

    street: Line | None = None
    postcode: Annotated[str, Field(max_length=10)] | None = None
    city: Line | None = None

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        if value and not re.fullmatch(r"[0-9A-Z -]{4,10}", value.upper()):
            raise ValueError("keine gültige Postleitzahl")
        return value


class Representative(_Part):
    """A person who may sign for the applicant (Vertretungsberechtigte)."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    function: Line | None = None


class Contact(_Part):
    """Who answers the grantor's questions (Ansprechperson, "Auskunft erteilt")."""

    name: Line | None = None
    phone: Annotated[str, Field(max_length=50)] | None = None
    email: Annotated[str, Field(max_length=254)] | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            raise ValueError("keine gültige E-Mail-Adresse")
        return value


class TaxExemptNotice(_Part):
    """Freistellungsbescheid (or § 60a AO notice) of the tax office."""

    office: Line | None = None
    date: dt.date | None = None


class Applicant(_Part):
    """The applicant block of the drafting contract § 2."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)

    name: Line | None = None
    legal_form: Line | None = None
    address: Address | None = None
    representatives: list[Representative] = Field(
        default_factory=list, max_length=MAX_REPRESENTATIVES
    )
    contact: Contact | None = None
    iban: Annotated[str, Field(max_length=42)] | None = None
    bank: Line | None = None
    # "register" in JSON; a pydantic model may not have a field of that name (ABC.register).
    register_entry: Line | None = Field(default=None, alias="register")
    tax_exempt_notice: TaxExemptNotice | None = None
    municipality_key: Annotated[str, Field(max_length=20)] | None = None
    vat_deductible: bool | None = None

    @field_validator("iban")
    @classmethod
    def _iban(cls, value: str | None) -> str | None:
        if not value:
            return None
        problem = iban_problem(value)
        if problem:
            raise ValueError(problem)
        return normalise_iban(value)

    @field_validator("municipality_key")
    @classmethod
    def _ags(cls, value: str | None) -> str | None:
        if not value:
            return None
        key = re.sub(r"\s+", "", value)
        if not re.fullmatch(r"[0-9]{8}", key):
            raise ValueError("der Amtliche Gemeindeschlüssel hat genau 8 Ziffern (z. B. 05513000)")
        return key

    # -- interchange ------------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Any) -> Applicant:
        """Validate a decoded JSON object; InvalidData naming every bad field."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise InvalidData([FieldProblem("", "Der Antragsteller muss ein JSON-Objekt sein.")])
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise InvalidData(problems_from_pydantic(exc)) from None

    def to_dict(self) -> dict[str, Any]:
        """The block as JSON data, unset fields left out."""
        data = self.model_dump(mode="json", exclude_none=True, by_alias=True)
        if not data.get("representatives"):
            data.pop("representatives", None)
        return {k: v for k, v in data.items() if v not in ({}, [])}

    def with_name(self, name: str | None) -> Applicant:
        """The block with ``name`` filled in where it has none (the organisation's name)."""
        if self.name or not name:
            return self
        return self.model_copy(update={"name": name})

    # -- what a draft prints ------------------------------------------------------------------

    def rows(self) -> list[tuple[str, str]]:
        """The Antragsteller block as label/value rows; only what is known."""
        rows: list[tuple[str, str]] = []
        if self.name:
            rows.append(("Name", self.name))
        if self.legal_form:
            rows.append(("Rechtsform", self.legal_form))
        address = self.address_line()
        if address:
            rows.append(("Anschrift", address))
        if self.representatives:
            people = "; ".join(
                f"{r.name} ({r.function})" if r.function else r.name for r in self.representatives
            )
            rows.append(("Vertretungsberechtigt", people))
        contact = self.contact_line()
        if contact:
            rows.append(("Ansprechperson", contact))
        if self.iban:
            bank = f"IBAN {format_iban(self.iban)}"
            rows.append(("Bankverbindung", f"{bank}, {self.bank}" if self.bank else bank))
        if self.register_entry:
            rows.append(("Registereintrag", self.register_entry))
        if self.municipality_key:
            rows.append(("Amtlicher Gemeindeschlüssel", self.municipality_key))
        notice = self.tax_exempt_line()
        if notice:
            rows.append(("Gemeinnützigkeit", notice))
        return rows

    def address_line(self) -> str:
        """'Musterstraße 1, 31134 Hildesheim' from what is known."""
        if self.address is None:
            return ""
        place = " ".join(p for p in (self.address.postcode, self.address.city) if p)
        return ", ".join(p for p in (self.address.street, place) if p)

    def contact_line(self) -> str:
        """'Petra Muster, Tel. 05121 1234, petra@example.de' from what is known."""
        if self.contact is None:
            return ""
        parts = [self.contact.name or ""]
        if self.contact.phone:
            parts.append(f"Tel. {self.contact.phone}")
        if self.contact.email:
            parts.append(self.contact.email)
        return ", ".join(p for p in parts if p)

    def tax_exempt_line(self) -> str:
        """'Freistellungsbescheid des Finanzamts Hildesheim vom 01.03.2025' from what is known."""
        notice = self.tax_exempt_notice
        if notice is None or (notice.office is None and notice.date is None):
            return ""
        text = "Freistellungsbescheid"
        if notice.office:
            office = notice.office
            # "Finanzamt Hildesheim" -> "des Finanzamts Hildesheim" (genitive).
            genitive = re.sub(r"^Finanzamt\b(?!s)", "Finanzamts", office)
            text += f" des {genitive}" if genitive.startswith("Finanzamts") else f" ({office})"
        if notice.date:
            text += f" vom {format_date(notice.date)}"
        return text

    def missing(self) -> list[str]:
        """What a grantor's form asks for and the block does not say yet (German labels)."""
        wanted = [
            ("Anschrift", bool(self.address_line())),
            ("Vertretungsberechtigte", bool(self.representatives)),
            ("Ansprechperson", bool(self.contact_line())),
            ("IBAN", bool(self.iban)),
            ("Kreditinstitut", bool(self.bank) or not self.iban),
        ]
        return [label for label, present in wanted if not present]
