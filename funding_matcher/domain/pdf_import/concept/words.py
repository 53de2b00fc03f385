"""Themes and target groups of a concept, recognised from the taxonomy's own words.

Each code is known by the content words of its German label ("Klimaschutz, Klimaanpassung und
Stadtgrün" gives klimaschutz, klimaanpassung, stadtgrün) plus a few words concepts use for the
same thing. A code counts when a word occurs twice, or once in a sentence about target groups
or goals.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from funding_matcher.domain import taxonomy
from funding_matcher.domain.pdf_import.sentences import Sentence

# Label words too general to tell one code from another ("Menschen mit …", "Soziale …").
_STOPWORDS = {
    "und",
    "oder",
    "der",
    "die",
    "des",
    "mit",
    "von",
    "für",
    "alle",
    "sowie",
    "quartiers",
    "bewohner",
    "bewohnerinnen",
    "unterstützung",
    "alltag",
    "menschen",
    "soziale",
    "kulturelle",
    "öffentlicher",
    "lokale",
    "besonderen",
    "sozialen",
    "schwierigkeiten",
    "gesellschaftlicher",
    "junge",
    "planung",
    "raum",
}
# Words a concept uses that the labels do not contain.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "themes": {
        "quartiersmanagement": (
            "quartiersentwicklung",
            "stadtteilmanagement",
            "quartiersbüro",
            "sozialraum",
        ),
        "vernetzung": ("netzwerk", "kooperation", "runder tisch"),
        "wohnen": ("wohnraum", "wohnung"),
        "teilhabe": ("begegnung", "nachbarschaftstreff", "beteiligung", "mitmachen"),
        "engagement": ("ehrenamt", "freiwillig"),
        "bildung": ("lernen", "hausaufgaben", "nachhilfe", "lernort", "weiterbildung"),
        "gesundheit": ("prävention", "gesundheitsförderung"),
        "pflege": ("pflegebedürftig", "pflegend", "betreuung"),
        "arbeit": ("beschäftigung", "ausbildung", "qualifizierung", "arbeitsmarkt"),
        "wirtschaft": ("nahversorgung", "einzelhandel", "gewerbe"),
        "mobilitaet": ("mobilität", "verkehr", "radverkehr", "öffentlicher raum"),
        "digitalisierung": ("digital", "medienkompetenz", "internet"),
        "integration": ("migration", "zugewandert", "sprachförderung", "sprachkurs"),
        "inklusion": ("barrierefrei", "behinderung"),
        "klima": ("klimaschutz", "klimaanpassung", "stadtgrün", "begrünung", "hitze"),
        "kultur": ("kunst", "theater", "musik", "kulturell"),
        "demokratie": ("zusammenhalt", "vielfalt", "demokratiebildung"),
        "sport": ("bewegung", "spielplatz", "freizeit"),
    },
    "target_groups": {
        "alle": ("generationenübergreifend", "alle generationen", "alle bewohner"),
        "kinder": ("kita", "grundschulkinder", "schulkinder"),
        "jugendliche": ("jugend", "junge menschen"),
        "familien": ("eltern", "alleinerziehend"),
        "aeltere": ("senior", "hochaltrig", "ältere"),
        "pflegebeduerftige": ("pflegebedürftig", "pflegende angehörige"),
        "menschen_mit_behinderung": ("behinderung", "beeinträchtigung"),
        "migrantinnen": ("migrant", "einwanderung", "zugewandert", "migrationshintergrund"),
        "gefluechtete": ("geflüchtet", "flüchtling", "asyl"),
        "langzeitarbeitslose": ("langzeitarbeitslos", "arbeitslos", "erwerbslos", "arbeitsuchend"),
        "wohnungslose": ("wohnungslos", "obdachlos"),
        "frauen": ("frauen", "mädchen"),
    },
}
FOCUS = re.compile(
    r"Zielgruppe|richtet sich an|für (?:die )?(?:Menschen|Bewohner)|Ziel|Thema|"
    r"Schwerpunkt",
    re.IGNORECASE,
)


@cache
def patterns(vocabulary: str) -> dict[str, re.Pattern[str]]:
    """Per code, one pattern for its label words and synonyms, matched at word starts."""
    result = {}
    for code, label in taxonomy.VOCABULARIES[vocabulary].items():
        words = {w.lower() for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", label)}
        words = {w for w in words if len(w) >= 4 and w not in _STOPWORDS}
        words |= set(SYNONYMS[vocabulary].get(code, ()))
        stems = sorted({_stem(w) for w in words}, key=len, reverse=True)
        result[code] = re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")", re.IGNORECASE)
    return result


def _stem(word: str) -> str:
    """Cut a German plural or case ending so "Familien" also finds "Familie"."""
    for ending in ("innen", "ungen", "en", "er", "e", "n"):
        if word.endswith(ending) and len(word) - len(ending) >= 5:
            return word[: -len(ending)]
    return word


def match_codes(vocabulary: str, sentences: list[Sentence]) -> tuple[list[str], int, str]:
    """Codes the concept names, most often named first, with the first place one occurs."""
    counts: Counter[str] = Counter()
    focused: set[str] = set()
    first: dict[str, Sentence] = {}
    for sentence in sentences:
        in_focus = bool(FOCUS.search(sentence.text) or FOCUS.search(sentence.heading))
        for code, pattern in patterns(vocabulary).items():
            hits = len(pattern.findall(sentence.text))
            if not hits:
                continue
            counts[code] += hits
            first.setdefault(code, sentence)
            if in_focus:
                focused.add(code)
    codes = [code for code, count in counts.most_common() if count >= 2 or code in focused]
    if not codes:
        return [], 0, ""
    where = min((first[code] for code in codes), key=lambda s: sentences.index(s))
    return codes, where.page, where.text
