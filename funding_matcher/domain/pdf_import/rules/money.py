"""Funding rate and Finanzierungsart, found in sentences (amounts: ``rules.amounts``).

Each rule decides by the words around the number: a rate next to "Förderquote" or
"förderfähigen Kosten" in the section "Art, Umfang und Höhe der Zuwendung" beats a percentage
of emission savings in the preamble. A bonus ("+10 %", "erhöht sich um 10 %-Punkte"), the
applicant's own share and the share of public money that triggers the Besserstellungsverbot
are no rate; "bis zu 100 %" is full financing.
"""

from __future__ import annotations

import re
from decimal import Decimal

from funding_matcher.domain.pdf_import.clauses import EXAMPLE, EXAMPLE_DOUBT, comma_part, within
from funding_matcher.domain.pdf_import.evidence import candidate, kept, section_bonus
from funding_matcher.domain.pdf_import.german import PERCENT, parse_number
from funding_matcher.domain.pdf_import.results import Proposal
from funding_matcher.domain.pdf_import.sentences import Sentence

_I = re.IGNORECASE

RATE_CUES = re.compile(
    r"Förderquote|Fördersatz|Fördersätze|Förderhöhe|Zuschuss|Zuwendung|Förderung|gefördert|"
    r"bezuschusst|Beihilfeintensität|Grundförderung|Fördermittel|Fördersumme|übernimmt|"
    r"finanziert|erstattet|Unterstützung|fördert|Kofinanzierung\w*",
    _I,
)

RATE_STRONG = re.compile(
    r"Förderquote|Fördersatz|Fördersätze|Fördersatzes|Beihilfeintensität|Basisfördersatz|"
    r"(?:Förderung|Zuschuss|Zuwendung|Förderhöhe|Fördersumme)\s(?:\w+\s){0,6}beträgt|"
    r"gefördert mit|bezuschusst|Zuschuss in Höhe von|Zuschuss von|Zuschüsse von|Grundförderung|"
    r"Höhe der (?:Unterstützung|Förderung|Zuwendung)|"
    r"anteilig (?:finanziert|gefördert)|übernimmt .{0,30}bis zu|mit einem Zuschuss|"
    r"Kofinanzierungsrate|Kofinanzierungssatz|EU-Kofinanzierung|"
    r"(?:Förderung|Zuschuss|Zuwendung)\s(?:[\w-]+\s){0,6}(?:nicht mehr als|höchstens)\s\d",
    _I,
)

COST_AFTER = re.compile(
    r"^\s*(?:der|des|aller|von den|vom)?\s*(?:\w+\s)?(?:zuwendungsfähig|förderfähig|beihilfefähig|"
    r"anerkennungsfähig|Kosten|Ausgaben|Investition|Gesamtkosten|Nettokosten|Gesamtausgaben|"
    r"Nettoinvestition|Beratungskosten|Beratungshonorar|Anschaffung|Gesamtprojektkosten|"
    r"Projektkosten|Projektsumme)",
    _I,
)

ELIGIBLE_AFTER = re.compile(
    r"^\s*(?:der|des|aller)\s(?:\w+\s)?(?:(?:zuwendungs|förder|beihilfe|anerkennungs)fähig|"
    r"anerkannt)",
    _I,
)
COST_BEFORE = re.compile(r"(?:zuwendungs|förder|beihilfe)fähigen\b.{0,120}$", _I)

FUNDED_AFTER = re.compile(
    r"^\s*(?:anteilig\s+)?(?:finanziert|gefördert|bezuschusst|erstattet|übernommen)", _I
)

LIMIT_BEFORE = re.compile(
    r"(?:bis zu|maximal|höchstens|max\.|bis|Obergrenze von|nicht mehr als)\s*$", _I
)

# A supplement on top of a rate: "+10 %", "um 10 %", "zuzüglich 5 %", "10 %-Punkte".
BONUS_BEFORE = re.compile(
    r"(?:\+|\bum|zuzüglich|zzgl\.|zusätzlich(?:e[nrs]?)?|weitere[nr]?|Bonus von|Zuschlag von|"
    r"Aufschlag von|erhöhen? sich (?:jeweils )?um|reduzier\w* sich (?:jeweils )?um)\s*$",
    _I,
)

