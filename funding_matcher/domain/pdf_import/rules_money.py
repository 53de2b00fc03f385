"""Funding rate, minimum and maximum amount, and the Finanzierungsart, found in sentences.

Each rule scores a candidate by the words around it: a rate next to "Förderquote" or
"förderfähigen Kosten" in the section "Art, Umfang und Höhe der Zuwendung" beats a percentage
of emission savings in the preamble; a maximum next to "Zuwendung" beats a turnover threshold.
"""

from __future__ import annotations

import re
from decimal import Decimal

from funding_matcher.domain.pdf_import.german import AMOUNT, PERCENT, amount_value, parse_number
from funding_matcher.domain.pdf_import.results import Proposal
from funding_matcher.domain.pdf_import.sentences import Sentence, quote

_I = re.IGNORECASE
RATE_CUES = re.compile(
    r"Förderquote|Fördersatz|Fördersätze|Förderhöhe|Zuschuss|Zuwendung|Förderung|gefördert|"
    r"bezuschusst|Beihilfeintensität|Grundförderung|Bonus|Fördermittel",
    _I,
)
RATE_STRONG = re.compile(
    r"Förderquote|Fördersatz|Fördersätze|Fördersatzes|Beihilfeintensität|Basisfördersatz|"
    r"(?:Förderung|Zuschuss|Zuwendung|Förderhöhe|Bonus)\s(?:\w+\s){0,3}beträgt|gefördert mit|"
    r"bezuschusst|Zuschuss in Höhe von|Grundförderung|anteilig finanziert",
    _I,
)
COST_AFTER = re.compile(
    r"^\s*(?:der|des|aller|von den|vom)?\s*(?:\w+\s)?(?:zuwendungsfähig|förderfähig|beihilfefähig|"
    r"Kosten|Ausgaben|Investition|Gesamtkosten|Nettoinvestition|Beratungskosten|Anschaffung)",
    _I,
)
COST_BEFORE = re.compile(r"(?:zuwendungs|förder|beihilfe)fähigen\b.{0,120}$", _I)
FUNDED_AFTER = re.compile(r"^\s*(?:anteilig\s+)?(?:finanziert|gefördert|bezuschusst|erstattet)", _I)
LIMIT_BEFORE = re.compile(r"(?:bis zu|maximal|höchstens|max\.|bis|Obergrenze von)\s*$", _I)
NOT_A_RATE = re.compile(
    r"Beteiligung|beteiligt|Anteilsbesitz|Anteile|Personenmonate|Emission|Einsparung|Reduktion|"
    r"reduzier|Wohnfläche|Zins|Beschäftigte|Umsatz|Kapazität|Dominanz|Aufträge|Gesamtleistung|"
    r"Strom aus|Energiebedarf|Endenergie|Stimmrecht|Treibhaus|verringert|gesenkt|Wohnzweck|"
    r"Mitarbeiter|Auslastung|Verzinsung|Skonto|Rabatt|Mehrwertsteuer|Umsatzsteuer|Abschreibung|"
    r"Dauerarbeitsplätze|Einkommen|Kredit|Darlehen|Tilgung|Bewertungskriteri|Gewichtung|"
    r"Anteil der Forschungseinrichtung|Gemeinkosten|Pauschale|Zuschlag|abgegolten|"
    r"Personaleinzelkosten|der Personalkosten|übrigen? (?:\w+ )?Kosten|Verwaltungskosten|"
    r"Eigenleistung|Aufschlag|Kumulierung|kumuliert",
    _I,
)
GRANT = re.compile(
    r"Zuwendung|Zuschuss|Förderung|Förderbetrag|Fördersumme|Förderzuschuss|Fördermittel|"
    r"Förderhöchstbetrag|gefördert|bezuschusst|Bonus|Zuwendungshöhe|Förderwert|ausgezahlt|"
    r"Förderhöhe|Zuschusshöchstbetrag|Prämie",
    _I,
)
MAX_BEFORE = re.compile(
    r"(?:\b(?:bis zu|maximal|höchstens|\w*[Hh]öchstbetrag\w*|Obergrenze|nicht mehr als|"
    r"gedeckelt auf|Deckelung|Maximalbetrag|maximale\w*|insgesamt bis)\b|\bmax\.)[^.]{0,55}$",
    _I,
)
# A cap on the whole grant, not on one item: worth more than "maximal 500 Euro je Baum".
GLOBAL_CAP = re.compile(
    r"Förderhöchstbetrag|Höchstbetrag der (?:Förderung|Zuwendung)|Zuschusshöchstbetrag|"
    r"Höchstförderbetrag|maximal mögliche\w* Förder\w*|Maximalbetrag pro Antragsteller|"
    r"je Antrag|pro Antrag|pro Vorhaben|je Vorhaben|pro Haushalt|Zuwendungshöhe",
    _I,
)
MAX_AFTER = re.compile(r"^[^.]{0,25}(?:begrenzt|gedeckelt|nicht überschreiten)", _I)
MIN_BEFORE = re.compile(
    r"\b(?:mindestens|Mindest\w*|Bagatellgrenze\w*|nicht unter|Untergrenze|ab einer\w*|unter)\b"
    r"[^.]{0,40}$",
    _I,
)
MIN_AFTER = re.compile(r"^[^.]{0,40}(?:nicht bewilligt|nicht gewährt|nicht gefördert)", _I)
NOT_A_GRANT = re.compile(
    r"Umsatz|Bilanzsumme|Einkommen|Gehalt|Kredit|Darlehen|Einzelbeihilfe|Beihilfen über|"
    r"Transparenz|De-minimis|Schwellenwert|Anmeldeschwelle|Auftragswert|Vergabe|Bürgschaft|"
    r"Mitarbeiter|Beschäftigte|Bargeld|Zinsen|Geldbuße|Steuer|Finanzbehörde|Kapital|"
    r"Eigenanteile aus|Gruppenumsatz|Beihilfebetrag|Subventionswert|300\.000 EUR",
    _I,
)
LOAN = re.compile(r"\W*(?:Kredit|Darlehen)\w*", _I)
ELIGIBLE_COSTS = re.compile(
    r"zuwendungsfähig|förderfähig|beihilfefähig|Investitionsvolumen|Investitionssumme|"
    r"Mindestinvestition|Kosten",
    _I,
)
UNIT_AFTER = re.compile(
    r"^\s*(?:netto\s*|brutto\s*)?(?:pro|je|/)\s*(?:kWp|kWh|kW|m2|m²|qm|Quadratmeter|gedämmt|Baum|"
    r"Pumpe|Stück|Beratertag|Stunde|Tag|Meter|lfd|Wohneinheit|Person|Kilowatt|Platz|Teilnehm|"
    r"\w*fläche|sanierte)",
    _I,
)

