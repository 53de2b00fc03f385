"""Who may apply (taxonomy codes), De-minimis, and the page limit of the outline."""

from __future__ import annotations

import re

from funding_matcher.domain.pdf_import.evidence import candidate, kept, section_bonus
from funding_matcher.domain.pdf_import.german import SMALL_NUMBER, number_word
from funding_matcher.domain.pdf_import.results import Proposal
from funding_matcher.domain.pdf_import.sentences import Sentence

_I = re.IGNORECASE
# Words for each applicant type of the taxonomy, as guidelines name them.
APPLICANT_WORDS: dict[str, re.Pattern[str]] = {
    "kommune": re.compile(
        r"\b(?:Kommunen|Gemeinden|Städte|Landkreise|Kreise|Gemeindeverbände|Gebietskörperschaften|"
        r"kommunale[nr]? Gebietskörperschaft\w*|Zweckverbände|Ämter|Kommune|"
        r"kommunale[nr]? Körperschaft\w*|Landkreis|kreisfreie[nr]? Städte|"
        r"(?:Orts|Verbands|Samt|Stadt|Mitglieds)gemeinden|Orts- und Verbandsgemeinden)\b",
        _I,
    ),
    "kommunales_unternehmen": re.compile(
        r"\b(?:kommunale[nr]? Unternehmen|Eigenbetriebe|Stadtwerke|kommunale[nr]? Gesellschaft\w*|"
        r"Unternehmen mit (?:überwiegend )?kommunaler Beteiligung)\b",
        _I,
    ),
    "freier_traeger": re.compile(
        r"\b(?:freie[nr]? Träger\w*|Träger der (?:freien )?Wohlfahrtspflege|Wohlfahrtsverbände|"
        r"Wohlfahrtsverband|gemeinnützige[nr]? Träger\w*|Träger der (?:freien )?Jugendhilfe|"
        r"freie[nr]? gemeinnützige[nr]? (?:Einrichtung|Organisation|Träger)\w*|gGmbHs?|"
        r"gemeinnützige[nr]? GmbHs?|gemeinnützige Gesellschaften mit beschränkter Haftung)",
        _I,
    ),
    "verein": re.compile(
        r"\b(?:Vereine|eingetragene Vereine|Verein|gemeinnützige\w* (?:\w+ )?Organisationen|"
        r"Initiativen|Verbände|Stiftungen|gemeinnützige Körperschaften|Jugendorganisationen|"
        r"Vereinen|Organisationen und Initiativen|Gruppierungen|Heimatvereine|"
        r"Nichtregierungsorganisationen|NGOs?|e\.\s?V\.|mildtätige\w* Organisationen)(?!\w)",
        _I,
    ),
    "kirchengemeinde": re.compile(
        r"\b(?:Kirchengemeinden|Kirchen|Religionsgemeinschaften|Glaubensgemeinschaften)\b", _I
    ),
    "bildungseinrichtung": re.compile(
        r"\b(?:Hochschulen|Universitäten|Forschungseinrichtungen|Einrichtungen für Forschung|"
        r"Schulen|Bildungsträger|Bildungseinrichtungen|Kindertagesstätten|Forschungs- und "
        r"Wissensverbreitung)\b",
        _I,
    ),
    "wohnungsunternehmen": re.compile(
        r"\b(?:Wohnungsunternehmen|Wohnungsbaugesellschaft\w*|Wohnungsgenossenschaft\w*|"
        r"Wohnungsbaugenossenschaft\w*|Vermieter\w*)\b",
        _I,
    ),
    "unternehmen": re.compile(
        r"\b(?:Unternehmen|KMU|Betriebe|Gewerbetreibende|Freiberufler\w*|freie[nr]? Berufe|"
        r"Selbständige|Selbstständige|Existenzgründer\w*|Beratungsunternehmen|Contractoren|"
        r"Unternehmen der gewerblichen Wirtschaft|Handwerk\w*|Gewerbebetriebe|Firmen|"
        r"juristische Personen des (?:öffentlichen und des )?(?:privaten Rechts|Privatrechts))\b",
        _I,
    ),
    "privatperson": re.compile(
        r"\b(?:Privatpersonen|private[nr]? Person\w*|natürliche[nr]? (?:und juristische )?Personen|"
        r"Einzelpersonen|"
        r"Eigentümer\w*|"
        r"Hauseigentümer\w*|Mieter\w*|Wohnungseigentümergemeinschaft\w*|WEG|Bürger\w*|"
        r"Haushalte|Privathaushalte|Erbbauberechtigte)\b",
        _I,
    ),
}
# "Kommunale Unternehmen" must not also count as "Unternehmen"; the longer name wins.
_SHADOWS = {
    "kommunales_unternehmen": "unternehmen",
    "wohnungsunternehmen": "unternehmen",
    "freier_traeger": "verein",
    "kirchengemeinde": "kommune",
}
APPLICANT_CUES = re.compile(
    r"antragsberechtigt|Zuwendungsempfänger|Antragsteller(?:in|innen)? (?:sind|können)|"
    r"können .{0,40}(?:beantragen|gefördert werden)|gefördert werden können|Förderempfänger|"
    r"teilnahmeberechtigt|richtet sich an|Antragstellende (?:sind|können)|berechtigt sind|"
    r"antragstellende[nrs]? (?=\w)|Antragsteller kommen|können einen (?:Förder)?[Aa]ntrag|"
    r"Wer kann|Wer wird gefördert|fördert (?:\w+ ){0,3}(?:Vorhaben|Projekte|Maßnahmen) von|"
    r"Gefördert werden (?:\w+ ){0,2}(?:Projekte|Vorhaben|Maßnahmen) (?:von|der|des|freier)\b|"
    r"Mitmachen können|Förderempfänger|"
    r"Förderfähig sind ausschließlich|Antragsberechtigung|können von .{0,80}beantragt werden|"
    r"richte[nt] sich (?:\w+ ){0,6}an\b|(?:Zuwendung|Förderung) ist (?:nur|ausschließlich) an\b",
    _I,
)
EXCLUDED_SENTENCE = re.compile(r"^(?:\W*)(?:Nicht|Ausgeschlossen|Ausgenommen|Keine)\b", _I)
EXCLUDED = re.compile(
    r"nicht antragsberechtigt|ausgeschlossen|nicht gefördert|nicht förderfähig|"
    r"keine Förderung|nicht genehmigt|nicht berücksichtigt|nicht zugelassen|können nicht|"
    r"sind nicht|nicht unterstützt",
    _I,
)
# A relative or conditional clause says something about the applicants, it names none; it
# ends with its verb ("…, die ihren Sitz in X haben"), unlike a genitive ("…, der Städte").
SUBORDINATE = re.compile(
    r",\s(?:deren|dessen|die|der|welche[rs]?|sofern|soweit|wenn|falls|wobei|sowie deren)\b"
    r"[^,;.]*\s[a-zäöüß]+(?=[,;.]|$)"
)
NON_PROFIT = re.compile(r"gemeinnützig|Gemeinnützigkeit|steuerbegünstigt|mildtätig", _I)
PRIVATE_LAW = re.compile(
    r"juristische[nr]? Personen? des (?:\w+ ){0,3}privaten Rechts|Privatrechts", _I
)
# Words that name a privatperson only when they are the applicants, not someone's consent.
OWNER_OF = re.compile(r"(?:\bdes|Zustimmung|Einverständnis\w*|Genehmigung) (?:\w+ )?$", _I)
DE_MINIMIS = re.compile(r"De[- ]?minimis", _I)
DE_MINIMIS_STRONG = re.compile(
    r"als De[- ]?minimis|De[- ]?minimis-Beihilfe\w* gewährt|De[- ]?minimis-Verordnung|"
    r"De[- ]?minimis-Regel|De[- ]?minimis-Erklärung|unterliegt|unterliegen|nach Maßgabe",
    _I,
)
PAGE_LIMIT = re.compile(
    rf"(?:maximal|höchstens|max\.|nicht mehr als|bis zu|nicht länger als|Umfang von|"
    rf"(?:maximal|höchstens) jedoch)?\s*(?P<n>{SMALL_NUMBER})\s*"
    r"(?:(?:DIN[- ]?)?A\s?4[- ]?)?Seiten\b",
    _I,
)
OUTLINE_WORDS = re.compile(
    r"Skizze|Projektskizze|Ideenskizze|Konzept|Projektbeschreibung|Vorhabenbeschreibung|"
    r"Interessenbekundung|Projektantrag|Antrag|Darstellung|Beschreibung",
    _I,
)


