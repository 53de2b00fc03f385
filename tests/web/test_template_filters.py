"""The template filters print figures as the domain does; only a missing value's text differs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from flask import Flask, render_template_string


def render(app: Flask, source: str, **values: object) -> str:
    with app.test_request_context():
        return render_template_string(source, **values)


def test_pages_print_amounts_percentages_and_dates_in_german(app):
    shown = render(
        app,
        "{{ cap|eur }} | {{ total|eur_cents }} | {{ rate|percent }} | {{ share|exact_percent }} | "
        "{{ hours|exact_number }} | {{ seconds|exact_number(2) }} | {{ day|de_date }} | "
        "{{ at|de_datetime }}",
        cap=1234567.5,
        total=Decimal("1234567.891"),
        rate=7.5,
        share=Decimal("66.67"),
        hours=Decimal("1200.0"),
        seconds=0.5,
        day=date(2027, 12, 31),
        at=datetime(2026, 11, 29, 13, 5, tzinfo=UTC),
    )
    assert shown == (
        "1.234.568 € | 1.234.567,89 € | 7,5 % | 66,67 % | 1.200 | 0,50 | 31.12.2027 | "
        "29.11.2026, 14:05 Uhr"
    )


def test_a_missing_catalogue_figure_reads_unbekannt_and_a_missing_result_a_dash(app):
    shown = render(
        app,
        "{{ none|eur }} {{ none|percent }} {{ none|de_date }} / {{ none|eur_cents }} "
        "{{ none|exact_percent }} {{ none|exact_number }} {{ none|de_datetime }}",
    )
    assert shown == "unbekannt unbekannt unbekannt / – – – –"
