"""Matching terms shown as reasons carry meaning: nouns, no function words, numbers, ordinals,
generic verbs or adjectives. Checked over every dev case and every catalogue text."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from benchmarks import eval_matcher
from funding_matcher.domain.catalogue.files import load_catalogue
from funding_matcher.domain.matching.terms import CaseCounts, shown_words, shows_meaning
from funding_matcher.domain.matching.text import STOP_WORDS
from funding_matcher.paths import PROJECT_ROOT
from tests.conftest import SHARED
from tests.unit.matching.helpers import others, programme, rank

# The noise the issue found among "Passende Begriffe", and words of the same kinds.
NOISE = {
    "wenig", "per", "vierten", "viele", "erste", "fehlt", "ort", "richtet", "läuft", "kleiner",
    "ein", "eine", "und", "oder", "mit", "für", "neue", "große", "gut", "soll", "werden", "gibt",
    "zweiten", "dritte", "letzte", "mehrere", "wenige", "einmal", "jahr", "jahre", "woche",
    "euro", "prozent", "menschen", "angebote", "laufzeit", "sachkosten", "personal",
    "vereinen", "akteure", "maßnahme", "maßnahmen", "stadtteils", "antrags", "anteils",
    "landkreis", "kreises", "einrichtung", "klein", "groß", "jung", "sach", "lern",
}  # fmt: skip
ORDINAL = re.compile(r"^(erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt)(e[nrsm]?)?$")


@cache
def catalogue():
    return load_catalogue(PROJECT_ROOT / "programs").programmes


def texts() -> list[str]:
    cases = []
    for path in (
        SHARED / "eval" / "dev" / "cases.json",
        *eval_matcher.OWN_CASE_FILES,
    ):
        cases += json.loads(path.read_text(encoding="utf-8"))
    profiles = [f"{c['profile']['title']}. {c['profile']['description']}" for c in cases]
    return profiles + [f"{p.title}. {p.summary} {p.description}" for p in catalogue()]


def test_every_term_that_may_ever_be_shown_carries_meaning():
    counts = CaseCounts.of(f"{p.summary} {p.description}" for p in catalogue())
    shown = sorted({w for text in texts() for w in shown_words(text, counts)})
    bad = [
        w
        for w in shown
        if w.casefold() in NOISE | STOP_WORDS
        or ORDINAL.match(w.casefold())
        or any(ch.isdigit() for ch in w)
        or not w[0].isupper()
        or len(w) < 4
    ]
    assert not bad, f"{len(bad)} von {len(shown)} zeigbaren Begriffen sind Füllwörter: {bad}"
    assert len(shown) > 1000  # the list is the catalogue's and the cases' own nouns


@pytest.mark.parametrize(
    "description",
    [
        "Wenig Geld per Monat: Im vierten Jahr läuft der kleinere Treff, viele Nachbarn fehlen.",
        "Erste Ideen: Der Ort richtet sich an Familien, es fehlt ein Treff.",
        "Laufzeit drei Jahre; Sachkosten und Personal tragen die Vereinen vor Ort mit Akteuren.",
    ],
)
def test_function_words_numbers_and_verbs_are_never_matching_terms(description):
    p = programme(description=f"{description} Nachbarschaftstreff und Sprachcafé.")
    match = rank([p, *others()], description=description + " Ein Sprachcafé.").matches[0]
    terms = next((r for r in match.reasons if r.startswith("Passende Begriffe:")), "")
    shown = {t.strip().casefold() for t in terms.removeprefix("Passende Begriffe:").split(",")}
    assert not shown & NOISE


def test_the_projects_own_place_is_no_matching_term():
    # A Hanover funder names Hannover; a project in Hannover writes it: no reason to fit.
    p = programme(
        states=["NI"],
        summary="Nachbarschaftstreffs in Hannover.",
        description="Die Klosterkammer Hannover fördert Nachbarschaftstreffs in Hannover.",
    )
    ranking = rank(
        [p, *others()],
        state="NI",
        municipality="Hannover",
        description="Ein Nachbarschaftstreff in Hannover-Linden für Nachbarn aus aller Welt.",
    )
    terms = next(r for r in ranking.matches[0].reasons if r.startswith("Passende Begriffe:"))
    assert terms == "Passende Begriffe: Nachbarschaftstreff"


def test_the_projects_own_land_is_no_matching_term():
    # "AWO Schleswig-Holstein" writes its Land; a Land programme names it: where, not why.
    p = programme(
        states=["SH"],
        summary="Ein Familienzentrum je Kreis in Schleswig-Holstein.",
        description="Das Land Schleswig-Holstein fördert das Familienzentrum im Kreis.",
    )
    ranking = rank(
        [p, *others()],
        state="SH",
        municipality="Husum",
        description="Die AWO Schleswig-Holstein baut ein Familienzentrum in Husum auf.",
    )
    terms = next(r for r in ranking.matches[0].reasons if r.startswith("Passende Begriffe:"))
    assert terms == "Passende Begriffe: Familienzentrum"


def test_a_listed_word_with_sharp_s_is_never_shown():
    """casefold() writes "Maßnahme" as "massnahme": the lists, written with ß, missed it, and
    "Passende Begriffe: Umbau, Aufzug, Maßnahme" headed an AWO conversion's top ten."""
    counts = CaseCounts.of(["Die Maßnahme und weitere Maßnahmen im Quartier."])
    assert not shows_meaning("Maßnahme", counts)
    assert not shows_meaning("Maßnahmen", counts)
    assert shows_meaning("Straßenfest", CaseCounts.of(["Das Straßenfest im Quartier."]))


def test_adjectives_of_set_phrases_are_never_matching_terms():
    """ "Ein Zentrum für Groß und Klein" capitalises two adjectives: "Passende Begriffe:
    Landkreis, Klein" stood on a Thuringian Begegnungszentrum's card."""
    p = programme(description="Kleine Nachbarschaftstreffs für Jung und Alt, klein und fein.")
    description = "Ein Nachbarschaftstreff für Groß und Klein, für Jung und Alt."
    match = rank([p, *others()], description=description).matches[0]
    terms = next(r for r in match.reasons if r.startswith("Passende Begriffe:"))
    assert terms == "Passende Begriffe: Nachbarschaftstreff"


def test_the_first_part_of_a_compound_cut_short_is_no_matching_term():
    # "Sach- und Personalkosten": "Sach" is half a word; a programme naming "Sach" in "Sach-
    # und Honorarkosten" shares no meaning with the project through it.
    p = programme(description="Gefördert werden Sach- und Honorarkosten für Nachbarschaftstreffs.")
    description = "Der Nachbarschaftstreff braucht Sach- und Personalkosten für zwei Jahre."
    match = rank([p, *others()], description=description).matches[0]
    terms = next(r for r in match.reasons if r.startswith("Passende Begriffe:"))
    assert terms == "Passende Begriffe: Nachbarschaftstreff"
    counts = CaseCounts.of([p.description])
    assert "Sach" not in shown_words(description, counts)
    assert "Bauten" in shown_words("Die Bauten und Bau- und Spielplätze.", counts)