def propose_applicants(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``applicant_types``: taxonomy codes named where applicants are listed,
    without those a clause of the same sentence excludes."""
    found = []
    for sentence in sentences:
        text = sentence.text
        in_section = sentence.kind == "applicants"
        cue = APPLICANT_CUES.search(text) or APPLICANT_CUES.search(sentence.lead)
        if not (in_section or cue):
            continue
        if any(
            EXCLUDED_SENTENCE.search(part) or EXCLUDED.search(part)
            for part in (sentence.heading.rsplit(" / ", 1)[-1], sentence.lead)
            if part
        ):
            continue
        codes, first = _eligible(text)
        if not codes:
            continue
        score = 2.0 + (2.0 if cue else 0.0) + section_bonus(sentence, "applicants")
        found.append(candidate("applicant_types", codes, sentence, first, first, score))
    return found


def _eligible(text: str) -> tuple[list[str], int]:
    """The codes a sentence makes eligible (in order of mention) and where the first stands.

    A clause that excludes ("Kommunen sind nicht antragsberechtigt") takes its codes out; a
    sentence that only excludes names none.
    """
    parts = re.split(r";|(?<=\w)\s[–-]\s|,\s(?=[^,;]*(?:" + EXCLUDED.pattern + r"))", text)
    included: list[str] = []
    excluded: set[str] = set()
    first = len(text)
    offset = 0
    for part in parts:
        at = text.find(part, offset)
        offset = at + len(part)
        kept_part = SUBORDINATE.sub(lambda m: " " * len(m.group(0)), part)
        codes, starts = _codes(kept_part)
        if EXCLUDED_SENTENCE.search(part) or EXCLUDED.search(part):
            excluded.update(codes)
            continue
        for code in codes:
            if code not in included:
                included.append(code)
        if starts:
            first = min(first, at + min(starts))
    codes = [code for code in included if code not in excluded]
    if "unternehmen" in codes and NON_PROFIT.search(text) and PRIVATE_LAW.search(text):
        # "juristische Personen des privaten Rechts, die gemeinnützig sind": no companies
        codes = [code for code in codes if code != "unternehmen"]
        codes += [] if "verein" in codes else ["verein"]
    return codes, (first if codes else 0)


def merge_applicants(candidates: list[Proposal]) -> list[Proposal]:
    """One combined candidate from the applicants section, then the single sentences."""
    strong = [p for p in candidates if p.score >= 5.0 and not p.doubtful]
    if len(strong) < 2:
        return candidates
    codes: list[str] = []
    for proposal in strong:
        codes.extend(code for code in proposal.value if code not in codes)
    first = strong[0]
    merged = Proposal(
        "applicant_types",
        codes,
        first.page,
        first.quote,
        max(p.score for p in strong) + 1.0,
        f"zusammengefasst aus {len(strong)} Sätzen ab Seite {first.page}",
    )
    return [merged, *candidates]


def propose_de_minimis(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``de_minimis``: true where the text invokes the De-minimis rules."""
    found = []
    for sentence in sentences:
        match = DE_MINIMIS.search(sentence.text)
        if match is None:
            continue
        score = 2.0 + (2.0 if DE_MINIMIS_STRONG.search(sentence.text) else 0.0)
        score += section_bonus(sentence, "amount", 1.0)
        found.append(candidate("de_minimis", True, sentence, match.start(), match.end(), score))
    return found


def propose_page_limits(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``page_limit``: the number of pages an outline or concept may have."""
    found = []
    for sentence in sentences:
        if "Seite" not in sentence.text or not OUTLINE_WORDS.search(sentence.text):
            continue
        for match in PAGE_LIMIT.finditer(sentence.text):
            value = number_word(match.group("n"))
            if value is None or not 0 < value <= 100:
                continue
            if re.search(r"Seite\s\d+\s(?:von|/)", sentence.text[match.start() : match.end() + 8]):
                continue
            score = 3.0 + (1.0 if re.search(r"Skizze", sentence.text, _I) else 0.0)
            score += 1.0 if match.group(0).strip()[:1].isalpha() else 0.0  # "maximal zehn Seiten"
            score += section_bonus(sentence, "procedure", 2.0)
            if kept(score, sentence, 3.0):
                found.append(
                    candidate("page_limit", value, sentence, match.start(), match.end(), score)
                )
    return found


def _codes(text: str) -> tuple[list[str], list[int]]:
    """Codes named in ``text`` (in order of first mention) and where each first stands;
    a longer name shadows a shorter."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for code, pattern in APPLICANT_WORDS.items():
        spans[code] = [
            (m.start(), m.end())
            for m in pattern.finditer(text)
            if code != "privatperson"
            or not OWNER_OF.search(text[max(0, m.start() - 30) : m.start()])
        ]
    for longer, shorter in _SHADOWS.items():
        spans[shorter] = [
            (s, e)
            for s, e in spans[shorter]
            if not any(ls <= s and e <= le for ls, le in spans[longer])
        ]
    firsts = {code: min(s for s, _ in found) for code, found in spans.items() if found}
    codes = sorted(firsts, key=firsts.__getitem__)
    return codes, [firsts[code] for code in codes]