FINANCING = (
    ("anteil", re.compile(r"Anteil(?:s)?finanzierung|anteilig finanziert", _I), 4.0),
    ("fehlbedarf", re.compile(r"Fehlbedarfsfinanzierung|Fehlbetragsfinanzierung", _I), 4.0),
    ("festbetrag", re.compile(r"Festbetragsfinanzierung|Festbetr[aä]g", _I), 4.0),
    ("voll", re.compile(r"Vollfinanzierung", _I), 4.0),
    (
        "festbetrag",
        re.compile(r"\bpauschal|Pauschalbetrag|(?:Euro|€)\s?(?:pro|je|/)\s?(?:kWp|m2|m²)", _I),
        1.0,
    ),
    (
        "anteil",
        re.compile(r"\d\s?(?:%|Prozent) der (?:\w+ )?(?:zuwendungs|förder|beihilfe)fähigen", _I),
        1.0,
    ),
)
NEGATED = re.compile(r"\b(?:nicht|kein\w*)\s+(?:\w+\s+){0,2}$", _I)


OUTDATED_PENALTY = 6.0


def section_bonus(sentence: Sentence, wanted: str, bonus: float = 3.0) -> float:
    """Points for standing in the section where guidelines put the field; old rules and
    annexed material (e.g. the EU aid rules attached to a guideline) lose."""
    points = bonus if sentence.kind == wanted else 0.0
    points -= 2.0 if sentence.in_annex else 0.0
    return points - (OUTDATED_PENALTY if sentence.outdated else 0.0)


def kept(score: float, sentence: Sentence, threshold: float) -> bool:
    """Whether a candidate is good enough to list; old rules are listed (last) like current ones."""
    return score + (OUTDATED_PENALTY if sentence.outdated else 0.0) >= threshold