BONUS_AFTER = re.compile(r"^\s?(?:-?Punkt|Prozentpunkt|%-Punkt|Punkte)", _I)

BONUS_NEAR = re.compile(r"\b(?:\w*[Bb]onus|Zuschlag|Aufschlag)\b", _I)

# A threshold ("mehr als 50 %"), not a rate of the grant.
# "nicht mehr als 50 %" is a limit like "höchstens".
THRESHOLD_BEFORE = re.compile(
    r"(?:(?<!nicht )mehr als|über|weniger als|unter|mindestens|wenigstens)\s*$", _I
)

OWN_SHARE = re.compile(
    r"Eigenmittel|Eigenanteil|Eigenbeteiligung|Eigenleistung|Eigen- (?:und|oder)|Drittmittel|"
    r"vom Antragsteller zu tragen|selbst zu tragen|selbst aufzubringen|Eigenmitteln",
    _I,
)

# The Besserstellungsverbot: public money making up more than half of all spending.
BESSERSTELLUNG = re.compile(
    r"Besserstellung|Gesamtausgaben (?:\w+ ){0,4}(?:überwiegend|zu mehr als)|"
    r"aus Zuwendungen der öffentlichen Hand|öffentlichen Hand bestreiten",
    _I,
)

NOT_A_RATE = re.compile(
    r"Beteiligung|beteiligt|Anteilsbesitz|Anteile|Personenmonate|Emission|Einsparung|Reduktion|"
    r"reduzier|Wohnfläche|Zins|Beschäftigte|Umsatz|Kapazität|Dominanz|Aufträge|Gesamtleistung|"
    r"Strom aus|Energiebedarf|Endenergie|Stimmrecht|Treibhaus|verringert|gesenkt|Wohnzweck|"
    r"Mitarbeiter|Auslastung|Verzinsung|Skonto|Rabatt|Mehrwertsteuer|Umsatzsteuer|Abschreibung|"
    r"Dauerarbeitsplätze|Arbeitsplatz|Ausbildungsquote|Einkommen|Kredit|Darlehen|Tilgung|"
    r"Bewertungskriteri|Gewichtung|Anteil der Forschungseinrichtung|Gemeinkosten|Pauschale|"
    r"abgegolten|Personaleinzelkosten|der Personalkosten|übrigen? (?:\w+ )?Kosten|"
    r"Verwaltungskosten|Kumulierung|kumuliert|Teilnehmenden|Frauen|Quote der|"
    r"geförderten Projekte|Anteil der",
    _I,
)

LOAN_NEAR = re.compile(r"\b(?:Kredit|Darlehen)\w*", _I)

LOAN_DOUBT = "Betrag eines Kredits oder Darlehens, kein Zuschuss"

FINANCING = (
    ("anteil", re.compile(r"Anteil(?:s)?finanzierung|anteilig (?:finanziert|gefördert)", _I), 4.0),
    ("fehlbedarf", re.compile(r"Fehlbedarfsfinanzierung|Fehlbetragsfinanzierung", _I), 4.0),
    ("festbetrag", re.compile(r"Festbetragsfinanzierung|Festbetr[aä]g", _I), 4.0),
    ("voll", re.compile(r"Vollfinanzierung|\b100\s?%-Förderung|zu 100 % finanziert", _I), 4.0),
    (
        "festbetrag",
        re.compile(
            r"(?:Pauschalbetr[aä]g\w*|Festbetr[aä]g\w*|Pauschale|Projektzuschuss) "
            r"(?:in Höhe )?von (?:jeweils )?(?:€\s?)?\d",
            _I,
        ),
        3.5,
    ),
    (
        "festbetrag",
        re.compile(
            r"\bpauschal|Pauschalbetr[aä]g|Pauschale[nr]? (?:von|in Höhe)|"
            r"(?:Euro|€)\s?(?:pro|je|/)\s?(?:kWp|m2|m²)",
            _I,
        ),
        1.0,
    ),
    (
        "anteil",
        re.compile(
            r"(?<![\d,.])(?!100\b)\d{1,2}(?:,\d+)?\s?(?:%|Prozent) der (?:\w+ )?"
            r"(?:zuwendungs|förder|beihilfe)fähigen",
            _I,
        ),
        1.0,
    ),
    (
        "voll",
        re.compile(r"\b100\s?(?:%|Prozent) der (?:\w+ )?(?:zuwendungs|förder)fähigen", _I),
        1.0,
    ),
)

