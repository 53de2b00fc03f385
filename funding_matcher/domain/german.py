"""German numbers, money, percentages, dates and month names: the one place they are written.

Every page, export, message and template filter prints figures through these functions, so the
same amount reads the same everywhere; the month names are also the list the PDF reader and the
planning read dates with. Money is rounded half up at the cent (the contract's rounding); a float
is taken by its shortest text, so 2.675 stays 2.675 and is not read as 2.67499….
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

MISSING = "–"
UNKNOWN = "unbekannt"
BERLIN = ZoneInfo("Europe/Berlin")

MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
# Lower-case spellings a text may use for a month (Austrian "Jänner", "Maerz" without umlaut).
MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)} | {
    "jänner": 1,
    "maerz": 3,
}
_WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")

Number = Decimal | int | float


def _decimal(value: Number) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def format_number(
    value: Number | None,
    decimals: int | None = None,
    *,
    grouped: bool = True,
    missing: str = MISSING,
) -> str:
    """A German number: 1234.5 -> "1.234,5", 7.50 -> "7,5", 12345 -> "12.345" (counts too).

    ``decimals`` fixes the places, rounded half up (1234.5, 2 -> "1.234,50"); without it the
    value keeps its own places minus trailing zeros. ``grouped=False`` leaves out the thousands
    dots, as an input field must ("1200,5" reads back unchanged); ``missing`` stands for None.
    """
    if value is None:
        return missing
    number = _decimal(value)
    if not number.is_finite():
        return str(value)  # no figure a user enters; shown as Python writes it, never a crash
    if decimals is None:
        number = number.normalize()
    else:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(number):f}".partition(".")
    sign = "-" if number < 0 else ""  # -0,00 after rounding prints as 0,00
    if grouped:
        whole = f"{int(whole):,d}".replace(",", ".")
    return sign + whole + ("," + fraction if fraction else "")


def format_eur(value: Number | None, *, missing: str = MISSING) -> str:
    """Money exact to the cent: 1234567.891 -> "1.234.567,89 €", 0.005 -> "0,01 €"."""
    return missing if value is None else format_number(value, 2) + " €"


def format_whole_eur(value: Number | None, *, missing: str = MISSING) -> str:
    """Money rounded to whole euros, half up: 1234567.5 -> "1.234.568 €"."""
    return missing if value is None else format_number(value, 0) + " €"


def format_eur_compact(value: Number | None, *, missing: str = MISSING) -> str:
    """Whole euros without cents, other amounts with them: "100.000 €", "4.811,50 €"."""
    if value is None:
        return missing
    in_cents = _decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole = in_cents == in_cents.to_integral_value()
    return format_number(in_cents, 0 if whole else 2) + " €"


def format_percent(
    value: Number | None, decimals: int | None = None, *, missing: str = MISSING
) -> str:
    """A percentage: 7.5 -> "7,5 %"; with ``decimals=2`` a computed share, 80 -> "80,00 %"."""
    return missing if value is None else format_number(value, decimals) + " %"


def format_seconds(seconds: Number) -> str:
    """5 -> "5 Sekunden", 0.5 -> "0,5 Sekunden", 1 -> "1 Sekunde"."""
    value = _decimal(seconds)
    decimals = 0 if value == value.to_integral_value() else 1
    unit = "Sekunde" if value == 1 else "Sekunden"
    return f"{format_number(value, decimals)} {unit}"


def format_megabytes(size: int) -> str:
    """Bytes as megabytes: 32505856 -> "31 MB", 1572864 -> "1,5 MB"."""
    megabytes = Decimal(size) / (1024 * 1024)
    decimals = 0 if megabytes >= 10 or megabytes == megabytes.to_integral_value() else 1
    return f"{format_number(megabytes, decimals)} MB"


def format_date(value: date | str | None, *, missing: str = MISSING) -> str:
    """A day as dd.mm.yyyy: 30.09.2027 (an ISO text "2027-09-30" is read first)."""
    if value is None:
        return missing
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value:%d.%m.%Y}"


def format_long_date(value: date) -> str:
    """A day with the month's name, as legal texts write it: "31. Dezember 2027"."""
    return f"{value.day}. {MONTH_NAMES[value.month - 1]} {value.year}"


def format_weekday_date(value: date) -> str:
    """A day with its weekday: "Fr 28.05.2027"."""
    return f"{_WEEKDAYS[value.weekday()]} {format_date(value)}"


def format_datetime(value: datetime | None, *, missing: str = MISSING) -> str:
    """A moment in German local time: "29.11.2026, 14:05 Uhr" (a naive value is UTC)."""
    if value is None:
        return missing
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BERLIN).strftime("%d.%m.%Y, %H:%M Uhr")


def format_day_month(day: int, month: int) -> str:
    """A day that recurs every year: 1 April -> "01.04."."""
    return f"{day:02d}.{month:02d}."


def format_month(year: int, month: int) -> str:
    """A calendar month by name: "Juli 2028"."""
    return f"{MONTH_NAMES[month - 1]} {year}"


def format_numeric_month(year: int, month: int) -> str:
    """A calendar month as digits: "07.2028"."""
    return f"{month:02d}.{year}"


def month_number(name: str) -> int | None:
    """The month a German name means, any case: "März", "maerz", "Jänner" -> 3, 3, 1."""
    return MONTH_NUMBERS.get(name.strip().lower())
