"""Outlines follow the programme and are prefilled only with what the profile says."""

from funding_matcher.domain.applications.outline import draft_outline, length_limit, slugify
from funding_matcher.domain.applications.topics import STANDARD_OUTLINE, topic_of
from funding_matcher.domain.catalogue.records import Programme
from funding_matcher.domain.profile import Profile
from tests.conftest import profile_data, programme_data

FULL = profile_data(
    partners=["Stadtteilbibliothek", "Jugendmigrationsdienst"],
    start_date="2027-04-01",
    duration_months=24,
    target_groups=["aeltere", "familien"],
)


def outline(profile=None, **programme):
    return draft_outline(
        Profile.from_dict(profile or FULL),
        Programme.model_validate(programme_data(**programme)),
        "Nachbarn e. V.",
    )


def by_key(drafts):
    return {d.key: d for d in drafts}


def test_programme_sections_in_the_programmes_order():
    drafts = outline(outline_sections=["Situation im Quartier", "Zielgruppen", "Verstetigung"])
    assert [d.title for d in drafts] == ["Situation im Quartier", "Zielgruppen", "Verstetigung"]
    assert [d.key for d in drafts] == ["situation-im-quartier", "zielgruppen", "verstetigung"]


def test_standard_outline_when_the_programme_names_none():
    drafts = outline(outline_sections=[])
    assert [d.key for d in drafts] == list(STANDARD_OUTLINE)
    assert drafts[0].title == "Ausgangslage und Bedarf"
    assert drafts[-1].title == "Öffentlichkeitsarbeit"


def test_prefilled_from_the_profile_and_nothing_else():
    sections = by_key(outline(outline_sections=[]))
    situation = sections["ausgangslage"].text
    assert "Ort: Oberhausen, Nordrhein-Westfalen." in situation
    assert "Städtischer Raum" in situation
    assert FULL["description"] in situation
    assert sections["zielgruppen"].text == "- Ältere Menschen\n- Familien und Alleinerziehende"
    assert sections["kooperation"].text == "- Stadtteilbibliothek\n- Jugendmigrationsdienst"
    assert sections["zeitplan"].text == "Projektzeitraum: 01.04.2027 bis 31.03.2029 (24 Monate)."
    assert "Gesamtkosten laut Projektprofil: 60.000,00 €." in sections["kosten"].text
    assert "Beantragte Förderung (Gesamtkosten abzüglich Eigenmittel): 54.000,00 €." in (
        sections["kosten"].text
    )
    assert sections["eigenanteil"].text == "Eigenmittel: 6.000,00 € (10,0 % der Gesamtkosten)."
    # The profile says nothing about these: they start empty, with guidance only.
    for key in ("nachhaltigkeit", "wirkung", "oeffentlichkeit"):
        assert sections[key].text == ""
        assert not sections[key].prefilled
        assert sections[key].guidance


def test_missing_profile_facts_leave_sections_empty():
    sparse = profile_data()
    for key in ("target_groups", "budget_total_eur", "own_funds_eur", "duration_months"):
        sparse.pop(key)
    sections = by_key(outline(sparse, outline_sections=[]))
    assert sections["zielgruppen"].text == ""
    assert sections["kosten"].text == ""
    assert sections["zeitplan"].text == ""
    assert sections["kooperation"].text == ""


def test_description_lands_in_one_section_when_there_is_no_situation_section():
    drafts = outline(outline_sections=["Maßnahmen und Zeitplan", "Finanzierung"])
    holding = [d.key for d in drafts if FULL["description"] in d.text]
    assert holding == ["massnahmen-und-zeitplan"]


def test_guidance_names_the_programmes_terms_and_requirements():
    drafts = by_key(
        outline(
            outline_sections=["Kosten- und Finanzierungsplan", "Kooperationspartner"],
            requirements=["Kooperationsvereinbarung mit dem Jugendamt"],
            funding_rate_max_percent=80,
            amount_max_eur=50000,
        )
    )
    assert "Förderquote bis 80 %" in drafts["kosten-und-finanzierungsplan"].guidance
    assert "Höchstbetrag 50.000 €" in drafts["kosten-und-finanzierungsplan"].guidance
    assert "Kooperationsvereinbarung mit dem Jugendamt" in drafts["kooperationspartner"].guidance


def test_length_limits_read_from_section_titles():
    assert length_limit("Projektskizze (max. 5 Seiten)") == (None, 5)
    assert length_limit("Kurzbeschreibung (höchstens 2.000 Zeichen)") == (2000, None)
    assert length_limit("Ziele") == (None, None)
    drafts = outline(outline_sections=["Kurzbeschreibung (max. 1000 Zeichen)"])
    assert drafts[0].limit_chars == 1000


def test_topics_and_keys():
    assert topic_of("Zielgruppen und Zugang").key == "zielgruppen"
    assert topic_of("Ziele und Indikatoren").key == "ziele"
    assert topic_of("Eigenanteil und Drittmittel").key == "eigenanteil"
    assert topic_of("Anlagen") is None
    # The word that starts first decides; words count only at the start of a word.
    assert topic_of("Ausgangslage, Bedarf und Zielgruppe").key == "ausgangslage"
    assert topic_of("Begründung der Nachrangigkeit (keine Regelfinanzierung möglich)") is None
    assert slugify("Öffentlichkeitsarbeit & Presse") == "oeffentlichkeitsarbeit-presse"


def test_duplicate_titles_get_distinct_keys():
    drafts = outline(outline_sections=["Ziele", "Ziele"])
    assert len({d.key for d in drafts}) == 2