# Every FINANCING pattern needs one of these (lower case).
FINANCING_WORDS = ("finanzier", "festbetr", "pauschal", "%", "prozent", "€", "euro", "zuschuss")

NEGATED = re.compile(r"\b(?:nicht|kein\w*)\s+(?:\w+\s+){0,2}$", _I)

RATE_THRESHOLD_DOUBT = "Anteil in einer Bedingung, keine Förderquote"

# A rate noun or verb right before the number: "Fördersatz von grundsätzlich 90 %".
RATE_NEAR = re.compile(
    r"(?:Förderquote|Fördersatz|Beihilfeintensität|Zuschuss|Zuwendung|Förderung|Fördersumme|"
    r"beträgt|betragen|übernimmt|gefördert|in Höhe von|Höhe:|Umfang von|kofinanziert|"
    r"Kofinanzierungsrate|Kofinanzierungssatz)"
    r"\W*(?:\w+\W+){0,4}$",
    _I,
)

ANAPHORA = re.compile(r"^(?:Diese[rs]?|Sie|Er|Der Betrag|Die Höhe)\b")

RATE_CONDITION = re.compile(r"für (?:alle )?Anträge,? die", _I)

RATE_CONDITION_DOUBT = "Förderquote nur unter einer Bedingung"

# "durch das BAFA mit 80 % geförderte Beratungen": the rate of another funder.
OTHER_FUNDER_BEFORE = re.compile(
    r"\b(?:durch|vom|von der|von dem)\s(?:(?:das|die|den)\s)?[A-ZÄÖÜ][\w-]*\s(?:\w+\s)?mit\s*$"
)

OTHER_FUNDER_DOUBT = "Förderquote eines anderen Fördergebers"


