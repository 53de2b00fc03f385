"""The free description split into sentences, each given a topic (drafting contract rule 4)."""

from __future__ import annotations

from funding_matcher.domain.applications.sentences import assign, split_sentences


def test_abbreviations_dates_and_ordinals_do_not_end_a_sentence():
    text = (
        "Der Nachbarn e. V. startet am 1. Juli, z. B. mit einem Fest am 01.07.2027. "
        "Danach folgt Nr. 2 der Reihe! Gibt es Fragen?"
    )
    assert [s for s, _ in split_sentences(text)] == [
        "Der Nachbarn e. V. startet am 1. Juli, z. B. mit einem Fest am 01.07.2027.",
        "Danach folgt Nr. 2 der Reihe!",
        "Gibt es Fragen?",
    ]


def test_list_items_stay_items():
    assert split_sentences("Geplant sind:\n- ein Café\n- eine Sprechstunde") == [
        ("Geplant sind:", False),
        ("ein Café", True),
        ("eine Sprechstunde", True),
    ]


def test_each_sentence_gets_the_topic_its_words_show():
    text = (
        "Im Quartier leben 8.400 Menschen, viele Wohnungen stehen leer. "
        "Der Eingang bekommt eine Rampe, Einladungen gibt es in Leichter Sprache. "
        "Gemeinsam mit der Lebenshilfe bauen wir das Angebot auf. "
        "Ab dem vierten Jahr soll der Treff aus Spenden weiterlaufen. "
        "Ein Bewohnerrat entscheidet mit. "
        "Die Gesamtkosten betragen 460.000 €. "
        "Das ist schön."
    )
    topics = [s.topic for s in assign(text)]
    assert topics == [
        "ausgangslage",
        "barrierefreiheit",
        "kooperation",
        "verstetigung",
        "beteiligung",
        "finanzierung",
        "zusammenfassung",
    ]