def propose_rates(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``funding_rate_max_percent``."""
    found = []
    for sentence in sentences:
        text = sentence.text
        matches = [m for m in PERCENT.finditer(text) if _percent(m) is not None]
        if not matches:
            continue
        largest = max(_percent(m) or 0 for m in matches)
        for match in matches:
            value = _percent(match)
            if value is None:
                continue
            before, after = text[max(0, match.start() - 60) : match.start()], text[match.end() :]
            near = text[max(0, match.start() - 80) : match.end() + 60]
            score = 1.0
            score += 1.0 if RATE_CUES.search(text) else 0.0
            score += (
                2.0 if RATE_STRONG.search(text) or RATE_STRONG.search(sentence.heading) else 0.0
            )
            cost = COST_AFTER.match(after) or (
                FUNDED_AFTER.match(after) and COST_BEFORE.search(text[: match.start()])
            )
            score += 1.5 if cost else 1.0 if FUNDED_AFTER.match(after) else 0.0
            # "um 10 % erhöht" is a supplement, not a rate
            score -= 4.0 if re.search(r"\bum\s*$", before) else 0.0
            score += 1.0 if LIMIT_BEFORE.search(before) else 0.0
            score += 0.5 if value == largest and len(matches) > 1 else 0.0
            score -= 4.0 if NOT_A_RATE.search(near) else 0.0
            score += section_bonus(sentence, "amount")
            if kept(score, sentence, 3.0):
                found.append(_proposal("funding_rate_max_percent", value, sentence, match, score))
    return found


def propose_amounts(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``amount_max_eur`` and ``amount_min_eur``."""
    found = []
    for sentence in sentences:
        text = sentence.text
        for match in AMOUNT.finditer(text):
            value = amount_value(match)
            if value is None or value <= 0:
                continue
            before, after = text[max(0, match.start() - 60) : match.start()], text[match.end() :]
            if UNIT_AFTER.match(after):
                continue  # "120 Euro pro kWp" is a unit rate (Festbetrag), not a cap
            clause = _clause(text, match.start(), match.end())
            is_max = bool(MAX_BEFORE.search(before) or MAX_AFTER.match(after))
            is_min = bool(MIN_BEFORE.search(before) or MIN_AFTER.match(after))
            if is_max == is_min:
                continue
            score = 3.0
            score += 2.0 if GRANT.search(clause) else 0.0
            score -= 2.0 if ELIGIBLE_COSTS.search(clause) else 0.0
            score -= 4.0 if NOT_A_GRANT.search(clause) else 0.0
            score -= 4.0 if LOAN.match(text) or LOAN.search(sentence.heading) else 0.0
            score += 2.0 if is_max and GLOBAL_CAP.search(clause) else 0.0
            score += section_bonus(sentence, "amount")
            if kept(score, sentence, 3.0):
                name = "amount_max_eur" if is_max else "amount_min_eur"
                found.append(_proposal(name, value, sentence, match, score))
    return found


def propose_financing(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``financing_type`` from the wording (Anteil-, Fehlbedarfs-, Festbetrag …)."""
    found = []
    for sentence in sentences:
        for value, pattern, weight in FINANCING:
            match = pattern.search(sentence.text)
            if match is None or NEGATED.search(sentence.text[: match.start()]):
                continue
            score = weight + section_bonus(sentence, "amount", 2.0)
            if kept(score, sentence, 1.0):
                found.append(_proposal("financing_type", value, sentence, match, score))
    return found


def _clause(text: str, start: int, end: int) -> str:
    """The part of the sentence an amount belongs to: up to the nearest ; or "wobei"/"und für"."""
    left = max(
        text.rfind(";", 0, start),
        text.rfind(" und für ", 0, start),
        text.rfind(". ", 0, start),
        start - 100,
    )
    stops = [
        i
        for i in (
            text.find(";", end),
            text.find(", wobei", end),
            text.find(" und für ", end),
            text.find(". ", end),
        )
        if i != -1
    ]
    right = min([*stops, end + 60])
    return text[max(left, 0) : right]


def _percent(match: re.Match[str]) -> Decimal | None:
    value = parse_number(match.group("num"))
    if value is None or not Decimal(0) < value <= Decimal(100):
        return None
    return value


def _proposal(
    name: str, value: object, sentence: Sentence, match: re.Match[str], score: float
) -> Proposal:
    note = "aus einer nicht mehr geltenden Fassung der Richtlinie" if sentence.outdated else None
    return Proposal(
        name, value, sentence.page, quote(sentence.text, match.start(), match.end()), score, note
    )
