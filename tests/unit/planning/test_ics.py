import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from funding_matcher.domain.planning.ics import (
    CalendarEvent,
    build_calendar,
    event_uid,
    next_sequence,
)

STAMP = datetime(2026, 11, 29, 6, 30, tzinfo=UTC)
LONG_TITLE = (
    "Ratsbeschluss für „Gemeinsam im Quartier – Begegnung, Teilhabe; Nachbarschaft“ " * 2
).strip()


def feed(**overrides) -> bytes:
    events = [
        CalendarEvent(
            uid=event_uid("milestone", 42, "foerdermittel.example.org"),
            day=date(2027, 5, 28),
            title=LONG_TITLE,
            description="Sitzungsvorlage muss vorher in den Ausschuss. Überprüfen Sie die Frist.",
            url="https://foerdermittel.example.org/antraege/7/zeitplan#m42",
            sequence=3,
            last_modified=datetime(2026, 11, 28, 18, 0, tzinfo=timezone(timedelta(hours=1))),
        ),
        CalendarEvent(
            uid="deadline-7@foerdermittel.example.org", day=date(2027, 12, 31), title="Antragsfrist"
        ),
    ]
    return build_calendar(
        events, name=overrides.get("name", "Fristen – Stadt Musterstadt"), dtstamp=STAMP
    )


def test_feed_parses_back_with_all_day_events():
    cal = Calendar.from_ical(feed())
    events = list(cal.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [
        "milestone-42@foerdermittel.example.org",
        "deadline-7@foerdermittel.example.org",
    ]
    first, second = events
    start, end = first.decoded("DTSTART"), first.decoded("DTEND")
    assert type(start) is date
    assert type(end) is date
    assert (start, end) == (date(2027, 5, 28), date(2027, 5, 29))
    assert second.decoded("DTEND") == date(2028, 1, 1)
    assert str(first["SUMMARY"]) == LONG_TITLE
    assert first.decoded("SEQUENCE") == 3
    assert second.decoded("SEQUENCE") == 0
    assert first.decoded("DTSTAMP") == STAMP
    assert first.decoded("LAST-MODIFIED") == datetime(2026, 11, 28, 17, 0, tzinfo=UTC)
    assert str(first["URL"]) == "https://foerdermittel.example.org/antraege/7/zeitplan#m42"


def test_description_carries_the_deep_link():
    first = next(iter(Calendar.from_ical(feed()).walk("VEVENT")))
    description = str(first["DESCRIPTION"])
    assert description.startswith("Sitzungsvorlage muss vorher")
    assert description.endswith(
        "Im Fördermittel-Matcher öffnen: https://foerdermittel.example.org/antraege/7/zeitplan#m42"
    )


def test_event_without_link_has_no_url():
    second = list(Calendar.from_ical(feed()).walk("VEVENT"))[1]
    assert "URL" not in second
    assert "DESCRIPTION" not in second


def test_calendar_properties_for_subscribers():
    raw = feed()
    cal = Calendar.from_ical(raw)
    assert str(cal["X-WR-CALNAME"]) == "Fristen – Stadt Musterstadt"
    assert str(cal["VERSION"]) == "2.0"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in raw
    assert b"\r\nX-PUBLISHED-TTL:PT12H\r\n" in raw
    assert b"\r\nDTSTART;VALUE=DATE:20270528\r\n" in raw
    assert b"\r\nDTEND;VALUE=DATE:20270529\r\n" in raw
    assert b"\r\nDTSTAMP:20261129T063000Z\r\n" in raw


def test_every_physical_line_is_folded_and_ends_in_crlf():
    raw = feed()
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)
    assert b"\r" not in b"".join(lines)
    assert all(len(line) <= 75 for line in lines)
    # The long title really was folded, and no fold split a UTF-8 sequence.
    assert any(line.startswith(b" ") for line in lines)
    for line in lines:
        line.decode("utf-8")


def test_same_input_gives_the_same_bytes():
    assert feed() == feed()


def test_uids_are_stable_and_safe():
    assert event_uid("milestone", 42, "example.org") == "milestone-42@example.org"
    with pytest.raises(ValueError, match="UID part"):
        event_uid("milestone", "4 2", "example.org")


@pytest.mark.parametrize(
    ("old_day", "old_seq", "new_day", "expected"),
    [
        (None, None, date(2027, 5, 28), 0),
        (date(2027, 5, 28), 0, date(2027, 5, 28), 0),
        (date(2027, 5, 28), 4, date(2027, 5, 28), 4),
        (date(2027, 5, 28), 0, date(2027, 5, 27), 1),
        (date(2027, 5, 28), 4, date(2027, 6, 1), 5),
    ],
)
def test_sequence_rises_only_when_the_date_moves(old_day, old_seq, new_day, expected):
    assert next_sequence(old_day, old_seq, new_day) == expected


def test_naive_timestamps_are_refused():
    with pytest.raises(ValueError, match="time zone"):
        build_calendar([], name="x", dtstamp=datetime(2026, 11, 29, 6, 30))


KHAL = shutil.which("khal")


@pytest.mark.skipif(KHAL is None, reason="khal is not installed")
def test_khal_imports_and_lists_the_feed(tmp_path: Path):
    ics = tmp_path / "feed.ics"
    ics.write_bytes(feed())
    vdir = tmp_path / "calendar"
    vdir.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"""[calendars]
[[fristen]]
path = {vdir}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Berlin
default_timezone = Europe/Berlin

[sqlite]
path = {tmp_path / "khal.db"}
""",
        encoding="utf-8",
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    base = [KHAL, "-c", str(config)]
    subprocess.run(
        [*base, "import", "--batch", "-a", "fristen", str(ics)],
        check=True,
        env=env,
        capture_output=True,
        timeout=60,
    )
    listed = subprocess.run(
        [*base, "list", "--format", "{start-date}|{end-date}|{title}", "2027-05-01", "2028-01-31"],
        check=True,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    rows = [line for line in listed.splitlines() if "|" in line]
    assert rows == [
        f"2027-05-28|2027-05-28|{LONG_TITLE}",
        "2027-12-31|2027-12-31|Antragsfrist",
    ]
