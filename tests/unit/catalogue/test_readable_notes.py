from funding_matcher.domain.catalogue.terms_text import readable_notes


def test_field_names_and_codes_become_german_words():
    text = (
        "Status closed seit 2026; overhead_max_percent null, volunteer_work none, "
        "kind unknown, access_via leer."
    )
    assert readable_notes(text) == (
        "Status „beendet“ seit 2026; Verwaltungspauschale nicht angegeben, "
        "Ehrenamtliche Arbeit keine Regel, Frist unbekannt, Weiterleitung leer."
    )


def test_plain_text_is_left_alone():
    assert readable_notes("Antrag über den Spitzenverband.") == "Antrag über den Spitzenverband."
    assert readable_notes(None) == ""