def propose_rates(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``funding_rate_max_percent``."""
    found = []
    for sentence in sentences:
        text = sentence.text
        if (
            "%" not in text
            and "Prozent" not in text
            and "v. H" not in text
            and "Hundert" not in text
        ):
            continue  # cheap test first: most sentences have no percentage
        matches = [
            m
            for m in PERCENT.finditer(text)
            if _percent(m) is not None
            and not _is_supplement(text, m)
            and not _is_share_of_spending(text, m)
        ]
        if not matches:
            continue
        cues = " ".join((text, sentence.lead, sentence.context if ANAPHORA.match(text) else ""))
        cue_points = 1.0 if RATE_CUES.search(cues) else 0.0
        cue_points += (
            2.0 if RATE_STRONG.search(cues) or RATE_STRONG.search(sentence.heading) else 0.0
        )
        not_rate = [m.span() for m in NOT_A_RATE.finditer(text)]
        points = {m.start(): _rate_points(text, m, sentence.lead) for m in matches}
        # Rates listed side by side ("… bis 40 % der Nettokosten, gemeinwohlorientierte
        # Vorhaben 60 %") share what the best-described one says of itself.
        shared = max(points.values()) - 0.5
        largest = max(_percent(m) or 0 for m in matches)
        for match in matches:
            value = _percent(match)
            if value is None:
                continue
            before = text[max(0, match.start() - 60) : match.start()]
            near = (max(0, match.start() - 80), match.end() + 60)
            score = 1.0 + max(points[match.start()], shared) + cue_points
            score += 0.5 if value == largest and len(matches) > 1 else 0.0
            score -= 4.0 if within(not_rate, *near) else 0.0
            doubt = None
            if LOAN_NEAR.search(comma_part(text, match.start(), match.end()) + before[-40:]):
                doubt = LOAN_DOUBT
            elif THRESHOLD_BEFORE.search(before):
                score -= 2.0
                doubt = RATE_THRESHOLD_DOUBT
            elif RATE_CONDITION.search(text[: match.start()]):
                doubt = RATE_CONDITION_DOUBT
            elif EXAMPLE.match(text):
                doubt = EXAMPLE_DOUBT
            elif OTHER_FUNDER_BEFORE.search(before):
                score -= 2.0
                doubt = OTHER_FUNDER_DOUBT
            score += section_bonus(sentence, "amount")
            if kept(score, sentence, 3.0):
                found.append(
                    candidate(
                        "funding_rate_max_percent",
                        value,
                        sentence,
                        match.start(),
                        match.end(),
                        score,
                        doubt,
                    )
                )
    return found


def _rate_points(text: str, match: re.Match[str], lead: str = "") -> float:
    """What the words right around one percentage say: a share of the costs, a limit; a rate
    at the start of a list item is read with the sentence that introduces the list."""
    before = (lead + " " + text[: match.start()])[-60:]
    after = text[match.end() :]
    cost = COST_AFTER.match(after) or (
        FUNDED_AFTER.match(after) and COST_BEFORE.search(text[: match.start()])
    )
    points = 1.5 if cost else 1.0 if FUNDED_AFTER.match(after) else 0.0
    # "… % der förderfähigen Kosten": the word of the rules for what a rate applies to
    points += 0.5 if cost and ELIGIBLE_AFTER.match(after) else 0.0
    points += 1.0 if LIMIT_BEFORE.search(before) else 0.0
    points += 1.5 if RATE_NEAR.search(before[-45:]) else 0.0
    return points


def _is_supplement(text: str, match: re.Match[str]) -> bool:
    """A bonus or surcharge on top of a rate ("+10 %", "um 10 %-Punkte", "KMU-Bonus 10 %")."""
    before = text[max(0, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 20]
    if BONUS_BEFORE.search(before) or BONUS_AFTER.match(after):
        return True
    close = text[max(0, match.start() - 25) : match.start()]
    return bool(BONUS_NEAR.search(close)) and not RATE_STRONG.search(close)


def _is_share_of_spending(text: str, match: re.Match[str]) -> bool:
    """The applicant's own share or the Besserstellungsverbot's public share: no rate.

    An own-share word counts for the number it stands next to: "Eigenanteil von 20 %",
    "20 % sind vom Antragsteller zu tragen", but not for the 80 % in "Fördersatz von
    80 Prozent und einem Eigenanteil von 20 Prozent".
    """
    local = comma_part(text, match.start(), match.end())
    if BESSERSTELLUNG.search(local):
        return True
    if OWN_SHARE.search(text[max(0, match.start() - 30) : match.start()]):
        return True
    after = local[local.find(match.group(0)) + len(match.group(0)) :][:60]
    own = OWN_SHARE.search(after)
    return own is not None and PERCENT.search(after[own.end() : own.end() + 25]) is None


def propose_financing(sentences: list[Sentence]) -> list[Proposal]:
    """Candidates for ``financing_type`` from the wording (Anteil-, Fehlbedarfs-, Festbetrag …)."""
    found = []
    for sentence in sentences:
        low = sentence.text.lower()
        if not any(word in low for word in FINANCING_WORDS):
            continue  # cheap test first
        for value, pattern, weight in FINANCING:
            match = pattern.search(sentence.text)
            if match is None or NEGATED.search(sentence.text[: match.start()]):
                continue
            score = weight + section_bonus(sentence, "amount", 2.0)
            if kept(score, sentence, 1.0):
                found.append(
                    candidate("financing_type", value, sentence, match.start(), match.end(), score)
                )
    return found


def _percent(match: re.Match[str]) -> Decimal | None:
    value = parse_number(match.group("num"))
    if value is None or not Decimal(0) < value <= Decimal(100):
        return None
    return value
