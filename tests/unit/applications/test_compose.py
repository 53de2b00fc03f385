"""Which fact goes where (drafting contract § 3): topics from the record, fallbacks, once each."""

from __future__ import annotations

import re

import pytest

from funding_matcher.domain.applications.compose import placement
from funding_matcher.domain.applications.outline import draft_outline, outline_of
from funding_matcher.domain.taxonomy import labels

from .conftest import DETAILS, USER_TEXTS, draft, plan, profile, programme, texts

ALL_USER = [[t] for t in USER_TEXTS] + [["zusammenfassung"], ["zeitplan"], ["evaluation"]]


def full_text(document) -> str:
    return "\n".join(s.text for s in document.sections) + "\n".join(document.applicant_text)


def test_each_fact_lands_in_the_section_of_its_topic_and_nowhere_else():
    titles = [f"Abschnitt {i}" for i in range(len(ALL_USER))]
    doc = draft(programme(titles, ALL_USER), profile())
    found = texts(doc)
    for i, (topic,) in enumerate(ALL_USER[: len(USER_TEXTS)]):
        words = USER_TEXTS[topic]
        holders = [title for title, text in found.items() if words in text]
        assert holders == [titles[i]], topic
    assert all(not s.moved for s in doc.sections)


def test_titles_are_never_read_the_topics_decide():
    # A title that says "Maßnahmen" carrying participation gets participation, not the work plan.
    doc = draft(
        programme(
            ["Einleitung", "Maßnahmen", "Barrierefreiheit des Vorhabens"],
            [["zusammenfassung"], ["beteiligung"], ["barrierefreiheit"]],
        ),
        profile(),
    )
    found = texts(doc)
    assert DETAILS["participation"] in found["Maßnahmen"]
    assert "Arbeitspakete" not in found["Maßnahmen"]
    assert found["Barrierefreiheit des Vorhabens"].startswith(DETAILS["accessibility"])
    assert "Treff eröffnen" not in found["Barrierefreiheit des Vorhabens"]


def test_a_section_with_several_topics_holds_each_in_its_order():
    doc = draft(
        programme(["Ausgangslage, Bedarf und Zielgruppe"], [["ausgangslage", "zielgruppen"]]),
        profile(),
    )
    text = texts(doc)["Ausgangslage, Bedarf und Zielgruppe"]
    assert text.index(DETAILS["need"]) < text.index("Erreicht werden sollen insgesamt 120")


@pytest.mark.parametrize(
    ("topic", "outline", "home"),
    [
        ("barrierefreiheit", [["massnahmen"], ["beteiligung"]], 0),
        ("barrierefreiheit", [["ziele"], ["beteiligung"]], 1),
        ("kooperation", [["ziele"], ["traeger"]], 1),
        ("verstetigung", [["massnahmen"], ["ziele"]], 1),
        ("notwendigkeit", [["ziele"], ["ausgangslage"]], 1),
        ("notwendigkeit", [["ziele"], ["finanzierung"]], 1),
        ("zielgruppen", [["ziele"], ["ausgangslage"]], 1),
        ("evaluation", [["massnahmen"], ["ziele"]], 1),
        ("zeitplan", [["ziele"], ["massnahmen"]], 1),
        ("oeffentlichkeitsarbeit", [["zielgruppen"], ["beteiligung"]], 0),  # else: first section
    ],
)
def test_fallback_follows_the_contract_chain(topic, outline, home):
    targets = placement(outline)
    assert (targets[topic].index, targets[topic].fallback) == (home, True)


def test_fallback_places_the_fact_once_and_the_working_version_lists_it():
    doc = draft(programme(["Ziele", "Maßnahmen"], [["ziele"], ["massnahmen"]]), profile())
    found = texts(doc)
    # Accessibility falls back to the Maßnahmen section, with a lead-in; kept verbatim.
    assert f"Barrierefreiheit: {DETAILS['accessibility']}" in found["Maßnahmen"]
    assert DETAILS["accessibility"] not in found["Ziele"]
    moved = {s.title: s.moved for s in doc.sections}
    assert "Barrierefreiheit" in moved["Maßnahmen"]
    assert "Nachhaltigkeit und Verstetigung" in moved["Ziele"]


def test_without_sections_applicant_and_finance_get_their_blocks():
    report_programme = programme(["Ziele"], [["ziele"]])
    doc = draft(report_programme, profile(), report=plan(report_programme))
    assert DETAILS["experience"] in doc.applicant_text
    assert doc.plan_text
    assert doc.plan_text[0].startswith("Die Gesamtausgaben des Vorhabens")
    # The generated summary has no section, so it appears nowhere.
    assert "beantragt für das Vorhaben" not in full_text(doc)


def test_the_users_words_appear_once_in_the_whole_draft():
    titles = ["Kurz", "Lage", "Wer", "Was", "Geld"]
    outline = [
        ["zusammenfassung"],
        ["ausgangslage"],
        ["zielgruppen"],
        ["massnahmen"],
        ["finanzierung"],
    ]
    doc = draft(programme(titles, outline), profile())
    text = full_text(doc)
    for words in USER_TEXTS.values():
        assert text.count(words) == 1, words


