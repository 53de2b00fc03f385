"""German compound splitting: which parts of a long word become index terms."""

from funding_matcher.domain.matching.engine import MatchingEngine
from funding_matcher.domain.matching.text import GermanAnalyzer, stem, words
from tests.unit.matching.helpers import programme

ANALYZER = GermanAnalyzer(known_stems=["quarti", "management", "verband", "pfleg", "verein"])


def test_compound_of_two_known_parts_splits_into_both():
    assert ANALYZER.parts("quartiersmanagement") == ("quarti", "management")


def test_first_part_seen_only_inside_compounds_is_shared_by_them():
    # "Wohlfahrt" never stands alone in the catalogue, but it is what a Wohlfahrtsverband and
    # the Freie Wohlfahrtspflege have in common.
    assert ANALYZER.parts("wohlfahrtsverband") == ("wohlfahrt", "verband")
    assert ANALYZER.parts("wohlfahrtspflege") == ("wohlfahrt", "pfleg")
    assert "wohlfahrt" in ANALYZER.word_terms("wohlfahrtsverbände")


def test_no_split_without_a_known_last_part_or_with_a_short_first_part():
    assert ANALYZER.parts("vereinbarung") == ()  # "barung" is no word of the catalogue
    assert ANALYZER.parts("dachverband") == ()  # "dach" alone is too short to trust


def test_opening_hours_and_counts_match_no_programme():
    # "an drei Tagen pro Woche geöffnet" says when a Treff opens, not what it is for: a
    # programme paying per Reisetag must not look closer to it for that.
    assert words("an drei Tagen pro Woche, einmal im Monat, zwei Jahre") == []
    assert words("Nachbarschaftstreff an drei Tagen pro Woche") == ["nachbarschaftstreff"]


def test_feminine_forms_share_the_stem_of_the_masculine_ones():
    # Snowball stems -erinnen like -er (Bürgerinnen, Bürger), but not -innen after other endings.
    assert stem("seniorinnen") == stem("senioren") == "senior"
    assert stem("migrantinnen") == stem("migranten")
    assert stem("nachbarinnen") == stem("nachbar")
    assert stem("königinnen") == stem("könig")
    # Words whose own stem ends in -inn keep it.
    assert stem("beginnen") == "beginn"
    assert stem("gewinnen") == "gewinn"
    assert stem("gemeinsinn") == "gemeinsinn"


def test_an_adjective_in_frei_keeps_its_first_part_only():
    analyzer = GermanAnalyzer(known_stems=["barri", "freier", "freien", "frei", "schwell"])
    assert analyzer.parts("barrierefreier") == ("barri",)
    assert analyzer.parts("barrierefreien") == ("barri",)
    assert analyzer.parts("schwellenfrei") == ("schwell",)


def test_a_barrierefreier_treffpunkt_finds_barriers_not_freie_traeger():
    # "Barrierefrei" is about barriers; "freier Träger" and "Freistaat" say nothing about them.
    texts = {
        "freie-traeger": "Antragsberechtigt ist jeder freier Träger im Freistaat.",
        "rampen": "Barrieren abbauen: Rampen und Aufzüge, beantragt durch einen freier Träger.",
        "leichte-sprache": "Barrieren in Texten abbauen mit Leichter Sprache.",
        "kunst": "Kunst im öffentlichen Raum.",
    }
    engine = MatchingEngine(
        [
            programme(slug=slug, title=slug, summary=text, description=text, funder="Land")
            for slug, text in texts.items()
        ]
    )
    found = {p.slug for p, _ in engine.text.search("barrierefreier Umbau")}
    assert found == {"rampen", "leichte-sprache"}


def test_a_guidelines_legal_frame_is_no_term():
    assert "kraft" not in words("Die Richtlinie tritt am 1. Januar in Kraft; Inkrafttreten")
    assert "inkrafttreten" not in words("Inkrafttreten und Geltungsdauer")
