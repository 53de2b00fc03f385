"""German numbers, amounts and dates as guidelines write them: the patterns the reader finds."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from funding_matcher.domain.german import MONTH_NUMBERS, month_number

_MONTH = "(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + ")"

# 50.000 / 50 000 / 1,5 / 200.000,00 / 1.000.000 (thin and no-break spaces are normalised away)
NUMBER = r"(?<![\d,])(?<!\d\.)(?:\d{1,3}(?:[.\u2009\u202f ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_SCALE = r"(?:Mio\.?|Millionen|Million|Mrd\.?|Milliarden|Milliarde|Tsd\.?|Tausend)"
_CURRENCY = r"(?:Euro|EUR|€)"
# "50.000 Euro", "1,5 Mio. EUR", "€ 20.000", "20.000,- €"
AMOUNT = re.compile(
    rf"(?:{_CURRENCY}\s?(?P<pre>{NUMBER})(?:,-)?(?:\s?(?P<prescale>{_SCALE}))?)"
    rf"|(?:(?P<num>{NUMBER})(?:,-{{1,2}})?\s?(?:(?P<scale>{_SCALE})\s?)?{_CURRENCY})",
    re.IGNORECASE,
)
PERCENT = re.compile(rf"(?P<num>{NUMBER})\s?(?:%|v\.\s?H\.|vom Hundert|Prozent(?!punkt))")
# Words a sentence may end in without ending: "Nr.", "z. B.", "Abs.", "Dez."
_ABBREVIATION_WORDS = """
nr abs art bzw ca mio mrd s vgl gem inkl max min tsd ggf evtl sog lt ziff buchst anh
insb zzgl abzgl etc str dr prof z b d h u a i v o e g bspw usw rd einschl ausschl ff f
kap tz gez jh bzgl st verw nrn abl bgbl banz gbl mbl vo anl anm bd hrsg jan feb aug
sept okt nov dez geb tel ust mwst zt allg bes
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_NUMBER_WORDS = {
    "ein": 1,
    "eine": 1,
    "einer": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "fünfzehn": 15,
    "zwanzig": 20,
    "dreißig": 30,
}
SMALL_NUMBER = r"(?:\d{1,3}|" + "|".join(_NUMBER_WORDS) + ")"
# "31. Dezember 2027", "1. Januar 2025"
LONG_DATE = re.compile(
    rf"(?<![\d.])(?P<day>\d{{1,2}})(?:\.\s?|\s)(?P<month>{_MONTH})\s(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
# "31.12.2027", "01.07.26" is not accepted: two-digit years are ambiguous in legal texts
NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?"
    r"(?P<year>(?:19|20)\d\d)(?![\d])"
)
# "15. April", "31.10." (a day that recurs every year)
DAY_MONTH = re.compile(
    rf"(?<![\d.])(?P<day>\d{{1,2}})(?:\.\s?|\s)(?P<month>{_MONTH})\b(?!\s(?:19|20)\d\d)",
    re.IGNORECASE,
)
NUMERIC_DAY_MONTH = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.(?!\s?\d)")


def parse_number(text: str) -> Decimal | None:
    """A German-formatted number ("50.000", "1,5", "200 000,00") as Decimal."""
    cleaned = re.sub(r"[.\u2009\u202f ]", "", text).replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def number_word(text: str) -> int | None:
    """``zehn`` -> 10, ``12`` -> 12, anything else None."""
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text.lower())


def amount_value(match: re.Match[str]) -> Decimal | None:
    """The euro amount of an ``AMOUNT`` match, scale words applied, rounded to cents."""
    number = parse_number(match.group("num") or match.group("pre") or "")
    if number is None:
        return None
    scale = (match.group("scale") or match.group("prescale") or "").lower()
    if scale.startswith(("mio", "million")):
        number *= 1_000_000
    elif scale.startswith(("mrd", "milliard")):
        number *= 1_000_000_000
    elif scale.startswith(("tsd", "tausend")):
        number *= 1000
    return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def date_value(match: re.Match[str]) -> date | None:
    """The date of a ``LONG_DATE`` or ``NUMERIC_DATE`` match, None if no such day exists."""
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else month_number(month_text)
    try:
        return date(int(match.group("year")), month or 0, int(match.group("day")))
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every full date in ``text`` with its span, in order of appearance."""
    found = []
    for pattern in (LONG_DATE, NUMERIC_DATE):
        for match in pattern.finditer(text):
            value = date_value(match)
            if value is not None:
                found.append((value, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def month_day(match: re.Match[str]) -> tuple[int, int] | None:
    """(month, day) of a ``DAY_MONTH`` or ``NUMERIC_DAY_MONTH`` match, if the day exists."""
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else month_number(month_text) or 0
    day = int(match.group("day"))
    try:
        date(2024, month, day)  # a leap year, so 29 February counts
    except ValueError:
        return None
    return month, day