def test_generated_sentences_use_counts_months_roles_and_no_taxonomy_labels():
    outline = [["zusammenfassung"], ["zielgruppen"], ["ziele", "evaluation"], ["massnahmen"]]
    doc = draft(programme(["K", "Z", "Ziele", "M"], outline), profile(themes=["teilhabe"]))
    found = texts(doc)
    # The next section says it with the breakdown: the summary does not repeat the count.
    assert "120 Menschen" not in found["K"]
    assert (
        "Erreicht werden sollen insgesamt 120 Menschen, darunter 20 Menschen mit Behinderung."
        in (found["Z"])
    )
    assert "Das Vorhaben verfolgt zwei Ziele:" in found["Ziele"]
    assert (
        "- Ältere sind weniger allein – Indikator: Besucherinnen und Besucher je Woche; "
        "Zielwert: mindestens 40 ab Monat 12"
    ) in found["Ziele"]
    assert "- Treff eröffnen (April bis Juni 2027): Raum herrichten." in found["M"]
    assert "- Wochenprogramm (Juli 2027 bis März 2029)" in found["M"]
    every = full_text(doc)
    for label in labels("themes", ["teilhabe"]) + labels("target_groups", ["alle"]):
        assert label not in every


def test_without_details_each_description_sentence_is_used_once_by_topic():
    description = (
        "Im Quartier fehlt seit Jahren ein Treffpunkt. "
        "Der Eingang bekommt eine Rampe. "
        "Ein Bewohnerrat entscheidet mit. "
        "Das wird schön."
    )
    doc = draft(
        programme(
            ["Lage", "Barrierefreiheit", "Beteiligung", "Kurz"],
            [["ausgangslage"], ["barrierefreiheit"], ["beteiligung"], ["zusammenfassung"]],
        ),
        profile(details=None, description=description),
    )
    found = texts(doc)
    # The period falls back to the first section (zeitplan -> massnahmen -> first section).
    assert found["Lage"].startswith("Im Quartier fehlt seit Jahren ein Treffpunkt.\n\n")
    assert found["Barrierefreiheit"] == "Der Eingang bekommt eine Rampe."
    assert found["Beteiligung"] == "Ein Bewohnerrat entscheidet mit."
    # The user's words open the summary, the generated sentences follow.
    assert found["Kurz"].startswith("Das wird schön.\n\nNachbarn e. V. beantragt")
    sentences = re.split(r"(?<=\.)\s+", description)
    for sentence in sentences:
        assert full_text(doc).count(sentence) == 1


def test_the_profiles_own_funds_are_no_longer_a_percentage_of_the_costs():
    outline = draft_outline(profile(details=None), programme(["Finanzierung"], [["finanzierung"]]))
    assert "% der Gesamtkosten" not in outline[0].text
    assert "Eigenmittel:" not in outline[0].text


def test_outline_limits_from_the_record_win_over_the_title():
    record = programme(
        ["Kurzbeschreibung (max. 1000 Zeichen)", "Ziele"],
        [["zusammenfassung"], ["ziele"]],
        outline_limits=[800, 2000],
    )
    assert [s.limit_chars for s in outline_of(record)] == [800, 2000]
    no_limits = programme(["Kurzbeschreibung (max. 1000 Zeichen)"], [["zusammenfassung"]])
    assert outline_of(no_limits)[0].limit_chars == 1000


def test_a_programme_without_outline_gets_the_standard_sections():
    sections = outline_of(programme([], None))
    assert sections[0].title == "Kurzbeschreibung"
    assert ("finanzierung", "notwendigkeit") in [s.topics for s in sections]


def test_partner_list_opens_with_a_capital_and_the_roles():
    doc = draft(programme(["Partner"], [["kooperation"]]), profile())
    assert "\n\nEin Partner wirkt mit:\n- Lebenshilfe Oberhausen: berät" in texts(doc)["Partner"]
    two = dict(DETAILS, partners=[{"name": "A", "role": "x"}, {"name": "B"}])
    text = texts(draft(programme(["Partner"], [["kooperation"]]), profile(details=two)))["Partner"]
    assert "Zwei Partner wirken mit:\n- A: x\n- B" in text


def test_the_summary_names_the_count_when_the_target_group_stands_further_away():
    outline = [["zusammenfassung"], ["ausgangslage"], ["zielgruppen"]]
    found = texts(draft(programme(["K", "L", "Z"], outline), profile()))
    assert "Das Vorhaben läuft vom 01.04.2027 bis zum 31.03.2029" in found["K"]
    assert "Es richtet sich an 120 Menschen." in found["K"]
    # No partner sentence: partners are not part of the summary (contract § 3).
    assert "Als Partner wirken mit" not in found["K"]
