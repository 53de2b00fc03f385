from datetime import date, timedelta

from funding_matcher.domain.planning.digest import NewMatch, ProgrammeChange, compose_digest
from funding_matcher.domain.planning.reminders import ReminderItem, due_reminders

TODAY = date(2026, 11, 29)


def reminders():
    items = [
        ReminderItem(
            "milestone-1",
            "milestone",
            "Sitzungsvorlage fertig",
            TODAY + timedelta(days=1),
            url="https://fm.example.org/a/1",
            context="Antrag: Quartierstreff Nord",
        ),
        ReminderItem("application-2", "application", "KJP Antrag", TODAY + timedelta(days=7)),
        ReminderItem("programme-3", "programme", "Heimat-Scheck", TODAY),
    ]
    return due_reminders(items, TODAY, set())


CHANGE = ProgrammeChange(
    "Starke Quartiere",
    ("Frist verschoben auf 30.09.2027", "Förderquote jetzt 80 %"),
    url="https://fm.example.org/p/starke-quartiere",
)
MATCH = NewMatch("Aktion Mensch Mikroförderung", "passt zu „Quartierstreff Nord“ (82 %)")


def test_nothing_to_say_means_no_mail():
    assert compose_digest([], [], [], today=TODAY) is None


def test_full_digest_groups_the_three_sections_in_order():
    digest = compose_digest(
        reminders(),
        [CHANGE],
        [MATCH],
        today=TODAY,
        recipient_name="Frau Kaya",
        settings_url="https://fm.example.org/konto/erinnerungen",
    )
    body = digest.body
    assert body.startswith("Guten Tag Frau Kaya,")
    headings = ["Fristen und Meilensteine", "Geänderte Programme auf der Merkliste", "Neue Treffer"]
    positions = [body.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "- heute (So 29.11.2026): Frist eines gemerkten Programms – Heimat-Scheck" in body
    assert "- morgen (Mo 30.11.2026): Meilenstein – Sitzungsvorlage fertig" in body
    assert "  Antrag: Quartierstreff Nord\n  https://fm.example.org/a/1" in body
    assert "- in 7 Tagen (So 06.12.2026): Antragsfrist – KJP Antrag" in body
    assert "  * Förderquote jetzt 80 %" in body
    assert "- Aktion Mensch Mikroförderung – passt zu „Quartierstreff Nord“ (82 %)" in body
    assert "https://fm.example.org/konto/erinnerungen" in body
    assert digest.subject == (
        "Fördermittel-Matcher: 3 Termine (nächster heute), 1 geändertes Programm, 1 neuer Treffer"
    )


def test_only_the_sections_with_content_appear():
    digest = compose_digest([], [CHANGE, CHANGE], [MATCH, MATCH, MATCH], today=TODAY)
    assert "Fristen und Meilensteine" not in digest.body
    assert digest.body.startswith("Guten Tag,")
    assert digest.subject == "Fördermittel-Matcher: 2 geänderte Programme, 3 neue Treffer"


def test_single_reminder_subject():
    one = [r for r in reminders() if r.item.key == "milestone-1"]
    digest = compose_digest(one, [], [], today=TODAY)
    assert digest.subject == "Fördermittel-Matcher: 1 Termin (nächster morgen)"
